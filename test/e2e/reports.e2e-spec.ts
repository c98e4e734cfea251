import ExcelJS from 'exceljs';
import { ManualClock } from '../../src/common/clock';
import { OutboxMessageEntity } from '../../src/outbox/outbox-message.entity';
import { TicketEntity } from '../../src/tickets/ticket.entity';
import { generateTickets, STUDIOS, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { call, Session, signInAs } from './console.support';

interface Counters { total: number; closed: number; satisfied: number; rated: number }
interface Bucket { key: string | null; counters: Counters; rates: { onTimeAnswer: number | null; satisfaction: number | null } }
interface DashboardView {
  unit: { level: string; code: string | null };
  figures: { city: Bucket; bySector: Bucket[]; byArea: Bucket[]; byWorkstation: Bucket[]; byPeriod: Array<{ key: string; total: number }> };
  children: Array<Bucket & { level: string; name: string | null }>;
  volumes: { bySector: Array<{ period: string; key: string | null; n: number }>; byArea: Array<{ period: string; key: string | null; n: number }> };
}
interface Bulletin {
  period: { key: string; from: string; to: string };
  figures: { counters: Counters };
  ranking: Array<{ rank: number; workstationCode: string; total: number; rates: { onTimeAnswer: number | null } }>;
  overdue: Array<{ number: string }>;
  summary: string[];
}

const WEEK_FROM = new Date('2026-11-01T16:00:00Z'); // Monday 2026-11-02 00:00 in China
const WEEK_TO = new Date('2026-11-08T16:00:00Z');

describeEachEngine('reports: dashboards, bulletins, targets and social-conditions reports', (engine) => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let t: TestApp;
  let s: ReturnType<typeof ticketsOf>;
  let rows: TicketEntity[];
  const get = (x: Session, path: string) => call(t.url, path, { cookie: x.cookie });
  const send = (x: Session, method: string, path: string, body: unknown) => call(t.url, path, { method, body, cookie: x.cookie, csrf: x.csrf });
  const as = (userid: string) => signInAs(t, userid);
  const count = (f: (r: TicketEntity) => boolean) => rows.filter(f).length;

  beforeAll(async () => {
    t = await startTestApp(engine, { clock });
    s = ticketsOf(t.app);
    await generateTickets(s, clock, 70);
    rows = await s.repo.dataSource.getRepository(TicketEntity).find();
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('dashboard totals equal counts straight from the database, city → committee → workstation → member', async () => {
    const office = await as('office01');
    const city = (await get(office, '/api/member/reports/dashboard?period=week')).json as DashboardView;
    expect(city.unit.level).toBe('city');
    expect(city.figures.city.counters.total).toBe(rows.length);
    const [{ n }] = await s.repo.dataSource.query('SELECT COUNT(*) AS n FROM ticket');
    expect(city.figures.city.counters.total).toBe(Number(n));
    expect(city.children.reduce((sum, c) => sum + c.counters.total, 0)).toBe(rows.length);
    for (const c of city.children) expect(c.counters.total).toBe(count((r) => r.committeeCode === c.key));
    expect(city.volumes.bySector.reduce((sum, v) => sum + v.n, 0)).toBe(rows.length);
    for (const v of city.volumes.byArea.filter((x) => x.key === 'binhe')) expect(v.n).toBeGreaterThan(0);
    expect(city.volumes.byArea.filter((v) => v.key === 'binhe').reduce((sum, v) => sum + v.n, 0)).toBe(count((r) => r.areaCode === 'binhe'));

    const committee = (await get(office, '/api/member/reports/dashboard?committee=education')).json as DashboardView;
    expect(committee.figures.city.counters.total).toBe(count((r) => r.committeeCode === 'education' || r.workstationCode === 'ws-binhe'));
    expect(committee.children.map((c) => c.key)).toEqual(['ws-binhe']);

    const ws = (await get(office, '/api/member/reports/dashboard?workstation=ws-daliuta')).json as DashboardView;
    expect(ws.figures.city.counters.total).toBe(count((r) => r.workstationCode === 'ws-daliuta'));
    expect(ws.children.every((c) => c.level === 'member')).toBe(true);
    for (const m of ws.children) expect(m.counters.total).toBe(count((r) => r.workstationCode === 'ws-daliuta' && r.assigneeUserid === m.key));

    const overdue = (await get(office, '/api/member/reports/overdue')).json as Array<{ number: string; overdueHours: number }>;
    const now = clock.now();
    const late = rows.filter((r) => ['submitted', 'taken', 'in_progress'].includes(r.state) && (r.answerDeadline! < now || (r.state === 'submitted' && r.takeDeadline! < now)));
    expect(overdue.map((o) => o.number).sort()).toEqual(late.map((r) => r.number).sort());
    expect(late.length).toBeGreaterThan(0);
  });

  it('scopes figures and lists: a member reads only their workstation, a committee head their committee (403 beyond)', async () => {
    const zhangwei = await as('zhangwei');
    const own = (await get(zhangwei, '/api/member/reports/dashboard')).json as DashboardView;
    expect(own.unit).toMatchObject({ level: 'workstation', code: 'ws-binhe' });
    expect(own.figures.city.counters.total).toBe(count((r) => r.workstationCode === 'ws-binhe'));
    for (const path of ['dashboard?workstation=ws-daliuta', 'dashboard?committee=education', 'overdue?workstation=ws-daliuta', 'bulletin?workstation=ws-daliuta', 'bulletin/export?committee=resources', 'hot-topics?workstation=ws-xisha']) {
      expect((await get(zhangwei, `/api/member/reports/${path}`)).status).toBe(403);
    }
    const overdue = (await get(zhangwei, '/api/member/reports/overdue')).json as Array<{ workstationCode: string }>;
    expect(overdue.every((o) => o.workstationCode === 'ws-binhe')).toBe(true);
    const head = await as('head-education');
    expect((await get(head, '/api/member/reports/dashboard')).json).toMatchObject({ unit: { level: 'committee', code: 'education' } });
    expect((await get(head, '/api/member/reports/dashboard?committee=economy')).status).toBe(403);
    expect((await get(head, '/api/member/reports/dashboard?period=year')).status).toBe(400);
  });

  it('a weekly bulletin has the figures of its period, a ranking by on-time answer rate and a summary with the figures', async () => {
    const office = await as('office01');
    const b = (await get(office, '/api/member/reports/bulletin?kind=weekly&period=2026-11-04')).json as Bulletin;
    expect(b.period).toMatchObject({ key: '2026-11-02', from: WEEK_FROM.toISOString(), to: WEEK_TO.toISOString() });
    const inWeek = rows.filter((r) => r.createdAt >= WEEK_FROM && r.createdAt < WEEK_TO);
    expect(inWeek.length).toBeGreaterThan(0);
    expect(b.figures.counters.total).toBe(inWeek.length);
    expect(b.figures.counters.closed).toBe(inWeek.filter((r) => r.state === 'closed').length);
    const rates = b.ranking.map((r) => r.rates.onTimeAnswer ?? -1);
    expect(rates).toEqual([...rates].sort((x, y) => y - x));
    for (const r of b.ranking) expect(r.total).toBe(inWeek.filter((x) => x.workstationCode === r.workstationCode).length);
    expect(b.summary[0]).toContain(String(inWeek.length));
    expect(b.summary.join('')).toMatch(/\d+\.\d%/);
    expect((await get(office, '/api/member/reports/bulletin?kind=monthly&period=2026-13')).status).toBe(400);
  });

  it('exports the bulletin as XLSX that opens with exceljs and masks residents', async () => {
    const office = await as('office01');
    const res = await fetch(`${t.url}/api/member/reports/bulletin/export?kind=monthly&period=2026-11`, { headers: { cookie: office.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0];
    const inMonth = rows.filter((r) => r.createdAt >= new Date('2026-10-31T16:00:00Z') && r.createdAt < new Date('2026-11-30T16:00:00Z'));
    expect(sheet.rowCount - 1).toBe(inMonth.length);
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const phoneCol = header.indexOf('联系电话');
    const nameCol = header.indexOf('群众姓名');
    expect(phoneCol).toBeGreaterThan(0);
    const phones = sheet.getColumn(phoneCol).values.slice(2).map(String);
    expect(phones.every((p) => p === '139****5678')).toBe(true);
    expect(sheet.getColumn(nameCol).values.slice(2).every((n) => n === '李**')).toBe(true);
    expect(JSON.stringify(sheet.getSheetValues())).not.toContain('13912345678');
    expect(book.worksheets[1].rowCount).toBeGreaterThan(1);
  });

  it('sends the markdown bulletin through the outbox once, by hand and by the weekly job', async () => {
    const office = await as('office01');
    const put = await send(office, 'PUT', '/api/admin/reports/recipients', { recipients: [{ userid: 'office01', level: 'city' }, { userid: 'zhangwei', level: 'workstation', unit: 'ws-binhe' }] });
    expect(put.status).toBe(200);
    expect((await send(office, 'PUT', '/api/admin/reports/recipients', { recipients: [{ userid: 'x', level: 'committee' }] })).status).toBe(400);
    expect((await send(await as('zhangwei'), 'POST', '/api/admin/reports/bulletins/send', { kind: 'weekly' })).status).toBe(403);
    const first = await send(office, 'POST', '/api/admin/reports/bulletins/send', { kind: 'weekly', period: '2026-11-02' });
    expect(first.json).toEqual({ enqueued: 2, already: 0 });
    expect((await send(office, 'POST', '/api/admin/reports/bulletins/send', { kind: 'weekly', period: '2026-11-02' })).json).toEqual({ enqueued: 0, already: 2 });
    const outbox = s.repo.dataSource.getRepository(OutboxMessageEntity);
    const sent = await outbox.find({ where: { kind: 'markdown' } });
    const week = sent.filter((m) => m.idempotencyKey.startsWith('bulletin:weekly:2026-11-02:'));
    expect(week.map((m) => m.recipient).sort()).toEqual(['office01', 'zhangwei']);
    const city = week.find((m) => m.recipient === 'office01')!;
    expect(city.channel).toBe('wecom_app');
    expect(city.payload.text).toMatch(/^# /);
    expect(city.payload.text).toContain('/console#/bulletins?kind=weekly&period=2026-11-02');

    // The durable weekly job sends each later week's bulletin on Monday 09:00 China time, once per recipient.
    clock.advance(8 * 86_400_000);
    await s.jobs.runDue();
    const afterJob = (await outbox.find({ where: { kind: 'markdown' } })).filter((m) => m.idempotencyKey.startsWith('bulletin:weekly:'));
    await s.jobs.runDue();
    const again = (await outbox.find({ where: { kind: 'markdown' } })).filter((m) => m.idempotencyKey.startsWith('bulletin:weekly:'));
    expect(again.length).toBe(afterJob.length);
    const byPeriod = new Map<string, string[]>();
    for (const m of afterJob) {
      const period = m.idempotencyKey.split(':')[2];
      byPeriod.set(period, [...(byPeriod.get(period) ?? []), m.recipient]);
    }
    expect(byPeriod.size).toBeGreaterThan(1);
    for (const recipients of byPeriod.values()) expect(recipients.sort()).toEqual(['office01', 'zhangwei']);
  });
});
