import { Inject, Injectable } from '@nestjs/common';
import { chinaTime } from '../../common/china-time';
import type { EntityManager } from 'typeorm';
import { maskResidentText } from '../../common/privacy';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { I18nService } from '../../i18n/i18n.service';
import { OutboxService } from '../../outbox/outbox.service';
import type { TicketEntity } from '../ticket.entity';
import { ratingId, takeKey, ticketUrl, WAY_QUESTION, type TicketLinkAction } from '../ticket-links';
import { RATINGS, WAYS_OF_WORKING } from '../ticket.types';


export interface MemberRecipient {
  userid: string;
}

/**
 * Writes every ticket notification to the outbox with the caller's EntityManager, so a message exists exactly when
 * its change committed. `key` makes each logical message unique (a retried change does not send twice).
 */
@Injectable()
export class TicketNotifier {
  constructor(
    private readonly outbox: OutboxService,
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The console page of a ticket, for link buttons on member cards. */
  ticketUrl(number: string, action?: TicketLinkAction): string {
    return ticketUrl(this.config.server.publicUrl, { number, action });
  }

  t(key: string, vars: Record<string, unknown> = {}, locale?: string): string {
    return this.i18n.t(`tickets.${key}`, vars, locale);
  }

  async toResident(em: EntityManager, ticket: TicketEntity, key: string, text: string, withRating = false): Promise<void> {
    await this.outbox.enqueue(em, {
      idempotencyKey: `ticket:${ticket.id}:${key}:resident`,
      channel: ticket.residentChannel,
      recipient: ticket.residentExternalId,
      openKfId: ticket.residentOpenKfId,
      kind: withRating ? 'msgmenu' : 'text',
      payload: withRating
        ? {
            text,
            options: RATINGS.map((r) => ({
              id: ratingId(ticket.number, r),
              label: this.t(`rating.${r}`, {}, ticket.locale),
            })),
          }
        : { text },
      ticketId: ticket.id,
    });
  }

  /** Members hear in the order given (the duty member first). */
  async toMembers(em: EntityManager, ticket: TicketEntity, key: string, userids: string[], text: string): Promise<void> {
    for (const userid of unique(userids)) {
      await this.outbox.enqueue(em, {
        idempotencyKey: `ticket:${ticket.id}:${key}:${userid}`,
        channel: 'wecom_app',
        recipient: userid,
        kind: 'text',
        payload: { text },
        ticketId: ticket.id,
      });
    }
  }

  /** A new ticket in a queue: a card with a take button (WeCom) that also carries the plain text. */
  async newTicket(em: EntityManager, ticket: TicketEntity, key: string, userids: string[], names: { sector: string; area: string }): Promise<void> {
    // Members who have not taken the ticket see no resident's phone number, in the card as in the console.
    const title = maskResidentText(ticket.title, [ticket.residentName]);
    const vars = { number: ticket.number, sector: names.sector, area: names.area, title, takeBy: chinaTime(ticket.takeDeadline) };
    const text = this.t('member.newTicket', vars);
    for (const userid of unique(userids)) {
      await this.outbox.enqueue(em, {
        idempotencyKey: `ticket:${ticket.id}:${key}:${userid}`,
        channel: 'wecom_app',
        recipient: userid,
        kind: 'template_card',
        payload: {
          text,
          card: {
            // task_id must be unique per app: each member's copy of the card is its own card.
            taskId: `t${ticket.id}-${key}-${userid}`.replace(/[^A-Za-z0-9_@-]/g, '-').slice(0, 128),
            title: this.t('member.newTicketTitle', vars),
            desc: title,
            fields: [
              { label: this.t('member.field.sector'), value: names.sector },
              { label: this.t('member.field.area'), value: names.area },
              { label: this.t('member.field.takeBy'), value: vars.takeBy },
            ],
            selection: {
              questionKey: WAY_QUESTION,
              title: this.t('member.wayTitle'),
              options: WAYS_OF_WORKING.map((way) => ({ id: way, text: this.t(`way.${way}`) })),
            },
            buttons: [
              { key: takeKey(ticket.number), text: this.t('member.take'), style: 1 },
              { url: this.ticketUrl(ticket.number, 'reroute'), text: this.t('member.reroute'), style: 2 },
              { url: this.ticketUrl(ticket.number), text: this.t('member.view'), style: 2 },
            ],
            url: this.ticketUrl(ticket.number),
          },
        },
        ticketId: ticket.id,
      });
    }
  }
}

function unique(userids: string[]): string[] {
  return [...new Set(userids)];
}
