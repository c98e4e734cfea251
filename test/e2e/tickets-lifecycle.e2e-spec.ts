import { ManualClock } from '../../src/common/clock';
import { loadCorrections } from '../../src/tickets/lifecycle/corrections';
import { TicketException, TicketExceptionCode as Code } from '../../src/tickets/ticket.exception';
import { aConcern, aResident, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';

const rejectsWith = async (p: Promise<unknown>, code: Code) => {
  await expect(p).rejects.toBeInstanceOf(TicketException);
  await expect(p).rejects.toMatchObject({ code });
};

const DAY = 86_400_000;

describeEachEngine('tickets: the four orders', (engine) => {
  let t: TestApp;
  let clock: ManualClock;
  let s: ReturnType<typeof ticketsOf>;

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-12-01T01:00:00Z')); // Tuesday 09:00 in China
    t = await startTestApp(engine, { clock });
    s = ticketsOf(t.app);
  });
  afterAll(() => t.close());

  it('点单: files a concern with a day-numbered ticket, routes it, audits it and notifies the studio duty member first', async () => {
    const filed = await s.resident.fileConcern(aConcern());
    expect(filed.ticket.number).toMatch(/^SM20261201-\d{4}$/);
    expect(filed.ticket).toMatchObject({ state: 'submitted', sectorName: '教育文体', open: true });
    expect(filed.expectedAnswerBy.toISOString()).toBe('2026-12-08T01:00:00.000Z'); // 5 working days
    const row = (await s.repo.findByNumber(filed.ticket.number))!;
    expect(row).toMatchObject({ workstationCode: 'ws-binhe', committeeCode: 'education', sectorCode: 'education', title: '滨河新区第三小学门口上下学时段拥堵严重，学生过马路很危险' });
    expect(row.takeDeadline!.toISOString()).toBe('2026-12-02T01:00:00.000Z');
    const shown = (await s.reader.show(filed.ticket.number))!;
    expect(shown.events.map((e) => e.type)).toEqual(['created', 'routed']);
    expect(shown.events[1].after).toMatchObject({ workstationCode: 'ws-binhe', reasons: expect.arrayContaining(['sector:chosen-by-resident:education', 'workstation:serves-area:ws-binhe']) });
    expect(shown.residentPhone).toBe('139****5678');
    expect(shown.residentName).toBe('李**');
    const out = await s.outbox(row.id);
    expect(out.map((m) => m.recipient)).toEqual(['zhangwei', 'liuhong']); // Tuesday: zhangwei is on duty
    expect(out[0]).toMatchObject({ channel: 'wecom_app', kind: 'template_card' });
    expect(out[0].payload.text).toContain(filed.ticket.number);
  });

  it("keeps the resident's phone number out of the cards members get before anyone takes the ticket", async () => {
    const { ticket } = await s.resident.fileConcern(aConcern({ text: '我的电话13987654321。小区垃圾清运不及时，夏天异味很大' }));
    const row = (await s.repo.findByNumber(ticket.number))!;
    expect(row.title).toContain('13987654321');
    const cards = (await s.outbox(row.id)).filter((m) => m.kind === 'template_card');
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(JSON.stringify(card.payload)).not.toContain('13987654321');
      expect(card.payload.text).toContain('139****4321');
    }
  });

  it('买单 → 解单 → 答复 → 查单: take, notes, co-handling, extension, answer, not satisfied, reopen, satisfied', async () => {
    const resident = aResident();
    const { ticket } = await s.resident.fileConcern(aConcern({ resident }));
    const n = ticket.number;
    await rejectsWith(s.lifecycle.take(n, 'wangqiang', { way: 'bridge', activity: 'micro_consultation' }), Code.NOT_ALLOWED);
    await rejectsWith(s.lifecycle.take(n, 'zhangwei', { way: 'nope' as never, activity: 'micro_consultation' }), Code.INVALID_INPUT);
    await rejectsWith(s.lifecycle.answer(n, 'zhangwei', { reply: 'x' }), Code.ILLEGAL_STATE);

    const taken = await s.lifecycle.take(n, 'zhangwei', { way: 'bridge', activity: 'micro_consultation' });
    expect(taken).toMatchObject({ state: 'taken', assigneeUserid: 'zhangwei', wayOfWorking: 'bridge', activity: 'micro_consultation' });
    await rejectsWith(s.lifecycle.take(n, 'liuhong', { way: 'expert', activity: 'micro_research' }), Code.ALREADY_TAKEN);
    const residentMsgs = () => s.outbox(taken.id).then((rows) => rows.filter((m) => m.recipient === resident.externalId));
    expect((await residentMsgs())[0].payload.text).toContain(n);

    expect((await s.lifecycle.addNote(n, 'zhangwei', { kind: 'department_contacted', text: '已联系交警大队' })).state).toBe('in_progress');
    await rejectsWith(s.lifecycle.addCoHandler(n, 'zhangwei', { workstationCode: 'ws-binhe' }), Code.INVALID_INPUT);
    await s.lifecycle.addCoHandler(n, 'zhangwei', { workstationCode: 'ws-jinjie', notes: '请协调企业班车' });
    await rejectsWith(s.lifecycle.addCoHandler(n, 'zhangwei', { workstationCode: 'ws-jinjie' }), Code.ALREADY_COHANDLING);
    expect((await s.outbox(taken.id)).some((m) => m.recipient === 'chenjie' && m.payload.text!.includes('请协调企业班车'))).toBe(true);
    await s.lifecycle.addNote(n, 'chenjie', { kind: 'consultation', text: '企业同意错峰' });
    await rejectsWith(s.lifecycle.addNote(n, 'maying', { kind: 'note', text: '无关' }), Code.NOT_ALLOWED);
    await rejectsWith(s.lifecycle.answer(n, 'chenjie', { reply: '协办不能答复' }), Code.NOT_ALLOWED);

    const before = (await s.repo.findByNumber(n))!.answerDeadline!;
    const extended = await s.lifecycle.extend(n, 'zhangwei', '需要协调多个部门');
    expect(extended.answerDeadline!.toISOString()).toBe('2026-12-15T01:00:00.000Z');
    expect(extended.answerDeadline!.getTime()).toBeGreaterThan(before.getTime());
    await rejectsWith(s.lifecycle.extend(n, 'zhangwei', 'again'), Code.EXTENSION_LIMIT_REACHED);

    const answered = await s.lifecycle.answer(n, 'zhangwei', { reply: '已增设护学岗，每天两班。', outcome: 'resolved' });
    expect(answered.state).toBe('answered');
    const msgs = await residentMsgs();
    expect(msgs.some((m) => m.payload.text!.includes('已增设护学岗'))).toBe(true);
    expect(msgs.find((m) => m.kind === 'msgmenu')!.payload.options!.map((o) => o.id)).toEqual([`rate:${n}:satisfied`, `rate:${n}:basically_satisfied`, `rate:${n}:not_satisfied`]);
    expect((await s.resident.findForResident(n, resident))!.latestReply).toBe('已增设护学岗，每天两班。');

    await rejectsWith(s.resident.rate(n, aResident(), 'satisfied'), Code.TICKET_NOT_FOUND);
    clock.advance(3600_000);
    const reopened = await s.resident.rate(n, resident, 'not_satisfied', '只有早上有');
    expect(reopened.state).toBe('in_progress');
    const row = (await s.repo.findByNumber(n))!;
    expect(row).toMatchObject({ reopenCount: 1, rating: 'not_satisfied' });
    expect(row.answerDeadline!.toISOString()).toBe('2026-12-08T02:00:00.000Z');
    await s.lifecycle.answer(n, 'zhangwei', { reply: '下午也已安排。' });
    const closed = await s.resident.rate(n, resident, 'satisfied');
    expect(closed).toMatchObject({ state: 'closed', rating: 'satisfied', open: false });
    await rejectsWith(s.disposition.close(n, 'zhangwei', { outcome: 'resolved' }), Code.ILLEGAL_STATE);

    const shown = (await s.reader.show(n, 'zhangwei'))!;
    expect(shown.residentPhone).toBe('13912345678'); // the assignee sees it whole
    expect(shown.events.map((e) => e.type)).toEqual([
      'created', 'routed', 'taken', 'note_added', 'cohandler_added', 'note_added', 'extended', 'answered', 'reopened', 'answered', 'closed',
    ]);
    expect(shown.events.map((e) => e.id)).toEqual([...shown.events.map((e) => e.id)].sort((a, b) => a - b));
    expect(shown.events[2]).toMatchObject({ actorKind: 'member', actor: 'zhangwei', before: { state: 'submitted', assigneeUserid: null }, after: { state: 'taken', assigneeUserid: 'zhangwei' } });
    expect(shown.events[8]).toMatchObject({ actorKind: 'resident', reason: '只有早上有' });
    expect(shown.notes.map((x) => x.kind)).toEqual(['department_contacted', 'consultation', 'reply', 'reply']);
    expect(shown.cohandlers.map((c) => c.workstationCode)).toEqual(['ws-jinjie']);
  });

  it('退单 returns a ticket to triage; the office re-routes it and the sector change becomes a classifier correction', async () => {
    const { ticket } = await s.resident.fileConcern(aConcern({ text: '大柳塔镇煤矿附近河水发黑发臭。', areaCode: 'daliuta', chosenSector: '教育文体' }));
    const n = ticket.number;
    // the education studio is the committee default for an area it does not serve
    expect((await s.repo.findByNumber(n))!.workstationCode).toBe('ws-binhe');
    await s.lifecycle.take(n, 'liuhong', { way: 'expert', activity: 'micro_research' });
    await rejectsWith(s.disposition.returnToTriage(n, 'zhangwei', '不是我的'), Code.NOT_ALLOWED);
    const returned = await s.disposition.returnToTriage(n, 'liuhong', '属于环保问题');
    expect(returned).toMatchObject({ state: 'submitted', workstationCode: 'triage', assigneeUserid: null, committeeCode: null });
    await rejectsWith(s.reroute.reroute(n, 'zhangwei', { sector: '环境保护', reason: 'x' }), Code.NOT_ALLOWED);
    const rerouted = await s.reroute.reroute(n, 'office02', { sector: '环境保护', reason: '环保' });
    expect(rerouted).toMatchObject({ state: 'submitted', workstationCode: 'ws-daliuta', committeeCode: 'resources', sectorCode: 'environment' });
    expect(await loadCorrections(s.repo.dataSource)).toContainEqual({ label: '环境保护', title: '大柳塔镇煤矿附近河水发黑发臭', text: '大柳塔镇煤矿附近河水发黑发臭。' });
    const events = (await s.reader.show(n))!.events;
    expect(events.map((e) => e.type).slice(-2)).toEqual(['returned', 'rerouted']);
    expect(events.at(-1)!.reason).toContain('workstation:serves-area:ws-daliuta');
    const out = await s.outbox(rerouted.id);
    expect(out.filter((m) => m.kind === 'template_card').map((m) => m.recipient)).toEqual(['zhangwei', 'liuhong', 'wangqiang', 'zhaomin']);
    // another workstation by name
    const moved = await s.reroute.reroute(n, 'wangqiang', { workstationCode: 'ws-xisha', reason: '转西沙' });
    expect(moved.workstationCode).toBe('ws-xisha');
    await s.lifecycle.take(n, 'wujing', { way: 'welfare', activity: 'micro_welfare' });
    await rejectsWith(s.reroute.reroute(n, 'wujing', { workstationCode: 'ws-binhe', reason: 'late' }), Code.ILLEGAL_STATE);
  });

  it('merges a duplicate: both trails stay, the duplicate resident supports the target; +1 counts once per resident', async () => {
    const a = await s.resident.fileConcern(aConcern({ text: '西沙街道夜市噪音扰民，凌晨还在营业。', areaCode: 'xisha', chosenSector: '政法与社会治理' }));
    const b = await s.resident.fileConcern(aConcern({ text: '西沙街道夜市噪音扰民，凌晨两点还在营业。', areaCode: 'xisha', chosenSector: '政法与社会治理' }));
    expect(b.similar.map((v) => v.number)).toContain(a.ticket.number);
    const supporter = aResident();
    await s.resident.supportTicket(a.ticket.number, supporter);
    expect((await s.resident.supportTicket(a.ticket.number, supporter)).number).toBe(a.ticket.number);
    expect((await s.repo.findByNumber(a.ticket.number))!.supportCount).toBe(1);

    await rejectsWith(s.disposition.merge(b.ticket.number, 'wujing', b.ticket.number, 'x'), Code.INVALID_INPUT);
    const merged = await s.disposition.merge(b.ticket.number, 'wujing', a.ticket.number, '同一夜市');
    const target = (await s.repo.findByNumber(a.ticket.number))!;
    expect(merged).toMatchObject({ state: 'merged', mergedInto: target.id });
    expect(target.supportCount).toBe(2);
    expect((await s.reader.show(a.ticket.number))!.supporters).toBe(2);
    expect((await s.reader.show(a.ticket.number))!.events.map((e) => e.type)).toContain('merge_received');
    expect((await s.reader.show(b.ticket.number))!.events.map((e) => e.type)).toEqual(['created', 'routed', 'merged']);
    await rejectsWith(s.lifecycle.take(b.ticket.number, 'wujing', { way: 'bridge', activity: 'micro_inspection' }), Code.ILLEGAL_STATE);
  });

  it('closes as not accepted before an answer, takes additions, and closes unrated answers automatically', async () => {
    const resident = aResident();
    const x = await s.resident.fileConcern(aConcern({ resident, areaCode: 'linzhou', chosenSector: '民族宗教与文化文史', text: '麟州街道老城墙被乱贴广告。' }));
    await rejectsWith(s.resident.addInformation(x.ticket.number, aResident(), { text: 'not mine' }), Code.TICKET_NOT_FOUND);
    await s.resident.addInformation(x.ticket.number, resident, { text: '东门最严重', attachments: [{ kind: 'image', ref: 'media-1' }] });
    expect((await s.repo.findByNumber(x.ticket.number))!.attachments).toEqual([{ kind: 'image', ref: 'media-1' }]);
    await rejectsWith(s.disposition.close(x.ticket.number, 'maying', { outcome: 'resolved' }), Code.ILLEGAL_STATE);
    const notAccepted = await s.disposition.close(x.ticket.number, 'maying', { outcome: 'not_accepted', reason: '已由城管处理' });
    expect(notAccepted).toMatchObject({ state: 'closed', outcome: 'not_accepted', outcomeReason: '已由城管处理' });

    const y = await s.resident.fileConcern(aConcern({ areaCode: 'linzhou', chosenSector: '民族宗教与文化文史', text: '希望整理麟州地方文史。' }));
    await s.lifecycle.take(y.ticket.number, 'maying', { way: 'expert', activity: 'micro_research' });
    await s.lifecycle.answer(y.ticket.number, 'maying', { reply: '已列入年度计划', outcome: 'proposal' });
    clock.advance(6 * DAY);
    await s.jobs.runDue();
    expect((await s.repo.findByNumber(y.ticket.number))!.state).toBe('answered');
    clock.advance(1 * DAY + 1000);
    await s.jobs.runDue();
    const closed = (await s.repo.findByNumber(y.ticket.number))!;
    expect(closed).toMatchObject({ state: 'closed', outcome: 'proposal', rating: null });
    const last = (await s.reader.show(y.ticket.number))!.events.at(-1)!;
    expect(last).toMatchObject({ type: 'closed', actorKind: 'system', reason: 'auto-close:no-rating' });
  });
});
