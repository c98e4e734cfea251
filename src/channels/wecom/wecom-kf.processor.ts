import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { TurnPipeline } from '../../conversation/turn.pipeline';
import type { ConversationTurn } from '../../conversation/conversation.types';
import type { InboxMessageEntity } from '../../inbox/inbox-message.entity';
import { KfWindowEntity } from './kf-window.entity';
import { OutboxMessageEntity } from '../../outbox/outbox-message.entity';
import { OutboxService } from '../../outbox/outbox.service';
import { WecomApiClient } from './wecom-api.client';
import type { KfSyncMessage } from './wecom-messages';
import { WecomMedia } from './wecom-media';
import { enqueueReplies } from './wecom-replies';

/** kf failure types that a later window can fix: session expired (4), closed (5), over 5 messages (6). */
const RETRY_LATER_FAIL_TYPES = new Set([4, 5, 6]);

/**
 * Handles one Customer Service message: a resident's message opens the 48 h window (releasing held replies) and
 * becomes a conversation turn; `enter_session` gets the welcome through send_msg_on_event; a send failure puts
 * the message back on hold so that it goes out in the next window.
 */
@Injectable()
export class WecomKfProcessor {
  private readonly logger = new Logger('WecomKfProcessor');

  constructor(
    private readonly conversation: TurnPipeline,
    private readonly outbox: OutboxService,
    private readonly api: WecomApiClient,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly media: WecomMedia,
  ) {}

  async process(row: InboxMessageEntity): Promise<void> {
    const message = row.payload as unknown as KfSyncMessage;
    if (message.origin === 3 && message.externalUserid) return this.fromResident(message, row.id);
    if (message.type !== 'event') return;
    const event = message.event;
    if (event.eventType === 'enter_session' && event.welcomeCode && message.externalUserid) {
      await this.welcome(message, event.welcomeCode);
    } else if (event.eventType === 'msg_send_fail') {
      await this.sendFailed(event.failMsgid, event.failType);
    }
  }

  private async fromResident(message: KfSyncMessage, inboxId: number): Promise<void> {
    const at = new Date(Math.min(message.sendTime * 1000, this.clock.now().getTime()));
    const windows = this.dataSource.getRepository(KfWindowEntity);
    const key = { externalUserId: message.externalUserid, openKfId: message.openKfid };
    const current = await windows.findOneBy(key);
    if (!current || current.lastCustomerMessageAt <= at) await windows.save({ ...key, lastCustomerMessageAt: at, quotaFrom: this.clock.now() });
    await this.outbox.releaseHeld('wecom_kf', message.externalUserid);
    const turn = await this.turnOf(message);
    if (!turn) return;
    const replies = await this.conversation.handle({ ...turn, turnId: `inbox:${inboxId}` });
    await enqueueReplies(
      this.dataSource,
      this.outbox,
      { channel: 'wecom_kf', recipient: message.externalUserid, openKfId: message.openKfid, inboxId },
      replies,
    );
  }

  private async turnOf(message: KfSyncMessage): Promise<ConversationTurn | null> {
    const base = { channel: 'wecom_kf' as const, user: message.externalUserid, openKfId: message.openKfid };
    switch (message.type) {
      case 'text':
        return message.menuId ? { ...base, menuId: message.menuId, text: message.content } : { ...base, text: message.content };
      case 'image':
      case 'voice':
      case 'video':
      case 'file':
        return { ...base, attachments: [await this.media.keep('wecom_kf', message.type, message.mediaId)] };
      case 'location':
        return { ...base, location: { lat: message.latitude, lng: message.longitude, label: message.name || message.address || null } };
      default:
        return null;
    }
  }

  /** The welcome code is valid 20 s and single-use, so it is answered at once rather than through the outbox. */
  private async welcome(message: KfSyncMessage, code: string): Promise<void> {
    const [first] = await this.conversation.handle({ channel: 'wecom_kf', user: message.externalUserid, openKfId: message.openKfid });
    if (!first) return;
    const options = first.quick_replies?.slice(0, 10).map((q) => ({ type: 'click' as const, click: { id: q.payload.slice(0, 64), content: q.title.slice(0, 128) } }));
    try {
      await this.api.kfSendMsgOnEvent(
        options?.length
          ? { code, msgtype: 'msgmenu', msgmenu: { head_content: first.text.slice(0, 1000), list: options } }
          : { code, msgtype: 'text', text: { content: first.text } },
      );
    } catch (e) {
      // A lost welcome is not a lost message: the resident's first message starts the dialog anyway.
      this.logger.warn(`welcome not sent: ${(e as Error).message}`);
    }
  }

  private async sendFailed(failMsgid: string, failType: number): Promise<void> {
    const id = /^mx(\d+)$/.exec(failMsgid)?.[1];
    if (!id) return;
    const repo = this.dataSource.getRepository(OutboxMessageEntity);
    const state = RETRY_LATER_FAIL_TYPES.has(failType) ? 'held' : 'dead';
    await repo.update({ id: Number(id), state: 'sent' }, { state, lastError: `kf msg_send_fail type ${failType}` });
    this.logger.warn(`kf message outbox #${id} failed after sending (type ${failType}): now ${state}`);
  }
}
