import type { DataSource } from 'typeorm';
import type { BotReply } from '../../conversation/conversation.types';
import type { OutboxService } from '../../outbox/outbox.service';
import type { OutboxChannel } from '../../outbox/outbox.types';

/**
 * Queues the bot's replies to one inbound message. Keys derive from the inbox row, so processing the same row
 * again after a crash cannot send a reply twice.
 */
export async function enqueueReplies(
  dataSource: DataSource,
  outbox: OutboxService,
  target: { channel: OutboxChannel; recipient: string; openKfId?: string | null; inboxId: number; optionsHint?: string },
  replies: BotReply[],
): Promise<void> {
  if (replies.length === 0) return;
  await dataSource.transaction(async (em) => {
    for (const [i, reply] of replies.entries()) {
      const options = reply.quick_replies?.map((q) => ({ id: q.payload, label: q.title }));
      await outbox.enqueue(em, {
        idempotencyKey: `inbox:${target.inboxId}:reply:${i}`,
        channel: target.channel,
        recipient: target.recipient,
        openKfId: target.openKfId ?? null,
        kind: options?.length && target.channel === 'wecom_kf' ? 'msgmenu' : 'text',
        payload: { text: reply.text, ...(options?.length ? { options, ...(target.optionsHint ? { hint: target.optionsHint } : {}) } : {}) },
      });
    }
  });
}
