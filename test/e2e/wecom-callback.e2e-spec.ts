import { DataSource } from 'typeorm';
import { InboxMessageEntity } from '../../src/inbox/inbox-message.entity';
import { describeEachEngine } from '../support/database';
import { waitFor } from '../support/wait';
import { buildTextCallback, sealCallback, TEST_WECOM_KEYS } from '../support/wecom-callback';
import { startWecomApp } from '../support/wecom-app';

/** Tencent's official Set A vectors (WECOM.md §2.1), exactly as WeCom sends them. */
const OFFICIAL_GET =
  '/wecom/callback?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780' +
  '&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D';
const OFFICIAL_POST_QUERY = 'msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149';
const OFFICIAL_POST_BODY =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>';

describeEachEngine('WeCom callback endpoint', (engine) => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  let inbox: ReturnType<DataSource['getRepository']>;
  beforeAll(async () => {
    w = await startWecomApp(engine);
    inbox = w.t.app.get(DataSource).getRepository(InboxMessageEntity);
  });
  afterAll(async () => w.close());

  it('answers the official URL verification with the decrypted echostr, as plain text', async () => {
    const res = await fetch(`${w.t.url}${OFFICIAL_GET}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
  });

  it('acknowledges the official message vector and stores it under its 64-bit MsgId, exactly', async () => {
    const res = await fetch(`${w.t.url}/wecom/callback?${OFFICIAL_POST_QUERY}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: OFFICIAL_POST_BODY,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    const row = await inbox.findOneByOrFail({ dedupeKey: 'wecom:4561255354251345929' });
    expect(row.payload).toMatchObject({ kind: 'text', content: 'hello', fromUserName: 'mycreate', msgId: '4561255354251345929' });
  });

  it('stores three deliveries of one callback once', async () => {
    const cb = buildTextCallback({ from: 'resident-dup', content: '你好', msgId: '9223372036854775001' });
    const answers = await Promise.all([w.post(cb), w.post(cb), w.post(cb)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await inbox.countBy({ dedupeKey: 'wecom:9223372036854775001' })).toBe(1);
  });

  it('rejects a forged signature with 401 and stores nothing', async () => {
    const cb = buildTextCallback({ from: 'mallory', content: 'forged', msgId: '1000000000000000001' });
    const res = await w.post({ ...cb, query: { ...cb.query, msg_signature: '0'.repeat(40) } });
    expect(res.status).toBe(401);
    const other = buildTextCallback({ from: 'mallory', content: 'forged' }, { keys: { ...TEST_WECOM_KEYS, token: 'wrong-token' } });
    expect((await w.post(other)).status).toBe(401);
    expect(await inbox.countBy({ dedupeKey: 'wecom:1000000000000000001' })).toBe(0);
  });

  it('rejects an XXE payload with 400 without reading the file', async () => {
    const xxe = sealCallback(
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><ToUserName>a</ToUserName>' +
        '<FromUserName>x</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&x;</Content><MsgId>5</MsgId></xml>',
    );
    const res = await w.post(xxe);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('root:');
    const outer = await fetch(`${w.t.url}/wecom/callback?msg_signature=a&timestamp=1&nonce=2`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>',
    });
    expect(outer.status).toBe(400);
    expect(await inbox.countBy({ dedupeKey: 'wecom:5' })).toBe(0);
  });

  it('answers 400 to malformed or truncated XML and 413 to a body over 1 MB', async () => {
    const good = buildTextCallback({ from: 'a', content: 'b' });
    expect((await w.post({ ...good, body: good.body.slice(0, 40) })).status).toBe(400);
    expect((await w.post({ ...good, body: 'not xml at all' })).status).toBe(400);
    const huge = `<xml><Encrypt>${'A'.repeat(2 * 1024 * 1024)}</Encrypt></xml>`;
    expect((await w.post({ ...good, body: huge })).status).toBe(413);
  });

  it('processes an accepted message once: the resident gets the greeting through message/send', async () => {
    const cb = buildTextCallback({ from: 'resident-hello', content: '你好' });
    for (let i = 0; i < 3; i++) expect((await w.post(cb)).status).toBe(200);
    await waitFor(() => w.fake.sent.some((s) => s.path === '/cgi-bin/message/send' && (s.body as { touser?: string }).touser === 'resident-hello'));
    await new Promise((r) => setTimeout(r, 800));
    const replies = w.fake.sent.filter((s) => s.path === '/cgi-bin/message/send' && (s.body as { touser?: string }).touser === 'resident-hello');
    const row = await inbox.findOneByOrFail({ dedupeKey: `wecom:${/<MsgId>(\d+)<\/MsgId>/.exec(cb.plaintext)![1]}` });
    expect(row.state).toBe('done');
    expect(replies.length).toBeGreaterThan(0);
    // one processing: every reply went out once (three deliveries, one effect)
    const texts = replies.map((r) => JSON.stringify(r.body));
    expect(new Set(texts).size).toBe(texts.length);
  });
});
