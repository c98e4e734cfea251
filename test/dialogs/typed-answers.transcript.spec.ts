import { ManualClock } from '../../src/common/clock';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, fileConcern, numberIn, resident, Resident } from './support/chat';
import { answerTicket, ticketRow as ticketRowOf } from './support/tickets';

/**
 * Residents who never tap a button: every answer below is typed the way people type (spoken style, full-width
 * digits, numbers of options, sentences around the answer), through the real turn pipeline of the web chat.
 */
describeEachEngine('typed answers, every dialog', (engine) => {
  let t: TestApp;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
    t = await startTestApp(engine, { clock });
  });
  afterAll(async () => t.close());

  const ticketRow = (number: string) => ticketRowOf(t, number);

  /** Answers typed by an elderly resident from the concern itself up to the summary. */
  async function typeUntilSummary(r: Resident): Promise<void> {
    await r.say('村里的自来水三天两头停水，一停就是好几天，老人吃水都困难');
    expect(r.last).toContain('按您刚才的描述');
    expect(r.last).toContain('问题发生在哪里');
    await r.say('大柳塔镇新村路12号');
    expect(r.last).toContain('什么时候开始');
    await r.say('上个月开始的');
    await r.say('不清楚');
    expect(r.last).toContain('照片');
    await r.say('没拍照片');
    expect(r.last).toContain('手机号码');
    await r.say('我的电话是 １３８００１３８０００');
    expect(r.last).toContain('怎么称呼');
    await r.say('叫我老刘就行');
    expect(r.last).toContain('是否同意');
    await r.say('好的');
    // Tap water that keeps stopping is the water supply, the city's own work; the resident confirms in words.
    expect(r.last).toContain('初步归为“城乡建设”领域');
    expect(r.last).not.toMatch(/方面的问题，还是/);
    await r.say('是的，就是自来水的事');
    expect(r.last).toContain('请核对');
  }

  it('files a concern typed as the first message, answering every question in words', async () => {
    const r = resident(t);
    await typeUntilSummary(r);
    expect(r.last).toContain('大柳塔镇新村路12号');
    expect(r.last).toContain('老刘');
    await r.say('对的，提交');
    const number = numberIn(r.last);
    expect(number).toMatch(/^[A-Z]{2}\d{8}-\d{4}$/);
    const row = await ticketRow(number!);
    expect(row.residentPhone).toBe('13800138000');
    expect(row.residentName).toBe('老刘');
    expect(row.areaCode).toBe('daliuta');
    expect(row.address).toBe('大柳塔镇新村路12号');
  });

  it('chooses by typed numbers: 1, １, 第二个, 一', async () => {
    const r = resident(t);
    await r.say('你好');
    expect(r.last).toContain('委员工作室');
    expect(buttons(r.lastReplies)).toContain('反映问题');
    await r.say('１');
    expect(r.last).toContain('发生了什么事');
    await r.say('小区门口的路灯坏了一个多月，晚上很黑');
    await r.say('西沙街道幸福小区3号楼');
    await r.say('上周');
    await r.say('1');
    expect(r.last).toContain('照片');
    await r.say('1');
    await r.say('1');
    expect(r.last).toContain('是否同意');
    await r.say('一');
    expect(r.last).toContain('分类是否正确');
    await r.say('第二个');
    expect(buttons(r.lastReplies)).toEqual(expect.arrayContaining(['城乡建设', '环境保护']));
    await r.say('选第二个吧');
    expect(r.last).toContain('已改为');
    await r.say('1');
    expect(numberIn(r.last)).not.toBeNull();
    const row = await ticketRow(numberIn(r.last)!);
    expect(row.anonymous === true || row.anonymous === 1).toBe(true);
  });

  it('reads the traps: 不同意 is no, 不对 changes the sector, 没问题 is yes, a 10-digit number is re-asked by its length', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('我们楼下的垃圾好几天没人清运了，味道很大');
    await r.say('麟州街道');
    await r.say('三天前');
    await r.say('整栋楼的人');
    await r.say('没有');
    await r.say('1380013800');
    expect(r.last).toContain('10位');
    await r.say('电话是0912-1234567');
    expect(r.last).toContain('怎么称呼');
    await r.say('我姓王');
    await r.say('不同意');
    expect(r.last).toContain('没有您的同意');
    expect(r.last).toContain('继续');
    await r.say('继续');
    expect(r.last).toContain('是否同意');
    await r.say('同意的');
    await r.say('不对');
    expect(r.last).toContain('领域');
    await r.say('环境保护的');
    expect(r.last).toContain('已改为“环境保护”');
    await r.say('没问题，提交吧');
    const number = numberIn(r.last);
    expect(number).not.toBeNull();
    const row = await ticketRow(number!);
    expect(row.residentPhone).toBe('0912-1234567');
    expect(row.residentName).toBe('王');
  });

  it('takes 不用 and 不需要 at the photo and affected questions as nothing to give', async () => {
    const r = resident(t);
    await r.say('邻居家把杂物堆在楼道里，说了好几次也不听，还跟我吵架');
    await r.say('麟州街道');
    await r.say('一直都这样');
    await r.say('不需要');
    expect(r.last).toContain('照片');
    await r.say('不用');
    expect(r.last).toContain('手机号码');
    expect(r.last).not.toContain('这里需要一张照片');
  });

  it('does not take 电话写错了 as a name: the name is asked again and the summary shows the real one', async () => {
    const r = resident(t);
    await r.say('我们小区的路灯坏了好几个，晚上黑乎乎的');
    await r.say('永兴街道');
    await r.say('上个星期');
    await r.say('不知道');
    await r.say('没有');
    await r.say('13812345678');
    await r.say('电话写错了');
    expect(r.last).toContain('怎么称呼');
    expect(r.last).not.toContain('是否同意');
    await r.say('老张');
    await r.say('同意');
    await r.say('对');
    expect(r.last).toContain('联系方式：老张');
  });

  it('takes 查一下我上次反映的事 as a progress question, not a new filing', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await r.say('查一下我上次反映的事');
    expect(r.last).toContain(number);
    expect(r.last).not.toContain('发生了什么事');
  });

  it('answers a ticket number in any sentence at any point, then goes back to the question; another resident’s is not found', async () => {
    const owner = resident(t);
    const number = await fileConcern(owner);
    const other = resident(t);
    const theirs = await fileConcern(other, '我们小区的电梯坏了两个星期，老人上下楼很困难');

    await owner.say(`${number.toLowerCase()}办得怎么样了`);
    expect(owner.last).toContain(`编号：${number}`);
    expect(owner.last).toContain('等待委员受理');

    await owner.say('反映问题');
    await owner.say('村口的桥栏杆断了，孩子上学经过很危险');
    await owner.say(`查一下${number}的进度`);
    expect(owner.last).toContain(`编号：${number}`);
    expect(owner.last).toContain('问题发生在哪里');
    await owner.say(`${theirs} 这个呢`);
    expect(owner.last).toContain('没有找到');
    expect(owner.last).not.toContain('电梯');
    expect(owner.last).toContain('问题发生在哪里');
    await owner.say('西沙街道');
    expect(owner.last).toContain('什么时候开始');
  });

  it('keeps the draft through the menu, a status question and a day of silence; 继续 resumes it', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('小区里的下水道堵了，污水漫到路上');
    await r.say('永兴街道');
    await r.say('菜单');
    expect(r.last).toContain('已为您保存');
    expect(buttons(r.lastReplies)).toContain('反映问题');
    await r.say('我的诉求办得怎么样了');
    expect(r.last).toMatch(/还没有提交过诉求|最近的/);
    await r.say('继续');
    expect(r.last).toContain('什么时候开始');
    await r.say('这个月初');
    clock.advance(25 * 3600_000);
    await r.say('全小区');
    expect(r.last).toContain('欢迎回来');
    await r.say('继续');
    expect(r.last).toContain('有哪些人受到影响');
    await r.say('全小区');
    await r.say('没有');
    await r.say('匿名');
    await r.say('可以');
    // A blocked drain in an estate is the city's own work: no question, the sector is offered for a yes.
    expect(r.last).toContain('初步归为“城乡建设”领域');
    expect(r.last).not.toMatch(/方面的问题，还是/);
    await r.say('对的');
    expect(r.last).toContain('小区里的下水道堵了');
    expect(r.last).toContain('永兴街道');
    expect(r.last).toContain('这个月初');
    await r.say('提交');
    expect(numberIn(r.last)).not.toBeNull();
  });

  it('keeps the draft across a restart of the service', async () => {
    const first = await startTestApp(engine, { clock });
    const label = `restart-${engine}-${Date.now()}`;
    const r = resident(first, label);
    await r.say('反映问题');
    await r.say('路口的红绿灯坏了，车辆乱成一团');
    await r.say('迎宾路街道');
    await first.close({ keepDatabase: true });
    const second = await startTestApp(engine, { clock, db: first.db });
    try {
      // The same browser: its cookie, signed with the secret the database keeps, still says who speaks.
      const again = resident(second, label);
      await again.say('上午开始的');
      expect(again.last).toContain('有哪些人受到影响');
    } finally {
      await second.close();
    }
  });

  it('checks status from sentences: 查一下…的进度, 我的, a number alone', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await r.say('查询进度');
    await r.say(`帮我看看 ${number.slice(0, 2).toLowerCase()} ${number.slice(2, 10)} ${number.slice(11)}`);
    expect(r.last).toContain(`编号：${number}`);
    await r.say('查询');
    await r.say('我的');
    expect(r.last).toContain(number);
  });

  it('adds information and rates an answer in words', async () => {
    const r = resident(t);
    const first = await fileConcern(r);
    const second = await fileConcern(r, '小区的健身器材坏了好几个，没人来修');
    await r.say('补充材料');
    expect(buttons(r.lastReplies)).toEqual(expect.arrayContaining([first, second]));
    const offered = buttons(r.lastReplies);
    await r.say('第二个');
    expect(r.last).toContain(offered[1]);
    await r.say('晚上七点以后最黑');
    expect(r.last).toContain('已补充');

    await answerTicket(t, first);
    await r.say('评价');
    expect(r.last).toContain('是否满意');
    await r.say('还行吧');
    expect(r.last).toContain('意见或建议');
    await r.say('没有');
    expect(r.last).toContain('感谢您的评价');
    const row = await ticketRow(first);
    expect(JSON.stringify(row)).toContain('basically_satisfied');
  });

  it('books a visit by the number of a slot and asks for the duty member in a sentence', async () => {
    const r = resident(t);
    await r.say('预约');
    expect(r.last).toContain('哪个镇或街道');
    await r.say('滨河新区');
    expect(r.last).toContain('请选择预约时段');
    await r.say('第一个');
    await r.say('王先生');
    await r.say('我的电话是0912-1234567');
    await r.say('想问问老旧小区改造的事');
    expect(r.last).toContain('预约成功');
    await r.say('我要转人工');
    expect(r.last).toMatch(/值班委员/);
  });

  it('re-asks bad input clearly and never crashes: emoji only, a 2,000-character run-on, mixed languages', async () => {
    const r = resident(t);
    await r.say('😀😀😀');
    expect(r.last).toContain('请选择您要办理的事项');
    await r.say('反映问题');
    // The web endpoint refuses more than 2,000 characters with a 400 naming the limit; just under it is a description.
    await r.say('路'.repeat(1990));
    expect(r.last).toContain('问题发生在哪里');
    await r.say('xisha street 西沙 building 3');
    await r.say('last week');
    await r.say('skip');
    await r.say('no photo');
    await r.say('my phone 138 0013 8000 thanks');
    expect(r.last).toContain('怎么称呼');
    await r.say('😀');
    expect(r.last).toContain('怎么称呼您');
    await r.say('Tom');
    await r.say('ok');
    // The end of the questions: the route, or the question between two close sectors.
    expect(r.last).toMatch(/分类是否正确|方面的问题，还是/);
  });
});
