import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { I18nService } from '../../i18n/i18n.service';
import { OrgRepository } from '../../org/org.repository';
import { OutboxMessageEntity } from '../../outbox/outbox-message.entity';
import { OutboxService } from '../../outbox/outbox.service';
import { TicketLifecycleService } from '../../tickets/lifecycle/ticket-lifecycle.service';
import { parseTakeKey, WAY_QUESTION } from '../../tickets/ticket-links';
import { TicketException, TicketExceptionCode } from '../../tickets/ticket.exception';
import { WAYS_OF_WORKING, type Activity, type WayOfWorking } from '../../tickets/ticket.types';
import type { TemplateCardEvent } from './wecom-messages';

/** A card has room for one choice; the activity follows from the way and can be changed in the console. */
const ACTIVITY_FOR_WAY: Record<WayOfWorking, Activity> = {
  bridge: 'micro_consultation',
  expert: 'micro_research',
  welfare: 'micro_welfare',
};

/**
 * A member clicked the take button on a ticket card: take the ticket through the tickets module, then grey out every copy of
 * the card (each member got their own) with who took it. A second click anywhere is told who has it.
 */
@Injectable()
export class WecomCardActions {
  private readonly logger = new Logger('WecomCardActions');

  constructor(
    private readonly lifecycle: TicketLifecycleService,
    private readonly org: OrgRepository,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
    private readonly i18n: I18nService,
  ) {}

  async handle(click: TemplateCardEvent, inboxId: number): Promise<void> {
    const number = parseTakeKey(click.eventKey);
    if (!number) {
      this.logger.warn(`unknown card key ${click.eventKey}`);
      return;
    }
    const chosen = click.selectedItems.find((s) => s.questionKey === WAY_QUESTION)?.optionIds[0];
    const way: WayOfWorking = WAYS_OF_WORKING.find((w) => w === chosen) ?? 'bridge';
    try {
      const ticket = await this.lifecycle.take(number, click.fromUserName, { way, activity: ACTIVITY_FOR_WAY[way] });
      const taker = (await this.org.member(click.fromUserName))?.name ?? click.fromUserName;
      await this.greyOutCards(ticket.id, click, this.i18n.t('wecom.card.takenBy', { member: taker }), inboxId);
    } catch (e) {
      if (!(e instanceof TicketException)) throw e;
      await this.refuse(e, number, click, inboxId);
    }
  }

  private async refuse(e: TicketException, number: string, click: TemplateCardEvent, inboxId: number): Promise<void> {
    let text: string;
    let replace: string | null = null;
    if (e.code === TicketExceptionCode.ALREADY_TAKEN) {
      const assignee = String(e.details?.assignee ?? '');
      const member = (await this.org.member(assignee))?.name ?? assignee;
      text = this.i18n.t('wecom.card.alreadyTaken', { number, member });
      replace = this.i18n.t('wecom.card.takenBy', { member });
    } else {
      const reason = this.i18n.has(`wecom.card.reason.${e.code}`) ? this.i18n.t(`wecom.card.reason.${e.code}`) : e.code;
      text = this.i18n.t('wecom.card.takeFailed', { number, reason });
    }
    await this.dataSource.transaction(async (em) => {
      await this.outbox.enqueue(em, {
        idempotencyKey: `inbox:${inboxId}:card-refused`,
        channel: 'wecom_app',
        recipient: click.fromUserName,
        kind: 'text',
        payload: { text },
      });
      if (replace && click.responseCode) {
        await this.outbox.enqueue(em, {
          idempotencyKey: `inbox:${inboxId}:card-update`,
          channel: 'wecom_app',
          recipient: click.fromUserName,
          kind: 'card_update',
          payload: { update: { responseCode: click.responseCode, replaceText: replace, userids: [click.fromUserName] } },
        });
      }
    });
  }

  /** Each card was sent to one member and carries its own one-use response_code; the clicker's card uses the click's. */
  private async greyOutCards(ticketId: number, click: TemplateCardEvent, replaceText: string, inboxId: number): Promise<void> {
    const cards = await this.dataSource
      .getRepository(OutboxMessageEntity)
      .find({ where: { ticketId, kind: 'template_card', state: 'sent' }, order: { id: 'ASC' } });
    await this.dataSource.transaction(async (em) => {
      for (const card of cards) {
        const own = card.recipient === click.fromUserName;
        const responseCode = own ? click.responseCode : String(card.result?.response_code ?? '');
        if (!responseCode) continue;
        await this.outbox.enqueue(em, {
          idempotencyKey: `card:${card.id}:taken:${inboxId}`,
          channel: 'wecom_app',
          recipient: card.recipient,
          kind: 'card_update',
          payload: { update: { responseCode, replaceText, userids: [card.recipient] } },
          ticketId,
        });
      }
    });
  }
}
