import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { isUniqueViolation } from '../database/claim';
import { OrgService } from '../org/org.service';
import type { ReceptionHours, WorkstationEntity } from '../org/workstation.entity';
import { OutboxService } from '../outbox/outbox.service';
import { BookingRepository } from './booking.repository';
import type { ReceptionBookingEntity } from '../tickets/calendar/reception-booking.entity';
import { chinaInstant, chinaWallClock } from '../common/china-time';

export const SLOT_MINUTES = 30;
const DAYS_AHEAD = 14;

/** Who is coming and what about, as the booking dialog asks it. */
export interface VisitorDetails {
  visitorName: string | null;
  visitorPhone: string | null;
  purpose: string | null;
}
const EMPTY_VISITOR: VisitorDetails = { visitorName: null, visitorPhone: null, purpose: null };

/** The 30-minute slots of a workstation's weekly reception hours in the next two weeks, after `now`. */
export function receptionSlots(hours: ReceptionHours[], now: Date, days = DAYS_AHEAD): Date[] {
  const slots: Date[] = [];
  for (let d = 0; d < days; d++) {
    const local = chinaWallClock(new Date(now.getTime() + d * 86_400_000));
    const date = local.toISOString().slice(0, 10);
    const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
    for (const window of hours.filter((h) => h.weekday === weekday).sort((a, b) => a.start.localeCompare(b.start))) {
      const end = chinaInstant(date, window.end).getTime();
      for (let t = chinaInstant(date, window.start).getTime(); t + SLOT_MINUTES * 60_000 <= end; t += SLOT_MINUTES * 60_000) {
        if (t > now.getTime()) slots.push(new Date(t));
      }
    }
  }
  return slots;
}

export type BookingLimit = 'limit_resident' | 'limit_address';
export type BookResult = { ok: true; booking: ReceptionBookingEntity } | { ok: false; reason: 'taken' | BookingLimit };

/** Who is booking: the session key, and for the web chat the network address (kept only as a hash). */
export interface Booker {
  residentKey: string;
  address?: string | null;
}

const WEEK_MS = 7 * 86_400_000;
const addressKeyOf = (address: string | null | undefined): string | null =>
  address ? createHash('sha256').update(`minyi-booking:${address}`).digest('hex').slice(0, 32) : null;

/** Reception visits (the "book a visit" menu item): free slots, booking with the duty member told, cancelling. */
@Injectable()
export class BookingService {
  constructor(
    private readonly repo: BookingRepository,
    private readonly org: OrgService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** How many visits one resident may book in 7 days (shown in the refusal). */
  get perResidentLimit(): number {
    return this.config.booking.perResidentPerWeek;
  }

  /**
   * Which weekly limit the booker has reached, if any: throwaway ids must not fill a studio's reception and
   * page its duty member for every slot.
   */
  async limitReached(booker: Booker): Promise<BookingLimit | null> {
    const since = new Date(this.clock.now().getTime() - WEEK_MS);
    const { perResidentPerWeek, perAddressPerWeek } = this.config.booking;
    if (perResidentPerWeek > 0 && (await this.repo.countSince(since, { residentKey: booker.residentKey })) >= perResidentPerWeek) return 'limit_resident';
    const addressKey = addressKeyOf(booker.address);
    if (addressKey && perAddressPerWeek > 0 && (await this.repo.countSince(since, { addressKey })) >= perAddressPerWeek) return 'limit_address';
    return null;
  }

  async freeSlots(workstation: WorkstationEntity, limit: number): Promise<Date[]> {
    const now = this.clock.now();
    const all = receptionSlots(workstation.receptionHours, now);
    if (all.length === 0) return [];
    const booked = await this.repo.bookedBetween(workstation.code, all[0], all[all.length - 1]);
    const taken = new Set(booked.map((b) => new Date(b.slotStart).getTime()));
    return all.filter((s) => !taken.has(s.getTime())).slice(0, limit);
  }

  upcoming(residentKey: string): Promise<ReceptionBookingEntity | null> {
    return this.repo.upcomingFor(residentKey, this.clock.now());
  }

  /** Books the slot and tells the duty member, in one transaction; `taken` when someone was faster. */
  async book(workstationCode: string, slotStart: Date, booker: Booker, notice: (memberUserid: string) => string, visitor: VisitorDetails = EMPTY_VISITOR): Promise<BookResult> {
    const limit = await this.limitReached(booker);
    if (limit) return { ok: false, reason: limit };
    const residentKey = booker.residentKey;
    const member = await this.org.dutyMember(workstationCode, slotStart);
    try {
      const booking = await this.repo.dataSource.transaction(async (em) => {
        const row = await this.repo.insert(em, { workstationCode, slotStart, residentKey, memberUserid: member?.userid ?? null, addressKey: addressKeyOf(booker.address), ...visitor });
        if (member) {
          await this.outbox.enqueue(em, {
            idempotencyKey: `booking:${row.id}:booked`,
            channel: 'wecom_app',
            recipient: member.userid,
            kind: 'text',
            payload: { text: notice(member.userid) },
          });
        }
        return row;
      });
      return { ok: true, booking };
    } catch (e) {
      if (isUniqueViolation(e)) return { ok: false, reason: 'taken' };
      throw e;
    }
  }

  async cancel(booking: ReceptionBookingEntity, notice: string): Promise<void> {
    await this.repo.dataSource.transaction(async (em) => {
      await this.repo.remove(em, booking.id);
      if (booking.memberUserid) {
        await this.outbox.enqueue(em, {
          idempotencyKey: `booking:${booking.id}:cancelled`,
          channel: 'wecom_app',
          recipient: booking.memberUserid,
          kind: 'text',
          payload: { text: notice },
        });
      }
    });
  }
}
