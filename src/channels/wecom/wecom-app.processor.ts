import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConversationTurn } from '../../conversation/conversation.types';
import { I18nService } from '../../i18n/i18n.service';
import { TurnPipeline } from '../../conversation/turn.pipeline';
import type { InboxMessageEntity } from '../../inbox/inbox-message.entity';
import { OutboxService } from '../../outbox/outbox.service';
import { WecomCardActions } from './wecom-card-actions';
import type { WecomCallback } from './wecom-messages';
import { WecomMedia } from './wecom-media';
import { enqueueReplies } from './wecom-replies';

/** Turns a self-built-app callback into a conversation turn, or a card click into a ticket action. */
@Injectable()
export class WecomAppProcessor {
  /** Said under a numbered list of options: the app shows no buttons, so residents type the number. */
  private readonly optionsHint: string;

  constructor(
    private readonly conversation: TurnPipeline,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
    private readonly cards: WecomCardActions,
    private readonly media: WecomMedia,
    i18n: I18nService,
  ) {
    this.optionsHint = i18n.t('wecom.reply_by_number');
  }

  async process(row: InboxMessageEntity): Promise<void> {
    const callback = row.payload as unknown as WecomCallback;
    if (callback.kind === 'template_card_event') return this.cards.handle(callback, row.id);
    const turn = await this.turnOf(callback);
    if (!turn) return;
    const replies = await this.conversation.handle({ ...turn, turnId: `inbox:${row.id}` });
    await enqueueReplies(this.dataSource, this.outbox, { channel: 'wecom_app', recipient: turn.user, inboxId: row.id, optionsHint: this.optionsHint }, replies);
  }

  private async turnOf(callback: WecomCallback): Promise<ConversationTurn | null> {
    switch (callback.kind) {
      case 'text':
        return { channel: 'wecom_app', user: callback.fromUserName, text: callback.content };
      case 'image':
      case 'voice':
      case 'video':
        return { channel: 'wecom_app', user: callback.fromUserName, attachments: [await this.media.keep('wecom_app', callback.kind, callback.mediaId)] };
      case 'location':
        return {
          channel: 'wecom_app',
          user: callback.fromUserName,
          location: { lat: Number(callback.latitude), lng: Number(callback.longitude), label: callback.label || null },
        };
      case 'enter_agent':
      case 'subscribe':
        // Opening the app greets the member with the menu, as a first message would.
        return { channel: 'wecom_app', user: callback.fromUserName };
      case 'menu_click':
        return { channel: 'wecom_app', user: callback.fromUserName, menuId: callback.eventKey };
      default:
        return null;
    }
  }
}
