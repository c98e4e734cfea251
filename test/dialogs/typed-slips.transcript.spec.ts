import { ManualClock } from '../../src/common/clock';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, numberIn, resident, Resident } from './support/chat';
import { ticketRow as ticketRowOf } from './support/tickets';

/**
 * What new residents typed that used to go wrong: a short sentence stating a problem, a way back in the middle of
 * filing, politeness where an answer was expected, a duty member asked for without a town, a number not offered.
 * Every answer is typed, through the real turn pipeline of the web chat.
 */
describeEachEngine('typed slips while filing', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // Tuesday 2026-12-01 10:00 China time: every studio has a duty member.
    t = await startTestApp(engine, { clock: new ManualClock(new Date('2026-12-01T02:00:00Z')) });
  });
  afterAll(async () => t.close());

  const ticketRow = (number: string) => ticketRowOf(t, number);

  /** From the description up to the question "since when". */
  async function untilSince(r: Resident, text = '小区的下水道堵了好几天，污水漫到路上'): Promise<void> {
    await r.say('反映问题');
    await r.say(text);
    await r.say('永兴街道幸福小区');
    expect(r.last).toContain('什么时候开始');
  }

  it('takes a short sentence stating a problem as the concern, but not a greeting or a bare problem word', async () => {
    for (const said of ['我家房子裂了', '楼道灯坏了', '俺们村停电了', '厕所漏水']) {
      const r = resident(t);
      await r.say(said);
      expect(r.last).toContain('按您刚才的描述');
      expect(r.last).toContain('问题发生在哪里');
    }
    for (const said of ['你好', '您好啊', '坏了', '在吗']) {
      const r = resident(t);
      await r.say(said);
      expect(r.last).not.toContain('按您刚才的描述');
      expect(r.last).toContain('请选择您要办理的事项');
    }
    // Asked for the description, a short statement of the problem is one, not "too short".
    const r = resident(t);
    await r.say('反映问题');
    await r.say('我家房子裂了');
    expect(r.last).toContain('问题发生在哪里');
    await r.say('永兴街道');
    await r.say('上个月');
    await r.say('跳过');
    await r.say('没有');
    await r.say('匿名');
    await r.say('同意');
    expect(r.last).toMatch(/分类是否正确|方面的问题，还是/);
  });

  it('goes back to the previous question on 修改, 说错了, 上一步, 返回, keeping every answer', async () => {
    const r = resident(t);
    await untilSince(r);
    await r.say('修改');
    expect(r.last).toContain('问题发生在哪里');
    expect(r.last).not.toContain('什么时候开始');
    await r.say('永兴街道光明小区');
    expect(r.last).toContain('什么时候开始');
    await r.say('上个礼拜');
    expect(r.last).toContain('受到影响');
    await r.say('说错了');
    expect(r.last).toContain('什么时候开始');
    await r.say('这个月初');
    await r.say('全楼的人');
    expect(r.last).toContain('照片');
    await r.say('上一步');
    expect(r.last).toContain('受到影响');
    await r.say('全小区三百多户');
    await r.say('没有');
    await r.say('13812345678');
    expect(r.last).toContain('怎么称呼');
    await r.say('返回');
    expect(r.last).toContain('手机号码');
    await r.say('13912345678');
    await r.say('老王');
    await r.say('同意');
    if (/方面的问题，还是/.test(r.last)) await r.say('第一个');
    else await r.say('正确');
    expect(r.last).toContain('请核对');
    expect(r.last).toContain('光明小区');
    expect(r.last).toContain('这个月初');
    expect(r.last).toContain('全小区三百多户');
    expect(r.last).not.toContain('上个礼拜');
    // Editing one answer from the summary: 改一下 at that question goes back to the summary, nothing changed.
    await r.say('修改');
    await r.say('时间');
    expect(r.last).toContain('什么时候开始');
    await r.say('改一下');
    expect(r.last).toContain('请核对');
    expect(r.last).toContain('这个月初');
    await r.say('确认提交');
    const row = await ticketRow(numberIn(r.last)!);
    expect(row.since).toBe('这个月初');
    expect(row.affected).toBe('全小区三百多户');
    expect(row.residentPhone).toBe('13912345678');
  });

  it('does not save 谢谢, 好的, 嗯嗯 or 知道了 as an answer: asks again kindly, answers kept', async () => {
    const r = resident(t);
    await untilSince(r);
    await r.say('好的');
    expect(r.last).toContain('什么时候开始');
    expect(r.last).not.toContain('受到影响');
    await r.say('上个月');
    expect(r.last).toContain('受到影响');
    await r.say('谢谢');
    expect(r.last).toContain('不客气');
    expect(r.last).toContain('受到影响');
    expect(r.last).not.toContain('照片');
    await r.say('一个单元的住户');
    expect(r.last).toContain('照片');
    await r.say('跳过');
    await r.say('13812345678');
    await r.say('知道了');
    expect(r.last).toContain('怎么称呼');
    await r.say('刘阿姨');
    await r.say('同意');
    if (/方面的问题，还是/.test(r.last)) await r.say('第一个');
    else await r.say('对');
    expect(r.last).toContain('开始时间：上个月');
    expect(r.last).toContain('影响人群：一个单元的住户');
    expect(r.last).toContain('刘阿姨');
  });

  it('moves on from the photo question on 好的谢谢, as on 不用, and from who is affected on politeness said twice', async () => {
    const r = resident(t);
    await untilSince(r);
    await r.say('上个月');
    await r.say('谢谢啊');
    expect(r.last).toContain('跳过');
    expect(r.last).toContain('受到影响');
    await r.say('嗯嗯');
    expect(r.last).toContain('照片');
    await r.say('好的谢谢');
    expect(r.last).toContain('手机号码');
    expect(r.last).not.toContain('这里需要一张照片');
    await r.say('匿名');
    await r.say('同意');
    if (/方面的问题，还是/.test(r.last)) await r.say('第一个');
    else await r.say('正确');
    expect(r.last).toContain('影响人群：无');
    expect(r.last).toContain('照片：0张');
  });

  it('asks which town or studio when a resident without one wants a duty member, listing the studios', async () => {
    const r = resident(t);
    await r.say('我想找值班委员');
    expect(r.last).not.toContain('已通知');
    expect(r.last).toContain('哪个镇或街道');
    expect(buttons(r.lastReplies)).toEqual(expect.arrayContaining(['滨河新区委员工作室', '西沙街道委员工作室', '大柳塔镇委员工作室']));
    await r.say('我是大柳塔的');
    expect(r.last).toContain('已通知大柳塔镇委员工作室值班委员');
    expect(r.last).not.toContain('滨河新区委员工作室');

    const other = resident(t);
    await other.say('你好');
    await other.say('转人工');
    expect(other.last).toContain('哪个镇或街道');
    await other.say('西沙街道委员工作室');
    expect(other.last).toContain('已通知西沙街道委员工作室值班委员');
  });

  it('says there is no such option when the number typed is not offered, and keeps the answers', async () => {
    const r = resident(t);
    await untilSince(r);
    await r.say('上个月');
    expect(buttons(r.lastReplies)).toEqual(['跳过']);
    await r.say('2');
    expect(r.last).toContain('没有第2项');
    expect(r.last).toContain('受到影响');
    await r.say('第３个');
    expect(r.last).toContain('没有第3项');
    await r.say('整栋楼');
    expect(r.last).toContain('照片');
    await r.say('5');
    expect(r.last).toContain('没有第5项');
    await r.say('1');
    expect(r.last).toContain('手机号码');
    await r.say('匿名');
    await r.say('3');
    expect(r.last).toContain('没有第3项');
    await r.say('1');
    if (/方面的问题，还是/.test(r.last)) await r.say('第一个');
    else await r.say('正确');
    expect(r.last).toContain('影响人群：整栋楼');
  });
});
