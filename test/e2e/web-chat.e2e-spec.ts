import { DataSource } from 'typeorm';
import { OutboxService } from '../../src/outbox/outbox.service';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { fileConcern, resident } from '../dialogs/support/chat';
import { answerTicket } from '../dialogs/support/tickets';

describeEachEngine('web chat', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine)));
  afterAll(async () => t.close());

  const post = (body: string) => fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('serves a Chinese chat page with its strings from the locales', async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('委员工作室');
    expect(html).toContain('name="viewport"');
    const en = (await (await fetch(`${t.url}/api/locales/en`)).json()) as Record<string, string>;
    expect(en.send).toBe('Send');
  });

  it('answers the Botkit webhook convention with a JSON array of replies', async () => {
    const res = await post(JSON.stringify({ type: 'message', user: 'web-contract', text: '你好', channel: 'webhook' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Array<{ type: string; text: string }>;
    expect(Array.isArray(body)).toBe(true);
    expect(body[0]).toMatchObject({ type: 'message', text: expect.any(String) });
  });

  it('rejects malformed JSON, a missing user and an over-long text with 400 and a clear message', async () => {
    const bad = await post('{"type":"message",');
    expect(bad.status).toBe(400);
    const noUser = await post(JSON.stringify({ type: 'message', text: 'hi' }));
    expect(noUser.status).toBe(400);
    expect(((await noUser.json()) as { message: string }).message).toContain('user');
    const long = await post(JSON.stringify({ type: 'message', user: 'u', text: 'x'.repeat(2001) }));
    expect(long.status).toBe(400);
    expect(((await long.json()) as { message: string }).message).toContain('2000');
  });

  it('hands later notifications (a member took the ticket) to the page once', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await answerTicket(t, number);
    const pending = async () => (await (await fetch(`${t.url}/api/messages/pending?user=${r.user}`)).json()) as Array<{ text: string }>;
    const first = await pending();
    expect(first.map((m) => m.text).join('\n')).toContain(number);
    expect(await pending()).toEqual([]);
    expect(t.app.get(OutboxService)).toBeDefined();
    expect(t.app.get(DataSource)).toBeDefined();
  });
});
