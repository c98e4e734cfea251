import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, fileConcern, numberIn, resident, Resident } from './support/chat';
import { answerTicket, ticketRow as ticketRowOf } from './support/tickets';

/**
 * New residents typing the way they speak (colloquial, Shaanbei words, run-ons), through the real turn pipeline
 * of the web chat: what they typed that went wrong before, and what they get now.
 */
describeEachEngine('new residents typing', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // Tuesday 2026-12-01 10:00 China time: studios receive visitors this week.
    t = await startTestApp(engine, { clock: new ManualClock(new Date('2026-12-01T02:00:00Z')) });
  });
  afterAll(async () => t.close());

  const ticketRow = (number: string) => ticketRowOf(t, number);

  /** A filing typed up to the name question. */
  async function untilName(r: Resident): Promise<void> {
    await r.say('反映问题');
    await r.say('楼上漏水把我家天花板泡坏了');
    await r.say('永兴街道');
    await r.say('有段时间了');
    await r.say('就我们家');
    await r.say('不会拍');
    await r.say('138 1234 5678');
    expect(r.last).toContain('怎么称呼');
  }

  /** From the consent question to the submitted number, whichever sector question comes. */
  async function consentAndSubmit(r: Resident, consent = '同意'): Promise<string> {
    await r.say(consent);
    if (/方面的问题，还是/.test(r.last)) await r.say('第一个');
    else await r.say('对');
    expect(r.last).toContain('请核对');
    const summary = r.last;
    await r.say('提交');
    const number = numberIn(r.last);
    if (!number) throw new Error(`no number after: ${summary}`);
    return number;
  }

  it('books a visit when the resident wants to go to or see the studio, even when a member is named', async () => {
    for (const said of ['想去工作室找委员', '我想到委员工作室去一趟', '想找委员面谈一下', '想见见委员', '委员啥时候在 我想过去找他', '我想去工作室当面反映问题']) {
      const r = resident(t);
      await r.say(said);
      expect(r.last).toContain('我们为您预约当地的委员工作室');
      expect(r.last).not.toContain('值班委员');
      expect(r.last).not.toContain('问题发生在哪里');
    }
    const r = resident(t);
    await r.say('想去工作室找委员');
    await r.say('额是大柳塔的');
    expect(r.last).toContain('大柳塔镇委员工作室接待时间');
    await r.say('第一个');
    await r.say('叫我李阿姨就行');
    await r.say('我的电话是 138 1234 5678');
    await r.say('小区门口停车太乱');
    expect(r.last).toContain('预约成功');
    const rows = (await t.app.get(DataSource).query('SELECT workstationCode, visitorName FROM reception_booking WHERE residentKey = ?', [`web:${r.user}`])) as Array<Record<string, unknown>>;
    expect(rows).toEqual([{ workstationCode: 'ws-daliuta', visitorName: '李阿姨' }]);
  });

  it('still hands off on the duty member or a person, and files a problem stated beside a visit word', async () => {
    for (const said of ['我想找值班委员', '机器人听不懂 我要找真人', '叫你们领导来', '找个人给我说说']) {
      const r = resident(t);
      await r.say(said);
      expect(r.last).toContain('联系当地委员工作室的值班委员');
    }
    const r = resident(t);
    await r.say('额们村的路塌了 想去工作室反映一下');
    expect(r.last).toContain('按您刚才的描述');
    expect(r.last).toContain('问题发生在哪里');
  });

  it('keeps no name when the resident declines to give one, and keeps the phone', async () => {
    for (const said of ['名字就不说了吧', '不方便说名字', '不留名字了', '匿名吧']) {
      const r = resident(t);
      await untilName(r);
      await r.say(said);
      expect(r.last).toContain('是否同意');
      await r.say('同意');
      if (/方面的问题，还是/.test(r.last)) await r.say('第一个');
      else await r.say('对');
      expect(r.last).toContain('联系方式：138****5678');
      await r.say('提交');
      const row = await ticketRow(numberIn(r.last)!);
      expect(row.residentName).toBeNull();
      expect(row.residentPhone).toBe('13812345678');
    }
    // A surname given with the refusal is kept.
    const r = resident(t);
    await untilName(r);
    await r.say('我姓王 名字就不说了');
    const row = await ticketRow(await consentAndSubmit(r));
    expect(row.residentName).toBe('王');
  });

  it('takes 行么 and 没麻达 as consent', async () => {
    for (const said of ['行么', '没麻达']) {
      const r = resident(t);
      await untilName(r);
      await r.say('老孙');
      await r.say(said);
      expect(r.last).not.toContain('没有听明白');
      expect(r.last).toMatch(/分类是否正确|方面的问题，还是/);
    }
  });

  it('goes on when the photo is promised for later, saying where it can still be sent', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('小区门口的下水道堵了污水到处流');
    await r.say('永兴街道光明小区门口');
    await r.say('昨天');
    await r.say('小区的人');
    expect(r.last).toContain('照片');
    await r.say('照片等会儿再发');
    expect(r.last).not.toContain('这里需要一张照片');
    expect(r.last).toContain('补充材料');
    expect(r.last).toContain('手机号码');
    // "Later" at the phone question is no refusal of the phone.
    await r.say('一会儿发');
    expect(r.last).toContain('没有看到电话号码');
    await r.say('13812345678');
    await r.say('老赵');
    const row = await ticketRow(await consentAndSubmit(r));
    expect(row.residentPhone).toBe('13812345678');
  });

  it('reads progress, adding information and help said colloquially', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    for (const said of ['额的事情办得咋样了', '我反映的事有人管没', '我想问问我上回反映的事情咋样了']) {
      await r.say(said);
      expect(r.last).toContain(number);
      expect(r.last).not.toContain('问题发生在哪里');
    }
    await r.say('我还有情况要说');
    expect(r.last).toContain(number);
    expect(r.last).not.toContain('请选择您要办理的事项');
    await r.say('晚上七点以后最黑');
    expect(r.last).toContain('已补充');
    await r.say('这个咋用');
    expect(r.last).toContain('使用说明');
  });

  it('rates in words: 一点用没有 and 不咋地 are not satisfied, 好得很 is satisfied', async () => {
    for (const [said, rating] of [['一点用没有', 'not_satisfied'], ['不咋地', 'not_satisfied'], ['好得很', 'satisfied']] as const) {
      const r = resident(t);
      const number = await fileConcern(r);
      await answerTicket(t, number);
      await r.say('评价');
      await r.say(said);
      expect(r.last).not.toContain('请告诉我们您是否满意');
      expect((await ticketRow(number)).rating).toBe(rating);
    }
  });

  it('leaves the filing for a person or on 不说了算了, keeping the draft until discarded', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('额家门口的路灯不亮了');
    await r.say('永兴街道');
    await r.say('我想跟真人说话');
    expect(r.last).toContain('已为您保存');
    expect(r.last).toContain('值班委员');
    expect(r.last).not.toContain('受到影响');

    const other = resident(t);
    await other.say('反映问题');
    await other.say('额家门口的路灯不亮了');
    await other.say('永兴街道');
    await other.say('不说了算了');
    expect(other.last).toContain('确定要放弃');
    expect(buttons(other.lastReplies)).toContain('放弃');
    await other.say('放弃');
    expect(other.last).toContain('已退出');
  });
});
