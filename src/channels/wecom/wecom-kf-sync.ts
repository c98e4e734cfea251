import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import type { InboxMessageEntity } from '../../inbox/inbox-message.entity';
import { InboxService } from '../../inbox/inbox.service';
import { KfCursorEntity } from './kf-cursor.entity';
import { WecomApiClient } from './wecom-api.client';
import type { KfMsgOrEvent } from './wecom-messages';

/** Inbox source of one Customer Service message pulled by sync_msg. */
export const WECOM_KF_MSG_SOURCE = 'wecom_kf_msg';

const MAX_PAGES = 50;

/**
 * Handles a `kf_msg_or_event` signal: pulls every new message of that kf account and stores each in the inbox
 * (deduplicated by msgid) in the same transaction that advances the stored cursor, so a crash between pages
 * neither skips nor doubles a message.
 */
@Injectable()
export class WecomKfSync {
  constructor(
    private readonly api: WecomApiClient,
    private readonly inbox: InboxService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async process(row: InboxMessageEntity): Promise<number> {
    const signal = row.payload as unknown as KfMsgOrEvent;
    const cursors = this.dataSource.getRepository(KfCursorEntity);
    let cursor = (await cursors.findOneBy({ openKfId: signal.openKfId }))?.cursor;
    let stored = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.api.kfSyncMsg({
        open_kfid: signal.openKfId,
        token: signal.token,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      await this.dataSource.transaction(async (em) => {
        for (const message of result.messages) {
          const outcome = await this.inbox.accept(
            {
              source: WECOM_KF_MSG_SOURCE,
              dedupeKey: `kf:${message.msgid}`,
              sender: message.externalUserid ? `kf:${message.openKfid}:${message.externalUserid}` : `kf:${message.openKfid}`,
              payload: message as unknown as Record<string, unknown>,
            },
            em,
          );
          if (outcome === 'accepted') stored++;
        }
        if (result.nextCursor) {
          await em.getRepository(KfCursorEntity).save({ openKfId: signal.openKfId, cursor: result.nextCursor, updatedAt: this.clock.now() });
        }
      });
      cursor = result.nextCursor || cursor;
      // has_more may be 1 with an empty list: only has_more says when to stop.
      if (!result.hasMore) break;
    }
    if (stored > 0) this.inbox.notify();
    return stored;
  }
}
