import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { registerConsoleCommands } from '../../src/console/console.cli';
import { OrgSeeder } from '../../src/org/org.seeder';
import { loadOrgConfig } from '../../src/org/org-config';
import { OrgService } from '../../src/org/org.service';
import { WorkingCalendar } from '../../src/tickets/calendar/working-calendar';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { call, cookieOf, Session, signInAs } from './console.support';
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

interface DutyDay { date: string; weekday: number; entries: Array<{ id: number; memberUserid: string; source: string; kind: string; onDuty: boolean }> }

describeEachEngine('console organisation API', (engine) => {
  // Tuesday 2026-12-01, 09:00 in China.
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  let t: TestApp;
  let admin: Session;
  const as = (s: Session) => ({ cookie: s.cookie, csrf: s.csrf });
  const patch = (path: string, body: unknown) => call(t.url, path, { method: 'PATCH', body, ...as(admin) });
  const post = (path: string, body: unknown) => call(t.url, path, { method: 'POST', body, ...as(admin) });
  const week = async (ws: string, weekStart?: string) =>
    (await call(t.url, `/api/admin/org/duty?workstation=${ws}${weekStart ? `&week=${weekStart}` : ''}`, as(admin))).json as { weekStart: string; days: DutyDay[] };

  beforeAll(async () => {
    t = await startTestApp(engine, { clock });
    admin = await signInAs(t, 'office01');
  });
  afterAll(async () => { await t?.close(); });

  it('lists the organisation, inactive rows included', async () => {
    const org = (await call(t.url, '/api/admin/org', as(admin))).json as { sectors: unknown[]; committees: Array<{ code: string }>; workstations: Array<{ code: string; receptionHours: unknown[] }>; areas: unknown[] };
    expect(org.sectors.length).toBeGreaterThanOrEqual(7);
    expect(org.committees.map((c) => c.code)).toContain('office');
    expect(org.workstations.find((w) => w.code === 'ws-binhe')!.receptionHours).toEqual([{ weekday: 2, start: '09:00', end: '11:30' }, { weekday: 4, start: '15:00', end: '17:30' }]);
  });

  it('edits committees, workstations and areas, refusing unknown references and bad values with field errors', async () => {
    await expect(patch('/api/admin/org/committees/economy', { name: '经济委员会（新）', sectorCodes: ['commerce', 'transport', 'energy'] }).then((a) => a.json))
      .resolves.toMatchObject({ code: 'economy', name: '经济委员会（新）', sectorCodes: ['commerce', 'transport', 'energy'] });
    const unknown = await patch('/api/admin/org/committees/economy', { sectorCodes: ['commerce', 'nosuch'] });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ error: 'VALIDATION', details: { fieldErrors: { 'sectorCodes.1': ['unknown code "nosuch"'] } } });
    await expect(patch('/api/admin/org/committees/economy', {}).then((a) => a.status)).resolves.toBe(400);
    await expect(patch('/api/admin/org/committees/nosuch', { name: 'x' }).then((a) => a.status)).resolves.toBe(404);
    await expect(patch('/api/admin/org/committees/economy', { kind: 'office' }).then((a) => a.status)).resolves.toBe(400);

    const hours = [{ weekday: 6, start: '09:00', end: '12:00' }];
    await expect(patch('/api/admin/org/workstations/ws-binhe', { receptionHours: hours, address: '新地址', areaCodes: ['binhe'] }).then((a) => a.json))
      .resolves.toMatchObject({ receptionHours: hours, address: '新地址', areaCodes: ['binhe'] });
    const badHours = await patch('/api/admin/org/workstations/ws-binhe', { receptionHours: [{ weekday: 8, start: '9am', end: '08:00' }] });
    expect(Object.keys((badHours.json as { details: { fieldErrors: object } }).details.fieldErrors).sort()).toEqual(['receptionHours.0.end', 'receptionHours.0.start', 'receptionHours.0.weekday']);

    await expect(patch('/api/admin/org/areas/xisha', { aliases: ['西沙', '西沙区'] }).then((a) => a.json)).resolves.toMatchObject({ aliases: ['西沙', '西沙区'] });
    await expect(patch('/api/admin/org/areas/xisha', { name: '麟州街道' }).then((a) => a.json)).resolves.toMatchObject({ details: { fieldErrors: { name: expect.any(Array) }, fieldIssues: { name: [{ key: 'areaNameTaken' }] } } });
    await expect(t.app.get(OrgService).findArea('西沙区')).resolves.toMatchObject({ code: 'xisha' });
  });

  it('adds members, moves them, and keeps the office from locking itself out', async () => {
    const created = await post('/api/admin/org/members', { userid: 'lina', name: '李娜', phone: '13900000001', role: 'member', workstationCode: 'ws-xisha' });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ userid: 'lina', name: '李娜', phone: '13900000001', role: 'member', committeeCode: 'social', workstationCode: 'ws-xisha', active: true });
    await expect(post('/api/admin/org/members', { userid: 'lina', name: 'x', role: 'member' }).then((a) => a.status)).resolves.toBe(409);
    await expect(post('/api/admin/org/members', { userid: 'bad id', name: 'x', role: 'boss' }).then((a) => Object.keys((a.json as { details: { fieldErrors: object } }).details.fieldErrors).sort()))
      .resolves.toEqual(['role', 'userid']);
    await expect(post('/api/admin/org/members', { userid: 'x1', name: 'x', role: 'member', workstationCode: 'nowhere' }).then((a) => a.status)).resolves.toBe(400);

    await expect(patch('/api/admin/org/members/lina', { workstationCode: 'ws-linzhou', role: 'staff' }).then((a) => a.json))
      .resolves.toMatchObject({ workstationCode: 'ws-linzhou', committeeCode: 'culture', role: 'staff' });
    await expect(patch('/api/admin/org/members/lina', { committeeCode: 'economy' }).then((a) => a.status)).resolves.toBe(400);
    await expect(patch('/api/admin/org/members/office01', { role: 'member' }).then((a) => a.status)).resolves.toBe(409);
    await expect(patch('/api/admin/org/members/office01', { active: false }).then((a) => a.status)).resolves.toBe(409);
    const lina = await signInAs(t, 'lina');
    await expect(call(t.url, '/api/member/org', as(lina)).then((a) => (a.json as Array<{ code: string }>).map((w) => w.code))).resolves.toEqual(['ws-linzhou']);
  });

  it("shows a week of duty, adds console shifts of the studio's own people only, and removes or hands over org.yaml shifts", async () => {
    const before = await week('ws-linzhou');
    expect(before.weekStart).toBe('2026-11-30');
    expect(before.days[1].entries).toEqual([expect.objectContaining({ memberUserid: 'maying', source: 'config', kind: 'weekly', onDuty: true })]);

    const weekly = await post('/api/admin/org/duty', { workstationCode: 'ws-linzhou', memberUserid: 'lina', weekday: 6 });
    expect(weekly.status).toBe(201);
    await expect(post('/api/admin/org/duty', { workstationCode: 'ws-linzhou', memberUserid: 'lina', weekday: 6 }).then((a) => a.status)).resolves.toBe(409);
    // Members of other studios, committee heads and the office do not staff this studio.
    for (const outsider of ['zhangwei', 'head-culture', 'office01']) {
      await expect(post('/api/admin/org/duty', { workstationCode: 'ws-linzhou', memberUserid: outsider, weekday: 6 }).then((a) => a.status)).resolves.toBe(400);
    }
    const dated = await post('/api/admin/org/duty', { workstationCode: 'ws-linzhou', memberUserid: 'lina', date: '2026-12-01' });
    await expect(post('/api/admin/org/duty', { workstationCode: 'ws-linzhou', memberUserid: 'lina', weekday: 1, date: '2026-12-01' }).then((a) => a.status)).resolves.toBe(400);
    await expect(post('/api/admin/org/duty', { workstationCode: 'ws-linzhou', memberUserid: 'nobody', weekday: 1 }).then((a) => a.status)).resolves.toBe(400);

    const after = await week('ws-linzhou');
    expect(after.days[5].entries).toEqual([expect.objectContaining({ memberUserid: 'lina', source: 'console', kind: 'weekly', onDuty: true, outsider: false })]);
    expect(after.days[1].entries.map((e) => [e.memberUserid, e.kind, e.onDuty])).toEqual([['lina', 'date', true], ['maying', 'weekly', false]]);
    // Routing reads the same rows: the dated console shift wins today.
    await expect(t.app.get(OrgService).dutyMember('ws-linzhou', clock.now())).resolves.toMatchObject({ userid: 'lina' });
    await expect(week('ws-linzhou', '2026-12-09').then((w) => w.days[1].entries.map((e) => e.memberUserid))).resolves.toEqual(['maying']);

    // org.yaml's Wednesday shift is taken off, its Thursday one handed to lina: both stay so through a reseed (next test).
    await expect(call(t.url, `/api/admin/org/duty/${before.days[2].entries[0].id}`, { method: 'DELETE', ...as(admin) }).then((a) => a.status)).resolves.toBe(204);
    const handed = await call(t.url, `/api/admin/org/duty/${before.days[3].entries[0].id}`, { method: 'PATCH', body: { memberUserid: 'lina' }, ...as(admin) });
    expect(handed.status).toBe(200);
    await expect(call(t.url, `/api/admin/org/duty/${before.days[4].entries[0].id}`, { method: 'PATCH', body: { memberUserid: 'zhangwei' }, ...as(admin) }).then((a) => a.status)).resolves.toBe(400);
    const edited = await week('ws-linzhou', '2026-12-09');
    expect(edited.days[2].entries).toEqual([]);
    expect(edited.days[3].entries).toEqual([expect.objectContaining({ memberUserid: 'lina', source: 'console', kind: 'weekly' })]);
    await expect(call(t.url, `/api/admin/org/duty/${(dated.json as { id: number }).id}`, { method: 'DELETE', ...as(admin) }).then((a) => a.status)).resolves.toBe(204);
    await expect(call(t.url, '/api/admin/org/duty/999999', { method: 'DELETE', ...as(admin) }).then((a) => a.status)).resolves.toBe(404);
  });

  it('keeps console shifts through a reseed from org.yaml and a restart', async () => {
    const report = await new OrgSeeder(t.app.get(DataSource)).seed(loadOrgConfig());
    expect(report.duty_shift).toEqual({ inserted: 0, updated: 0, deactivated: 0, deleted: 0, kept: 0 });
    await t.close({ keepDatabase: true });
    t = await startTestApp(engine, { clock, db: t.db });
    admin = await signInAs(t, 'office01');
    const saturday = (await week('ws-linzhou')).days[5].entries;
    expect(saturday).toEqual([expect.objectContaining({ memberUserid: 'lina', source: 'console' })]);
    const later = await week('ws-linzhou', '2026-12-09');
    expect(later.days[0].entries).toEqual([expect.objectContaining({ memberUserid: 'maying', source: 'config' })]);
    expect(later.days[2].entries).toEqual([]);
    expect(later.days[3].entries.map((e) => [e.memberUserid, e.source])).toEqual([['lina', 'console']]);
  });

  it("keeps the console's edits and members through a reseed and a restart, while org.yaml still governs its own rows", async () => {
    const org = loadOrgConfig();
    // org.yaml renames a committee nobody touched in the console, and the one the console renamed.
    const renamed = { ...org, committees: org.committees.map((c) => (c.code === 'social' || c.code === 'economy' ? { ...c, name: `${c.name}·yaml` } : c)) };
    const report = await new OrgSeeder(t.app.get(DataSource)).seed(renamed);
    expect(report.committee).toMatchObject({ updated: 1, kept: 1 });
    expect(report.member).toMatchObject({ deactivated: 0, kept: 1 });
    await t.close({ keepDatabase: true });
    t = await startTestApp(engine, { clock, db: t.db });
    admin = await signInAs(t, 'office01');
    const after = (await call(t.url, '/api/admin/org', as(admin))).json as { committees: Array<{ code: string; name: string }>; workstations: Array<{ code: string; address: string | null }>; areas: Array<{ code: string; aliases: string[] }> };
    expect(after.committees.find((c) => c.code === 'economy')!.name).toBe('经济委员会（新）');
    expect(after.committees.find((c) => c.code === 'social')!.name).not.toContain('·yaml'); // the restart seeded org.yaml as it is
    expect(after.workstations.find((w) => w.code === 'ws-binhe')!.address).toBe('新地址');
    expect(after.areas.find((a) => a.code === 'xisha')!.aliases).toEqual(['西沙', '西沙区']);
    const members = (await call(t.url, '/api/admin/org/members', as(admin))).json as Array<{ userid: string; active: boolean; workstationCode: string | null }>;
    expect(members.find((m) => m.userid === 'lina')).toMatchObject({ active: true, workstationCode: 'ws-linzhou' });
  });

  it("sets holidays and adjusted working days that deadlines follow at once, beside calendar.yaml's", async () => {
    const year = (await call(t.url, '/api/admin/org/calendar?year=2026', as(admin))).json as Array<{ date: string; kind: string; name: string | null; source: string }>;
    expect(year).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'config' });
    expect(year).toContainEqual({ date: '2026-02-28', kind: 'workday', name: '春节调休', source: 'config' });
    const calendar = t.app.get(WorkingCalendar);
    const monday = new Date('2026-12-07T01:00:00Z'); // Monday 09:00 in China
    expect(calendar.addWorkingDays(monday, 1).toISOString()).toBe('2026-12-08T01:00:00.000Z');

    // A local day off on Tuesday the 8th, and Saturday the 12th worked instead.
    await expect(post('/api/admin/org/calendar', { date: '2026-12-08', kind: 'holiday', name: '地方纪念日' }).then((a) => a.status)).resolves.toBe(201);
    await expect(post('/api/admin/org/calendar', { date: '2026-12-12', kind: 'workday' }).then((a) => a.status)).resolves.toBe(201);
    expect(calendar.addWorkingDays(monday, 1).toISOString()).toBe('2026-12-09T01:00:00.000Z');
    expect(calendar.addWorkingDays(new Date('2026-12-11T01:00:00Z'), 1).toISOString()).toBe('2026-12-12T01:00:00.000Z');
    const after = (await call(t.url, '/api/admin/org/calendar?year=2026', as(admin))).json as Array<{ date: string; source: string }>;
    expect(after).toContainEqual({ date: '2026-12-08', kind: 'holiday', name: '地方纪念日', source: 'console' });

    const bad = await post('/api/admin/org/calendar', { date: '2026-02-30', kind: 'holiday' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ details: { fieldErrors: { date: expect.any(Array) } } });
    await expect(post('/api/admin/org/calendar', { date: '2026-12-09', kind: 'vacation' }).then((a) => a.status)).resolves.toBe(400);

    await expect(call(t.url, '/api/admin/org/calendar/2026-12-08', { method: 'DELETE', ...as(admin) }).then((a) => a.status)).resolves.toBe(204);
    await expect(call(t.url, '/api/admin/org/calendar/2026-10-01', { method: 'DELETE', ...as(admin) }).then((a) => a.status)).resolves.toBe(404);
    expect(calendar.addWorkingDays(monday, 1).toISOString()).toBe('2026-12-08T01:00:00.000Z');
    const member = await signInAs(t, 'zhangwei');
    await expect(call(t.url, '/api/admin/org/calendar', { method: 'POST', body: { date: '2026-12-10', kind: 'holiday' }, ...as(member) }).then((a) => a.status)).resolves.toBe(403);

    // The console's days outlive a restart; the audit names who set them.
    await t.close({ keepDatabase: true });
    t = await startTestApp(engine, { clock, db: t.db });
    admin = await signInAs(t, 'office01');
    expect(t.app.get(WorkingCalendar).addWorkingDays(new Date('2026-12-11T01:00:00Z'), 1).toISOString()).toBe('2026-12-12T01:00:00.000Z');
    const audit = await t.app.get(DataSource).query("SELECT action FROM console_audit WHERE action LIKE 'org.calendar.%'");
    expect((audit as Array<{ action: string }>).map((r) => r.action).sort()).toEqual(['org.calendar.remove', 'org.calendar.set', 'org.calendar.set']);
  });

  it('shows the ticket deadline settings and records who changed what', async () => {
    const settings = (await call(t.url, '/api/admin/org/settings', as(admin))).json as { file: string; settings: { deadlines: { normal: { answerWorkingDays: number } } } };
    expect(settings.file).toBe('config/tickets.yaml');
    expect(settings.settings.deadlines.normal.answerWorkingDays).toEqual(expect.any(Number));
    const rows: Array<{ actorUserid: string; action: string; target: string }> = await t.app.get(DataSource).query(
      `SELECT actorUserid, action, target FROM console_audit WHERE action LIKE 'org.%' ORDER BY id`,
    );
    expect(rows).toEqual(expect.arrayContaining([
      { actorUserid: 'office01', action: 'org.committee.update', target: 'economy' },
      { actorUserid: 'office01', action: 'org.member.create', target: 'lina' },
      { actorUserid: 'office01', action: 'org.duty.add', target: 'ws-linzhou' },
      { actorUserid: 'office01', action: 'org.duty.remove', target: 'ws-linzhou' },
    ]));
  });
});

describe('console pages, assets and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp('sqlite'); });
  afterAll(async () => { await t.close(); });

  it('serves the shell, its modules, Vue and the strings, and nothing outside the public folder', async () => {
    const shell = await call(t.url, '/console');
    expect(shell.status).toBe(200);
    expect(shell.text).toContain('/console/app/main.js');
    expect(shell.headers.get('content-security-policy')).toContain("script-src 'self'");
    await expect(call(t.url, '/console/app/views/org-duty.js').then((a) => [a.status, a.headers.get('content-type')])).resolves.toEqual([200, 'text/javascript; charset=utf-8']);
    await expect(call(t.url, '/console/assets/vue.js').then((a) => a.text.length)).resolves.toBeGreaterThan(100_000);
    for (const bad of ['/console/app/../console.module.ts', '/console/app/%2e%2e/console.module.ts', '/console/app/index.html', '/console/assets/fastify.js']) {
      await expect(call(t.url, bad).then((a) => a.status)).resolves.toBe(404);
    }
    await expect(call(t.url, '/api/console/locales/zh-CN').then((a) => (a.json as { nav: { org: string } }).nav.org)).resolves.toBe('组织架构');
    await expect(call(t.url, '/api/console/locales/en').then((a) => (a.json as { nav: { org: string } }).nav.org)).resolves.toBe('Organisation');
    await expect(call(t.url, '/api/console/locales/fr').then((a) => a.status)).resolves.toBe(404);
  });

  it('serves assets compressed, with validators, and keeps a versioned ECharts for good', async () => {
    const raw = (path: string, headers: Record<string, string>) => new Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; body: Buffer }>((done, fail) => {
      get(`${t.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) })).on('error', fail);
      }).on('error', fail);
    });
    const config = (await call(t.url, '/api/console/config')).json as { vendor: { echarts: string } };
    const plain = await raw('/console/assets/echarts.js', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const pinned = await raw(`/console/assets/echarts.js?v=${config.vendor.echarts}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(pinned.headers['content-encoding']).toBe('br');
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(pinned.headers.vary).toContain('Accept-Encoding');
    expect(brotliDecompressSync(pinned.body).equals(plain.body)).toBe(true);
    expect(pinned.body.length).toBeLessThan(plain.body.length / 3);
    // An unknown version is not kept for good: after an upgrade the old URL must not pin the new file.
    await expect(raw('/console/assets/echarts.js?v=0.0.1', {}).then((r) => r.headers['cache-control'])).resolves.toBe('public, max-age=86400');

    const view = await raw('/console/app/views/dashboards.js', { 'accept-encoding': 'gzip' });
    expect(view.headers['content-encoding']).toBe('gzip');
    expect(view.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(view.body).toString('utf8')).toContain('export default');
    const again = await raw('/console/app/views/dashboards.js', { 'accept-encoding': 'gzip', 'if-none-match': String(view.headers.etag) });
    expect(again.status).toBe(304);
    await expect(raw('/', { 'accept-encoding': 'br;q=0, gzip' }).then((r) => r.headers['content-encoding'])).resolves.toBe('gzip');
    await expect(raw('/console/app/app.css', { 'accept-encoding': 'identity' }).then((r) => r.headers['content-encoding'])).resolves.toBeUndefined();
  });

  it('documents the console APIs in OpenAPI with the cookie and CSRF requirements', async () => {
    const docs = (await call(t.url, '/api/docs-json')).json as { paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>; components: { securitySchemes: object } };
    expect(Object.keys(docs.components.securitySchemes).sort()).toEqual(['csrf', 'session']);
    const addShift = docs.paths['/api/admin/org/duty'].post;
    expect(addShift.security).toEqual(expect.arrayContaining([{ session: [] }, { csrf: [] }]));
    expect(JSON.stringify(addShift.requestBody)).toContain('memberUserid');
    expect(docs.paths['/api/me'].get.security).toBeDefined();
    const ui = await call(t.url, '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui-bundle.js');
    await expect(call(t.url, '/api/docs/ui/swagger-ui-bundle.js').then((a) => a.status)).resolves.toBe(200);
  });

  /** Runs `minyi login-link` against the test app's database and returns the link it prints. */
  async function loginLink(...args: string[]): Promise<URL> {
    const saved = { DATABASE_URL: process.env.DATABASE_URL, PUBLIC_URL: process.env.PUBLIC_URL };
    process.env.DATABASE_URL = t.db.url;
    process.env.PUBLIC_URL = t.url;
    const out: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out.push(String(chunk)); return true; });
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const program = new Command('minyi').exitOverride();
      registerConsoleCommands(program);
      await program.parseAsync(['node', 'minyi', 'login-link', ...args]);
    } finally {
      write.mockRestore();
      err.mockRestore();
      Object.assign(process.env, saved);
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    }
    return new URL(out.join('').trim());
  }

  it('prints a one-time sign-in link from `minyi login-link`', async () => {
    const url = await loginLink('zhangwei');
    expect(url.pathname).toBe('/console/auth/link');
    const first = await call(t.url, url.pathname + url.search);
    expect(cookieOf(first)).toBeDefined();
    expect(first.headers.get('location')).toBe('/console');
    await expect(call(t.url, url.pathname + url.search).then((a) => a.headers.get('location'))).resolves.toBe('/console/login?error=link_invalid');
  });

  it('`minyi login-link --next` lands on that console page after sign-in, and refuses anything but a console route', async () => {
    const url = await loginLink('zhangwei', '--next', '#/ticket?number=SM20261201-0007&do=reroute');
    const signedIn = await call(t.url, url.pathname + url.search);
    expect(cookieOf(signedIn)).toBeDefined();
    expect(signedIn.headers.get('location')).toBe('/console#/ticket?number=SM20261201-0007&do=reroute');
    await expect(loginLink('zhangwei', '--next', 'https://evil.example/#/ticket')).rejects.toThrow(/--next must be a console route/);
    await expect(loginLink('zhangwei', '--next', '#//evil.example')).rejects.toThrow(/--next must be a console route/);
  });
});
