import { z } from 'zod';
import { WecomCallbackException, WecomCallbackExceptionCode } from './wecom.exception';
import { elementOf, listOf, parseWecomXml, textOf, XmlElement } from './wecom-xml';

// ---------------------------------------------------------------------------------------------------------------
// Self-built app callbacks (decrypted plaintext XML). Ids stay strings: MsgId exceeds 2^53.

interface AppCallbackBase {
  /** Our corp id. */
  toUserName: string;
  /** The member's UserID. */
  fromUserName: string;
  /** Seconds since the epoch, as WeCom stamped it. */
  createTime: number;
  /** The app's AgentID; '' when WeCom left it out. */
  agentId: string;
}
interface AppMessageBase extends AppCallbackBase {
  msgId: string;
}

export interface TextMessage extends AppMessageBase { kind: 'text'; content: string }
export interface ImageMessage extends AppMessageBase { kind: 'image'; picUrl: string; mediaId: string }
export interface VoiceMessage extends AppMessageBase { kind: 'voice'; mediaId: string; format: string }
export interface VideoMessage extends AppMessageBase { kind: 'video'; mediaId: string; thumbMediaId: string }
/** Coordinates stay the decimal strings WeCom sent (Location_X = latitude, Location_Y = longitude). */
export interface LocationMessage extends AppMessageBase {
  kind: 'location'; latitude: string; longitude: string; scale: string; label: string;
}
export interface LinkMessage extends AppMessageBase {
  kind: 'link'; title: string; description: string; url: string; picUrl: string;
}

export interface SubscribeEvent extends AppCallbackBase { kind: 'subscribe' }
export interface UnsubscribeEvent extends AppCallbackBase { kind: 'unsubscribe' }
export interface EnterAgentEvent extends AppCallbackBase { kind: 'enter_agent'; eventKey: string }
/** Event `LOCATION`: the member's position, reported when they open the app (if enabled). */
export interface LocationReportEvent extends AppCallbackBase {
  kind: 'location_report'; latitude: string; longitude: string; precision: string;
}
/** Event `click`: EventKey is the menu key. */
export interface MenuClickEvent extends AppCallbackBase { kind: 'menu_click'; eventKey: string }
/** Event `view`: EventKey is the URL opened. */
export interface MenuViewEvent extends AppCallbackBase { kind: 'menu_view'; eventKey: string }
export interface CardSelection { questionKey: string; optionIds: string[] }
/** A button/vote/select on a template card we sent; ResponseCode allows one update_template_card. */
export interface TemplateCardEvent extends AppCallbackBase {
  kind: 'template_card_event'; eventKey: string; taskId: string; cardType: string; responseCode: string;
  selectedItems: CardSelection[];
}
/** The card's top-right action menu. */
export interface TemplateCardMenuEvent extends AppCallbackBase {
  kind: 'template_card_menu_event'; eventKey: string; taskId: string; cardType: string; responseCode: string;
}
/** Customer Service has news: pull it with kf/sync_msg using this Token (valid 10 minutes). No sender, no MsgId. */
export interface KfMsgOrEvent {
  kind: 'kf_msg_or_event'; toUserName: string; createTime: number; token: string; openKfId: string;
}
/** Anything else (new types, scancode events…): acknowledged, deduplicated, not acted on. */
export interface UnknownCallback {
  kind: 'unknown'; msgType: string; event: string; fields: XmlElement;
}

export type WecomAppMessage = TextMessage | ImageMessage | VoiceMessage | VideoMessage | LocationMessage | LinkMessage;
export type WecomAppEvent =
  | SubscribeEvent | UnsubscribeEvent | EnterAgentEvent | LocationReportEvent | MenuClickEvent | MenuViewEvent
  | TemplateCardEvent | TemplateCardMenuEvent;
export type WecomCallback = WecomAppMessage | WecomAppEvent | KfMsgOrEvent | UnknownCallback;

function malformed(why: string): WecomCallbackException {
  return new WecomCallbackException(`WeCom plaintext refused: ${why}`, WecomCallbackExceptionCode.MALFORMED_BODY);
}

/** Ids and type names are trimmed (pretty-printed samples exist); free text such as Content never is. */
function required(root: XmlElement, tag: string): string {
  const value = textOf(root, tag)?.trim();
  if (value === undefined || value === '') throw malformed(`missing <${tag}>`);
  return value;
}

function createTimeOf(root: XmlElement): number {
  const raw = required(root, 'CreateTime');
  if (!/^\d{1,12}$/.test(raw)) throw malformed('<CreateTime> is not a number of seconds');
  return Number(raw);
}

/** Decrypted plaintext XML → typed callback. Unknown types come back as `unknown`, never as an error. */
export function parseWecomCallback(plaintextXml: string): WecomCallback {
  return toWecomCallback(parseWecomXml(plaintextXml));
}

export function toWecomCallback(root: XmlElement): WecomCallback {
  const msgType = required(root, 'MsgType');
  const opt = (tag: string): string => textOf(root, tag) ?? '';
  if (msgType === 'event') {
    const event = required(root, 'Event');
    if (event === 'kf_msg_or_event') {
      return { kind: event, toUserName: opt('ToUserName'), createTime: createTimeOf(root), token: required(root, 'Token'), openKfId: required(root, 'OpenKfId') };
    }
    const base: AppCallbackBase = { toUserName: opt('ToUserName'), fromUserName: required(root, 'FromUserName'), createTime: createTimeOf(root), agentId: opt('AgentID').trim() };
    switch (event) {
      case 'subscribe':
      case 'unsubscribe':
        return { ...base, kind: event };
      case 'enter_agent':
        return { ...base, kind: event, eventKey: opt('EventKey') };
      case 'LOCATION':
        return { ...base, kind: 'location_report', latitude: opt('Latitude'), longitude: opt('Longitude'), precision: opt('Precision') };
      case 'click':
        return { ...base, kind: 'menu_click', eventKey: opt('EventKey') };
      case 'view':
        return { ...base, kind: 'menu_view', eventKey: opt('EventKey') };
      case 'template_card_event':
      case 'template_card_menu_event': {
        const card = { eventKey: opt('EventKey'), taskId: required(root, 'TaskId'), cardType: opt('CardType'), responseCode: opt('ResponseCode') };
        if (event === 'template_card_menu_event') return { ...base, kind: event, ...card };
        return { ...base, kind: event, ...card, selectedItems: selectionsOf(root) };
      }
      default:
        return { kind: 'unknown', msgType, event, fields: root };
    }
  }
  const base: AppMessageBase = {
    toUserName: opt('ToUserName'), fromUserName: required(root, 'FromUserName'), createTime: createTimeOf(root),
    agentId: opt('AgentID').trim(), msgId: required(root, 'MsgId'),
  };
  switch (msgType) {
    case 'text':
      // Empty text is possible in principle; only a missing element is malformed.
      if (textOf(root, 'Content') === undefined) throw malformed('missing <Content>');
      return { ...base, kind: 'text', content: opt('Content') };
    case 'image':
      return { ...base, kind: 'image', picUrl: opt('PicUrl'), mediaId: opt('MediaId') };
    case 'voice':
      return { ...base, kind: 'voice', mediaId: opt('MediaId'), format: opt('Format') };
    case 'video':
      return { ...base, kind: 'video', mediaId: opt('MediaId'), thumbMediaId: opt('ThumbMediaId') };
    case 'location':
      return { ...base, kind: 'location', latitude: opt('Location_X'), longitude: opt('Location_Y'), scale: opt('Scale'), label: opt('Label') };
    case 'link':
      return { ...base, kind: 'link', title: opt('Title'), description: opt('Description'), url: opt('Url'), picUrl: opt('PicUrl') };
    default:
      return { kind: 'unknown', msgType, event: '', fields: root };
  }
}

function selectionsOf(root: XmlElement): CardSelection[] {
  const items = elementOf(root, 'SelectedItems');
  if (!items) return [];
  return listOf(items, 'SelectedItem').map((item) => {
    if (typeof item === 'string' || Array.isArray(item)) throw malformed('<SelectedItem> must hold elements');
    const options = elementOf(item, 'OptionIds');
    const optionIds = options ? listOf(options, 'OptionId') : [];
    return {
      questionKey: textOf(item, 'QuestionKey') ?? '',
      optionIds: optionIds.map((o) => {
        if (typeof o !== 'string') throw malformed('<OptionId> must hold text');
        return o;
      }),
    };
  });
}

/**
 * Key for "processed once": MsgId for messages; events have none, so sender + second + event + key + app
 * (WeCom's advice plus EventKey/AgentID, since one unsubscribe arrives once per app); card clicks add TaskId;
 * kf notifications have no sender and are keyed by account + sync token + second.
 */
export function dedupeKey(callback: WecomCallback): string {
  switch (callback.kind) {
    case 'text': case 'image': case 'voice': case 'video': case 'location': case 'link':
      return callback.msgId;
    case 'kf_msg_or_event':
      return [callback.openKfId, callback.token, callback.createTime].join('|');
    case 'template_card_event':
    case 'template_card_menu_event':
      return [callback.fromUserName, callback.createTime, callback.kind, callback.eventKey, callback.agentId, callback.taskId].join('|');
    case 'subscribe': case 'unsubscribe': case 'enter_agent': case 'location_report': case 'menu_click': case 'menu_view':
      return [callback.fromUserName, callback.createTime, EVENT_NAMES[callback.kind], 'eventKey' in callback ? callback.eventKey : '', callback.agentId].join('|');
    case 'unknown': {
      const f = (tag: string): string => (typeof callback.fields[tag] === 'string' ? (callback.fields[tag] as string) : '');
      if (f('MsgId')) return f('MsgId');
      return [f('FromUserName'), f('CreateTime'), callback.event || callback.msgType, f('EventKey'), f('AgentID')].join('|');
    }
  }
}

/** The protocol's Event value for each event kind, so keys stay stable if our kind names change. */
const EVENT_NAMES: Record<'subscribe' | 'unsubscribe' | 'enter_agent' | 'location_report' | 'menu_click' | 'menu_view', string> = {
  subscribe: 'subscribe', unsubscribe: 'unsubscribe', enter_agent: 'enter_agent', location_report: 'LOCATION', menu_click: 'click', menu_view: 'view',
};

// ---------------------------------------------------------------------------------------------------------------
// Customer Service (kf) messages from kf/sync_msg (JSON). Normalized to camelCase; msgid is a string.

/** Who wrote a kf message: 3 the WeChat customer, 4 a system event, 5 a servicer in the WeCom client. */
export type KfOrigin = 3 | 4 | 5;

interface KfMessageBase {
  msgid: string;
  openKfid: string;
  /** '' for servicer status events, which concern no customer. */
  externalUserid: string;
  /** Seconds since the epoch. */
  sendTime: number;
  origin: KfOrigin;
  servicerUserid?: string;
}
export interface KfTextMessage extends KfMessageBase { type: 'text'; content: string; /** set when a msgmenu click produced this text */ menuId?: string }
export interface KfMediaMessage extends KfMessageBase { type: 'image' | 'voice' | 'video' | 'file'; mediaId: string }
export interface KfLocationMessage extends KfMessageBase { type: 'location'; latitude: number; longitude: number; name: string; address: string }
export interface KfEventMessage extends KfMessageBase { type: 'event'; event: KfEvent }
/** Links, mini-programs, chat records…: kept so the cursor moves on and nothing is silently lost. */
export interface KfUnsupportedMessage extends KfMessageBase { type: 'unsupported'; msgtype: string }
export type KfSyncMessage = KfTextMessage | KfMediaMessage | KfLocationMessage | KfEventMessage | KfUnsupportedMessage;

export type KfEvent =
  | { eventType: 'enter_session'; scene: string; sceneParam: string; /** valid 20 s, for send_msg_on_event */ welcomeCode?: string }
  /** failType: 0 unknown, 1 account deleted, 2 app closed, 4 session expired, 5 session closed, 6 over 5 messages, 10 refused… */
  | { eventType: 'msg_send_fail'; failMsgid: string; failType: number }
  /** changeType: 1 taken from the pool, 2 transferred, 3 ended, 4 re-joined. msgCode allows one send_msg_on_event. */
  | { eventType: 'session_status_change'; changeType: number; oldServicerUserid?: string; newServicerUserid?: string; msgCode?: string }
  /** status: 1 receiving, 2 stopped. */
  | { eventType: 'servicer_status_change'; servicerUserid: string; status: number }
  | { eventType: 'unsupported'; rawType: string };

const id = z.union([z.string(), z.number()]).transform(String);
const optionalText = z.string().optional();
const baseSchema = z.object({
  msgid: id, open_kfid: z.string().default(''), external_userid: z.string().default(''),
  send_time: z.coerce.number(), origin: z.union([z.literal(3), z.literal(4), z.literal(5)]), servicer_userid: optionalText,
  msgtype: z.string(),
});
const textSchema = z.object({ content: z.string(), menu_id: optionalText });
const mediaSchema = z.object({ media_id: z.string() });
const locationSchema = z.object({ latitude: z.coerce.number(), longitude: z.coerce.number(), name: z.string().default(''), address: z.string().default('') });
const eventSchema = z.object({
  event_type: z.string(), scene: z.string().default(''), scene_param: z.string().default(''), welcome_code: optionalText,
  fail_msgid: id.optional(), fail_type: z.coerce.number().optional(), change_type: z.coerce.number().optional(),
  old_servicer_userid: optionalText, new_servicer_userid: optionalText, msg_code: optionalText,
  servicer_userid: optionalText, status: z.coerce.number().optional(), external_userid: optionalText,
});

/** One raw msg_list entry → typed message. Throws only when even msgid/origin/send_time are unusable. */
export function toKfSyncMessage(raw: unknown): KfSyncMessage {
  const b = baseSchema.parse(raw);
  const rec = raw as Record<string, unknown>;
  const base: KfMessageBase = {
    msgid: b.msgid, openKfid: b.open_kfid, externalUserid: b.external_userid, sendTime: b.send_time, origin: b.origin,
    ...(b.servicer_userid ? { servicerUserid: b.servicer_userid } : {}),
  };
  const unsupported: KfUnsupportedMessage = { ...base, type: 'unsupported', msgtype: b.msgtype };
  switch (b.msgtype) {
    case 'text': {
      const t = textSchema.safeParse(rec.text);
      return t.success ? { ...base, type: 'text', content: t.data.content, ...(t.data.menu_id ? { menuId: t.data.menu_id } : {}) } : unsupported;
    }
    case 'image': case 'voice': case 'video': case 'file': {
      const m = mediaSchema.safeParse(rec[b.msgtype]);
      return m.success ? { ...base, type: b.msgtype, mediaId: m.data.media_id } : unsupported;
    }
    case 'location': {
      const l = locationSchema.safeParse(rec.location);
      return l.success ? { ...base, type: 'location', ...l.data } : unsupported;
    }
    case 'event': {
      const e = eventSchema.safeParse(rec.event);
      if (!e.success) return unsupported;
      // Events carry the customer in the payload, not always at the top level.
      return { ...base, externalUserid: base.externalUserid || (e.data.external_userid ?? ''), type: 'event', event: toKfEvent(e.data) };
    }
    default:
      return unsupported;
  }
}

function toKfEvent(e: z.infer<typeof eventSchema>): KfEvent {
  switch (e.event_type) {
    case 'enter_session':
      return { eventType: 'enter_session', scene: e.scene, sceneParam: e.scene_param, ...(e.welcome_code ? { welcomeCode: e.welcome_code } : {}) };
    case 'msg_send_fail':
      return { eventType: 'msg_send_fail', failMsgid: e.fail_msgid ?? '', failType: e.fail_type ?? 0 };
    case 'session_status_change':
      return {
        eventType: 'session_status_change', changeType: e.change_type ?? 0, oldServicerUserid: e.old_servicer_userid,
        newServicerUserid: e.new_servicer_userid, msgCode: e.msg_code,
      };
    case 'servicer_status_change':
      return { eventType: 'servicer_status_change', servicerUserid: e.servicer_userid ?? '', status: e.status ?? 0 };
    default:
      return { eventType: 'unsupported', rawType: e.event_type };
  }
}
