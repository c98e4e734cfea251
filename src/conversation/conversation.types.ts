import type { AttachmentRef, ResidentChannel } from '../common/resident';

/** A button under a reply: `payload` is sent back as the resident's next message when tapped. */
export interface QuickReply {
  title: string;
  payload: string;
}

/**
 * One message from the bot to the resident, channel-neutral, in Botkit's message shape (what its web client
 * reads): the web renders `quick_replies` as buttons, WeCom Customer Service as a msgmenu, the WeCom app as a
 * numbered list.
 */
export interface BotReply {
  type: 'message';
  text: string;
  quick_replies?: QuickReply[];
}

/** One message from a resident, as every channel hands it to `TurnPipeline.handle`. */
export interface ConversationTurn {
  channel: ResidentChannel;
  /** Web: the browser's id; WeCom app: userid; kf: external_userid. */
  user: string;
  text?: string;
  attachments?: AttachmentRef[];
  location?: { lat: number; lng: number; label?: string | null };
  /** A tapped menu item (kf msgmenu click id); it is handled like the text of the item. */
  menuId?: string;
  /** e.g. zh-CN or en; remembered for the next turns; default zh-CN. */
  locale?: string;
  /** The workstation the resident reached (web `?ws=`), remembered for the session. */
  workstation?: string;
  /** kf: the Customer Service account the resident wrote to. */
  openKfId?: string | null;
  /** Web: the network address the message came from, for per-address limits. */
  address?: string | null;
  /**
   * Identifies the message for redelivery (WeCom: the inbox row). A turn with the id of the last one taken is
   * answered with the same replies and does not move the dialog on.
   */
  turnId?: string;
}

/** JSON-safe values kept in dialog state. */
export type VarValue = string | number | boolean | null | VarValue[] | { [key: string]: VarValue };
export type DialogVars = Record<string, VarValue>;

export const sessionKey = (channel: string, user: string): string => `${channel}:${user}`;
