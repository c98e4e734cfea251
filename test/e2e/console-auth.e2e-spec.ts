import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { createPinoLogger } from '../../src/common/logger';
import { LoginLinks } from '../../src/console/auth/login-links';
import { ScopeService } from '../../src/auth/scope.service';
import { loadOrgConfig, OrgConfig } from '../../src/org/org-config';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { call, cookieOf, Session, signInAs } from './console.support';

/** Every console API this module adds, with a body valid enough to reach the guard. */
// Rows are objects: with tuples of two, jest would take the handler's third parameter for a `done` callback.
interface Api { method: string; path: string; body?: unknown }
const ADMIN_APIS: Api[] = [
  { method: 'GET', path: '/api/admin/org' },
  { method: 'PATCH', path: '/api/admin/org/committees/economy', body: { name: 'x' } },
  { method: 'PATCH', path: '/api/admin/org/workstations/ws-binhe', body: { name: 'x' } },
  { method: 'PATCH', path: '/api/admin/org/areas/binhe', body: { name: 'x' } },
  { method: 'GET', path: '/api/admin/org/members' },
  { method: 'POST', path: '/api/admin/org/members', body: { userid: 'new1', name: 'N', role: 'member' } },
  { method: 'PATCH', path: '/api/admin/org/members/zhangwei', body: { name: 'x' } },
  { method: 'GET', path: '/api/admin/org/duty?workstation=ws-binhe' },
  { method: 'POST', path: '/api/admin/org/duty', body: { workstationCode: 'ws-binhe', memberUserid: 'zhangwei', weekday: 6 } },
  { method: 'DELETE', path: '/api/admin/org/duty/1' },
  { method: 'GET', path: '/api/admin/org/settings' },
];
const MEMBER_APIS: Api[] = [{ method: 'GET', path: '/api/member/org' }, { method: 'GET', path: '/api/me' }, { method: 'POST', path: '/api/auth/logout' }];

/** The shipped organisation plus a second studio of the education committee, to see a head's whole scope. */
function orgWithTwoEducationStudios(): OrgConfig {
  const org = loadOrgConfig();
  const binhe = org.workstations.find((w) => w.code === 'ws-binhe')!;
  org.workstations.push({ ...binhe, code: 'ws-binhe-2', name: 'Binhe 2', duty: [] });
  return org;
}

const BOOTSTRAP_TOKEN = 'bootstrap-secret-0123456789abcdef0123';

describeEachEngine('console auth', (engine) => {
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { clock, org: orgWithTwoEducationStudios(), env: { ADMIN_TOKEN: BOOTSTRAP_TOKEN } });
  });
  afterAll(async () => { await t?.close(); });

  it.each([...ADMIN_APIS, ...MEMBER_APIS])('$method $path without a session → 401 JSON', async ({ method, path, body }) => {
    const answer = await call(t.url, path, { method, body, csrf: 'x' });
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ error: 'UNAUTHENTICATED' });
  });

  it.each(ADMIN_APIS)('$method $path as a member → 403', async ({ method, path, body }) => {
    const member = await signInAs(t, 'zhangwei');
    const answer = await call(t.url, path, { method, body, ...member });
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ error: 'FORBIDDEN' });
  });

  it('tells the shell who is signed in, with the CSRF token', async () => {
    const s = await signInAs(t, 'head-education');
    await expect(call(t.url, '/api/me', { cookie: s.cookie }).then((a) => a.json)).resolves.toEqual({
      userid: 'head-education', name: '高文静', role: 'committee_head', workstationCode: null, committeeCode: 'education', csrfToken: s.csrf,
    });
  });

  it('scopes workstations: own for members and staff, the committee for a head, everything for the office', async () => {
    const scope = t.app.get(ScopeService);
    const as = async (userid: string) => {
      const s = await signInAs(t, userid);
      const me = (await call(t.url, '/api/me', { cookie: s.cookie })).json as { role: 'member'; workstationCode: string | null; committeeCode: string | null };
      const viaApi = ((await call(t.url, '/api/member/org', { cookie: s.cookie })).json as Array<{ code: string }>).map((w) => w.code);
      return { service: await scope.workstationsVisibleTo(me), viaApi };
    };
    await expect(as('zhangwei')).resolves.toEqual({ service: ['ws-binhe'], viaApi: ['ws-binhe'] });
    await expect(as('huangyan')).resolves.toEqual({ service: ['ws-jinjie'], viaApi: ['ws-jinjie'] });
    await expect(as('head-education')).resolves.toEqual({ service: ['ws-binhe', 'ws-binhe-2'], viaApi: ['ws-binhe', 'ws-binhe-2'] });
    const office = await as('office01');
    expect(office.service).toHaveLength(8);
    expect(office.viaApi).toEqual(office.service);
  });

  it("masks colleagues' phone numbers for members and shows them to the office", async () => {
    const phones = async (s: Session) =>
      ((await call(t.url, '/api/member/org', { cookie: s.cookie })).json as Array<{ code: string; members: Array<{ userid: string; phone: string }> }>)
        .find((w) => w.code === 'ws-binhe')!.members.find((m) => m.userid === 'liuhong')!.phone;
    await expect(phones(await signInAs(t, 'zhangwei'))).resolves.toBe('138****0002');
    await expect(phones(await signInAs(t, 'office01'))).resolves.toBe('13800000002');
    const admin = await signInAs(t, 'office01');
    const list = (await call(t.url, '/api/admin/org/members', { cookie: admin.cookie })).json as Array<{ userid: string; phone: string }>;
    expect(list.find((m) => m.userid === 'liuhong')!.phone).toBe('13800000002');
  });

  it("refuses writes without the session's CSRF token", async () => {
    const s = await signInAs(t, 'office01');
    const body = { workstationCode: 'ws-binhe', memberUserid: 'zhangwei', date: '2026-12-24' };
    const missing = await call(t.url, '/api/admin/org/duty', { method: 'POST', body, cookie: s.cookie });
    const wrong = await call(t.url, '/api/admin/org/duty', { method: 'POST', body, cookie: s.cookie, csrf: 'forged' });
    const other = await signInAs(t, 'office01');
    const fromOtherSession = await call(t.url, '/api/admin/org/duty', { method: 'POST', body, cookie: s.cookie, csrf: other.csrf });
    for (const answer of [missing, wrong, fromOtherSession]) {
      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({ error: 'CSRF' });
    }
    await expect(call(t.url, '/api/auth/logout', { method: 'POST', cookie: s.cookie }).then((a) => a.status)).resolves.toBe(403);
    await expect(call(t.url, '/api/admin/org/duty', { method: 'POST', body, ...s }).then((a) => a.status)).resolves.toBe(201);
  });

  it('honours a login link once, within 15 minutes', async () => {
    const links = t.app.get(LoginLinks);
    const path = (url: string) => url.slice(url.indexOf('/console/'));
    const link = await links.create('zhangwei', 'https://minyi.example.cn/');
    expect(link.url).toMatch(/^https:\/\/minyi\.example\.cn\/console\/auth\/link\?token=[A-Za-z0-9_-]{43}$/);
    const first = await call(t.url, path(link.url));
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/console');
    expect(first.setCookies[0]).toMatch(/^minyi_console=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const second = await call(t.url, path(link.url));
    expect(second.headers.get('location')).toBe('/console/login?error=link_invalid');
    expect(cookieOf(second)).toBeUndefined();

    const late = await links.create('zhangwei', t.url);
    clock.advance(15 * 60_000 + 1);
    await expect(call(t.url, path(late.url)).then((a) => a.headers.get('location'))).resolves.toBe('/console/login?error=link_invalid');
    await expect(links.create('nobody', t.url)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lands a login link on the console route it carries, and only on one', async () => {
    const links = t.app.get(LoginLinks);
    const open = async (next: string) => {
      const link = new URL((await links.create('zhangwei', t.url)).url);
      return (await call(t.url, `${link.pathname}${link.search}&next=${encodeURIComponent(next)}`)).headers.get('location');
    };
    await expect(open('#/ticket?number=SM20261203-0007')).resolves.toBe('/console#/ticket?number=SM20261203-0007');
    await expect(open('https://evil.example/')).resolves.toBe('/console');
    await expect(open('#//evil.example')).resolves.toBe('/console');
  });

  it('expires a session after 12 idle hours and keeps a used one alive', async () => {
    const idle = await signInAs(t, 'zhangwei');
    const busy = await signInAs(t, 'zhangwei');
    clock.advance(11 * 3600_000);
    await expect(call(t.url, '/api/me', { cookie: busy.cookie }).then((a) => a.status)).resolves.toBe(200);
    clock.advance(2 * 3600_000);
    await expect(call(t.url, '/api/me', { cookie: idle.cookie }).then((a) => a.status)).resolves.toBe(401);
    await expect(call(t.url, '/api/me', { cookie: busy.cookie }).then((a) => a.status)).resolves.toBe(200);
    clock.advance(12 * 3600_000 + 1);
    await expect(call(t.url, '/api/me', { cookie: busy.cookie }).then((a) => a.status)).resolves.toBe(401);
  });

  it('signs out: the cookie stops working', async () => {
    const s = await signInAs(t, 'liuhong');
    const out = await call(t.url, '/api/auth/logout', { method: 'POST', ...s });
    expect(out.status).toBe(204);
    expect(out.setCookies[0]).toMatch(/^minyi_console=; .*Max-Age=0/);
    await expect(call(t.url, '/api/me', { cookie: s.cookie }).then((a) => a.status)).resolves.toBe(401);
  });

  it('signs the bootstrap admin in with ADMIN_TOKEN, compared exactly, and audits both outcomes', async () => {
    const wrong = await call(t.url, '/api/auth/admin', { method: 'POST', body: { token: BOOTSTRAP_TOKEN.replace(/3$/, 'T') } });
    expect(wrong.status).toBe(401);
    expect(cookieOf(wrong)).toBeUndefined();
    await expect(call(t.url, '/api/auth/admin', { method: 'POST', body: {} }).then((a) => a.json)).resolves.toMatchObject({
      error: 'VALIDATION', details: { fieldErrors: { token: expect.any(Array) } },
    });
    const right = await call(t.url, '/api/auth/admin', { method: 'POST', body: { token: BOOTSTRAP_TOKEN } });
    expect(right.status).toBe(200);
    expect(right.json).toMatchObject({ userid: 'admin', role: 'office_admin' });
    const cookie = cookieOf(right)!;
    await expect(call(t.url, '/api/admin/org', { cookie }).then((a) => a.status)).resolves.toBe(200);
    const rows: Array<{ action: string }> = await t.app.get(DataSource).query(`SELECT action FROM console_audit WHERE action LIKE 'signin.admin_token%' ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(['signin.admin_token.refused', 'signin.admin_token']);
  });

  it('signs a deactivated member out at once and sees a demotion on the next request', async () => {
    const admin = await signInAs(t, 'office01');
    const member = await signInAs(t, 'maying');
    const pendingLink = await t.app.get(LoginLinks).create('maying', t.url);
    const head = await signInAs(t, 'head-culture');
    await call(t.url, '/api/admin/org/members/head-culture', { method: 'PATCH', body: { role: 'member', workstationCode: 'ws-linzhou' }, ...admin });
    await expect(call(t.url, '/api/me', { cookie: head.cookie }).then((a) => (a.json as { role: string }).role)).resolves.toBe('member');
    await call(t.url, '/api/admin/org/members/maying', { method: 'PATCH', body: { active: false }, ...admin });
    await expect(call(t.url, '/api/me', { cookie: member.cookie }).then((a) => a.status)).resolves.toBe(401);
    await expect(call(t.url, new URL(pendingLink.url).pathname + new URL(pendingLink.url).search).then((a) => a.headers.get('location')))
      .resolves.toBe('/console/login?error=link_invalid');
    await expect(signInAs(t, 'maying')).rejects.toThrow(/no active member/);
  });
});

describe('console auth without ADMIN_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp('sqlite'); });
  afterAll(async () => { await t?.close(); });

  it('has no bootstrap sign-in, and the login page is the local one', async () => {
    await expect(call(t.url, '/api/auth/admin', { method: 'POST', body: { token: 'x' } }).then((a) => a.status)).resolves.toBe(404);
    const page = await call(t.url, '/console/login');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    await expect(call(t.url, '/console/login/wecom').then((a) => a.status)).resolves.toBe(404);
    await expect(call(t.url, '/api/console/config').then((a) => a.json)).resolves.toEqual({ wecom: false, defaultLocale: 'zh-CN', locales: ['zh-CN', 'en'], vendor: { echarts: expect.stringMatching(/^\d+\.\d+\.\d+$/) } });
  });
});

describeEachEngine('console sign-in throttling', (engine) => {
  it('slows wrong admin tokens per address with 429 and a log line, then the whole instance; links too', async () => {
    const lines: string[] = [];
    const logger = createPinoLogger('info', { write: (line: string) => void lines.push(line) });
    const t = await startTestApp(engine, { logger, env: { ADMIN_TOKEN: BOOTSTRAP_TOKEN, SIGN_IN_PER_ADDRESS_PER_MINUTE: '5', SIGN_IN_PER_MINUTE: '100' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await call(t.url, '/api/auth/admin', { method: 'POST', body: { token: `guess-${i}` } })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      // Even the right token waits out the minute: guessing must not be told apart by its timing.
      const right = await call(t.url, '/api/auth/admin', { method: 'POST', body: { token: BOOTSTRAP_TOKEN } });
      expect(right.status).toBe(429);
      expect(right.json).toMatchObject({ error: 'SIGN_IN_THROTTLED', details: { scope: 'address' } });
      const link = await call(t.url, '/console/auth/link?token=guess');
      expect(link.status).toBe(302);
      expect(link.headers.get('location')).toBe('/console/login?error=SIGN_IN_THROTTLED');
      const bursts = lines.filter((l) => l.includes('sign-in burst'));
      expect(bursts).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
