import type { BotReply } from '../../../src/conversation/conversation.types';
import type { TestApp } from '../../support/app';

export interface Resident {
  user: string;
  /** Sends one message and returns the replies (asserting HTTP 200). */
  say(text: string, extra?: Record<string, unknown>): Promise<BotReply[]>;
  /** The text of all replies of the last turn, joined. */
  last: string;
  lastReplies: BotReply[];
}

let counter = 0;

/** A resident talking to the web chat endpoint of a running test app. */
export function resident(app: TestApp, user = `web-${process.pid}-${++counter}`): Resident {
  const r: Resident = {
    user,
    last: '',
    lastReplies: [],
    async say(text, extra = {}) {
      const res = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', user, text, channel: 'webhook', ...extra }),
      });
      const body = (await res.json()) as BotReply[];
      if (res.status !== 200) throw new Error(`POST /api/messages ${res.status}: ${JSON.stringify(body)}`);
      r.lastReplies = body;
      r.last = body.map((b) => b.text).join('\n');
      return body;
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
