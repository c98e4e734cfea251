import { DataSource, In, Not } from 'typeorm';
import { InboxMessageEntity } from '../../../src/inbox/inbox-message.entity';
import { OutboxMessageEntity } from '../../../src/outbox/outbox-message.entity';
import type { FakeSent, FakeWecom } from '../../fake-wecom/fake-wecom.server';
import { buildKfEventCallback, buildTextCallback, type SignedCallback } from '../wecom-callback';

/**
 * The three ways a resident reaches minyi, on their real wire formats: the web chat's JSON endpoint (with the
 * cookies the server sets), the WeCom self-built app (signed, encrypted callbacks; replies read where
 * `message/send` lands on the fake WeCom server) and WeCom Customer Service (a kf event, the service pulls
 * `kf/sync_msg`, replies arrive through `kf/send_msg`, options as a msgmenu).
 */

export type ChannelName = 'web' | 'wecom_app' | 'wecom_kf';

export interface ReplyOption {
  title: string;
  /** What a tap sends: the web payload, the kf msgmenu click id. */
  id: string;
}

export interface Reply {
  text: string;
  options: ReplyOption[];
}

export interface Conversation {
  /** The id the service knows the resident by (tickets record it as residentExternalId). */
  readonly user: string;
  say(text: string): Promise<Reply[]>;
  /** Taps an option the last reply offered. */
  tap(option: ReplyOption): Promise<Reply[]>;
}

export interface Channel {
  readonly name: ChannelName;
  /** The ticket column residentChannel for this channel. */
  readonly ticketChannel: string;
  /** Whether residents see buttons they can tap. */
  readonly hasButtons: boolean;
  open(user: string): Conversation;
}

type QuickReply = { title?: unknown; payload?: unknown };
type WebReply = { text?: unknown; quick_replies?: QuickReply[]; quickReplies?: QuickReply[] };

/** Botkit's shape (`quick_replies`) or the older `quickReplies`, whichever the service sends. */
function webReply(r: WebReply): Reply {
  const quick = r.quick_replies ?? r.quickReplies ?? [];
  return {
    text: typeof r.text === 'string' ? r.text : '',
    options: quick.map((q) => ({ title: String(q.title ?? ''), id: String(q.payload ?? q.title ?? '') })),
  };
}

export function webChannel(baseUrl: string): Channel {
  return {
    name: 'web',
    ticketChannel: 'web',
    hasButtons: true,
    open(user) {
      const jar = new Map<string, string>();
      const post = async (text: string): Promise<Reply[]> => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
        const res = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', user, text, channel: 'webhook' }) });
        for (const cookie of res.headers.getSetCookie()) {
          const [pair] = cookie.split(';');
          const eq = pair.indexOf('=');
          if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
        }
        if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${await res.text()}`);
        const body = (await res.json()) as WebReply[];
        return body.map(webReply);
      };
      // The web chat knows a resident by the signed cookie it issued, not by the label in the body.
      const cookieId = () => {
        const value = jar.get('minyi_resident');
        return value ? decodeURIComponent(value).replace(/\.[^.]*$/, '') : user;
      };
      return {
        get user() {
          return cookieId();
        },
        say: post,
        tap: (o) => post(o.id),
      };
    },
  };
}

type SentBody = { touser?: unknown; text?: { content?: unknown }; msgmenu?: { head_content?: unknown; tail_content?: unknown; list?: Array<{ type?: string; click?: { id?: unknown; content?: unknown } }> } };

const NUMBERED_OPTION = /^\s*(\d+)[.、．]\s*(.+?)\s*$/;

/** An app message: its text, and the numbered lines at its end read as the options a resident may type. */
function appReply(s: FakeSent): Reply {
  const body = s.body as SentBody;
  const text = typeof body.text?.content === 'string' ? body.text.content : '';
  const options = text
    .split('\n')
    .map((line) => NUMBERED_OPTION.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ title: m[2], id: m[1] }));
  return { text, options };
}

function kfReply(s: FakeSent): Reply {
  const body = s.body as SentBody;
  if (body.msgmenu) {
    const head = typeof body.msgmenu.head_content === 'string' ? body.msgmenu.head_content : '';
    const tail = typeof body.msgmenu.tail_content === 'string' ? `\n${body.msgmenu.tail_content}` : '';
    const options = (body.msgmenu.list ?? [])
      .filter((i) => i.type === 'click' && i.click)
      .map((i) => ({ title: String(i.click?.content ?? ''), id: String(i.click?.id ?? '') }));
    return { text: `${head}${tail}`, options };
  }
  return { text: typeof body.text?.content === 'string' ? body.text.content : '', options: [] };
}

const SETTLED_INBOX = ['done', 'failed'];
const UNSETTLED_OUTBOX = ['pending', 'sending'];
/** The longest a turn may take before the resident counts it as unanswered. */
const TURN_TIMEOUT_MS = 15_000;
/** How long to wait for a reply after everything settled (a turn that says nothing, e.g. during a hand-off). */
const SILENCE_MS = 1_500;

/**
 * A person takes a while to read and type; on the service's manual clock each message moves time on by this
 * much, so WeCom's per-user send limits (30 app messages a minute) see a person's pace, not a script's.
 */
const TYPING_PAUSE_MS = 15_000;

export interface WecomTarget {
  fake: FakeWecom;
  dataSource: DataSource;
  post(cb: SignedCallback): Promise<Response>;
  /** The service's clock, when the test drives it. */
  clock?: { advance(ms: number): void };
}

/** Where a resident's replies land on the fake server, and the inbox senders their messages are stored under. */
interface WecomRoute {
  path: string;
  user: string;
  senders: string[];
}

const sentTo = (target: WecomTarget, route: WecomRoute): FakeSent[] =>
  target.fake.sent.filter((s) => s.path === route.path && (s.body as SentBody).touser === route.user);

/**
 * Delivers one message (after a person's pause) and waits until it was processed and every reply it queued went
 * out: nothing of the resident's left in the inbox (nor a kf pull signal), nothing pending in the outbox, and at
 * least one new message sent, or a moment of silence after all of that settled.
 */
async function wecomTurn(target: WecomTarget, route: WecomRoute, deliver: () => Promise<Response>): Promise<FakeSent[]> {
  const before = sentTo(target, route).length;
  target.clock?.advance(TYPING_PAUSE_MS);
  const res = await deliver();
  if (res.status !== 200) throw new Error(`WeCom callback for ${route.user} answered ${res.status}`);
  const inbox = target.dataSource.getRepository(InboxMessageEntity);
  const outbox = target.dataSource.getRepository(OutboxMessageEntity);
  const pendingOut = () => outbox.countBy({ recipient: route.user, state: In(UNSETTLED_OUTBOX) });
  const deadline = Date.now() + TURN_TIMEOUT_MS;
  let settledAt: number | undefined;
  while (Date.now() < deadline) {
    const open = (await inbox.countBy({ sender: In(route.senders), state: Not(In(SETTLED_INBOX)) })) + (await pendingOut());
    if (open === 0) {
      if (sentTo(target, route).length > before) {
        // one more look: a reply queued by the same turn may still be on its way to the fake server
        await new Promise((r) => setTimeout(r, 40));
        if ((await pendingOut()) === 0) return sentTo(target, route).slice(before);
      }
      settledAt ??= Date.now();
      if (Date.now() - settledAt > SILENCE_MS) return [];
    } else settledAt = undefined;
    await new Promise((r) => setTimeout(r, 25));
  }
  return sentTo(target, route).slice(before);
}

export function wecomAppChannel(target: WecomTarget): Channel {
  return {
    name: 'wecom_app',
    ticketChannel: 'wecom_app',
    hasButtons: false,
    open(user) {
      const route = { path: '/cgi-bin/message/send', user, senders: [`app:${user}`] };
      const say = async (content: string): Promise<Reply[]> =>
        (await wecomTurn(target, route, () => target.post(buildTextCallback({ from: user, content })))).map(appReply);
      // The app shows no buttons: "tapping" is typing the option's number.
      return { user, say, tap: (o) => say(o.id) };
    },
  };
}

export function wecomKfChannel(target: WecomTarget, openKfId: string): Channel {
  return {
    name: 'wecom_kf',
    ticketChannel: 'wecom_kf',
    hasButtons: true,
    open(user) {
      const route = { path: '/cgi-bin/kf/send_msg', user, senders: [`kf:${openKfId}`, `kf:${openKfId}:${user}`] };
      const send = async (text: { content: string; menu_id?: string }): Promise<Reply[]> => {
        const turn = await wecomTurn(target, route, () => {
          const { token } = target.fake.queueKfMessages(openKfId, [{ external_userid: user, msgtype: 'text', text }]);
          return target.post(buildKfEventCallback({ openKfId, token }));
        });
        return turn.map(kfReply);
      };
      return { user, say: (content) => send({ content }), tap: (o) => send({ content: o.title, menu_id: o.id }) };
    },
  };
}
