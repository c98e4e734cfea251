import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import type { OutboxMessageEntity } from '../../outbox/outbox-message.entity';
import { OutboxRepository } from '../../outbox/outbox.repository';
import type { OutboxTransport, TransportResult } from '../../outbox/outbox.transport';
import type { CardPayload } from '../../outbox/outbox.types';
import { WecomApiClient } from './wecom-api.client';
import type { AppMessage, TemplateCard } from './wecom-api.types';
import { resultOfError } from './wecom-transport-result';

/** WeCom drops app messages beyond 30 a minute or 1,000 an hour to one member; we wait instead. */
export const MEMBER_LIMITS = [
  { windowMs: 60_000, max: 30 },
  { windowMs: 3_600_000, max: 1_000 },
];

/** Renders minyi's channel-neutral card as a `button_interaction` template card. */
export function toTemplateCard(card: CardPayload): TemplateCard {
  return {
    card_type: 'button_interaction',
    task_id: card.taskId,
    main_title: { title: card.title.slice(0, 36), desc: card.desc?.slice(0, 44) },
    horizontal_content_list: card.fields.slice(0, 6).map((f) => ({ keyname: f.label, value: f.value })),
    ...(card.url ? { card_action: { type: 1, url: card.url } } : { card_action: { type: 0 } }),
    button_list: card.buttons
      .slice(0, 6)
      .map((b) => (b.url ? { type: 1, text: b.text, url: b.url, style: b.style ?? 2 } : { type: 0, text: b.text, key: b.key, style: b.style ?? 1 })),
    ...(card.selection
      ? {
          button_selection: {
            question_key: card.selection.questionKey,
            title: card.selection.title,
            option_list: card.selection.options.slice(0, 10),
            selected_id: card.selection.selectedId ?? card.selection.options[0]?.id,
          },
        }
      : {}),
  };
}

/** Delivers messages to members (and app users) through `message/send` and `update_template_card`. */
@Injectable()
export class WecomAppTransport implements OutboxTransport {
  readonly channel = 'wecom_app' as const;

  constructor(
    private readonly api: WecomApiClient,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async send(row: OutboxMessageEntity): Promise<TransportResult> {
    const limited = await this.rateLimited(row);
    if (limited) return limited;
    try {
      if (row.kind === 'card_update') {
        const update = row.payload.update;
        if (!update) return { status: 'dead', error: 'card_update without update payload' };
        await this.api.updateTemplateCard({
          userids: update.userids,
          response_code: update.responseCode,
          button: { replace_name: update.replaceText.slice(0, 10) },
        });
        return { status: 'sent' };
      }
      const result = await this.api.sendAppMessage(this.messageOf(row));
      if (result.invaliduser && result.invaliduser.split('|').includes(row.recipient.toLowerCase())) {
        return { status: 'dead', error: `recipient ${row.recipient} is not reachable by the app` };
      }
      return { status: 'sent', result: { msgid: result.msgid, response_code: result.response_code ?? null } };
    } catch (e) {
      return resultOfError(e);
    }
  }

  private messageOf(row: OutboxMessageEntity): AppMessage {
    const touser = row.recipient;
    const options = row.payload.options?.length
      ? `\n${row.payload.options.map((o, i) => `${i + 1}. ${o.label}`).join('\n')}${row.payload.hint ? `\n${row.payload.hint}` : ''}`
      : '';
    switch (row.kind) {
      case 'template_card':
        if (!row.payload.card) throw new Error('template_card without card payload');
        return { touser, msgtype: 'template_card', template_card: toTemplateCard(row.payload.card) };
      case 'markdown':
        return { touser, msgtype: 'markdown', markdown: { content: row.payload.text ?? '' } };
      default:
        return { touser, msgtype: 'text', text: { content: `${row.payload.text ?? ''}${options}` } };
    }
  }

  private async rateLimited(row: OutboxMessageEntity): Promise<TransportResult | null> {
    const now = this.clock.now().getTime();
    for (const limit of MEMBER_LIMITS) {
      const sent = await this.outbox.countSentSince('wecom_app', row.recipient, new Date(now - limit.windowMs));
      if (sent >= limit.max) {
        return { status: 'retry', error: `member limit ${limit.max} per ${limit.windowMs / 1000}s reached`, retryAfterMs: limit.windowMs / 4 };
      }
    }
    return null;
  }
}
