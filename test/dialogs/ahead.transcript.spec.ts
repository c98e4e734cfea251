import { ManualClock } from '../../src/common/clock';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, numberIn, resident, Resident } from './support/chat';
import { ticketRow as ticketRowOf } from './support/tickets';

/**
 * Residents who answer ahead of the question (their phone at the photo or the "since when" question), name the
 * town in the visit request, say "send it" at the summary or "you see to it" at the consent question, through
 * the real turn pipeline of the web chat.
 */
describeEachEngine('answers given ahead, and small filing slips', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // Tuesday 2026-12-01 10:00 China time: studios receive visitors this week.
    t = await startTestApp(engine, { clock: new ManualClock(new Date('2026-12-01T02:00:00Z')) });
  });
  afterAll(async () => t.close());

  const ticketRow = (number: string) => ticketRowOf(t, number);

  async function untilSince(r: Resident, place = '滨河新区'): Promise<void> {
    await r.say('反映问题');
    await r.say('楼上漏水把我家天花板泡坏了');
    await r.say(place);
    expect(r.last).toContain('什么时候开始');
  }

  /** From the route preview (or the sector question) to the summary. */
  async function toSummary(r: Resident, answer = '对'): Promise<void> {
    if (/方面的问题，还是/.test(r.last)) await r.say('第一个');
    else await r.say(answer);
    expect(r.last).toContain('请核对');
  }

  it('keeps a phone and surname typed at the photo question for the contact question, and takes it as no photo', async () => {
    const r = resident(t);
    await untilSince(r);
    await r.say('有段时间了');
    await r.say('就我们家');
    expect(r.last).toContain('照片');
    await r.say('13912345678 王');
    expect(r.last).not.toContain('这里需要一张照片');
    expect(r.last).toContain('联系电话就用 139****5678 吗');
    expect(buttons(r.lastReplies)).toContain('是，就用这个');
    await r.say('对的');
    // The surname came with the number: neither the phone nor the name is asked again.
    expect(r.last).not.toContain('怎么称呼');
    expect(r.last).toContain('是否同意');
    await r.say('你们看着办吧');
    expect(r.last).not.toContain('是否同意');
    expect(r.last).toMatch(/分类是否正确|方面的问题，还是/);
    // "Submit" at the sector preview accepts it and shows the summary first.
    await toSummary(r, '提交');
    expect(r.last).toContain('地点：滨河新区街道\n');
    expect(r.last).not.toContain('滨河新区街道 滨河新区');
    expect(r.last).toContain('联系方式：王 139****5678');
    await r.say('发送');
    const number = numberIn(r.last);
    expect(number).not.toBeNull();
    const row = await ticketRow(number!);
    // A ticket keeps the phone only with the resident's consent.
    expect(row.residentPhone).toBe('13912345678');
    expect(row.residentName).toBe('王');
    expect(row.address).toBe('滨河新区');
    expect(row.areaCode).toBe('binhe');
  });

  it('keeps a phone added to the "since when" answer across leaving and coming back, and asks only to confirm it', async () => {
    const r = resident(t);
    await untilSince(r, '西沙街道幸福小区3号楼');
    await r.say('有段时间了 我的电话是13912345678');
    expect(r.last).toContain('139****5678 先记下了');
    expect(r.last).toContain('有哪些人受到影响');
    await r.say('菜单');
    expect(r.last).toContain('保存');
    await r.say('继续');
    expect(r.last).toContain('有哪些人受到影响');
    await r.say('整栋楼');
    await r.say('没拍');
    expect(r.last).toContain('联系电话就用 139****5678 吗');
    expect(r.last).not.toContain('请留下您的手机号码');
    await r.say('嗯 就用这个');
    expect(r.last).toContain('怎么称呼');
    await r.say('我姓李');
    await r.say('同意');
    await toSummary(r);
    expect(r.last).toContain('开始时间：有段时间了\n');
    expect(r.last).toContain('地点：西沙街道幸福小区3号楼\n');
    await r.say('就这样提交');
    const row = await ticketRow(numberIn(r.last)!);
    expect(row.since).toBe('有段时间了');
    expect(row.residentPhone).toBe('13912345678');
    expect(row.residentName).toBe('李');
  });

  it('takes a new number at the confirmation, and leaves a number inside a sentence and "submit" at the discard question alone', async () => {
    const r = resident(t);
    await untilSince(r);
    // The property office's number inside the sentence is not the resident's.
    await r.say('上个月开始的，物业电话13912345678一直打不通');
    expect(r.last).not.toContain('先记下了');
    await r.say('取消');
    expect(r.last).toContain('确定要放弃');
    await r.say('提交');
    expect(r.last).toContain('内容都还在');
    expect(r.last).toContain('有哪些人受到影响');
    await r.say('13800138000 张阿姨');
    expect(r.last).toContain('先记下了');
    expect(r.last).toContain('有哪些人受到影响');
    await r.say('不清楚');
    await r.say('没有');
    expect(r.last).toContain('联系电话就用 138****8000 吗');
    await r.say('换成 13700137000');
    expect(r.last).not.toContain('怎么称呼');
    expect(r.last).toContain('是否同意');
    await r.say('同意');
    await toSummary(r);
    expect(r.last).toContain('张阿姨 137****7000');
    await r.say('提交吧');
    const row = await ticketRow(numberIn(r.last)!);
    expect(row.since).toBe('上个月开始的，物业电话13912345678一直打不通');
    expect(row.residentPhone).toBe('13700137000');
  });

  it('books the studio of the town named in the visit request without asking for the town again', async () => {
    const r = resident(t);
    await r.say('额想去大柳塔的工作室');
    expect(r.last).not.toContain('住在哪个镇或街道');
    expect(r.last).toContain('大柳塔镇委员工作室接待时间');
    const other = resident(t);
    await other.say('我想去锦界的委员工作室');
    expect(other.last).not.toContain('住在哪个镇或街道');
    expect(other.last).not.toContain('问题发生在哪里');
    expect(other.last).toContain('锦界工业园区委员工作室');
    // Named in the request, the town wins over the studio of the link the resident came from.
    const linked = resident(t);
    await linked.say('我想去锦界的委员工作室', { ws: 'ws-binhe' });
    expect(linked.last).toContain('锦界工业园区委员工作室');
    // No town named: asked, as before.
    const plain = resident(t);
    await plain.say('想去工作室找委员');
    expect(plain.last).toContain('住在哪个镇或街道');
  });
});
