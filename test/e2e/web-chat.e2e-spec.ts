import { DataSource } from 'typeorm';
import { MediaFileEntity } from '../../src/media/media-file.entity';
import { TicketEntity } from '../../src/tickets/ticket.entity';
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

  // The smallest valid PNG (1×1, transparent).
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  const photographer = () => resident(t);
  const upload = (bytes: Buffer, type: string, r = photographer()) => r.upload(bytes, type);

  it('keeps a photo uploaded from the page, and the filed ticket carries it', async () => {
    const r = resident(t);
    const { status, body: media } = await r.upload(PNG, 'image/png');
    expect(status).toBe(201);
    // The reference is random (not a row number a resident could count through).
    expect(media).toMatchObject({ kind: 'image', ref: expect.stringMatching(/^media:[A-Za-z0-9_-]{24}$/), size: PNG.length });
    // The same bytes again from the same resident are the same stored file.
    expect((await r.upload(PNG, 'image/png')).body.ref).toBe(media.ref);
    const stored = await t.app.get(DataSource).getRepository(MediaFileEntity).findOneByOrFail({ ref: media.ref.slice(6) });
    expect(Buffer.from(stored.dataBase64, 'base64').equals(PNG)).toBe(true);
    expect(stored).toMatchObject({ source: 'web', contentType: 'image/png', owner: `web:${r.user}` });

    const number = await fileConcern(r, undefined, [{ kind: media.kind, ref: media.ref, name: 'light.png' }]);
    const ticket = await t.app.get(DataSource).getRepository(TicketEntity).findOneByOrFail({ number });
    expect(ticket.attachments).toEqual([expect.objectContaining({ kind: 'image', ref: media.ref })]);
  });

  it('refuses a body that is not the photo it claims to be (415) and a photo over the limit (413)', async () => {
    const fake = await upload(Buffer.from('<script>alert(1)</script>'), 'image/png');
    expect(fake.status).toBe(415);
    expect((fake.body as unknown as { message: string }).message).toContain('image/png');
    expect((await upload(PNG, 'image/jpeg')).status).toBe(415);
    expect((await upload(Buffer.from('{}'), 'application/json')).status).toBe(415);
    const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
    expect((await upload(big, 'image/png')).status).toBe(413);
  });

  it('hands later notifications (a member took the ticket) to the page once', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await answerTicket(t, number);
    const pending = async () => (await (await fetch(`${t.url}/api/messages/pending`, { headers: { cookie: r.cookie } })).json()) as Array<{ text: string }>;
    const first = await pending();
    expect(first.map((m) => m.text).join('\n')).toContain(number);
    expect(await pending()).toEqual([]);
    // The id in a query (the old way) reads nothing: only the cookie does.
    const byQuery = await fetch(`${t.url}/api/messages/pending?user=${encodeURIComponent(r.user)}`);
    expect(byQuery.status).toBe(401);
    expect(t.app.get(OutboxService)).toBeDefined();
    expect(t.app.get(DataSource)).toBeDefined();
  });
});
