import type { ResidentChannel } from '../tickets/tickets.port';

/** Who a message goes to: a resident on a channel, or a member (WeCom app userid). */
export type OutboxChannel = ResidentChannel;

export type OutboxKind = 'text' | 'markdown' | 'template_card' | 'card_update' | 'msgmenu';

/** Options shown as quick replies (web) or a msgmenu (kf) or plain numbered lines (app). */
export interface OutboxOption {
  id: string;
  label: string;
}

export interface NewOutboxMessage {
  /** Unique per logical message: a retry of the cause must not send twice (e.g. `ticket:42:taken:resident`). */
  idempotencyKey: string;
  channel: OutboxChannel;
  /** web user id, member userid, or kf external_userid. */
  recipient: string;
  openKfId?: string | null;
  kind: OutboxKind;
  /** Text for text/markdown; the card or update body for cards; `{ text, options }` for msgmenu. */
  payload: { text?: string; options?: OutboxOption[]; card?: Record<string, unknown> };
  ticketId?: number | null;
  /** Not before this time (e.g. reminders); default now. */
  notBefore?: Date;
}
