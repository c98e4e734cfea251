import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { waitFor } from '../support/wait';
import { buildTextCallback } from '../support/wecom-callback';
import { startWecomApp } from '../support/wecom-app';
import { residentCookieOf } from '../dialogs/support/chat';

const LIMITS = { RATE_LIMIT_PER_RESIDENT: '3', RATE_LIMIT_PER_IP: '8', RATE_LIMIT_WINDOW_SECONDS: '60' };

describeEachEngine('rate limits on public endpoints', (engine) => {
  let t: TestApp;
  // The test client is the named proxy here, so each test can speak from addresses of its own.
  beforeAll(async () => (t = await startTestApp(engine, { env: { ...LIMITS, TRUST_PROXY: '127.0.0.1' } })));
  afterAll(async () => t.close());

  const say = (text: string, headers: Record<string, string> = {}, locale?: string, user = 'any') =>
    fetch(`${t.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ type: 'message', user, text, locale }),
    });
  const sessions = async () => Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM dialog_session'))[0]?.n ?? 0);

  it('answers 429 with a localized message once one resident exceeds the limit, whatever user field they send', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.1' };
    const first = await say('你好', ip);
    expect(first.status).toBe(200);
    const cookie = residentCookieOf(first)!;
    const as = { ...ip, cookie };
    for (let i = 0; i < 2; i++) expect((await say('你好', as)).status).toBe(200);
    // A new `user` in the body is not a new resident: the signed cookie says who speaks.
    const refused = await say('你好', as, undefined, `rl-fresh-${Date.now()}`);
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: string; message: string; details: { retryAfterSeconds: number; scope: string } };
    expect(body.error).toBe('RATE_LIMITED');
    expect(body.message).toBe('您发送得太快了，请稍等一会儿再发。');
    expect(body.details.scope).toBe('resident');
    expect(body.details.retryAfterSeconds).toBeGreaterThan(0);
    const en = (await (await say('hello', as, 'en')).json()) as { message: string };
    expect(en.message).toContain('too quickly');
    // another resident on the same address is still served
    expect((await say('你好', ip)).status).toBe(200);
  });

  it('counts photo uploads in the same budget as messages', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.4' };
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
    const first = await say('你好', ip);
    expect(first.status).toBe(200);
    const as = { ...ip, cookie: residentCookieOf(first)! };
    const upload = () => fetch(`${t.url}/api/media`, { method: 'POST', headers: { 'content-type': 'image/png', ...as }, body: new Uint8Array(png) });
    expect((await upload()).status).toBe(201);
    expect((await upload()).status).toBe(201);
    const refused = await upload();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { details: { scope: string } }).details.scope).toBe('resident');
    expect((await say('你好', as)).status).toBe(429);
  });

  it('limits one address across residents, and not other addresses', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.2' };
    const before = await sessions();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await say('你好', ip)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.slice(8)).toEqual([429, 429]);
    // the refused ones stored nothing
    expect((await sessions()) - before).toBe(8);
    expect((await say('你好', { 'x-forwarded-for': '198.51.100.3' })).status).toBe(200);
  });
});

describeEachEngine('rate limits without a named proxy', (engine) => {
  it('keys the address limit on the socket: a client-written X-Forwarded-For changes nothing', async () => {
    const t = await startTestApp(engine, { env: { RATE_LIMIT_PER_RESIDENT: '100', RATE_LIMIT_PER_IP: '4', RATE_LIMIT_WINDOW_SECONDS: '60' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`${t.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
          body: JSON.stringify({ type: 'message', user: `spoof-${i}`, text: '你好' }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await t.close();
    }
  });
});

describeEachEngine('the WeCom callback is not rate-limited (WeCom retries only three times)', (engine) => {
  it('stores and answers every one of 40 callbacks from one member at limits of 1', async () => {
    const w = await startWecomApp(engine, { env: { RATE_LIMIT_PER_RESIDENT: '1', RATE_LIMIT_PER_IP: '1' } });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 40 }, (_, i) => w.post(buildTextCallback({ from: 'rl-member', content: `消息${i}` })).then((r) => r.status)),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
      const ds = w.t.app.get(DataSource);
      const stored = await waitFor(async () => {
        const n = Number((await ds.query(`SELECT COUNT(*) AS n FROM inbox_message WHERE sender = 'app:rl-member'`))[0].n);
        return n === 40 ? n : null;
      }, 20_000, 'all 40 stored');
      expect(stored).toBe(40);
    } finally {
      await w.close();
    }
  });
});
