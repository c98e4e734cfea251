import { ManualClock } from '../../src/common/clock';
import { OutboxMessageEntity } from '../../src/outbox/outbox-message.entity';
import { aConcern, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { resident } from '../dialogs/support/chat';
import { call, Session, signInAs } from './console.support';

const DAY = 86_400_000;

interface Consultation { id: number; state: string; startsAt: string; place: string; participants: Array<{ kind: string; response: string }> }

describeEachEngine('consultations: moved or called off, everyone invited is told and the reminder follows', (engine) => {
  // Monday 2026-11-02 09:00 in China.
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let t: TestApp;
  let s: ReturnType<typeof ticketsOf>;
  const get = (x: Session, path: string) => call(t.url, path, { cookie: x.cookie });
  const send = (x: Session, method: string, path: string, body: unknown) => call(t.url, path, { method, body, cookie: x.cookie, csrf: x.csrf });
  const outbox = (where: { channel?: OutboxMessageEntity['channel']; recipient?: string; kind?: OutboxMessageEntity['kind'] }) => s.repo.dataSource.getRepository(OutboxMessageEntity).find({ where, order: { id: 'ASC' } });
  const texts = async (recipient: string) => (await outbox({ recipient })).map((m) => m.payload.text ?? '');
  const saidTo = (replies: Array<{ text: string }>) => replies.map((r) => r.text).join('\n');

  beforeAll(async () => {
    t = await startTestApp(engine, { clock });
    s = ticketsOf(t.app);
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('moves a consultation: residents on each channel, members and the department hear the new time; the reminder comes the day before the new time only', async () => {
    const webChat = resident(t, `web-move-${engine}`);
    await webChat.say('你好');
    const web = { channel: 'web' as const, externalId: webChat.user };
    const kf = { channel: 'wecom_kf' as const, externalId: `wm-move-${engine}`, openKfId: 'wkKF1' };
    const app = { channel: 'wecom_app' as const, externalId: `resident-move-${engine}` };
    const text = '河滨路菜市场门口早上摆摊占道，电动车和行人挤在一起，经常发生剐蹭。';
    const filed: string[] = [];
    for (const r of [web, kf, app]) filed.push((await s.resident.fileConcern(aConcern({ resident: r, text }))).ticket.number);

    const office = await signInAs(t, 'office01');
    let zhangwei = await signInAs(t, 'zhangwei');
    const dept = (await send(office, 'PUT', '/api/admin/departments', { code: 'city-management', name: '市城市管理局', contactName: '李科长', contactPhone: '0912-8220000', wecomUserid: 'cg-li' })).json as { id: number };
    const topic = (await send(zhangwei, 'POST', '/api/member/topics', { title: '河滨路菜市场门口占道经营', tickets: filed })).json as { id: number };
    expect((await send(zhangwei, 'POST', `/api/member/topics/${topic.id}/select`, { wayOfWorking: 'bridge', activity: 'micro_consultation' })).status).toBe(200);
    // Thursday 2026-11-05 15:00 China time.
    const first = new Date('2026-11-05T07:00:00Z');
    const planned = await send(zhangwei, 'POST', `/api/member/topics/${topic.id}/consultations`, { startsAt: first.toISOString(), agenda: '商量摊位安置', members: ['wujing'], departments: [dept.id] });
    expect(planned.status).toBe(201);
    const c = planned.json as Consultation;

    // The web resident says yes the way people type it.
    expect(saidTo(await webChat.say('我能来'))).toContain('已为您登记参加');

    // A member of another studio cannot move it; a time in the past or the same time and place is refused.
    expect((await send(await signInAs(t, 'wangqiang'), 'POST', `/api/member/consultations/${c.id}/reschedule`, { startsAt: '2026-11-12T01:30:00Z' })).status).toBe(403);
    expect((await send(zhangwei, 'POST', `/api/member/consultations/${c.id}/reschedule`, { startsAt: '2026-11-01T01:30:00Z' })).status).toBe(400);
    expect((await send(zhangwei, 'POST', `/api/member/consultations/${c.id}/reschedule`, { startsAt: first.toISOString() })).status).toBe(400);

    // Moved to Thursday of the next week, 09:30, in the market's office, because the department's head is away.
    const second = new Date('2026-11-12T01:30:00Z');
    const moved = await send(zhangwei, 'POST', `/api/member/consultations/${c.id}/reschedule`, { startsAt: second.toISOString(), place: '河滨路菜市场管理办公室', reason: '城管局负责同志那天到省里开会。' });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ state: 'planned', startsAt: second.toISOString(), place: '河滨路菜市场管理办公室' });
    // Everyone is asked again: the new time may not suit those who said yes.
    expect((moved.json as Consultation).participants.filter((p) => p.kind === 'resident').map((p) => p.response)).toEqual(['invited', 'invited', 'invited']);

    const pending = (await call(t.url, '/api/messages/pending', { cookie: webChat.cookie })).json as Array<{ text: string; quick_replies?: unknown[] }>;
    const notice = pending.find((m) => m.text.includes('改期'));
    expect(notice?.text).toContain('2026-11-12 09:30');
    expect(notice?.text).toContain('原因：城管局负责同志那天到省里开会。');
    expect(notice?.text).not.toContain('。。');
    expect(notice?.quick_replies).toHaveLength(2);
    for (const r of [kf, app]) {
      const [menu] = (await outbox({ channel: r.channel, recipient: r.externalId, kind: 'msgmenu' })).filter((m) => (m.payload.text ?? '').includes('改期'));
      expect(menu.payload.text).toContain('原定2026-11-05 15:00，改为2026-11-12 09:30在河滨路菜市场管理办公室召开');
      expect(menu.payload.options!.map((o) => o.label)).toEqual(['参加', '不参加']);
      expect(menu.openKfId ?? null).toBe(r.channel === 'wecom_kf' ? 'wkKF1' : null);
    }
    for (const userid of ['wujing', 'cg-li']) expect((await texts(userid)).some((x) => x.startsWith('协商会“河滨路菜市场门口占道经营”改期'))).toBe(true);
    expect((await texts('zhangwei')).some((x) => x.includes('改期'))).toBe(false);
    for (const number of filed) {
      const events = await s.repo.events((await s.repo.findByNumber(number))!.id);
      const e = events.find((x) => x.type === 'consultation_rescheduled');
      expect(e).toMatchObject({ reason: '城管局负责同志那天到省里开会。', after: { consultationId: c.id, from: first.toISOString(), startsAt: second.toISOString() } });
    }

    // The day before the old time nothing is sent; the resident answers the new invitation by typing.
    clock.set(new Date(first.getTime() - DAY + 60_000));
    await s.jobs.runDue();
    const reminders = async () => (await texts(web.externalId)).filter((x) => x.includes('明天'));
    expect(await reminders()).toEqual([]);
    expect((await texts('wujing')).filter((x) => x.startsWith('提醒'))).toEqual([]);
    expect(saidTo(await webChat.say('去'))).toContain('2026-11-12 09:30');

    // The day before the new time: one reminder, with the new time and place.
    clock.set(new Date(second.getTime() - DAY + 60_000));
    await s.jobs.runDue();
    expect(await reminders()).toEqual([expect.stringContaining('2026-11-12 09:30在河滨路菜市场管理办公室')]);
    expect((await texts('wujing')).filter((x) => x.startsWith('提醒'))).toHaveLength(1);
    clock.advance(3600_000);
    await s.jobs.runDue();
    expect(await reminders()).toHaveLength(1);

    // The calendar shows it on its new day.
    zhangwei = await signInAs(t, 'zhangwei');
    const cal = (await get(zhangwei, '/api/member/consultations/calendar?from=2026-11-01T16:00:00Z&to=2026-11-15T16:00:00Z')).json as { days: Array<{ date: string; consultations: Array<{ id: number }> }> };
    expect(cal.days.filter((d) => d.consultations.length).map((d) => d.date)).toEqual(['2026-11-12']);
  }, 120_000);

  it('calls a consultation off: those who had not declined are told, no reminder follows, minutes are refused', async () => {
    clock.set(new Date('2026-11-16T01:00:00Z'));
    const yes = resident(t, `web-off-yes-${engine}`);
    const no = resident(t, `web-off-no-${engine}`);
    for (const r of [yes, no]) await r.say('你好');
    const filed: string[] = [];
    for (const r of [yes, no]) filed.push((await s.resident.fileConcern(aConcern({ resident: { channel: 'web', externalId: r.user }, text: '幸福小区二号楼电梯三天两头停，老人上下楼很困难，物业一直拖着不修。' }))).ticket.number);
    const zhangwei = await signInAs(t, 'zhangwei');
    const topic = (await send(zhangwei, 'POST', '/api/member/topics', { title: '幸福小区电梯维修', tickets: filed })).json as { id: number };
    await send(zhangwei, 'POST', `/api/member/topics/${topic.id}/select`, { wayOfWorking: 'bridge', activity: 'micro_consultation' });
    const startsAt = new Date('2026-11-19T07:00:00Z');
    const c = (await send(zhangwei, 'POST', `/api/member/topics/${topic.id}/consultations`, { startsAt: startsAt.toISOString(), agenda: '物业、业主、住建局三方商量', members: ['liuhong'] })).json as Consultation;
    expect(saidTo(await yes.say('好的，到时候我去'))).toContain('已为您登记参加');
    expect(saidTo(await no.say('那天有事去不了'))).toContain('已收到');

    const off = await send(zhangwei, 'POST', `/api/member/consultations/${c.id}/cancel`, { reason: '物业已答应本周内修好电梯' });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ state: 'cancelled' });
    expect((await texts(yes.user)).some((x) => x.includes('协商会取消了') && x.includes('原因：物业已答应本周内修好电梯。'))).toBe(true);
    expect((await texts(no.user)).some((x) => x.includes('取消'))).toBe(false);
    expect((await texts('liuhong')).some((x) => x.includes('已取消'))).toBe(true);
    for (const number of filed) expect((await s.repo.events((await s.repo.findByNumber(number))!.id)).map((e) => e.type)).toContain('consultation_cancelled');

    // Nothing more can happen to it; a late answer in the chat is not taken for an invitation.
    expect((await send(zhangwei, 'POST', `/api/member/consultations/${c.id}/cancel`, {})).status).toBe(409);
    expect((await send(zhangwei, 'POST', `/api/member/consultations/${c.id}/reschedule`, { startsAt: '2026-11-26T07:00:00Z' })).status).toBe(409);
    expect((await send(zhangwei, 'POST', `/api/member/consultations/${c.id}/minutes`, { minutes: '未召开', actions: [] })).status).toBe(409);
    expect(saidTo(await no.say('我又能去了'))).not.toContain('已为您登记参加');

    clock.set(new Date(startsAt.getTime() - DAY + 60_000));
    await s.jobs.runDue();
    expect((await texts(yes.user)).some((x) => x.includes('明天'))).toBe(false);
    expect((await texts('liuhong')).some((x) => x.startsWith('提醒'))).toBe(false);
  }, 120_000);
});
