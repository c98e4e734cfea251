import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { Principal } from '../auth/principal';
import { AppException } from '../common/app.exception';
import { OutboxService } from '../outbox/outbox.service';
import { RATINGS } from '../tickets/ticket.types';
import type { Rating } from '../tickets/tickets.port';
import { inTransaction } from '../tickets/lifecycle/transaction';
import { TopicEntity } from './consultation.entities';
import { ConsultationNotes } from './consultation-notes';
import { ConsultationsRepository } from './consultations.repository';
import { TopicsService, TopicView } from './topics.service';

/** The rating buttons of the rating dialog, so a tap reads the same as typing the word. */
const BUTTON: Record<Rating, string> = { satisfied: 'rate.satisfied_btn', basically_satisfied: 'rate.basic_btn', not_satisfied: 'rate.not_btn' };

/** Closing the loop (zhuan hua → ping jia): every resident of the topic hears the outcome in their chat and may rate it. */
@Injectable()
export class OutcomeService {
  constructor(
    private readonly repo: ConsultationsRepository,
    private readonly topics: TopicsService,
    private readonly notes: ConsultationNotes,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async tell(p: Principal, topicId: number, outcome: string): Promise<TopicView> {
    const topic = await this.topics.visible(p, topicId);
    if (topic.state === 'open') throw new AppException('CONFLICT', `topic #${topicId} is not selected yet`);
    const [residents, ticketIds] = await Promise.all([this.repo.topicResidents(topicId), this.repo.topicTicketIds(topicId)]);
    const now = this.clock.now();
    await inTransaction(this.repo.dataSource, async (em) => {
      await this.repo.of(TopicEntity, em).update({ id: topicId }, { outcome, toldAt: now, state: 'converted', updatedAt: now });
      for (const r of residents) {
        const t = (key: string, vars: Record<string, unknown> = {}) => this.notes.t(key, vars, r.locale);
        await this.outbox.enqueue(em, {
          // A second telling (a corrected outcome) is a new message.
          idempotencyKey: `topic:${topicId}:outcome:${now.getTime()}:${r.id}`, channel: r.residentChannel, recipient: r.residentExternalId, openKfId: r.residentOpenKfId, kind: 'msgmenu',
          payload: { text: t('consult.outcome', { topic: topic.title, outcome }), options: RATINGS.map((rating) => ({ id: t(BUTTON[rating]), label: t(BUTTON[rating]) })) },
          ticketId: r.ticketId,
        });
      }
      await this.notes.events(em, ticketIds, 'outcome_told', p.userid, { topicId, residents: residents.length }, outcome);
    });
    return this.topics.view((await this.repo.topic(topicId))!);
  }
}
