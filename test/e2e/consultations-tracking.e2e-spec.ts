import { ManualClock } from '../../src/common/clock';
import { OutboxMessageEntity } from '../../src/outbox/outbox-message.entity';
import { aConcern, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { call, Session, signInAs } from './console.support';

const DAY = 86_400_000;

describeEachEngine('consultations: deactivated departments, an overdue proposal escalated, the sponsor judging the reply', (engine) => {
  // Monday 2026-11-02 09:00 in China.
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let t: TestApp;
  let s: ReturnType<typeof ticketsOf>;
  let office: Session;
  let zhangwei: Session;
  let topicId: number;
  let filed: string[];
  const get = (x: Session, path: string) => call(t.url, path, { cookie: x.cookie });
  const send = (x: Session, method: string, path: string, body: unknown) => call(t.url, path, { method, body, cookie: x.cookie, csrf: x.csrf });
  const events = async (number: string) => (await s.repo.events((await s.repo.findByNumber(number))!.id)).map((e) => e.type);
  const textsTo = async (recipient: string) => (await s.repo.dataSource.getRepository(OutboxMessageEntity).find({ where: { recipient }, order: { id: 'ASC' } })).map((m) => m.payload.text ?? '');
  const signIn = async () => { [office, zhangwei] = [await signInAs(t, 'office01'), await signInAs(t, 'zhangwei')]; };

  beforeAll(async () => {
    t = await startTestApp(engine, { clock });
    s = ticketsOf(t.app);
    filed = [];
    for (const text of ['老城区排水管网老化，一下大雨就积水，车辆无法通行。', '老城区下雨积水严重，排水管道堵塞，希望改造。']) filed.push((await s.resident.fileConcern(aConcern({ text }))).ticket.number);
    await signIn();
    const topic = (await send(zhangwei, 'POST', '/api/member/topics', { title: '老城区雨天积水', tickets: filed })).json as { id: number };
    topicId = topic.id;
    await send(zhangwei, 'POST', `/api/member/topics/${topicId}/select`, { wayOfWorking: 'expert', activity: 'micro_research' });
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('a deactivated department stays in the directory but is offered and invited to nothing new', async () => {
    const put = (body: Record<string, unknown>) => send(office, 'PUT', '/api/admin/departments', { code: 'water-affairs', name: '市水务局', contactName: '赵工', contactPhone: '0912-8440000', ...body });
    const dept = (await put({})).json as { id: number };
    // Phones are written the way people write them; anything else is refused.
    expect((await put({ contactPhone: '打总机转' })).status).toBe(400);
    expect((await put({ code: '水务局' })).status).toBe(400);
    expect((await put({ active: false })).status).toBe(200);

    expect(((await get(zhangwei, '/api/member/departments')).json as Array<{ code: string }>).map((d) => d.code)).not.toContain('water-affairs');
    expect(((await get(office, '/api/admin/departments')).json as Array<{ code: string; active: boolean }>).find((d) => d.code === 'water-affairs')).toMatchObject({ active: false });
    const startsAt = new Date(clock.now().getTime() + 3 * DAY).toISOString();
    const refused = await send(zhangwei, 'POST', `/api/member/topics/${topicId}/consultations`, { startsAt, agenda: '排水改造', departments: [dept.id] });
    expect(refused.status).toBe(400);
    const c = (await send(zhangwei, 'POST', `/api/member/topics/${topicId}/consultations`, { startsAt, agenda: '排水改造' })).json as { id: number };
    expect((await send(zhangwei, 'POST', `/api/member/consultations/${c.id}/minutes`, { minutes: '研究排水方案', actions: [{ department: dept.id, what: '排查管网', deadline: new Date(clock.now().getTime() + 10 * DAY).toISOString() }] })).status).toBe(400);
    expect((await put({ active: true })).status).toBe(200);
    expect((await send(zhangwei, 'POST', `/api/member/consultations/${c.id}/minutes`, { minutes: '研究排水方案', actions: [{ department: dept.id, what: '排查管网', deadline: new Date(clock.now().getTime() + 10 * DAY).toISOString() }] })).status).toBe(200);
  });

  it('a proposal not replied by its deadline is escalated to the committee head and the office, and the timelines show it and the sponsor’s verdict', async () => {
    const [dept] = ((await get(office, '/api/admin/departments')).json as Array<{ id: number }>);
    const proposal = (await send(zhangwei, 'POST', '/api/member/proposals', { topicId, title: '关于加快老城区排水管网改造的提案', reasons: '雨天积水影响出行。', suggestions: '分片改造排水管网。', cosigners: ['wujing'] })).json as { id: number };
    const deadline = new Date(clock.now().getTime() + 5 * DAY);
    expect((await send(office, 'POST', `/api/member/proposals/${proposal.id}/register`, { registrationNumber: 'T2026-031', department: dept.id, deadline: deadline.toISOString() })).status).toBe(200);

    clock.set(new Date(deadline.getTime() + 60_000));
    await s.jobs.runDue();
    for (const userid of ['head-education', 'office01']) expect((await textsTo(userid)).some((x) => x.startsWith('督办') && x.includes('关于加快老城区排水管网改造的提案'))).toBe(true);
    for (const number of filed) expect(await events(number)).toContain('proposal_escalated');

    await signIn();
    expect((await send(office, 'POST', `/api/member/proposals/${proposal.id}/reply`, { reply: '已列入明年城建计划，分三期实施。' })).status).toBe(200);
    expect((await send(await signInAs(t, 'wujing'), 'POST', `/api/member/proposals/${proposal.id}/satisfaction`, { satisfaction: 'satisfied' })).status).toBe(403);
    expect((await send(zhangwei, 'POST', `/api/member/proposals/${proposal.id}/satisfaction`, { satisfaction: 'basically_satisfied' })).json).toMatchObject({ satisfaction: 'basically_satisfied' });
    for (const number of filed) expect(await events(number)).toEqual(expect.arrayContaining(['proposal_registered', 'proposal_escalated', 'proposal_replied', 'proposal_rated']));
  });
});
