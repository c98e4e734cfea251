import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { waitFor } from '../support/wait';
import { buildTextCallback } from '../support/wecom-callback';
import { startWecomApp } from '../support/wecom-app';

const LIMITS = { RATE_LIMIT_PER_RESIDENT: '3', RATE_LIMIT_PER_IP: '8', RATE_LIMIT_WINDOW_SECONDS: '60' };

describeEachEngine('rate limits on public endpoints', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine, { env: LIMITS })));
  afterAll(async () => t.close());

  const say = (user: string, text: string, headers: Record<string, string> = {}, locale?: string) =>
    fetch(`${t.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ type: 'message', user, text, locale }),
    });
  const sessions = async (user: string) =>
    Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM dialog_session WHERE userId = ?', [user]))[0]?.n ?? 0);

  it('answers 429 with a localized message once one resident exceeds the limit, and stores nothing for it', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.1' };
    for (let i = 0; i < 3; i++) expect((await say('rl-resident', '你好', ip)).status).toBe(200);
    const refused = await say('rl-resident', '你好', ip);
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: string; message: string; details: { retryAfterSeconds: number; scope: string } };
    expect(body.error).toBe('rate_limited');
    expect(body.message).toBe('您发送得太快了，请稍等一会儿再发。');
    expect(body.details.scope).toBe('resident');
    expect(body.details.retryAfterSeconds).toBeGreaterThan(0);
    const en = (await (await say('rl-resident', 'hello', ip, 'en')).json()) as { message: string };
    expect(en.message).toContain('too quickly');
    // another resident on the same address is still served
    expect((await say('rl-other', '你好', ip)).status).toBe(200);
  });

  it('counts photo uploads in the same budget as messages', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.4' };
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
    const upload = () => fetch(`${t.url}/api/media?user=rl-photo`, { method: 'POST', headers: { 'content-type': 'image/png', ...ip }, body: new Uint8Array(png) });
    expect((await say('rl-photo', '你好', ip)).status).toBe(200);
    expect((await upload()).status).toBe(201);
    expect((await upload()).status).toBe(201);
    const refused = await upload();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { details: { scope: string } }).details.scope).toBe('resident');
    expect((await say('rl-photo', '你好', ip)).status).toBe(429);
  });

  it('limits one address across residents, and not other addresses', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.2' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await say(`rl-ip-${i}`, '你好', ip)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.slice(8)).toEqual([429, 429]);
    expect(await sessions('rl-ip-9')).toBe(0);
    expect((await say('rl-ip-9', '你好', { 'x-forwarded-for': '198.51.100.3' })).status).toBe(200);
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
