import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { KfWindowEntity } from './kf-window.entity';
import type { OutboxMessageEntity } from '../../outbox/outbox-message.entity';
import { OutboxRepository } from '../../outbox/outbox.repository';
import type { OutboxTransport, TransportResult } from '../../outbox/outbox.transport';
import { WecomApiClient } from './wecom-api.client';
import { WecomApiError } from './wecom-api.errors';
import type { KfSendMsgRequest } from './wecom-api.types';
import { resultOfError } from './wecom-transport-result';

/** WeCom's Customer Service rule: after the resident's last message, at most 5 messages within 48 hours. */
export const KF_WINDOW = { ms: 48 * 3_600_000, maxMessages: 5 };

/**
 * Replies to WeChat residents through `kf/send_msg`. Outside the window a message is held (not dropped): the
 * inbox releases held messages when the resident writes again, and they go out oldest first.
 */
@Injectable()
export class WecomKfTransport implements OutboxTransport {
  readonly channel = 'wecom_kf' as const;

  constructor(
    private readonly api: WecomApiClient,
    private readonly outbox: OutboxRepository,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async send(row: OutboxMessageEntity): Promise<TransportResult> {
    if (!row.openKfId) return { status: 'dead', error: 'kf message without open_kfid' };
    if (row.kind === 'kf_transfer') return this.transfer(row, row.openKfId);
    const window = await this.dataSource
      .getRepository(KfWindowEntity)
      .findOneBy({ externalUserId: row.recipient, openKfId: row.openKfId });
    const now = this.clock.now().getTime();
    if (!window || now - window.lastCustomerMessageAt.getTime() > KF_WINDOW.ms) {
      return { status: 'hold', error: 'kf window closed: more than 48 h since the resident last wrote' };
    }
    const sent = await this.outbox.countSentSince('wecom_kf', row.recipient, window.quotaFrom);
    if (sent >= KF_WINDOW.maxMessages) {
      return { status: 'hold', error: 'kf window full: 5 messages sent since the resident last wrote' };
    }
    try {
      const result = await this.api.kfSendMsg(this.requestOf(row, row.openKfId));
      return { status: 'sent', result: { msgid: result.msgid } };
    } catch (e) {
      return resultOfError(e);
    }
  }

  /**
   * Hands the session to the duty member (state 3). A member who is not a Customer Service servicer (95014) or
   * not receiving now (95019) cannot take it directly: the session then waits in the servicers' pool (state 2).
   */
  private async transfer(row: OutboxMessageEntity, openKfId: string): Promise<TransportResult> {
    const base = { open_kfid: openKfId, external_userid: row.recipient };
    try {
      await this.api.kfServiceStateTrans({ ...base, service_state: 3, servicer_userid: row.payload.servicer });
      return { status: 'sent', result: { serviceState: 3 } };
    } catch (e) {
      if (!(e instanceof WecomApiError) || (e.errcode !== 95014 && e.errcode !== 95019)) return resultOfError(e);
    }
    try {
      await this.api.kfServiceStateTrans({ ...base, service_state: 2 });
      return { status: 'sent', result: { serviceState: 2 } };
    } catch (e) {
      return resultOfError(e);
    }
  }

  private requestOf(row: OutboxMessageEntity, openKfId: string): KfSendMsgRequest {
    // msgid makes WeCom reject a second send of the same row (e.g. after a lease expiry mid-send).
    const base = { touser: row.recipient, open_kfid: openKfId, msgid: `mx${row.id}` };
    const text = row.payload.text ?? '';
    if (row.payload.options?.length) {
      return {
        ...base,
        msgtype: 'msgmenu',
        msgmenu: {
          head_content: text.slice(0, 1000),
          list: row.payload.options.slice(0, 10).map((o) => ({ type: 'click' as const, click: { id: o.id.slice(0, 64), content: o.label.slice(0, 128) } })),
        },
      };
    }
    return { ...base, msgtype: 'text', text: { content: text } };
  }
}
