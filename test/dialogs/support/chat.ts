import type { BotReply } from '../../../src/conversation/conversation.types';
import type { TestApp } from '../../support/app';

export interface Resident {
  /** The resident id the server issued (from the signed cookie); the label until the first message. */
  readonly user: string;
  /** The `minyi_resident` cookie, as a browser would send it back. */
  readonly cookie: string;
  /** Sends one message and returns the replies (asserting HTTP 200). */
  say(text: string, extra?: Record<string, unknown>): Promise<BotReply[]>;
  /** Uploads a photo as this resident (POST /api/media); returns the status and body. */
  upload(bytes: Buffer, type: string): Promise<{ status: number; body: { kind: string; ref: string; size: number } }>;
  /** The text of all replies of the last turn, joined. */
  last: string;
  lastReplies: BotReply[];
}

/** The smallest valid PNG (1×1, transparent): a photo a resident can upload. */
export const TINY_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

/** Uploads a photo as `r` and returns the attachment to send with a message. */
export async function photoOf(r: Resident, name = 'photo.png'): Promise<{ kind: string; ref: string; name: string }> {
  const { status, body } = await r.upload(TINY_PNG, 'image/png');
  if (status !== 201) throw new Error(`POST /api/media ${status}: ${JSON.stringify(body)}`);
  return { kind: body.kind, ref: body.ref, name };
}

let counter = 0;

/** One cookie per label, so `resident(a, 'x')` and `resident(b, 'x')` are the same person on two instances. */
const jars = new Map<string, { cookie: string }>();

/** The `minyi_resident=<value>` pair of a response's Set-Cookie, if it sets one. */
export function residentCookieOf(res: Response): string | null {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('minyi_resident='));
  return set ? set.split(';')[0] : null;
}

/** The resident id inside a `minyi_resident=<id>.<signature>` cookie. */
export const residentIdOf = (cookie: string): string => decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)).replace(/\.[^.]*$/, '');

/**
 * A resident talking to the web chat endpoint of a running test app, keeping the resident cookie the server
 * issues like a browser does. The `user` field of the body is a label only; the cookie says who speaks.
 */
export function resident(app: TestApp, label = `web-${process.pid}-${++counter}`): Resident {
  const jar = jars.get(label) ?? { cookie: '' };
  jars.set(label, jar);
  const send = async (url: string, init: RequestInit): Promise<Response> => {
    const res = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...(jar.cookie ? { cookie: jar.cookie } : {}) } });
    jar.cookie = residentCookieOf(res) ?? jar.cookie;
    return res;
  };
  const r: Resident = {
    get user() {
      return jar.cookie ? residentIdOf(jar.cookie) : label;
    },
    get cookie() {
      return jar.cookie;
    },
    last: '',
    lastReplies: [],
    async say(text, extra = {}) {
      const res = await send(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', user: label, text, channel: 'webhook', ...extra }),
      });
      const body = (await res.json()) as BotReply[];
      if (res.status !== 200) throw new Error(`POST /api/messages ${res.status}: ${JSON.stringify(body)}`);
      r.lastReplies = body;
      r.last = body.map((b) => b.text).join('\n');
      return body;
    },
    async upload(bytes, type) {
      const res = await send(`${app.url}/api/media`, { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(bytes) });
      return { status: res.status, body: (await res.json()) as { kind: string; ref: string; size: number } };
    },
  };
  return r;
}

export const buttons = (replies: BotReply[]): string[] => replies.flatMap((r) => r.quick_replies?.map((q) => q.title) ?? []);

export const numberIn = (text: string): string | null => /编号：([A-Z]{2}\d{8}-\d{4})/.exec(text)?.[1] ?? null;

/** Answers of a complete filing up to the route preview; photos (attachments) are sent at the photo question. */
export async function fileUntilPreview(r: Resident, text = '小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全', photos: unknown[] = []): Promise<void> {
  await r.say('反映问题');
  await r.say(text);
  await r.say('西沙街道幸福小区3号楼');
  await r.say('上个月');
  await r.say('全小区约200户');
  if (photos.length === 0) await r.say('跳过');
  else {
    for (const photo of photos) await r.say('', { attachments: [photo] });
    await r.say('完成');
  }
  await r.say('13812345678');
  await r.say('张三');
  await r.say('同意');
}

/** Files a complete concern and returns its number. */
export async function fileConcern(r: Resident, text?: string, photos?: unknown[]): Promise<string> {
  await fileUntilPreview(r, text, photos);
  await r.say('正确');
  await r.say('确认提交');
  const number = numberIn(r.last);
  if (!number) throw new Error(`no ticket number in: ${r.last}`);
  if (r.lastReplies.some((x) => x.quick_replies?.some((q) => q.title === '支持该诉求'))) await r.say('单独提交');
  return number;
}
