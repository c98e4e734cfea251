import { FakeWecom, startFakeWecom } from '../../../test/fake-wecom/fake-wecom.server';
import { WecomApiClient } from './wecom-api.client';
import { WecomApiError } from './wecom-api.errors';
import type { WecomApiClientOptions } from './wecom-api.types';

const SEND = '/cgi-bin/message/send';
const GETTOKEN = '/cgi-bin/gettoken';
const text = (content = 'hi') => ({ touser: 'zhangsan', msgtype: 'text' as const, text: { content } });

async function rejection(promise: Promise<unknown>): Promise<WecomApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof WecomApiError) return e;
    throw e;
  }
  throw new Error('expected a WecomApiError');
}

describe(WecomApiClient.name, () => {
  let fake: FakeWecom;
  let delays: number[];

  const newClient = (overrides: Partial<WecomApiClientOptions> = {}): WecomApiClient =>
    new WecomApiClient({
      apiBase: fake.url, corpId: fake.corpId, agentId: fake.agentId, secrets: { app: 'app-secret', kf: 'kf-secret' },
      timeoutMs: 2000, sleep: async (ms) => { delays.push(ms); }, now: () => fake.clock.now(), ...overrides,
    });

  beforeEach(async () => {
    fake = await startFakeWecom({ secrets: { app: 'app-secret', kf: 'kf-secret' }, kfAccounts: ['wk1'] });
    delays = [];
  });
  afterEach(async () => {
    await fake.close();
  });

  it('caches the token: 50 sends, sequential and concurrent, one gettoken', async () => {
    const sut = newClient();
    for (let i = 0; i < 25; i++) await sut.sendAppMessage(text(`m${i}`));
    await Promise.all(Array.from({ length: 25 }, (_, i) => sut.sendAppMessage(text(`p${i}`))));
    expect(fake.callCount(GETTOKEN)).toBe(1);
    expect(fake.sent).toHaveLength(50);
    expect(fake.sent[0].body).toMatchObject({ agentid: fake.agentId, msgtype: 'text', touser: 'zhangsan' });
  });

  it('shares one gettoken among concurrent first callers', async () => {
    const sut = newClient();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => sut.getToken('app')));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.callCount(GETTOKEN)).toBe(1);
  });

  it('refreshes before expires_in and keeps separate tokens per secret', async () => {
    const sut = newClient();
    const first = await sut.getToken('app');
    const kfToken = await sut.getToken('kf');
    expect(kfToken).not.toBe(first);
    fake.clock.advance((7200 - 301) * 1000);
    expect(await sut.getToken('app')).toBe(first);
    fake.clock.advance(2000);
    expect(await sut.getToken('app')).not.toBe(first);
    expect(fake.callCount(GETTOKEN)).toBe(3);
  });

  it('refreshes once on 42001 and then succeeds', async () => {
    const sut = newClient();
    await sut.sendAppMessage(text());
    fake.revokeTokens();
    await expect(sut.sendAppMessage(text('again'))).resolves.toMatchObject({ msgid: expect.any(String) });
    expect(fake.callCount(GETTOKEN)).toBe(2);
    expect(fake.calls.filter((c) => c.path === SEND).map((c) => c.errcode)).toEqual([0, 42001, 0]);
  });

  it('does not loop when fresh tokens keep being refused', async () => {
    const sut = newClient();
    fake.injectFailures({ path: SEND, failure: { type: 'errcode', errcode: 40014 }, forMs: 60_000 });
    const error = await rejection(sut.sendAppMessage(text()));
    expect(error).toMatchObject({ kind: 'token', errcode: 40014, path: SEND, retryable: true });
    expect(fake.callCount(GETTOKEN)).toBe(2);
    expect(fake.callCount(SEND)).toBe(2);
  });

  it('stops asking for tokens for a while after WeCom refuses the secret', async () => {
    const sut = newClient({ secrets: { app: 'wrong-secret' } });
    const error = await rejection(sut.sendAppMessage(text()));
    expect(error).toMatchObject({ kind: 'token', errcode: 40001, retryable: false });
    await expect(sut.sendAppMessage(text())).rejects.toBe(error);
    expect(fake.callCount(GETTOKEN)).toBe(1);
    expect(error.message).not.toContain('wrong-secret');
  });

  it('backs off on -1 and then succeeds', async () => {
    const sut = newClient({ random: () => 1 });
    fake.injectFailures({ path: SEND, failure: { type: 'errcode', errcode: -1 }, times: 2 });
    await expect(sut.sendAppMessage(text())).resolves.toMatchObject({ msgid: expect.any(String) });
    expect(delays).toEqual([200, 400]);
    expect(fake.callCount(SEND)).toBe(3);
  });

  it('gives up after 3 attempts with a retryable error', async () => {
    const sut = newClient();
    fake.injectFailures({ path: SEND, failure: { type: 'errcode', errcode: -1 }, times: 10 });
    await expect(rejection(sut.sendAppMessage(text()))).resolves.toMatchObject({ kind: 'unavailable', errcode: -1, retryable: true });
    expect(fake.callCount(SEND)).toBe(3);
  });

  it('fails fast on 45009 (the block lasts a minute or more) and marks it retryable', async () => {
    const sut = newClient();
    fake.injectFailures({ path: SEND, failure: { type: 'errcode', errcode: 45009 } });
    await expect(rejection(sut.sendAppMessage(text()))).resolves.toMatchObject({ kind: 'rate_limit', retryable: true });
    expect(fake.callCount(SEND)).toBe(1);
  });

  it('times out a slow send with a retryable error and does not repeat it (it may have been delivered)', async () => {
    const sut = newClient({ timeoutMs: 100 });
    await sut.getToken('app');
    fake.injectFailures({ path: SEND, failure: { type: 'delay', ms: 400 } });
    await expect(rejection(sut.sendAppMessage(text()))).resolves.toMatchObject({ kind: 'unavailable', transport: 'timeout', retryable: true });
    expect(delays).toEqual([]);
  });

  it('repeats an idempotent read after a timeout or a 5xx', async () => {
    const sut = newClient({ timeoutMs: 100 });
    fake.injectFailures(
      { path: '/cgi-bin/kf/sync_msg', failure: { type: 'delay', ms: 400 } },
      { path: '/cgi-bin/kf/sync_msg', failure: { type: 'http', status: 502 } },
    );
    await expect(sut.kfSyncMsg({ open_kfid: 'wk1' })).resolves.toEqual({ nextCursor: 'c0', hasMore: false, messages: [] });
    expect(delays).toHaveLength(2);
  });

  it('does not repeat a send after a 5xx', async () => {
    const sut = newClient();
    fake.injectFailures({ path: SEND, failure: { type: 'http', status: 503 } });
    await expect(rejection(sut.sendAppMessage(text()))).resolves.toMatchObject({ kind: 'unavailable', transport: 'http', errmsg: 'HTTP 503' });
    expect(fake.callCount(SEND)).toBe(0);
  });

  it('reports a refused connection as retryable and retries it (nothing was sent)', async () => {
    const sut = newClient();
    await fake.down();
    const error = await rejection(sut.sendAppMessage(text()));
    expect(error).toMatchObject({ kind: 'unavailable', transport: 'refused', retryable: true });
    expect(delays).toHaveLength(2);
  });

  it('keeps 64-bit ids exact', async () => {
    const sut = newClient();
    fake.injectFailures({ path: SEND, failure: { type: 'body', body: '{"errcode":0,"errmsg":"ok","msgid":4561255354251345929}' } });
    await expect(sut.sendAppMessage(text())).resolves.toEqual({ msgid: '4561255354251345929' });
  });

  it('returns a response_code for interactive cards and updates the card once', async () => {
    const sut = newClient();
    const sent = await sut.sendAppMessage({
      touser: 'zhangsan', msgtype: 'template_card',
      template_card: { card_type: 'button_interaction', task_id: 'ticket-1', main_title: { title: '新诉求' }, button_list: [{ text: '受理', key: 'accept' }] },
    });
    expect(sent.response_code).toEqual(expect.any(String));
    const update = { userids: ['zhangsan'], response_code: sent.response_code ?? '', button: { replace_name: '已受理' } };
    await expect(sut.updateTemplateCard(update)).resolves.toEqual({ invaliduser: [] });
    await expect(rejection(sut.updateTemplateCard(update))).resolves.toMatchObject({ kind: 'invalid', errcode: 42022 });
  });

  it('syncs kf messages page by page and sends inside the window until it closes', async () => {
    const sut = newClient();
    const { token } = fake.queueKfMessages('wk1', [
      { external_userid: 'wm1', msgtype: 'text', text: { content: '路灯坏了' } },
      { external_userid: 'wm1', msgtype: 'image', image: { media_id: 'M1' } },
    ]);
    const first = await sut.kfSyncMsg({ open_kfid: 'wk1', token, limit: 1 });
    expect(first).toMatchObject({ hasMore: true, messages: [{ type: 'text', content: '路灯坏了', externalUserid: 'wm1', origin: 3 }] });
    const second = await sut.kfSyncMsg({ open_kfid: 'wk1', token, cursor: first.nextCursor, limit: 1 });
    expect(second).toMatchObject({ hasMore: false, messages: [{ type: 'image', mediaId: 'M1' }] });
    for (let i = 0; i < 5; i++) await sut.kfSendMsg({ touser: 'wm1', open_kfid: 'wk1', msgtype: 'text', text: { content: `回复${i}` } });
    const error = await rejection(sut.kfSendMsg({ touser: 'wm1', open_kfid: 'wk1', msgtype: 'text', text: { content: '第六条' } }));
    expect(error).toMatchObject({ kind: 'window', errcode: 95001, retryable: false });
  });

  it('gets and changes the kf service state', async () => {
    const sut = newClient();
    fake.queueKfMessages('wk1', [{ external_userid: 'wm2', msgtype: 'text', text: { content: 'x' } }]);
    await expect(sut.kfServiceStateGet({ open_kfid: 'wk1', external_userid: 'wm2' })).resolves.toEqual({ service_state: 0 });
    await expect(sut.kfServiceStateTrans({ open_kfid: 'wk1', external_userid: 'wm2', service_state: 1 })).resolves.toEqual({});
    await expect(rejection(sut.kfServiceStateTrans({ open_kfid: 'wk1', external_userid: 'wm2', service_state: 0 }))).resolves.toMatchObject({ errcode: 95016 });
  });

  it('uploads and downloads media, and exchanges an OAuth code', async () => {
    const sut = newClient();
    const uploaded = await sut.uploadMedia('file', Buffer.from('hello file'), 'report.txt', 'text/x-report');
    expect(uploaded).toMatchObject({ type: 'file', media_id: expect.any(String) });
    expect(fake.sent.at(-1)?.body).toEqual({ type: 'file', filename: 'report.txt', bytes: 10 });
    const media = await sut.getMedia(fake.addMedia(Buffer.from([1, 2, 3]), 'image/png', 'a.png'));
    expect(media).toEqual({ bytes: Buffer.from([1, 2, 3]), contentType: 'image/png', filename: 'a.png' });
    await expect(rejection(sut.getMedia('nope'))).resolves.toMatchObject({ errcode: 40007 });
    fake.registerOAuthCode('CODE1', 'lisi');
    await expect(sut.getUserInfoByCode('CODE1')).resolves.toMatchObject({ userid: 'lisi' });
    await expect(rejection(sut.getUserInfoByCode('CODE1'))).resolves.toMatchObject({ errcode: 40029 });
  });

  it('never puts the access token into errors', async () => {
    const sut = newClient();
    const token = await sut.getToken('app');
    fake.injectFailures({ path: SEND, failure: { type: 'errcode', errcode: 81013, errmsg: 'all invalid' } });
    const error = await rejection(sut.sendAppMessage(text()));
    expect(`${error.message} ${JSON.stringify(error.details)} ${String(error.stack)}`).not.toContain(token);
  });
});
