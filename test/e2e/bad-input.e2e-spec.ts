import { request } from 'node:http';
import { DataSource } from 'typeorm';
import { fileConcern, resident } from '../dialogs/support/chat';
import { describeEachEngine } from '../support/database';
import { waitFor } from '../support/wait';
import { buildTextCallback, callbackUrl, sealCallback, TEST_WECOM_KEYS } from '../support/wecom-callback';
import { startWecomApp } from '../support/wecom-app';

/** Raw bytes to an endpoint (fetch would re-encode a body that is not valid UTF-8). */
function postRaw(url: string, body: Buffer, contentType: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      { host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: 'POST', headers: { 'content-type': contentType, 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describeEachEngine('bad input: refused with a clear 4xx, nothing lost, nothing done twice', (engine) => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  let ds: DataSource;
  beforeAll(async () => {
    w = await startWecomApp(engine);
    ds = w.t.app.get(DataSource);
  });
  afterAll(async () => w.close());

  const inboxCount = async () => Number((await ds.query('SELECT COUNT(*) AS n FROM inbox_message'))[0].n);
  const sealed = (plaintext: string) => sealCallback(plaintext);
  const postSealed = async (plaintext: string) => {
    const cb = sealed(plaintext);
    const res = await w.post(cb);
    return { status: res.status, body: (await res.json().catch(() => null)) as { error?: string; message?: string } | null };
  };

  it('refuses malformed, truncated, XXE and billion-laughs plaintext with 400, storing nothing', async () => {
    const before = await inboxCount();
    const good = buildTextCallback({ from: 'bad-xml', content: 'hello' }).plaintext;
    const payloads = [
      '<xml><FromUserName>a</FromUserName><MsgType>text',
      good.slice(0, Math.floor(good.length / 2)),
      'not xml at all',
      '<xml></xml><xml></xml>',
      `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>`,
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Content>&lol3;</Content></xml>`,
    ];
    for (const p of payloads) {
      const r = await postSealed(p);
      expect({ p: p.slice(0, 30), status: r.status }).toEqual({ p: p.slice(0, 30), status: 400 });
      expect(r.body?.message ?? '').not.toContain('/etc/passwd');
    }
    // The outer envelope itself malformed or truncated
    const cb = buildTextCallback({ from: 'bad-xml', content: 'hello' });
    for (const body of [cb.body.slice(0, 40), '<xml><Encrypt>', '']) {
      const res = await fetch(`${w.t.url}${callbackUrl('/wecom/callback', cb.query)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
      expect([400, 401]).toContain(res.status);
    }
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a 10 MB body with 413 and a 10 MB JSON message too', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'a');
    const cb = buildTextCallback({ from: 'big', content: 'x' });
    const xml = await postRaw(`${w.t.url}${callbackUrl('/wecom/callback', cb.query)}`, Buffer.concat([Buffer.from('<xml><Encrypt><![CDATA['), big, Buffer.from(']]></Encrypt></xml>')]), 'text/xml').catch(
      // Fastify may close the socket once the limit is passed, before the upload ends.
      () => ({ status: 413, body: '' }),
    );
    expect(xml.status).toBe(413);
    const json = await postRaw(`${w.t.url}/api/messages`, Buffer.concat([Buffer.from('{"user":"big","text":"'), big, Buffer.from('"}')]), 'application/json').catch(() => ({ status: 413, body: '' }));
    expect(json.status).toBe(413);
  });

  it('handles invalid UTF-8: a broken envelope is 400/401; a web message is read with replacement characters, never a 500', async () => {
    const cb = buildTextCallback({ from: 'utf8', content: 'x' });
    const broken = Buffer.concat([Buffer.from(cb.body.slice(0, 60)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0]), Buffer.from(cb.body.slice(60))]);
    const xml = await postRaw(`${w.t.url}${callbackUrl('/wecom/callback', cb.query)}`, broken, 'text/xml');
    expect([400, 401]).toContain(xml.status);
    const web = await postRaw(`${w.t.url}/api/messages`, Buffer.concat([Buffer.from('{"user":"utf8-web","text":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]), 'application/json');
    expect(web.status).toBe(200);
    expect(Array.isArray(JSON.parse(web.body))).toBe(true);
  });

  it('refuses a forged signature with 401 and stores nothing', async () => {
    const before = await inboxCount();
    const forged = buildTextCallback({ from: 'forger', content: 'hello' }, { keys: { ...TEST_WECOM_KEYS, token: 'not-the-token' } });
    expect((await w.post(forged)).status).toBe(401);
    const tampered = buildTextCallback({ from: 'forger', content: 'hello' });
    tampered.query.msg_signature = tampered.query.msg_signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect((await w.post(tampered)).status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it('acknowledges a replayed callback (same signature and MsgId) every time and acts once', async () => {
    const cb = buildTextCallback({ from: 'replayer', content: '帮助', msgId: '7777777777777777777' });
    const statuses = await Promise.all(Array.from({ length: 6 }, () => w.post(cb).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const sentTo = () => w.fake.sent.filter((s) => (s.body as { touser?: string }).touser === 'replayer');
    await waitFor(() => sentTo().length > 0, 15_000, 'reply');
    await new Promise((r) => setTimeout(r, 1000));
    const first = sentTo().length;
    for (let i = 0; i < 3; i++) expect((await w.post(cb)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(sentTo()).toHaveLength(first);
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM inbox_message WHERE sender = 'app:replayer'`))[0].n)).toBe(1);
  });

  it('stores SQL- and script-looking text verbatim as data', async () => {
    const evil = `Robert'); DROP TABLE ticket;-- <script>alert(1)</script> 路灯坏了一个多月 " OR 1=1 --`;
    const r = resident(w.t);
    const number = await fileConcern(r, evil);
    const row = (await ds.query('SELECT text FROM ticket WHERE number = ?', [number]))[0] as { text: string };
    expect(row.text).toBe(evil);
    expect(Number((await ds.query('SELECT COUNT(*) AS n FROM ticket'))[0].n)).toBeGreaterThan(0);
  });

  it('serialises 1,000 parallel turns of one resident: each answered, none lost, state intact', async () => {
    const user = 'parallel-one';
    const one = resident(w.t, user);
    await one.say('你好');
    const results = await Promise.all(
      Array.from({ length: 1000 }, () =>
        fetch(`${w.t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: one.cookie }, body: JSON.stringify({ user, text: '帮助' }) }).then(
          async (res) => ({ status: res.status, replies: (await res.json()) as unknown[] }),
        ),
      ),
    );
    expect(results.filter((x) => x.status !== 200)).toEqual([]);
    expect(results.filter((x) => x.replies.length === 0)).toEqual([]);
    // The dialog still works for this resident afterwards: a whole filing goes through.
    const after = resident(w.t, user);
    expect(await fileConcern(after, '1000 parallel turns later, the street light is still broken')).toMatch(/^[A-Z]{2}\d{8}-\d{4}$/);
  }, 120_000);

  it('serialises 300 parallel WeCom messages of one member: every one stored and answered', async () => {
    const user = 'parallel-wecom';
    const callbacks = Array.from({ length: 300 }, (_, i) => buildTextCallback({ from: user, content: i % 2 ? '帮助' : '你好' }));
    const statuses = await Promise.all(callbacks.map((cb) => w.post(cb).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const done = await waitFor(async () => {
      const n = Number((await ds.query(`SELECT COUNT(*) AS n FROM inbox_message WHERE sender = ? AND state = 'done'`, [`app:${user}`]))[0].n);
      return n === 300 ? n : null;
    }, 90_000, 'all 300 handled');
    expect(done).toBe(300);
  }, 120_000);
});
