import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Clock } from '../../common/clock';
import { maskName, maskPhone } from '../../common/privacy';
import { BookingRepository } from '../../conversation/booking.repository';
import { OrgRepository } from '../../org/org.repository';
import { ConsoleAuth, CurrentPrincipal } from '../../auth/console-auth.decorator';
import type { Principal } from '../../auth/principal';
import { ScopeService } from '../../auth/scope.service';
import { ZodQuery } from '../../common/zod-body';

const DAY_MS = 86_400_000;

export const bookingsQuerySchema = z
  .object({ from: z.coerce.date().optional(), to: z.coerce.date().optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['to'] });

export interface BookingView {
  id: number;
  workstationCode: string;
  workstationName: string;
  slotStart: Date;
  memberName: string | null;
  /** Whole for the member on duty at that visit and for the office; masked for the studio's other members. */
  visitorName: string | null;
  visitorPhone: string | null;
  purpose: string | null;
  mine: boolean;
}

/** Reception visits residents booked in the web chat or WeCom, for the studios the caller can see. */
@Injectable()
export class BookingsService {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly org: OrgRepository,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  async list(p: Principal, from?: Date, to?: Date): Promise<BookingView[]> {
    const now = this.clock.now();
    const start = from ?? new Date(now.getTime() - DAY_MS);
    const end = to ?? new Date(now.getTime() + 14 * DAY_MS);
    const codes = await this.scope.workstationsVisibleTo(p);
    if (!codes.length) return [];
    const rows = await this.bookings.inStudiosBetween(codes, start, end);
    const [studios, members] = await Promise.all([
      this.org.workstationNames(codes),
      this.org.memberNames([...new Set(rows.map((r) => r.memberUserid).filter((u): u is string => !!u))]),
    ]);
    return rows.map((r) => {
      const mine = r.memberUserid === p.userid;
      const whole = mine || p.role === 'office_admin';
      return {
        id: r.id,
        workstationCode: r.workstationCode,
        workstationName: studios.get(r.workstationCode) ?? r.workstationCode,
        slotStart: r.slotStart,
        memberName: r.memberUserid ? (members.get(r.memberUserid) ?? null) : null,
        visitorName: whole ? r.visitorName : maskName(r.visitorName),
        visitorPhone: whole ? r.visitorPhone : maskPhone(r.visitorPhone),
        purpose: r.purpose,
        mine,
      };
    });
  }
}

@ApiTags('bookings')
@ConsoleAuth('member')
@Controller('api/member/bookings')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Get()
  @ApiOperation({ summary: "Reception bookings of the caller's studios (default: from yesterday for two weeks), soonest first" })
  list(@CurrentPrincipal() p: Principal, @ZodQuery(bookingsQuerySchema) q: z.infer<typeof bookingsQuerySchema>): Promise<BookingView[]> {
    return this.bookings.list(p, q.from, q.to);
  }
}
