import { FakeWecom, startFakeWecom } from './fake-wecom.server';

type Answer = Record<string, unknown> & { errcode: number };

describe('fake WeCom server', () => {
  let fake: FakeWecom;
  let token: string;
  let kfToken: string;

  const get = async (path: string, query: Record<string, string>): Promise<Answer> =>
    (await (await fetch(`${fake.url}${path}?${new URLSearchParams(query).toString()}`)).json()) as Answer;
  const post = async (path: string, body: unknown, accessToken = token): Promise<Answer> =>
    (await (await fetch(`${fake.url}${path}?access_token=${accessToken}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) })).json()) as Answer;
  const send = (body: Record<string, unknown>): Promise<Answer> => post('/cgi-bin/message/send', { agentid: fake.agentId, ...body });
  const kfSend = (body: Record<string, unknown>): Promise<Answer> => post('/cgi-bin/kf/send_msg', body, kfToken);

  beforeEach(async () => {
    fake = await startFakeWecom({ corpId: 'wwcorp', secrets: { app: 's-app', kf: 's-kf' }, users: ['zhangsan', 'lisi'], servicers: ['wangwu'] });
    token = String((await get('/cgi-bin/gettoken', { corpid: 'wwcorp', corpsecret: 's-app' })).access_token);
    kfToken = String((await get('/cgi-bin/gettoken', { corpid: 'wwcorp', corpsecret: 's-kf' })).access_token);
  });
  afterEach(async () => {
    await fake.close();
  });

  describe('gettoken and access_token', () => {
    it.each([
      [{ corpsecret: 's-app' }, 41002],
      [{ corpid: 'wwcorp' }, 41004],
      [{ corpid: 'other', corpsecret: 's-app' }, 40013],
      [{ corpid: 'wwcorp', corpsecret: 'nope' }, 40001],
    ])('gettoken %j → %i', async (query, errcode) => {
      await expect(get('/cgi-bin/gettoken', query)).resolves.toMatchObject({ errcode });
    });

    it('answers a token with expires_in and counts the calls', async () => {
      await expect(get('/cgi-bin/gettoken', { corpid: 'wwcorp', corpsecret: 's-app' })).resolves.toMatchObject({ errcode: 0, expires_in: 7200, access_token: expect.any(String) });
      expect(fake.callCount('/cgi-bin/gettoken')).toBe(3);
    });

    it('refuses missing (41001), unknown (40014), expired (42001) and wrong-app (48002) tokens', async () => {
      const body = { touser: 'zhangsan', msgtype: 'text', text: { content: 'x' } };
      await expect(post('/cgi-bin/message/send', body, '')).resolves.toMatchObject({ errcode: 41001 });
      await expect(post('/cgi-bin/message/send', body, 'forged')).resolves.toMatchObject({ errcode: 40014 });
      await expect(post('/cgi-bin/kf/sync_msg', {}, token)).resolves.toMatchObject({ errcode: 48002 });
      fake.clock.advance(7200 * 1000);
      await expect(send(body)).resolves.toMatchObject({ errcode: 42001 });
    });
  });

  describe('message/send', () => {
    it.each([
      ['invalid JSON', '{', 47001],
      ['no agentid', { touser: 'zhangsan', msgtype: 'text', text: { content: 'x' } }, 41011],
      ['another agentid', { agentid: 1, touser: 'zhangsan', msgtype: 'text', text: { content: 'x' } }, 40056],
    ])('%s → %i', async (_name, body, errcode) => {
      await expect(post('/cgi-bin/message/send', body)).resolves.toMatchObject({ errcode });
    });

    it.each([
      ['no msgtype', { touser: 'zhangsan', text: { content: 'x' } }, 40008],
      ['no recipient', { msgtype: 'text', text: { content: 'x' } }, 40058],
      ['only unknown users', { touser: 'ghost', msgtype: 'text', text: { content: 'x' } }, 81013],
      ['empty text', { touser: 'zhangsan', msgtype: 'text', text: { content: '' } }, 44004],
      ['textcard without title', { touser: 'zhangsan', msgtype: 'textcard', textcard: { description: 'd', url: 'https://x' } }, 41016],
      ['card without task_id', { touser: 'zhangsan', msgtype: 'template_card', template_card: { card_type: 'button_interaction', button_list: [{ text: 'a', key: 'k' }] } }, 42014],
      ['card button without key', { touser: 'zhangsan', msgtype: 'template_card', template_card: { card_type: 'button_interaction', task_id: 't1', button_list: [{ text: 'a' }] } }, 42039],
      ['bad card type', { touser: 'zhangsan', msgtype: 'template_card', template_card: { card_type: 'fancy' } }, 42031],
    ])('%s → %i', async (_name, body, errcode) => {
      await expect(send(body)).resolves.toMatchObject({ errcode });
      expect(fake.sent).toHaveLength(0);
    });

    it('lists invalid users, accepts toparty alone, and notes text WeCom would truncate', async () => {
      await expect(send({ touser: 'zhangsan|ghost', msgtype: 'text', text: { content: 'x' } })).resolves.toMatchObject({ errcode: 0, invaliduser: 'ghost' });
      await expect(send({ toparty: '2', msgtype: 'markdown', markdown: { content: '长'.repeat(700) } })).resolves.toMatchObject({ errcode: 0 });
      expect(fake.sent[1].warnings).toEqual(['markdown.content over 2048 bytes: WeCom truncates']);
    });

    it('gives interactive cards a single-use response_code and refuses a reused task_id', async () => {
      const card = { card_type: 'vote_interaction', task_id: 'vote-1', checkbox: { question_key: 'q', option_list: [{ id: 'a', text: 'A' }] }, submit_button: { text: '提交', key: 'submit' } };
      const sent = await send({ touser: 'lisi', msgtype: 'template_card', template_card: card });
      expect(sent).toMatchObject({ errcode: 0, response_code: expect.any(String) });
      await expect(send({ touser: 'lisi', msgtype: 'template_card', template_card: card })).resolves.toMatchObject({ errcode: 42014 });
      const update = { agentid: fake.agentId, userids: ['lisi'], response_code: sent.response_code, button: { replace_name: '已投票' } };
      await expect(post('/cgi-bin/message/update_template_card', { ...update, response_code: undefined })).resolves.toMatchObject({ errcode: 40058 });
      await expect(post('/cgi-bin/message/update_template_card', update)).resolves.toMatchObject({ errcode: 0 });
      await expect(post('/cgi-bin/message/update_template_card', update)).resolves.toMatchObject({ errcode: 42022 });
      const late = { ...update, response_code: fake.issueResponseCode() };
      fake.clock.advance(25 * 3600 * 1000);
      token = String((await get('/cgi-bin/gettoken', { corpid: 'wwcorp', corpsecret: 's-app' })).access_token);
      await expect(post('/cgi-bin/message/update_template_card', late)).resolves.toMatchObject({ errcode: 42003 });
    });
  });

  describe('Customer Service', () => {
    const text = (content: string) => ({ touser: 'wm1', open_kfid: 'wk1', msgtype: 'text', text: { content } });

    it('pages sync_msg with has_more and next_cursor and checks the callback token', async () => {
      const { token: syncToken } = fake.queueKfMessages('wk1', [1, 2, 3].map((i) => ({ external_userid: 'wm1', msgtype: 'text', text: { content: `m${i}` } })));
      const page1 = await post('/cgi-bin/kf/sync_msg', { open_kfid: 'wk1', token: syncToken, limit: 2 }, kfToken);
      expect(page1).toMatchObject({ errcode: 0, has_more: 1, msg_list: [{ text: { content: 'm1' }, origin: 3 }, { text: { content: 'm2' } }] });
      const page2 = await post('/cgi-bin/kf/sync_msg', { open_kfid: 'wk1', cursor: page1.next_cursor, limit: 2 }, kfToken);
      expect(page2).toMatchObject({ has_more: 0, msg_list: [{ text: { content: 'm3' } }] });
      await expect(post('/cgi-bin/kf/sync_msg', { open_kfid: 'wk1', token: 'forged' }, kfToken)).resolves.toMatchObject({ errcode: 95007 });
      fake.clock.advance(11 * 60 * 1000);
      await expect(post('/cgi-bin/kf/sync_msg', { open_kfid: 'wk1', token: syncToken }, kfToken)).resolves.toMatchObject({ errcode: 95007 });
    });

    it.each([
      ['no touser', { open_kfid: 'wk1', msgtype: 'text', text: { content: 'x' } }, 40096],
      ['no open_kfid', { touser: 'wm1', msgtype: 'text', text: { content: 'x' } }, 95000],
      ['unknown open_kfid', { touser: 'wm1', open_kfid: 'wk-unknown', msgtype: 'text', text: { content: 'x' } }, 95004],
      ['no msgtype', { touser: 'wm1', open_kfid: 'wk1' }, 40008],
      ['a menu of 11 items', { touser: 'wm1', open_kfid: 'wk1', msgtype: 'msgmenu', msgmenu: { list: Array.from({ length: 11 }, (_, i) => ({ type: 'click', click: { id: `${i}`, content: `c${i}` } })) } }, 95008],
    ])('send_msg with %s → %i', async (_name, body, errcode) => {
      fake.queueKfMessages('wk1', [{ external_userid: 'wm1', msgtype: 'text', text: { content: 'hello' } }]);
      await expect(kfSend(body)).resolves.toMatchObject({ errcode });
    });

    it('allows 5 messages after the customer writes (95001), reopens on the next message, and closes after 48 h (95002)', async () => {
      fake.addKfAccount('wk1');
      await expect(kfSend(text('too early'))).resolves.toMatchObject({ errcode: 95018 });
      fake.setKfSession('wk1', 'wm1', { state: 0 });
      await expect(kfSend(text('never wrote'))).resolves.toMatchObject({ errcode: 95031 });
      fake.queueKfMessages('wk1', [{ external_userid: 'wm1', msgtype: 'text', text: { content: '你好' } }]);
      for (let i = 1; i <= 5; i++) await expect(kfSend(text(`r${i}`))).resolves.toMatchObject({ errcode: 0 });
      await expect(kfSend(text('r6'))).resolves.toMatchObject({ errcode: 95001 });
      fake.queueKfMessages('wk1', [{ external_userid: 'wm1', msgtype: 'text', text: { content: '还在吗' } }]);
      await expect(kfSend(text('r7'))).resolves.toMatchObject({ errcode: 0 });
      fake.clock.advance(48 * 3600 * 1000 + 1000);
      kfToken = String((await get('/cgi-bin/gettoken', { corpid: 'wwcorp', corpsecret: 's-kf' })).access_token);
      await expect(kfSend(text('late'))).resolves.toMatchObject({ errcode: 95002 });
    });

    it('refuses a duplicate msgid within the account', async () => {
      fake.queueKfMessages('wk1', [{ external_userid: 'wm1', msgtype: 'text', text: { content: 'hi' } }]);
      await expect(kfSend({ ...text('a'), msgid: 'out-1' })).resolves.toMatchObject({ errcode: 0, msgid: 'out-1' });
      await expect(kfSend({ ...text('b'), msgid: 'out-1' })).resolves.toMatchObject({ errcode: 40058 });
    });

    it('accepts a welcome code once within 20 s', async () => {
      const code = fake.issueWelcomeCode('wk1', 'wm9');
      const body = { code, msgtype: 'text', text: { content: '欢迎' } };
      await expect(post('/cgi-bin/kf/send_msg_on_event', body, kfToken)).resolves.toMatchObject({ errcode: 0 });
      await expect(post('/cgi-bin/kf/send_msg_on_event', body, kfToken)).resolves.toMatchObject({ errcode: 42022 });
      const late = fake.issueWelcomeCode('wk1', 'wm9');
      fake.clock.advance(21_000);
      await expect(post('/cgi-bin/kf/send_msg_on_event', { ...body, code: late }, kfToken)).resolves.toMatchObject({ errcode: 42003 });
    });

    it('follows the service-state machine', async () => {
      const trans = (service_state: number, servicer_userid?: string) =>
        post('/cgi-bin/kf/service_state/trans', { open_kfid: 'wk1', external_userid: 'wm1', service_state, servicer_userid }, kfToken);
      fake.queueKfMessages('wk1', [{ external_userid: 'wm1', msgtype: 'text', text: { content: 'hi' } }]);
      await expect(post('/cgi-bin/kf/service_state/get', { open_kfid: 'wk1', external_userid: 'wm1' }, kfToken)).resolves.toMatchObject({ service_state: 0 });
      await expect(trans(3, 'stranger')).resolves.toMatchObject({ errcode: 95014 });
      await expect(trans(3, 'wangwu')).resolves.toMatchObject({ errcode: 0, msg_code: expect.any(String) });
      await expect(post('/cgi-bin/kf/service_state/get', { open_kfid: 'wk1', external_userid: 'wm1' }, kfToken)).resolves.toMatchObject({ service_state: 3, servicer_userid: 'wangwu' });
      await expect(kfSend(text('bot cannot talk now'))).resolves.toMatchObject({ errcode: 95018 });
      await expect(trans(1)).resolves.toMatchObject({ errcode: 95016 });
      await expect(trans(4)).resolves.toMatchObject({ errcode: 0 });
      await expect(trans(0)).resolves.toMatchObject({ errcode: 95016 });
    });
  });

  describe('failure injection', () => {
    it('injects errcodes, HTTP errors and resets for N calls, then recovers', async () => {
      const body = { touser: 'zhangsan', msgtype: 'text', text: { content: 'x' } };
      fake.injectFailures({ path: '/cgi-bin/message/send', failure: { type: 'errcode', errcode: -1 }, times: 2 });
      await expect(send(body)).resolves.toMatchObject({ errcode: -1 });
      await expect(send(body)).resolves.toMatchObject({ errcode: -1 });
      await expect(send(body)).resolves.toMatchObject({ errcode: 0 });
      fake.injectFailures({ failure: { type: 'http', status: 503 } });
      expect((await fetch(`${fake.url}/cgi-bin/gettoken`)).status).toBe(503);
      fake.injectFailures({ failure: { type: 'reset' } });
      await expect(fetch(`${fake.url}/cgi-bin/gettoken`)).rejects.toThrow();
    });

    it('refuses connections while down and serves again after up', async () => {
      await fake.down();
      await expect(fetch(`${fake.url}/cgi-bin/gettoken`)).rejects.toThrow();
      await fake.up();
      await expect(get('/cgi-bin/gettoken', { corpid: 'wwcorp', corpsecret: 's-app' })).resolves.toMatchObject({ errcode: 0 });
    });

    it('fails every call for a window of fake time', async () => {
      fake.injectFailures({ failure: { type: 'errcode', errcode: 45009 }, forMs: 60_000 });
      await expect(get('/cgi-bin/gettoken', { corpid: 'wwcorp', corpsecret: 's-app' })).resolves.toMatchObject({ errcode: 45009 });
      fake.clock.advance(60_000);
      await expect(get('/cgi-bin/gettoken', { corpid: 'wwcorp', corpsecret: 's-app' })).resolves.toMatchObject({ errcode: 0 });
    });
  });
});
