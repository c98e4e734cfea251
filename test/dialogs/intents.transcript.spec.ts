import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, fileConcern, resident, Resident } from './support/chat';
import { answerTicket } from './support/tickets';

const HOURS = 3600_000;

/**
 * What residents say between and instead of answers, typed the way they type, through the real turn pipeline of
 * the web chat: greetings at the menu, leaving in their own words, naming another service mid-dialog, and coming
 * back after hours with something new to ask.
 */
describeEachEngine('what residents say instead of answers', (engine) => {
  let t: TestApp;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
    t = await startTestApp(engine, { clock });
  });
  afterAll(async () => t.close());

  const ticket = async (number: string) =>
    ((await t.app.get(DataSource).query('SELECT state, rating FROM ticket WHERE number = ?', [number])) as Array<{ state: string; rating: string | null }>)[0];

  /** A filing typed up to the "since when" question: the draft holds a description and a place. */
  async function filingUntilSince(r: Resident): Promise<void> {
    await r.say('反映问题');
    await r.say('小区门口的路灯坏了一个多月，晚上很黑');
    await r.say('西沙街道幸福小区');
    expect(r.last).toContain('什么时候开始');
  }

  /** A resident with one answered ticket, waiting to be rated. */
  async function withAnsweredTicket(): Promise<{ r: Resident; number: string }> {
    const r = resident(t);
    const number = await fileConcern(r);
    await answerTicket(t, number);
    return { r, number };
  }

  it('greets back a greeting typed at the menu and offers the options again', async () => {
    const r = resident(t);
    await r.say('你好');
    expect(r.last).toContain('委员工作室');
    for (const said of ['你好', '在吗', '您好啊']) {
      await r.say(said);
      expect(r.last).toContain('请问有什么可以帮您');
      expect(r.last).not.toContain('没有听明白');
      expect(buttons(r.lastReplies)).toContain('反映问题');
    }
    // Hours later the menu is not a process to resume: the greeting gets the same answer, not "welcome back".
    clock.advance(3 * HOURS);
    await r.say('在不在');
    expect(r.last).toContain('请问有什么可以帮您');
    expect(r.last).not.toContain('欢迎回来');
    await r.say('查询进度');
    expect(r.last).toContain('请输入诉求编号');
  });

  it('leaves the status check, the rating and adding information when told so in words', async () => {
    for (const said of ['算了不查了', '不查了', '算了吧不弄了']) {
      const r = resident(t);
      await r.say('查询进度');
      expect(r.last).toContain('请输入诉求编号');
      await r.say(said);
      expect(r.last).toContain('已退出当前流程');
      expect(r.last).not.toContain('没有识别到编号');
      expect(buttons(r.lastReplies)).toContain('查询进度');
    }
    const { r, number } = await withAnsweredTicket();
    await r.say('评价');
    expect(r.last).toContain('是否满意');
    await r.say('不评了');
    expect(r.last).toContain('已退出当前流程');
    await expect(ticket(number)).resolves.toEqual({ state: 'answered', rating: null });

    await r.say('补充材料');
    expect(r.last).toContain('请发送要补充的文字或照片');
    await r.say('不补充了');
    expect(r.last).toContain('已退出当前流程');
    expect(r.last).not.toContain('已补充到诉求');
  });

  it('leaves on 算了 or 不用了 alone where they cannot be a no or a skip, and skips the optional comment with 算了', async () => {
    const { r, number } = await withAnsweredTicket();
    await r.say('查询进度');
    await r.say('算了');
    expect(r.last).toContain('已退出当前流程');
    await r.say('补充材料');
    await r.say('不用了');
    expect(r.last).toContain('已退出当前流程');
    expect(r.last).not.toContain('已补充到诉求');
    await r.say('评价');
    await r.say('算了吧');
    expect(r.last).toContain('已退出当前流程');
    await expect(ticket(number)).resolves.toEqual({ state: 'answered', rating: null });
    await r.say('评价');
    await r.say('满意');
    expect(r.last).toContain('还有什么意见或建议');
    await r.say('算了');
    expect(r.last).toContain('再次感谢');
    await expect(ticket(number)).resolves.toEqual({ state: 'closed', rating: 'satisfied' });
  });

  it('asks before throwing a filing away, and keeps 算了 a skip and a no where it answers the question', async () => {
    const r = resident(t);
    await filingUntilSince(r);
    await r.say('算了吧不弄了');
    expect(r.last).toContain('确定要放弃');
    await r.say('继续填写');
    expect(r.last).toContain('什么时候开始');
    await r.say('上个月');
    expect(r.last).toContain('有哪些人受到影响');
    await r.say('算了');
    expect(r.last).toContain('照片');
    await r.say('没有');
    await r.say('13812345678');
    await r.say('老张');
    expect(r.last).toContain('是否同意');
    await r.say('算了');
    expect(r.last).toContain('没有您的同意');
  });

  it('starts the service a resident names while asked for a ticket number or a rating', async () => {
    const { r } = await withAnsweredTicket();
    for (const said of ['评价一下', '我要评价']) {
      await r.say('查询进度');
      expect(r.last).toContain('请输入诉求编号');
      await r.say(said);
      expect(r.last).toContain('是否满意');
      expect(r.last).not.toContain('没有识别到编号');
    }
    await r.say('查一下进度');
    expect(r.last).toContain('最近的1件诉求');
    expect(r.last).not.toContain('请告诉我们您是否满意');
    // The rating's comment is free text: a sentence naming progress there is the comment.
    await r.say('评价');
    await r.say('还行吧');
    expect(r.last).toContain('还有什么意见或建议');
    await r.say('查询进度太麻烦');
    expect(r.last).toContain('已收到您的意见');

    await r.say('查询进度');
    await r.say('我要反映个问题');
    expect(r.last).toContain('发生了什么事');
  });

  it('keeps a filing as a draft when the resident asks for progress at the photo question, and 继续 goes back to it', async () => {
    const r = resident(t);
    await filingUntilSince(r);
    // "Since when" is free text: a service word inside the answer is part of the answer.
    await r.say('从预约那天就开始了');
    expect(r.last).toContain('有哪些人受到影响');
    expect(r.last).not.toContain('接待时间');
    await r.say('全小区');
    expect(r.last).toContain('照片');
    await r.say('查一下进度');
    expect(r.last).toContain('已为您保存');
    expect(r.last).toMatch(/最近的1件诉求|还没有提交过诉求/);
    await r.say('继续');
    expect(r.last).toContain('照片');
    // "Nothing more to add" here ends the photos; it does not leave the filing as it leaves adding information.
    await r.say('不补充了');
    expect(r.last).not.toContain('放弃');
    expect(r.last).toContain('手机号码');
  });

  it('honours a clear request after a long silence and keeps the draft for 继续', async () => {
    const r = resident(t);
    await filingUntilSince(r);
    clock.advance(3 * HOURS);
    await r.say('额想查一下进度');
    expect(r.last).not.toContain('欢迎回来');
    expect(r.last).toContain('已为您保存');
    expect(r.last).toMatch(/最近的|还没有提交过诉求/);
    await r.say('继续');
    expect(r.last).toContain('什么时候开始');

    clock.advance(3 * HOURS);
    await r.say('我要预约去工作室');
    expect(r.last).not.toContain('欢迎回来');
    expect(r.last).toContain('已为您保存');
    // The filing named the resident's street, so the visit goes straight to that studio's times.
    expect(r.last).toContain('西沙街道委员工作室接待时间');
    await r.say('菜单');
    await r.say('继续');
    expect(r.last).toContain('什么时候开始');
  });

  it('looks up a ticket number typed after a long silence, keeping the draft; a plain answer still gets the offer', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await filingUntilSince(r);
    clock.advance(3 * HOURS);
    await r.say(`${number.toLowerCase()} 咋样了`);
    expect(r.last).not.toContain('欢迎回来');
    expect(r.last).toContain(`编号：${number}`);
    expect(r.last).toContain('已为您保存');
    expect(r.last).not.toContain('我们接着刚才的问题');
    await r.say('继续');
    expect(r.last).toContain('什么时候开始');
    clock.advance(3 * HOURS);
    await r.say('上个月');
    expect(r.last).toContain('欢迎回来');
    expect(buttons(r.lastReplies)).toEqual(['继续', '重新开始']);
  });

  it('files a new concern stated after a long silence at the ticket-number question', async () => {
    const r = resident(t);
    await r.say('查询进度');
    clock.advance(3 * HOURS);
    await r.say('我们小区门口的下水道堵了，污水流到路上');
    expect(r.last).not.toContain('欢迎回来');
    expect(r.last).toContain('按您刚才的描述');
    expect(r.last).toContain('问题发生在哪里');
  });
});
