import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';

import type { Rating } from '../tickets/tickets.port';
import type { ResidentRef } from '../common/resident';
import { inTransaction } from '../tickets/lifecycle/transaction';
import { ConsultationParticipantEntity, TopicResidentEntity } from './consultation.entities';
import { ConsultationNotes } from './consultation-notes';
import { ConsultationsRepository } from './consultations.repository';
import type { ResidentInvitationsPort } from './invitations.port';
import { chinaTime } from '../common/china-time';

/** Residents' answers from the chat: accepting or declining an invitation, rating an outcome (ping jia). */
@Injectable()
export class InvitationsService implements ResidentInvitationsPort {
  constructor(
    private readonly repo: ConsultationsRepository,
    private readonly notes: ConsultationNotes,
    private readonly clock: Clock,
  ) {}

  async awaiting(resident: ResidentRef): Promise<{ invitation: boolean; outcome: boolean }> {
    const [open, unrated] = await Promise.all([
      this.repo.openInvitations(resident.channel, resident.externalId, this.clock.now()),
      this.repo.unratedOutcomes(resident.channel, resident.externalId),
    ]);
    return { invitation: open.length > 0, outcome: unrated.length > 0 };
  }

  async answer(resident: ResidentRef, accept: boolean): Promise<{ time: string; place: string } | null> {
    const [open] = await this.repo.openInvitations(resident.channel, resident.externalId, this.clock.now());
    if (!open) return null;
    const now = this.clock.now();
    await inTransaction(this.repo.dataSource, async (em) => {
      await this.repo.of(ConsultationParticipantEntity, em).update({ id: open.participant.id, response: 'invited' }, { response: accept ? 'accepted' : 'declined', respondedAt: now });
      await this.notes.events(em, [open.resident.ticketId], 'invitation_answered', 'resident', { consultationId: open.consultation.id, response: accept ? 'accepted' : 'declined' });
    });
    return { time: chinaTime(open.consultation.startsAt), place: open.consultation.place };
  }

  async rate(resident: ResidentRef, rating: Rating): Promise<boolean> {
    const [row] = await this.repo.unratedOutcomes(resident.channel, resident.externalId);
    if (!row) return false;
    await inTransaction(this.repo.dataSource, async (em) => {
      await this.repo.of(TopicResidentEntity, em).update({ id: row.id }, { rating, ratedAt: this.clock.now() });
      await this.notes.events(em, [row.ticketId], 'outcome_rated', 'resident', { topicId: row.topicId, rating });
    });
    return true;
  }
}
