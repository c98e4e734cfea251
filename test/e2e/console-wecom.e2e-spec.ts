import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { FakeWecom, startFakeWecom } from '../fake-wecom/fake-wecom.server';
import { call, cookieOf } from './console.support';

const CORP_ID = 'wx5823bf96d3bd56c7';
const WXWORK_UA = 'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile wxwork/4.1.22 MicroMessenger/7.0.1';

describeEachEngine('console sign-in with WeCom OAuth', (engine) => {
  let fake: FakeWecom;
  let t: TestApp;

  beforeAll(async () => {
    fake = await startFakeWecom({ corpId: CORP_ID, agentId: 1000002, secrets: { app: 'app-secret' } });
    t = await startTestApp(engine, {
      env: {
        WECOM_API_BASE: fake.url, WECOM_CORP_ID: CORP_ID, WECOM_SECRET: 'app-secret', WECOM_AGENT_ID: '1000002',
        WECOM_TOKEN: 'QDG6eK', WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
        PUBLIC_URL: 'https://minyi.example.cn',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  /** Starts a sign-in as a browser would and returns the state WeCom will hand back, with its cookie. */
  async function start(userAgent = WXWORK_UA): Promise<{ location: URL; state: string; stateCookie: string }> {
    const answer = await call(t.url, '/console/login/wecom', { headers: { 'user-agent': userAgent } });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location')!);
    const stateCookie = cookieOf(answer, 'minyi_oauth_state')!;
    expect(answer.setCookies[0]).toMatch(/; Path=\/console\/auth; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
    return { location, state: location.searchParams.get('state')!, stateCookie };
  }

  const back = (code: string, state: string, cookie?: string) =>
    call(t.url, `/console/auth/wecom?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { cookie });

  it('sends the login page to WeCom, unless it is showing a failure', async () => {
    await expect(call(t.url, '/console/login').then((a) => [a.status, a.headers.get('location')])).resolves.toEqual([302, '/console/login/wecom']);
    await expect(call(t.url, '/console/login?error=not_member').then((a) => a.status)).resolves.toBe(200);
    await expect(call(t.url, '/api/console/config').then((a) => (a.json as { wecom: boolean }).wecom)).resolves.toBe(true);
  });

  it('uses the in-app OAuth page inside WeCom and the QR login elsewhere, both returning to the console', async () => {
    const inApp = (await start()).location;
    expect(`${inApp.origin}${inApp.pathname}`).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect(inApp.hash).toBe('#wechat_redirect');
    expect(Object.fromEntries(inApp.searchParams)).toMatchObject({
      appid: CORP_ID, redirect_uri: 'https://minyi.example.cn/console/auth/wecom', response_type: 'code', scope: 'snsapi_base', agentid: '1000002',
    });
    const desktop = (await start('Mozilla/5.0 (X11; Linux x86_64) Chrome/120')).location;
    expect(`${desktop.origin}${desktop.pathname}`).toBe('https://login.work.weixin.qq.com/wwlogin/sso/login');
    expect(desktop.searchParams.get('login_type')).toBe('CorpApp');
  });

  it('exchanges the code for the member and starts a Secure session', async () => {
    const { state, stateCookie } = await start();
    fake.registerOAuthCode('CODE-zhangwei', 'zhangwei');
    const answer = await back('CODE-zhangwei', state, stateCookie);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/console');
    const session = answer.setCookies.find((c) => c.startsWith('minyi_console='))!;
    expect(session).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    expect(answer.setCookies.find((c) => c.startsWith('minyi_oauth_state='))).toMatch(/Max-Age=0/);
    const me = await call(t.url, '/api/me', { cookie: cookieOf(answer) });
    expect(me.json).toMatchObject({ userid: 'zhangwei', role: 'member', workstationCode: 'ws-binhe' });
  });

  it('refuses a used code, a stranger, and a callback without the state it started with', async () => {
    const first = await start();
    fake.registerOAuthCode('CODE-once', 'liuhong');
    await expect(back('CODE-once', first.state, first.stateCookie).then((a) => a.headers.get('location'))).resolves.toBe('/console');
    const again = await start();
    await expect(back('CODE-once', again.state, again.stateCookie).then((a) => a.headers.get('location'))).resolves.toBe('/console/login?error=wecom_failed');

    const stranger = await start();
    fake.registerOAuthCode('CODE-stranger', 'not-in-org');
    const refused = await back('CODE-stranger', stranger.state, stranger.stateCookie);
    expect(refused.headers.get('location')).toBe('/console/login?error=not_member');
    expect(cookieOf(refused)).toBeUndefined();

    // A planted code (someone else's state, or none) is not even exchanged.
    const calls = fake.callCount('/cgi-bin/auth/getuserinfo');
    fake.registerOAuthCode('CODE-planted', 'office01');
    const victim = await start();
    await expect(back('CODE-planted', 'attacker-state', victim.stateCookie).then((a) => a.headers.get('location'))).resolves.toBe('/console/login?error=wecom_failed');
    await expect(back('CODE-planted', victim.state).then((a) => a.headers.get('location'))).resolves.toBe('/console/login?error=wecom_failed');
    expect(fake.callCount('/cgi-bin/auth/getuserinfo')).toBe(calls);
  });

  it('lands on the ticket a card linked to after the WeCom round trip, and never outside the console', async () => {
    const link = '#/ticket?number=SM20261203-0007&do=reroute';
    const login = await call(t.url, `/console/login?next=${encodeURIComponent(link)}`);
    expect(login.status).toBe(302);
    const startPath = login.headers.get('location')!;
    expect(new URL(startPath, t.url).searchParams.get('next')).toBe(link);
    const answer = await call(t.url, startPath, { headers: { 'user-agent': WXWORK_UA } });
    const state = new URL(answer.headers.get('location')!).searchParams.get('state')!;
    const cookies = [cookieOf(answer, 'minyi_oauth_state'), cookieOf(answer, 'minyi_oauth_next')].join('; ');
    fake.registerOAuthCode('CODE-card', 'zhangwei');
    const landed = await back('CODE-card', state, cookies);
    expect(landed.headers.get('location')).toBe(`/console${link}`);
    expect(landed.setCookies.find((c) => c.startsWith('minyi_oauth_next='))).toMatch(/Max-Age=0/);

    for (const evil of ['https://evil.example/', '//evil.example/#/ticket', '#//evil.example', '#/x"><script>']) {
      const redirect = await call(t.url, `/console/login?next=${encodeURIComponent(evil)}`);
      expect(redirect.headers.get('location')).toBe('/console/login/wecom');
      const started = await call(t.url, `/console/login/wecom?next=${encodeURIComponent(evil)}`, { headers: { 'user-agent': WXWORK_UA } });
      expect(cookieOf(started, 'minyi_oauth_next')).toBeUndefined();
      const s = new URL(started.headers.get('location')!).searchParams.get('state')!;
      fake.registerOAuthCode(`CODE-evil-${evil.length}`, 'zhangwei');
      // A next cookie planted by hand is checked again on the way out.
      const planted = `${cookieOf(started, 'minyi_oauth_state')}; minyi_oauth_next=${encodeURIComponent(evil)}`;
      await expect(back(`CODE-evil-${evil.length}`, s, planted).then((a) => a.headers.get('location'))).resolves.toBe('/console');
    }
  });

  it('fetches the access token once for many sign-ins', async () => {
    for (const userid of ['zhaomin', 'sunli', 'chenjie']) {
      const { state, stateCookie } = await start();
      fake.registerOAuthCode(`CODE-${userid}`, userid);
      await expect(back(`CODE-${userid}`, state, stateCookie).then((a) => a.headers.get('location'))).resolves.toBe('/console');
    }
    expect(fake.callCount('/cgi-bin/gettoken')).toBeLessThanOrEqual(2);
  });
});
