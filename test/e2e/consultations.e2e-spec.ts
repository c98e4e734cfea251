import { ManualClock } from '../../src/common/clock';
import { OutboxMessageEntity } from '../../src/outbox/outbox-message.entity';
import { aConcern, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { resident, Resident } from '../dialogs/support/chat';
import { call, Session, signInAs } from './console.support';

const DAY = 86_400_000;

interface Topic { id: number; state: string; workstationCode: string; tickets: Array<{ number: string }>; residents: { raised: number; supported: number; rated: number; satisfied: number }; hosts: Array<{ kind: string; code: string }> }
interface Consultation { id: number; state: string; place: string; participants: Array<{ kind: string; name: string; response: string }>; actions: Array<{ id: number; state: string; overdue: boolean; escalatedAt: string | null; notes: Array<{ kind: string }> }> }
interface Proposal { id: number; state: string; registrationNumber: string | null; reply: string | null; cosigners: string[]; notes: Array<{ kind: string }> }
interface Figures { held: number; residents: number; departments: number; actionsDue: number; actionsOnTime: number; onTimeRate: number | null; proposalsAdopted: number; proposalsReplied: number }

describeEachEngine('consultations: tickets → topic → consultation → actions and a proposal tracked → residents told and rating', (engine) => {
  // Monday 2026-11-02 09:00 in China.
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let t: TestApp;
  let s: ReturnType<typeof ticketsOf>;
  const get = (x: Session, path: string) => call(t.url, path, { cookie: x.cookie });
  const send = (x: Session, method: string, path: string, body: unknown) => call(t.url, path, { method, body, cookie: x.cookie, csrf: x.csrf });
  const outbox = (where: { channel?: OutboxMessageEntity['channel']; recipient?: string; kind?: OutboxMessageEntity['kind'] }) => s.repo.dataSource.getRepository(OutboxMessageEntity).find({ where, order: { id: 'ASC' } });
  // Web residents are who their signed cookie says: each one keeps the cookie the chat issued, like a browser.
  const chat = (r: Resident, text: string) => r.say(text);
  const events = async (number: string) => (await s.repo.events((await s.repo.findByNumber(number))!.id)).map((e) => e.type);

  beforeAll(async () => {
    t = await startTestApp(engine, { clock });
    s = ticketsOf(t.app);
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('walks the whole loop through the HTTP APIs, the outbox and the chat', async () => {
    // Ordering the topic (zheng ti): three residents on three channels raise the same crossing; a fourth supports one of them (+1).
    const webChat = resident(t, `web-consult-${engine}`);
    const supporterChat = resident(t, `web-supporter-${engine}`);
    for (const r of [webChat, supporterChat]) await r.say('你好');
    const web = { channel: 'web' as const, externalId: webChat.user };
    const kf = { channel: 'wecom_kf' as const, externalId: `wm-consult-${engine}`, openKfId: 'wkKF1' };
    const app = { channel: 'wecom_app' as const, externalId: `resident-app-${engine}` };
    const text = '滨河新区第三小学门口上下学时段拥堵严重，学生过马路很危险，希望增设护学岗和红绿灯。';
    const filed = [];
    for (const resident of [web, kf, app]) filed.push((await s.resident.fileConcern(aConcern({ resident, text }))).ticket.number);
    await s.resident.supportTicket(filed[1], { channel: 'web', externalId: supporterChat.user });

    let office = await signInAs(t, 'office01');
    let zhangwei = await signInAs(t, 'zhangwei');
    const dept = await send(office, 'PUT', '/api/admin/departments', { code: 'traffic-police', name: '市公安局交警大队', contactName: '王队长', contactPhone: '0912-8110000', wecomUserid: 'jj-wang' });
    expect(dept.status).toBe(200);
    const departmentId = (dept.json as { id: number }).id;
    expect((await send(zhangwei, 'PUT', '/api/admin/departments', { code: 'x', name: 'x' })).status).toBe(403);

    // Selecting (xuan ti): one topic from the three tickets; bad input is refused and nothing is made.
    expect((await send(zhangwei, 'POST', '/api/member/topics', { tickets: [] })).status).toBe(400);
    expect((await send(zhangwei, 'POST', '/api/member/topics', { tickets: [filed[0], 'SM00000000-0000'] })).status).toBe(400);
    const made = await send(zhangwei, 'POST', '/api/member/topics', { title: '三小门口上下学交通安全', tickets: filed });
    expect(made.status).toBe(201);
    const topic = made.json as Topic;
    expect(topic.residents).toMatchObject({ raised: 3, supported: 1 });
    expect((await get(await signInAs(t, 'wangqiang'), `/api/member/topics/${topic.id}`)).status).toBe(403);
    const selected = await send(zhangwei, 'POST', `/api/member/topics/${topic.id}/select`, { wayOfWorking: 'bridge', activity: 'micro_consultation', cohosts: [{ kind: 'workstation', code: 'ws-xisha' }] });
    expect(selected.status).toBe(200);
    expect(selected.json).toMatchObject({ state: 'selected', hosts: [{ kind: 'workstation', code: 'ws-xisha' }] });
    expect((await outbox({ recipient: 'wujing' })).some((m) => (m.payload.text ?? '').includes('联合协商'))).toBe(true);
    // The co-hosting studio's member now sees the topic too.
    expect((await get(await signInAs(t, 'wujing'), `/api/member/topics/${topic.id}`)).status).toBe(200);

    // The consultation: Thursday 2026-11-05 15:00 China time, at the studio by default, with the department and the residents.
    const startsAt = new Date('2026-11-05T07:00:00Z');
    const planned = await send(zhangwei, 'POST', `/api/member/topics/${topic.id}/consultations`, { startsAt: startsAt.toISOString(), agenda: '一、群众反映情况；二、交警大队回应；三、议定措施', members: ['wujing'], departments: [departmentId] });
    expect(planned.status).toBe(201);
    const consultation = planned.json as Consultation;
    expect(consultation.place).toBe('滨河新区街道便民服务中心二楼');
    expect(consultation.participants.filter((p) => p.kind === 'resident')).toHaveLength(4);
    expect(JSON.stringify(consultation.participants)).not.toContain('李小明');
    for (const r of [kf, app]) {
      const [invite] = await outbox({ channel: r.channel, recipient: r.externalId, kind: 'msgmenu' });
      expect(invite.payload.text).toContain('协商会');
      expect(invite.payload.options!.map((o) => o.label)).toEqual(['参加', '不参加']);
    }
    expect((await outbox({ recipient: 'jj-wang' })).length).toBe(1);

    // The web resident reads the invitation in the chat and answers the way people type; an unrelated word is not an answer.
    const pending = (await call(t.url, '/api/messages/pending', { cookie: webChat.cookie })).json as Array<{ text: string; quick_replies?: unknown[] }>;
    expect(pending.some((m) => m.text.includes('诚邀您参加') && m.quick_replies?.length === 2)).toBe(true);
    const reply = await chat(webChat, '好的，那天我一定去！');
    expect(reply.map((r) => r.text).join('\n')).toContain('已为您登记参加');
    const supporterReply = await chat(supporterChat, '那天没空，去不了');
    expect(supporterReply.map((r) => r.text).join('\n')).toContain('已收到');
    expect((await chat(webChat, '参加')).map((r) => r.text).join('\n')).not.toContain('已为您登记参加');
    expect(await events(filed[0])).toEqual(expect.arrayContaining(['topic_created', 'topic_selected', 'consultation_planned', 'invitation_answered']));

    // The day before, the job reminds the resident who accepted, and no one who declined.
    clock.set(new Date(startsAt.getTime() - DAY + 60_000));
    await s.jobs.runDue();
    expect((await outbox({ recipient: web.externalId, kind: 'text' })).some((m) => (m.payload.text ?? '').includes('明天'))).toBe(true);
    expect((await outbox({ recipient: supporterChat.user, kind: 'text' })).some((m) => (m.payload.text ?? '').includes('明天'))).toBe(false);

    // Minutes and two agreed actions: the department's, due in a week; the member's, due in three days.
    clock.set(new Date(startsAt.getTime() + 2 * 3600_000));
    // Console sessions end after idle hours; the clock jumped days.
    zhangwei = await signInAs(t, 'zhangwei');
    const held = await send(zhangwei, 'POST', `/api/member/consultations/${consultation.id}/minutes`, {
      minutes: '交警大队同意在上下学时段增派警力；工作室联系学校组织家长志愿者护学岗。',
      actions: [
        { department: departmentId, what: '校门口增设人行横道信号灯', deadline: new Date(startsAt.getTime() + 7 * DAY).toISOString() },
        { member: 'zhangwei', what: '组织家长志愿者护学岗', deadline: new Date(startsAt.getTime() + 3 * DAY).toISOString() },
      ],
    });
    expect(held.status).toBe(200);
    const [deptAction, memberAction] = (held.json as Consultation).actions;
    expect((held.json as Consultation).state).toBe('held');
    expect(deptAction.notes.map((n) => n.kind)).toEqual(['registered']);
    expect((await send(zhangwei, 'POST', `/api/member/consultations/${consultation.id}/minutes`, { minutes: 'x', actions: [{ what: '无主', deadline: startsAt.toISOString() }] })).status).toBe(400);

    // The department reports through its one-time link and closes its action on time; the link then stops working.
    const assigned = (await outbox({ recipient: 'jj-wang' })).find((m) => (m.payload.text ?? '').includes('一次有效'))!;
    const token = new URL(/https?:\S+/.exec(assigned.payload.text!)![0]).searchParams.get('token')!;
    expect((await call(t.url, `/api/department/task?token=${encodeURIComponent(token)}`)).json).toMatchObject({ what: '校门口增设人行横道信号灯', department: '市公安局交警大队' });
    const page = await call(t.url, `/department?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('校门口增设人行横道信号灯');
    clock.advance(2 * DAY);
    const done = await call(t.url, '/api/department/report', { method: 'POST', body: { token, text: '信号灯已安装并投入使用，附验收单。', done: true } });
    expect(done.status).toBe(200);
    expect((await call(t.url, '/api/department/report', { method: 'POST', body: { token, text: '再报一次', done: false } })).status).toBe(404);
    expect((await call(t.url, `/department?token=${encodeURIComponent(token)}`)).status).toBe(404);
    expect((await call(t.url, '/api/department/report', { method: 'POST', body: { token: 'x'.repeat(43), text: '' } })).status).toBe(400);

    // The member's action is reminded before its deadline, then escalated to the committee head and the office.
    clock.set(new Date(startsAt.getTime() + 3 * DAY + 60_000));
    await s.jobs.runDue();
    [zhangwei, office] = [await signInAs(t, 'zhangwei'), await signInAs(t, 'office01')];
    expect((await outbox({ recipient: 'zhangwei' })).some((m) => (m.payload.text ?? '').startsWith('催办'))).toBe(true);
    const escalations = (await outbox({ kind: 'text' })).filter((m) => (m.payload.text ?? '').startsWith('督办'));
    expect(escalations.map((m) => m.recipient).sort()).toEqual(expect.arrayContaining(['head-education', 'office01']));
    const after = (await get(zhangwei, `/api/member/consultations/${consultation.id}`)).json as Consultation;
    expect(after.actions.find((a) => a.id === deptAction.id)).toMatchObject({ state: 'done', overdue: false });
    expect(after.actions.find((a) => a.id === memberAction.id)).toMatchObject({ state: 'open', overdue: true });
    expect(after.actions.find((a) => a.id === memberAction.id)!.escalatedAt).not.toBeNull();
    expect(after.actions.find((a) => a.id === memberAction.id)!.notes.map((n) => n.kind)).toEqual(['registered', 'reminded', 'escalated']);
    // Follow-up (gen ban) and a late close with evidence.
    expect((await send(zhangwei, 'POST', `/api/member/actions/${memberAction.id}/track`, { text: '已联系学校，家长报名中。' })).status).toBe(200);
    expect((await send(zhangwei, 'POST', `/api/member/actions/${memberAction.id}/track`, { text: '护学岗已上岗。', done: true })).status).toBe(200);

    // Conversion: a proposal with a co-signer from another sector, registered and replied by the office.
    const made2 = await send(zhangwei, 'POST', '/api/member/proposals', { consultationId: consultation.id, title: '关于完善中小学校门口交通安全设施的提案', reasons: '多所学校门口上下学拥堵。', suggestions: '统一规划信号灯和护学岗。', cosigners: ['wujing'] });
    expect(made2.status).toBe(201);
    const proposal = made2.json as Proposal;
    expect(proposal.cosigners).toEqual(['wujing']);
    expect((await send(zhangwei, 'POST', `/api/member/proposals/${proposal.id}/register`, { registrationNumber: 'T2026-017', department: departmentId, deadline: new Date(clock.now().getTime() + 30 * DAY).toISOString() })).status).toBe(403);
    const registered = await send(office, 'POST', `/api/member/proposals/${proposal.id}/register`, { registrationNumber: 'T2026-017', department: departmentId, deadline: new Date(clock.now().getTime() + 30 * DAY).toISOString() });
    expect(registered.json).toMatchObject({ state: 'registered', registrationNumber: 'T2026-017' });
    const replied = await send(office, 'POST', `/api/member/proposals/${proposal.id}/reply`, { reply: '已将全市中小学校门口交通设施纳入年度计划。' });
    expect(replied.json).toMatchObject({ state: 'replied' });
    expect((await send(zhangwei, 'POST', `/api/member/proposals/${proposal.id}/satisfaction`, { satisfaction: 'satisfied' })).json).toMatchObject({ satisfaction: 'satisfied' });

    // Rating: every resident is told in their chat; the web resident rates by typing.
    const told = await send(zhangwei, 'POST', `/api/member/topics/${topic.id}/outcome`, { outcome: '校门口已安装信号灯，护学岗每天上下学时段值守；相关提案已立案并答复。' });
    expect(told.status).toBe(200);
    for (const r of [kf, app]) expect((await outbox({ recipient: r.externalId, kind: 'msgmenu' })).some((m) => (m.payload.text ?? '').includes('有了结果'))).toBe(true);
    expect((await chat(webChat, '满意')).map((r) => r.text).join('\n')).toContain('感谢您的评价');
    const rated = (await get(zhangwei, `/api/member/topics/${topic.id}`)).json as Topic;
    expect(rated.residents).toMatchObject({ rated: 1, satisfied: 1 });
    expect(await events(filed[0])).toEqual(expect.arrayContaining(['consultation_held', 'action_done', 'action_escalated', 'proposal_submitted', 'proposal_registered', 'proposal_replied', 'outcome_told', 'outcome_rated']));
    expect(await events(filed[2])).toContain('outcome_told');

    // Figures of the week and the weekly bulletin.
    const week = { from: '2026-11-01T16:00:00Z', to: '2026-11-15T16:00:00Z' };
    const figures = (await get(zhangwei, `/api/member/consultations/figures?from=${week.from}&to=${week.to}`)).json as Figures;
    expect(figures).toEqual({ held: 1, residents: 1, departments: 1, actionsDue: 2, actionsOnTime: 1, onTimeRate: 0.5, proposalsAdopted: 1, proposalsReplied: 1 });
    const xisha = (await get(office, `/api/member/consultations/figures?workstation=ws-daliuta&from=${week.from}&to=${week.to}`)).json as Figures;
    expect(xisha.held).toBe(0);
    const bulletin = (await get(office, '/api/member/reports/bulletin?kind=weekly&period=2026-11-05')).json as { figures: { consultations: Figures }; summary: string[] };
    expect(bulletin.figures.consultations).toMatchObject({ held: 1, residents: 1, departments: 1 });
    expect(bulletin.summary.join('')).toContain('召开小微协商1场');
    const dashboard = (await get(office, `/api/member/reports/dashboard?from=${week.from}&to=${week.to}`)).json as { consultations: Figures };
    expect(dashboard.consultations).toMatchObject({ held: 1, residents: 1, departments: 1, onTimeRate: 0.5, proposalsAdopted: 1 });
    const otherCommittee = (await get(office, `/api/member/reports/dashboard?committee=resources&from=${week.from}&to=${week.to}`)).json as { consultations: Figures };
    expect(otherCommittee.consultations.held).toBe(0);
    // Targets (kao ping): the studio's month counts the consultation held and the proposal adopted.
    expect((await send(office, 'PUT', '/api/admin/reports/targets', { workstationCode: 'ws-binhe', kind: 'monthly', period: '2026-11', consultations: 2, proposalsAdopted: 1 })).status).toBe(200);
    const targets = (await get(zhangwei, '/api/member/reports/targets?kind=monthly&period=2026-11')).json as { items: Array<{ workstationCode: string; actual: Record<string, number | null>; met: Record<string, boolean | null> }> };
    const binhe = targets.items.find((i) => i.workstationCode === 'ws-binhe')!;
    expect(binhe.actual).toMatchObject({ consultations: 1, proposalsAdopted: 1 });
    expect(binhe.met).toMatchObject({ consultations: false, proposalsAdopted: true });

    // The studio's calendar shows the consultation beside reception duty (Thursday: liuhong on duty, 15:00-17:30).
    const cal = (await get(zhangwei, '/api/member/consultations/calendar?from=2026-11-01T16:00:00Z&to=2026-11-08T16:00:00Z')).json as { days: Array<{ date: string; reception: Array<{ start: string; members: string[] }>; consultations: Array<{ id: number }> }> };
    const thursday = cal.days.find((d) => d.date === '2026-11-05')!;
    expect(thursday.consultations.map((c) => c.id)).toEqual([consultation.id]);
    expect(thursday.reception).toEqual([expect.objectContaining({ start: '15:00', members: ['刘红'] })]);
  }, 120_000);
});
