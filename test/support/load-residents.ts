import { performance } from 'node:perf_hooks';
import type { FakeSent, FakeWecom } from '../fake-wecom/fake-wecom.server';
import { buildTextCallback, callbackUrl, type SignedCallback } from './wecom-callback';
import { residentIdOf } from '../dialogs/support/chat';

/**
 * Residents walking the whole filing dialog at once, half through POST /api/messages and half through encrypted
 * WeCom callbacks, spread over one or more instances: turn k of a resident goes to instance k mod n, so
 * consecutive turns of one resident land on different instances. Used by `npm run bench:load` and by the
 * scale-out and fault tests, which then count tickets and sends.
 */
export const FILING_STEPS = ['反映问题', '', '西沙街道幸福小区3号楼', '上个月', '全小区约200户', '跳过', '13812345678', '张三', '同意', '正确', '确认提交'];
export const TICKET_NUMBER = /编号：([A-Z]{2}\d{8}-\d{4})/;

/** The description of resident i: distinct per resident, so each files its own concern. */
export const describeConcern = (i: number): string => `小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全（${i}号楼）`;

export interface ResidentLoadOptions {
  /** Base URLs of the instances, e.g. http://127.0.0.1:3001 */
  urls: string[];
  fake: FakeWecom;
  residents: number;
  /** User ids start with this; keep it unique per run. */
  prefix: string;
  /** 'mixed' (default): even residents on the web chat, odd ones on WeCom; 'wecom': all on WeCom. */
  channels?: 'mixed' | 'wecom';
  /** Longest wait for one turn's replies before the turn counts as lost. */
  turnTimeoutMs?: number;
  /** Called after every completed turn (progress bars). */
  onTurn?: () => void;
}

export interface TurnSample {
  channel: 'web' | 'wecom';
  ms: number;
}

export interface ResidentLoadResult {
  samples: TurnSample[];
  /** Turns that failed for good, with the reason (a resident stops at its first). */
  errors: string[];
  /** Requests that failed and were sent again (connection refused, 5xx, a dropped socket). */
  retries: number;
  /** Ticket number told to each resident (user id → number). */
  numbers: Map<string, string>;
  elapsedMs: number;
  /** The web residents' ids as the server issued them in their cookies (what their tickets are filed under). */
  webUsers: string[];
  wecomUsers: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Replies per step of the filing, learnt from one web resident so WeCom residents know how many sends to await. */
async function calibrate(urls: string[], prefix: string): Promise<number[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await calibrateOn(urls[attempt % urls.length], `${prefix}-calibrate${attempt}`);
    } catch (e) {
      if (attempt >= 20) throw e; // an instance may be restarting (fault tests): try the next one
      await sleep(500);
    }
  }
}

/** The `minyi_resident` cookie a response sets, else the one the resident had: a browser's cookie jar of one. */
const keepCookie = (res: Response, cookie: string): string => res.headers.getSetCookie().find((c) => c.startsWith('minyi_resident='))?.split(';')[0] ?? cookie;

async function calibrateOn(url: string, user: string): Promise<number[]> {
  const counts: number[] = [];
  let cookie = '';
  for (const [k, step] of FILING_STEPS.entries()) {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ type: 'message', user, text: step || describeConcern(-1) }),
    });
    cookie = keepCookie(res, cookie);
    if (res.status !== 200) throw new Error(`calibration step ${k}: HTTP ${res.status}`);
    counts.push(((await res.json()) as unknown[]).length);
  }
  return counts;
}

/** Watches the fake server's sends and wakes the resident they are addressed to. */
class SendWatcher {
  private seen = 0;
  private readonly byUser = new Map<string, FakeSent[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly fake: FakeWecom) {
    this.timer = setInterval(() => this.scan(), 5);
  }

  scan(): void {
    const sent = this.fake.sent;
    for (; this.seen < sent.length; this.seen++) {
      const s = sent[this.seen];
      const to = (s.body as { touser?: string }).touser;
      if (typeof to !== 'string') continue;
      const list = this.byUser.get(to) ?? [];
      list.push(s);
      this.byUser.set(to, list);
    }
  }

  to(user: string): FakeSent[] {
    return this.byUser.get(user) ?? [];
  }

  async waitFor(user: string, count: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.to(user).length >= count) return true;
      await sleep(5);
    }
    return false;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const textOf = (s: FakeSent): string => {
  const b = s.body as { text?: { content?: string }; msgmenu?: { head_content?: string } };
  return b.text?.content ?? b.msgmenu?.head_content ?? '';
};

export async function runResidents(options: ResidentLoadOptions): Promise<ResidentLoadResult> {
  const { urls, fake, prefix } = options;
  const turnTimeoutMs = options.turnTimeoutMs ?? 60_000;
  const perStep = await calibrate(urls, prefix);
  const watcher = new SendWatcher(fake);
  const result: ResidentLoadResult = { samples: [], errors: [], retries: 0, numbers: new Map(), elapsedMs: 0, webUsers: [], wecomUsers: [] };

  /** Sends until an instance answers 200: a refused connection or a dropped socket moves on to the next one. */
  const deliver = async (first: number, send: (url: string) => Promise<Response>, what: string): Promise<Response> => {
    const deadline = Date.now() + turnTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const url = urls[(first + attempt) % urls.length];
      try {
        const res = await send(url);
        if (res.status === 200) return res;
        await res.arrayBuffer();
        if (res.status < 500) throw new Error(`${what}: HTTP ${res.status}`);
      } catch (e) {
        if ((e as Error).message.startsWith(what)) throw e;
      }
      if (Date.now() > deadline) throw new Error(`${what}: no instance answered within ${turnTimeoutMs} ms`);
      result.retries++;
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
    }
  };

  const webResident = async (i: number, user: string) => {
    let cookie = '';
    for (const [k, step] of FILING_STEPS.entries()) {
      const body = JSON.stringify({ type: 'message', user, text: step || describeConcern(i) });
      const t0 = performance.now();
      // A web turn whose answer was lost cannot be told apart from one never received: the web chat has no
      // message id, so only a refused connection (never delivered) is safe to resend; anything else ends the walk.
      let res: Response | undefined;
      for (let attempt = 0; !res; attempt++) {
        try {
          res = await fetch(`${urls[(i + k + attempt) % urls.length]}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body });
        } catch (e) {
          const code = ((e as Error).cause as { code?: string } | undefined)?.code;
          if (code !== 'ECONNREFUSED' || attempt > 50) throw new Error(`web ${user} step ${k}: ${code ?? (e as Error).message}`);
          result.retries++;
          await sleep(100);
        }
      }
      cookie = keepCookie(res, cookie);
      const replies = (await res.json()) as Array<{ text?: string }>;
      if (res.status !== 200) throw new Error(`web ${user} step ${k}: HTTP ${res.status} ${JSON.stringify(replies).slice(0, 200)}`);
      result.samples.push({ channel: 'web', ms: performance.now() - t0 });
      options.onTurn?.();
      const number = replies.map((r) => TICKET_NUMBER.exec(r.text ?? '')?.[1]).find(Boolean);
      if (number) result.numbers.set(residentIdOf(cookie), number);
    }
    result.webUsers.push(residentIdOf(cookie));
  };

  const wecomResident = async (i: number, user: string) => {
    let expected = 0;
    for (const [k, step] of FILING_STEPS.entries()) {
      const cb: SignedCallback = buildTextCallback({ from: user, content: step || describeConcern(i) });
      const path = callbackUrl('/wecom/callback', cb.query);
      expected += perStep[k];
      const t0 = performance.now();
      // WeCom resends the very same callback (signature, MsgId) until it gets 200: so does this resident.
      await deliver(i + k, (url) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: cb.body }), `wecom ${user} step ${k}`);
      if (!(await watcher.waitFor(user, expected, turnTimeoutMs))) {
        throw new Error(`wecom ${user} step ${k}: ${watcher.to(user).length} of ${expected} replies within ${turnTimeoutMs} ms`);
      }
      result.samples.push({ channel: 'wecom', ms: performance.now() - t0 });
      options.onTurn?.();
    }
    // A send repeated after a crash (at-least-once) counts as a reply: the number may still be on its way.
    const numberIn = () => watcher.to(user).map((s) => TICKET_NUMBER.exec(textOf(s))?.[1]).find(Boolean);
    const deadline = Date.now() + turnTimeoutMs;
    while (!numberIn() && Date.now() < deadline) await sleep(20);
    const number = numberIn();
    if (number) result.numbers.set(user, number);
    else throw new Error(`wecom ${user}: no ticket number in the replies: ${watcher.to(user).map((s) => textOf(s).slice(0, 40)).join(' | ')}`);
  };

  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.residents }, async (_, i) => {
      const web = options.channels !== 'wecom' && i % 2 === 0;
      const user = `${prefix}-${web ? 'w' : 'q'}${i}`;
      if (!web) result.wecomUsers.push(user);
      try {
        await (web ? webResident(i, user) : wecomResident(i, user));
      } catch (e) {
        result.errors.push((e as Error).message);
      }
    }),
  );
  result.elapsedMs = performance.now() - started;
  watcher.stop();
  return result;
}

/** Sends to the same recipient with the same content, at the fake server: a message delivered twice. */
export function duplicateSends(fake: FakeWecom, users: Iterable<string>): number {
  const wanted = new Set(users);
  const seen = new Map<string, number>();
  for (const s of fake.sent) {
    const b = s.body as { touser?: string };
    if (typeof b.touser !== 'string' || !wanted.has(b.touser)) continue;
    const key = `${s.path}|${JSON.stringify(s.body)}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen.values()].reduce((n, c) => n + (c - 1), 0);
}

export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
