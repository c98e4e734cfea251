import ExcelJS from 'exceljs';
import { ManualClock } from '../../src/common/clock';
import { ReceptionBookingEntity } from '../../src/tickets/calendar/reception-booking.entity';
import { OutboxMessageEntity } from '../../src/outbox/outbox-message.entity';
import { TicketEntity } from '../../src/tickets/ticket.entity';
import { aConcern, generateTickets, STUDIOS, ticketsOf } from '../factories/ticket.factory';
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
  overdueTotal: number;
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
    // Jobs run only when a test says so (runDue): a background pass could send a due bulletin before the test does.
    t = await startTestApp(engine, { clock, env: { MINYI_WORKERS: 'inbox,outbox' } });
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
    // Overdue as at the end of the week: filed by then, late by then, still open.
    const lateByEnd = rows.filter((r) => r.createdAt < WEEK_TO && ['submitted', 'taken', 'in_progress'].includes(r.state) && (r.answerDeadline! < WEEK_TO || (r.state === 'submitted' && r.takeDeadline! < WEEK_TO)));
    expect(b.overdueTotal).toBe(lateByEnd.length);
    expect(b.overdue.map((o) => o.number).sort()).toEqual(lateByEnd.map((r) => r.number).sort().slice(0, 20).sort());
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
  it('the office sets targets per workstation and period; progress counts receptions, takes and rates against them', async () => {
    const office = await as('office01');
    const zhangwei = await as('zhangwei');
    const target = { workstationCode: 'ws-binhe', kind: 'monthly', period: '2026-11', receptions: 2, taken: 5, onTimeAnswer: 0.5, satisfaction: 0.9, sqmyAdopted: 1 };
    expect((await send(zhangwei, 'PUT', '/api/admin/reports/targets', target)).status).toBe(403);
    expect((await send(office, 'PUT', '/api/admin/reports/targets', { ...target, onTimeAnswer: 1.5 })).status).toBe(400);
    expect((await send(office, 'PUT', '/api/admin/reports/targets', { ...target, workstationCode: 'nowhere' })).status).toBe(404);
    expect((await send(office, 'PUT', '/api/admin/reports/targets', target)).status).toBe(200);
    expect((await send(office, 'PUT', '/api/admin/reports/targets', { ...target, taken: 4 })).status).toBe(200); // replaces, not duplicates
    await s.repo.dataSource.getRepository(ReceptionBookingEntity).insert({ workstationCode: 'ws-binhe', slotStart: new Date('2026-11-10T02:00:00Z'), residentKey: 'web:r1', memberUserid: 'zhangwei' });

    const answer = (await get(zhangwei, '/api/member/reports/targets?kind=monthly&period=2026-11')).json as { period: string; items: Array<{ workstationCode: string; target: Record<string, number>; actual: Record<string, number | null>; progress: Record<string, number | null>; met: Record<string, boolean | null> }> };
    expect(answer.period).toBe('2026-11');
    expect(answer.items.map((i) => i.workstationCode)).toEqual(['ws-binhe']);
    const item = answer.items[0];
    const from = new Date('2026-10-31T16:00:00Z');
    const to = new Date('2026-11-30T16:00:00Z');
    const taken = count((r) => r.workstationCode === 'ws-binhe' && r.takenAt !== null && r.takenAt >= from && r.takenAt < to);
    expect(item.target.taken).toBe(4);
    expect(item.actual.taken).toBe(taken);
    expect(item.progress.taken).toBeCloseTo(taken / 4, 10);
    expect(item.actual.receptions).toBe(1);
    expect(item.progress.receptions).toBeCloseTo(0.5, 10);
    expect(item.met.receptions).toBe(false);
    const office_ = (await get(office, '/api/member/reports/bulletin?kind=monthly&period=2026-11&workstation=ws-binhe')).json as { targets: Array<{ actual: { taken: number } }> };
    expect(office_.targets[0].actual.taken).toBe(taken);
  });

  it('finds hot topics: similar concerns of one sector cluster, with their residents counted', async () => {
    const zhangwei = await as('zhangwei');
    const texts = ['滨河三小校门口上下学拥堵，孩子过马路危险', '滨河三小校门口上下学时段拥堵严重', '滨河三小校门口拥堵，希望设护学岗'];
    const filed: string[] = [];
    for (const text of texts) filed.push((await s.resident.fileConcern(aConcern({ text, areaCode: 'binhe', chosenSector: STUDIOS[0].sector }))).ticket.number);
    const topics = (await get(zhangwei, '/api/member/reports/hot-topics')).json as Array<{ tickets: string[]; residents: number; words: string[] }>;
    const topic = topics.find((x) => filed.every((n) => x.tickets.includes(n)));
    expect(topic).toBeDefined();
    expect(topic!.residents).toBeGreaterThanOrEqual(3);
    const elsewhere = (await get(await as('wangqiang'), '/api/member/reports/hot-topics')).json as Array<{ tickets: string[] }>;
    expect(elsewhere.flatMap((x) => x.tickets)).not.toContain(filed[0]);
    rows = await s.repo.dataSource.getRepository(TicketEntity).find();
  });

  it('a member composes a social-conditions report from tickets; its fate is tracked and shows on the tickets', async () => {
    const zhangwei = await as('zhangwei');
    const wangqiang = await as('wangqiang');
    const mine = rows.filter((r) => r.workstationCode === 'ws-binhe').slice(0, 2);
    const other = rows.find((r) => r.workstationCode === 'ws-daliuta')!;
    const draft = await send(zhangwei, 'POST', '/api/member/reports/sqmy/draft', { tickets: mine.map((r) => r.number) });
    expect(draft.status).toBe(200);
    const d = draft.json as { title: string; situation: string; analysis: string; suggestions: string; tickets: string[] };
    // Titled by place, sector and the concerns' key words, not by the first resident's sentence.
    expect(d.title).toContain('滨河新区街道');
    expect(d.title).toContain('教育文体');
    expect(d.title).toContain(mine[0].keywords[0]);
    for (const r of mine) expect(d.situation).toContain(r.number);
    expect(d.analysis.length).toBeGreaterThan(10);
    expect((await send(zhangwei, 'POST', '/api/member/reports/sqmy/draft', { tickets: [other.number] })).status).toBe(403);
    expect((await send(zhangwei, 'POST', '/api/member/reports/sqmy', { ...d, tickets: [mine[0].number, other.number] })).status).toBe(403);
    expect((await send(zhangwei, 'POST', '/api/member/reports/sqmy', { ...d, title: ' ' })).status).toBe(400);

    const created = await send(zhangwei, 'POST', '/api/member/reports/sqmy', { ...d, suggestions: `${d.suggestions} edited` });
    expect(created.status).toBe(201);
    const report = created.json as { id: number; state: string; committeeCode: string; suggestions: string; tickets: Array<{ number: string }> };
    expect(report).toMatchObject({ state: 'submitted', committeeCode: 'education' });
    expect(report.suggestions).toMatch(/edited$/);
    expect(report.tickets.map((x) => x.number).sort()).toEqual(mine.map((r) => r.number).sort());
    const told = await s.repo.dataSource.getRepository(OutboxMessageEntity).find({ where: { kind: 'text' } });
    expect(told.filter((m) => m.idempotencyKey.startsWith(`sqmy:${report.id}:submitted:`)).map((m) => m.recipient).sort()).toEqual(['head-education', 'office01']);

    expect((await get(wangqiang, `/api/member/reports/sqmy/${report.id}`)).status).toBe(403);
    expect(((await get(wangqiang, '/api/member/reports/sqmy')).json as Array<{ id: number }>).map((x) => x.id)).not.toContain(report.id);
    expect(((await get(zhangwei, '/api/member/reports/sqmy')).json as Array<{ id: number }>).map((x) => x.id)).toContain(report.id);
    expect((await send(zhangwei, 'POST', `/api/member/reports/sqmy/${report.id}/fate`, { fate: 'adopted' })).status).toBe(403);
    expect((await send(await as('head-economy'), 'POST', `/api/member/reports/sqmy/${report.id}/fate`, { fate: 'adopted' })).status).toBe(403);

    const head = await as('head-education');
    expect((await send(head, 'POST', `/api/member/reports/sqmy/${report.id}/fate`, { fate: 'adopted' })).json).toMatchObject({ state: 'adopted' });
    const office = await as('office01');
    expect((await send(office, 'POST', `/api/member/reports/sqmy/${report.id}/fate`, { fate: 'forwarded' })).status).toBe(400);
    await send(office, 'POST', `/api/member/reports/sqmy/${report.id}/fate`, { fate: 'forwarded', to: 'city-transport' });
    const last = await send(office, 'POST', `/api/member/reports/sqmy/${report.id}/fate`, { fate: 'instructed', text: 'instruction-text' });
    expect(last.json).toMatchObject({ state: 'instructed', instruction: 'instruction-text', forwardedTo: 'city-transport' });
    expect((last.json as { adoptedAt: string | null }).adoptedAt).not.toBeNull();

    const ticket = (await get(zhangwei, `/api/member/tickets/${mine[0].number}`)).json as { events: Array<{ type: string; reason: string | null }> };
    const types = ticket.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['sqmy_submitted', 'sqmy_adopted', 'sqmy_forwarded', 'sqmy_instructed']));
    expect(ticket.events.find((e) => e.type === 'sqmy_instructed')!.reason).toBe('instruction-text');

    const adoptedAt = new Date((last.json as { adoptedAt: string }).adoptedAt);
    const month = new Date(adoptedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    const progress = (await get(zhangwei, `/api/member/reports/targets?kind=monthly&period=${month}`)).json as { items: Array<{ actual: { sqmyAdopted: number } }> };
    expect(progress.items[0].actual.sqmyAdopted).toBe(1);
  });
});
