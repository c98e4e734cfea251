import type { ResidentChannel } from '../common/resident';

/** Who a message goes to: a resident on a channel, or a member (WeCom app userid). */
export type OutboxChannel = ResidentChannel;

/** kf_transfer: hand a Customer Service session to a person (service_state/trans), in order with the replies. */
export type OutboxKind = 'text' | 'markdown' | 'template_card' | 'card_update' | 'msgmenu' | 'kf_transfer';

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
  /** Text for text/markdown; the card or update body for cards; `{ text, options }` for msgmenu; `hint` closes an app's numbered list. */
  payload: { text?: string; options?: OutboxOption[]; hint?: string; card?: CardPayload; update?: CardUpdatePayload; servicer?: string };
  ticketId?: number | null;
  /** Not before this time (e.g. reminders); default now. */
  notBefore?: Date;
}

/**
 * An interactive card for a member, independent of WeCom's JSON: the WeCom transport renders it as a
 * `button_interaction` template card; `taskId` is unique per card and comes back with every click.
 */
export interface CardPayload {
  taskId: string;
  title: string;
  desc?: string;
  fields: Array<{ label: string; value: string }>;
  /** A callback button has a `key`; a link button (e.g. open the console) has a `url`. */
  buttons: Array<{ key?: string; url?: string; text: string; style?: 1 | 2 | 3 | 4 }>;
  /** One drop-down whose choice comes back with the click (e.g. the way of working when taking). */
  selection?: { questionKey: string; title: string; options: Array<{ id: string; text: string }>; selectedId?: string };
  url?: string;
}

/** Replaces a sent card's buttons with a grey, unclickable text (e.g. "taken by Zhang Wei") for these members. */
export interface CardUpdatePayload {
  responseCode: string;
  replaceText: string;
  userids: string[];
}
