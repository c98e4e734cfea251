import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { OrgService } from '../../org/org.service';
import { RoutingService } from '../../routing/routing.service';
import { TicketDeadlines } from './ticket-deadlines';
import type { TicketEntity } from '../ticket.entity';
import { invalid, TicketMoves } from './ticket-moves';
import { TicketNotifier } from './ticket-notifier';
import { TicketException, TicketExceptionCode as Code } from '../ticket.exception';
import { member } from '../ticket.types';

export interface RerouteTarget {
  /** A named studio wins; else the committee's studio for the ticket's area; else routing by the sector. */
  workstationCode?: string | null;
  committeeCode?: string | null;
  /** A sector code or name; a change of sector is recorded as a classifier correction. */
  sector?: string | null;
  reason: string;
}

interface Resolved {
  workstationCode: string;
  committeeCode: string | null;
  sectorCode: string | null;
  reasons: string[];
}

/** Re-routing an untaken ticket to another studio or committee (the office's triage, or a studio that says "not ours"). */
@Injectable()
export class TicketRerouteService {
  constructor(
    private readonly moves: TicketMoves,
    private readonly routing: RoutingService,
    private readonly org: OrgService,
    private readonly deadlines: TicketDeadlines,
    private readonly notifier: TicketNotifier,
    private readonly clock: Clock,
  ) {}

  async reroute(number: string, userid: string, target: RerouteTarget): Promise<TicketEntity> {
    if (!target.reason?.trim()) throw invalid('re-routing needs a reason');
    const current = await this.moves.repo.findByNumber(number);
    if (!current) throw new TicketException(`ticket ${number} not found`, Code.TICKET_NOT_FOUND, { number });
    const to = await this.resolve(current, target);
    const sectors = await this.org.repo.activeSectors();
    const nameOf = (code: string | null) => sectors.find((s) => s.code === code)?.name ?? null;
    const members = (await this.org.membersDutyFirst(to.workstationCode, this.clock.now())).map((m) => m.userid);
    const areas = new Map((await this.org.repo.activeAreas()).map((a) => [a.code, a.name]));
    return this.moves.apply(number, member(userid), {
      type: 'rerouted',
      from: ['submitted'],
      reason: `${target.reason} | ${to.reasons.join('; ')}`,
      allow: (t) => this.moves.requireQueueMember(userid, t).then(() => undefined),
      changes: (t, now) => ({
        workstationCode: to.workstationCode,
        committeeCode: to.committeeCode,
        sectorCode: to.sectorCode,
        takeDeadline: this.deadlines.takeBy(now, t.priority),
        explanation: { keywords: t.explanation?.keywords ?? [], triageReason: t.explanation?.triageReason ?? null, reasons: to.reasons },
      }),
      effects: async (em, before, after, eventId, now) => {
        if (to.sectorCode && to.sectorCode !== before.sectorCode) {
          await this.moves.repo.addCorrection(em, {
            ticketId: after.id, text: after.text, title: after.title, fromSector: nameOf(before.sectorCode), toSector: nameOf(to.sectorCode)!, createdBy: userid, createdAt: now,
          });
        }
        await this.deadlines.schedule(em, after, 'take', now, after.takeDeadline!);
        const names = { sector: nameOf(after.sectorCode) ?? this.notifier.t('none'), area: (after.areaCode && areas.get(after.areaCode)) || this.notifier.t('none') };
        await this.notifier.newTicket(em, after, `e${eventId}:rerouted`, members, names);
      },
    });
  }

  private async resolve(ticket: TicketEntity, target: RerouteTarget): Promise<Resolved> {
    const reasons = [`rerouted-by-member`];
    const sectors = await this.org.repo.activeSectors();
    const sector = target.sector ? sectors.find((s) => s.code === target.sector || s.name === target.sector) : null;
    if (target.sector && !sector) throw invalid(`unknown sector "${target.sector}"`);
    let sectorCode = sector?.code ?? ticket.sectorCode;
    if (target.workstationCode) {
      const ws = await this.org.repo.workstation(target.workstationCode);
      if (!ws || !ws.active) throw new TicketException(`no workstation ${target.workstationCode}`, Code.WORKSTATION_NOT_FOUND, { workstation: target.workstationCode });
      reasons.push(`workstation:chosen:${ws.code}`);
      return { workstationCode: ws.code, committeeCode: ws.kind === 'triage' ? null : ws.committeeCode, sectorCode, reasons };
    }
    if (target.committeeCode) {
      const committee = await this.org.repo.committee(target.committeeCode);
      if (!committee || !committee.active) throw invalid(`unknown committee "${target.committeeCode}"`);
      if (!sectorCode || !committee.sectorCodes.includes(sectorCode)) sectorCode = committee.sectorCodes[0] ?? null;
      reasons.push(`committee:chosen:${committee.code}`);
    }
    if (!sectorCode) throw invalid('re-routing needs a workstation, a committee or a sector');
    const found = await this.routing.workstationFor(sectorCode, ticket.areaCode, reasons);
    if (!found) throw new TicketException(`no studio for sector ${sectorCode}`, Code.WORKSTATION_NOT_FOUND, { sector: sectorCode });
    return { workstationCode: found.workstation.code, committeeCode: found.committee.code, sectorCode, reasons };
  }
}
