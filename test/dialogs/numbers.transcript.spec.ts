import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { ResidentTicketsService } from '../../src/tickets/resident/resident-tickets.service';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, resident, Resident } from './support/chat';
import { answerTicket } from './support/tickets';

/**
 * Ticket and phone numbers as residents type them: a forgotten ticket number, a number without its letters or
 * only its last digits (matched among the resident's own tickets only), a phone number in Chinese numerals.
 */
describeEachEngine('numbers typed the way people type them', (engine) => {
  let t: TestApp;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
    t = await startTestApp(engine, { clock });
  });
  afterAll(async () => t.close());

  /** A resident with a web id (the server issues it with the first reply). */
  async function newResident(): Promise<Resident> {
    const r = resident(t);
    await r.say('你好');
    return r;
  }

  /** Files a concern for `r` through the tickets service at the clock's time; returns its number. */
  async function file(r: Resident, text: string): Promise<string> {
    const filed = await t.app.get(ResidentTicketsService).fileConcern({
      resident: { channel: 'web', externalId: r.user },
      text,
      areaCode: 'xisha',
      anonymous: false,
      consent: true,
      phone: '13812345678',
      name: '张',
    });
    return filed.ticket.number;
  }

  /**
   * On a day nobody has filed yet, another resident files two tickets before `r` files one: `r`'s ticket is the
   * day's third (…-0003), the two before are someone else's with the same date.
   */
  async function thirdOfTheDay(r: Resident, other: Resident, text: string): Promise<string> {
    await file(other, '楼道里堆满了杂物，消防通道被堵住了');
    await file(other, '小区门口的下水道堵了，污水漫到路上');
    const number = await file(r, text);
    expect(number.slice(-5)).toBe('-0003');
    return number;
  }

  it('lists the resident’s own concerns when the number is forgotten, however it is said', async () => {
    clock.set(new Date('2026-12-05T02:00:00Z'));
    const r = await newResident();
    const number = await file(r, '小区门口的路灯坏了一个多月，晚上很黑');
    for (const forgot of ['不记得编号了', '忘了编号', '编号找不到了', '不知道', '编号我忘记了，咋办']) {
      await r.say('查询进度');
      expect(r.last).toContain('请输入诉求编号');
      await r.say(forgot);
      expect(r.last).not.toContain('没有识别到编号');
      expect(r.last).toContain('最近的1件诉求');
      expect(r.last).toContain(number);
    }
  });

  it('finds the resident’s ticket by its digits without the letters, or by its last digits alone', async () => {
    clock.set(new Date('2026-12-06T16:00:00Z'));
    const r = await newResident();
    const other = await newResident();
    const number = await thirdOfTheDay(r, other, '村里的自来水经常停，一停就是好几天');
    const date = number.slice(2, 10);
    for (const typed of [`${date}-0003`, `${date}0003`, `${date.slice(0, 4)} ${date.slice(4)} 0003`, '0003', '3号', '第3号', '第三号']) {
      await r.say('查询');
      await r.say(typed);
      expect(r.last).not.toContain('没有识别到编号');
      expect(r.last).toContain(`编号：${number}`);
      expect(r.last).toContain('自来水');
    }
    // Outside the number question, digits in a sentence are a house number, not the ticket.
    await r.say('幸福小区3号楼门口的路灯坏了两个月了，晚上很黑');
    expect(r.last).not.toContain(number);
    expect(r.last).toContain('按您刚才的描述');
  });

  it('never shows another resident’s ticket for loose digits: the usual not-found', async () => {
    clock.set(new Date('2026-12-07T16:00:00Z'));
    const r = await newResident();
    const other = await newResident();
    const number = await thirdOfTheDay(r, other, '小区电梯经常坏，老人上下楼困难');
    const date = number.slice(2, 10);
    for (const [typed, shown] of [
      [`${date}-0001`, `${date}-0001`],
      ['0002', '0002'],
      ['第2号', '0002'],
    ]) {
      await r.say('查询');
      await r.say(typed);
      expect(r.last).toContain(`没有找到编号为 ${shown} 的诉求`);
      expect(r.last).not.toContain('楼道');
      expect(r.last).not.toContain('下水道');
    }
    // Someone without tickets who types the owner's digits learns nothing either.
    const stranger = await newResident();
    await stranger.say('查询');
    await stranger.say(`${date} 0003`);
    expect(stranger.last).toContain('没有找到');
    expect(stranger.last).not.toContain('电梯');
  });

  it('asks which one when several of the resident’s tickets end with the digits typed', async () => {
    // Ten minutes before midnight in China, then five after: two days, one conversation.
    clock.set(new Date('2026-12-09T15:55:00Z'));
    const r = await newResident();
    const other = await newResident();
    const first = await thirdOfTheDay(r, other, '小区门口的路灯坏了一个多月');
    clock.advance(10 * 60_000);
    const second = await thirdOfTheDay(r, other, '楼下的垃圾站好几天没人清运，臭气熏天');
    await r.say('查询进度');
    await r.say('3号');
    expect(r.last).toContain('都以 0003 结尾');
    // Newest first, as the resident's list always is.
    expect(buttons(r.lastReplies)).toEqual([second, first]);
    expect(r.last).not.toContain('最新答复');
    await r.say('第二个');
    expect(r.last).toContain(`编号：${first}`);
    expect(r.last).toContain('路灯');
    expect(r.last).not.toContain('垃圾站');
  });

  it('picks the ticket to add to or to rate by its loose number, and lists them with titles when it is forgotten', async () => {
    // Ten minutes before midnight in China, then five after: two days, one conversation.
    clock.set(new Date('2026-12-11T15:55:00Z'));
    const r = await newResident();
    const other = await newResident();
    const first = await thirdOfTheDay(r, other, '小区门口的路灯坏了一个多月');
    clock.advance(10 * 60_000);
    const second = await thirdOfTheDay(r, other, '楼下的垃圾站好几天没人清运，臭气熏天');
    await r.say('补充材料');
    expect(buttons(r.lastReplies)).toEqual(expect.arrayContaining([first, second]));
    await r.say('不记得编号了');
    expect(r.last).toContain('路灯');
    expect(r.last).toContain('垃圾站');
    expect(r.last).not.toContain('请从列表中选择');
    await r.say(`${second.slice(2, 6)} ${second.slice(6, 10)} 0003`);
    expect(r.last).toContain(`诉求 ${second}`);
    await r.say('路灯还是不亮，晚上更黑了');
    expect(r.last).toContain(`已补充到诉求（编号：${second}）`);

    await answerTicket(t, first);
    await answerTicket(t, second);
    await r.say('评价');
    await r.say('3号');
    expect(r.last).toContain('有2件诉求的编号以 0003 结尾');
    await r.say(first.slice(2).replace('-', ''));
    expect(r.last).toContain(`您对诉求 ${first} 的答复是否满意`);
    await r.say('满意');
    const [row] = (await t.app.get(DataSource).query('SELECT rating FROM ticket WHERE number = ?', [first])) as Array<{ rating: string }>;
    expect(row.rating).toBe('satisfied');
  });

  it('reads a phone number typed in Chinese numerals, 幺 for one', async () => {
    clock.set(new Date('2026-12-13T02:00:00Z'));
    const r = resident(t);
    await r.say('反映问题');
    await r.say('小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全');
    await r.say('西沙街道幸福小区3号楼');
    await r.say('上个月');
    await r.say('全小区约200户');
    await r.say('跳过');
    expect(r.last).toContain('手机号码');
    // Twelve numerals are one too many: the resident hears the count, not "no phone number seen".
    await r.say('幺三八一二三四五六七八九');
    expect(r.last).toContain('12位数字');
    for (const typed of ['幺三八一二三四五六七八', '一三九 一二三四 五六七八', '139一二三四5678']) {
      await r.say(typed);
      expect(r.last).toContain('怎么称呼');
      await r.say('说错了');
      expect(r.last).toContain('手机号码');
    }
    await r.say('一三九 一二三四 五六七八');
    await r.say('王阿姨');
    await r.say('同意');
    await r.say('正确');
    await r.say('确认提交');
    const number = /编号：([A-Z]{2}\d{8}-\d{4})/.exec(r.last)?.[1];
    expect(number).toBeDefined();
    const [row] = (await t.app.get(DataSource).query('SELECT residentPhone FROM ticket WHERE number = ?', [number])) as Array<{ residentPhone: string }>;
    expect(row.residentPhone).toBe('13912345678');
  });
});
