import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { maskResidentText } from '../../common/privacy';
import { residentHandle } from '../../common/resident-handle';
import { OrgService } from '../../org/org.service';
import { RoutingService } from '../../routing/routing.service';
import { TicketDispositionService } from '../lifecycle/ticket-disposition.service';
import type { TicketEntity } from '../ticket.entity';
import { invalid, TicketMoves } from '../lifecycle/ticket-moves';
import { TicketNotifier } from '../lifecycle/ticket-notifier';
import { TicketException, TicketExceptionCode as Code } from '../ticket.exception';
import { OPEN_STATES, RESIDENT } from '../ticket.types';
import { TICKETS_CONFIG, type TicketsConfig } from '../../config/tickets.config';
import type { FiledConcern, NewConcern, Rating, ResidentTicketsPort, ResidentTicketView, RoutePreview, SimilarConcern } from '../tickets.port';
import type { AttachmentRef, ResidentRef } from '../../common/resident';
import { isFiler, TicketsService } from '../tickets.service';
import { concernProfile, deriveTitle, profileSimilarity } from './similarity';
import { recordSectorAnswer } from '../lifecycle/corrections';

/** The resident's side of tickets, as the conversation module sees it (ResidentTicketsPort). */
@Injectable()
export class ResidentTicketsService implements ResidentTicketsPort {
  constructor(
    private readonly tickets: TicketsService,
    private readonly disposition: TicketDispositionService,
    private readonly moves: TicketMoves,
    private readonly routing: RoutingService,
    private readonly notifier: TicketNotifier,
    private readonly org: OrgService,
    @Inject(TICKETS_CONFIG) private readonly config: TicketsConfig,
    private readonly clock: Clock,
  ) {}

  async previewRoute(text: string, areaCode: string | null, chosenSector?: string | null): Promise<RoutePreview> {
    const d = await this.routing.route({ text, title: deriveTitle(text), areaCode, chosenSector });
    return { classification: d.classification, sector: d.sector, committee: d.committee, workstation: d.workstation, triage: d.triage, reasons: d.reasons, question: d.question };
  }

  async fileConcern(concern: NewConcern): Promise<FiledConcern> {
    if (!concern.text?.trim()) throw invalid('a concern needs text');
    // The same message handled again after a crash (its turn was not saved) finds the ticket it filed.
    const filed = concern.sourceKey ? await this.tickets.repo.findBySourceKey(concern.sourceKey) : null;
    if (filed) return { ticket: await this.view(filed), expectedAnswerBy: filed.answerDeadline!, similar: await this.similar(filed) };
    const route = await this.routing.route({ text: concern.text, title: deriveTitle(concern.text), areaCode: concern.areaCode, chosenSector: concern.chosenSector });
    const [ticket] = await this.tickets.createMany([{ concern, route }]);
    if (concern.sectorAnswer) {
      const answer = { ticketId: ticket.id, title: ticket.title, text: concern.text, residentId: residentHandle(ticket.residentChannel, ticket.residentExternalId), ...concern.sectorAnswer };
      await recordSectorAnswer(this.tickets.repo.dataSource, answer, this.clock.now());
    }
    const [view, similar] = await Promise.all([this.view(ticket), this.similar(ticket)]);
    return { ticket: view, expectedAnswerBy: ticket.answerDeadline!, similar };
  }

  /**
   * Open tickets of the same area that are the same concern (concernSimilarity ≥ threshold), as number and
   * sector only: their titles are other residents' words, names and phones included.
   */
  async similar(ticket: TicketEntity): Promise<SimilarConcern[]> {
    if (!ticket.areaCode || this.config.similar.shown === 0) return [];
    const candidates = await this.tickets.repo.openInArea(ticket.areaCode, this.config.similar.candidates);
    const profile = concernProfile(ticket.text, this.config.similar);
    const scored = candidates
      .filter((c) => c.id !== ticket.id)
      .map((c) => ({ c, score: profileSimilarity(profile, concernProfile(c.text, this.config.similar)) }))
      .filter((s) => s.score >= this.config.similar.threshold)
      .sort((a, b) => b.score - a.score || b.c.id - a.c.id)
      .slice(0, this.config.similar.shown);
    const names = scored.length ? await this.tickets.repo.names() : null;
    return scored.map((s) => ({ number: s.c.number, sectorName: names?.sectors.get(s.c.sectorCode ?? '') ?? null }));
  }

  async supportTicket(number: string, resident: ResidentRef): Promise<ResidentTicketView> {
    return this.view(await this.tickets.support(number, resident));
  }

  async findForResident(number: string, resident: ResidentRef): Promise<ResidentTicketView | null> {
    const t = await this.tickets.repo.findByNumber(number);
    return t && isFiler(t, resident) ? this.view(t) : null;
  }

  async matchForResident(ending: string, resident: ResidentRef, limit = 10): Promise<ResidentTicketView[]> {
    const rows = await this.tickets.repo.forResidentEndingWith(resident.channel, resident.externalId, ending, limit);
    return Promise.all(rows.map((t) => this.view(t)));
  }

  async listForResident(resident: ResidentRef, limit = 10): Promise<ResidentTicketView[]> {
    const rows = await this.tickets.repo.forResident(resident.channel, resident.externalId, limit);
    return Promise.all(rows.map((t) => this.view(t)));
  }

  /** Addition: text and attachments for an open ticket; the assignee (or the queue, duty member first) hears of it. */
  async addInformation(number: string, resident: ResidentRef, addition: { text?: string; attachments?: AttachmentRef[] }): Promise<ResidentTicketView> {
    const text = addition.text?.trim() ?? '';
    const attachments = addition.attachments ?? [];
    if (!text && attachments.length === 0) throw invalid('an addition needs text or attachments');
    const updated = await this.moves.apply(number, RESIDENT, {
      type: 'information_added',
      from: OPEN_STATES,
      reason: text || null,
      allow: (t) => {
        if (!isFiler(t, resident)) throw new TicketException(`ticket ${number} not found`, Code.TICKET_NOT_FOUND, { number });
      },
      changes: (t) => (attachments.length > 0 ? { attachments: [...t.attachments, ...attachments] } : {}),
      effects: async (em, _b, after, eventId, now) => {
        if (text) await this.moves.repo.addNote(em, { ticketId: after.id, kind: 'addition', author: 'resident', workstationCode: null, text, createdAt: now });
        // The queue has not taken the ticket: it reads the addition masked, like the ticket itself.
        const to = after.assigneeUserid ? [after.assigneeUserid] : await this.queue(after, now);
        const shown = after.assigneeUserid ? text : maskResidentText(text, [after.residentName]);
        await this.notifier.toMembers(em, after, `e${eventId}:addition`, to, this.notifier.t('member.addition', { number: after.number, text: shown }));
      },
    });
    return this.view(updated);
  }

  async rate(number: string, resident: ResidentRef, rating: Rating, comment?: string | null): Promise<ResidentTicketView> {
    return this.view(await this.disposition.rate(number, resident, rating, comment));
  }

  async commentOnRating(number: string, resident: ResidentRef, comment: string): Promise<ResidentTicketView> {
    return this.view(await this.disposition.commentOnRating(number, resident, comment));
  }

  async awaitingRating(resident: ResidentRef): Promise<{ number: string; answeredAt: Date } | null> {
    const rows = await this.tickets.repo.forResident(resident.channel, resident.externalId, 20);
    const answered = rows
      .filter((t) => t.state === 'answered' && t.answeredAt)
      .map((t) => ({ number: t.number, answeredAt: new Date(t.answeredAt!) }))
      .sort((a, b) => b.answeredAt.getTime() - a.answeredAt.getTime());
    return answered[0] ?? null;
  }

  async view(t: TicketEntity): Promise<ResidentTicketView> {
    const [names, reply] = await Promise.all([this.tickets.repo.names(), this.tickets.repo.latestNote(t.id, 'reply')]);
    return {
      number: t.number,
      title: t.title,
      state: t.state,
      sectorName: t.sectorCode ? names.sectors.get(t.sectorCode) ?? null : null,
      workstationName: names.workstations.get(t.workstationCode) ?? t.workstationCode,
      createdAt: t.createdAt,
      takeDeadline: t.takeDeadline,
      answerDeadline: t.answerDeadline,
      latestReply: reply?.text ?? null,
      rating: t.rating,
      open: t.state !== 'closed' && t.state !== 'merged',
    };
  }

  private async queue(t: TicketEntity, now: Date): Promise<string[]> {
    return (await this.org.membersDutyFirst(t.workstationCode, now)).map((m) => m.userid);
  }
}
