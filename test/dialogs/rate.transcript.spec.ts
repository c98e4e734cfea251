import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import type { BotReply } from '../../src/conversation/conversation.types';
import { buttons, fileConcern, resident, type Resident } from './support/chat';
import { answerTicket } from './support/tickets';

describeEachEngine('RATE transcript', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine)));
  afterAll(async () => t.close());

  const state = async (number: string) =>
    ((await t.app.get(DataSource).query('SELECT state FROM ticket WHERE number = ?', [number])) as Array<{ state: string }>)[0].state;
  const rating = async (number: string) =>
    ((await t.app.get(DataSource).query('SELECT state, rating, ratingComment FROM ticket WHERE number = ?', [number])) as Array<{ state: string; rating: string | null; ratingComment: string | null }>)[0];

  /** The messages the web page polls for after a member acts, with the resident's cookie. */
  const pending = async (r: Resident): Promise<BotReply[]> => {
    const res = await fetch(`${t.url}/api/messages/pending`, { headers: { cookie: r.cookie } });
    return (await res.json()) as BotReply[];
  };

  it('rates with one tap on the button that came with the answer, thanks, then takes an optional comment', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await answerTicket(t, number);
    const offered = (await pending(r)).flatMap((m) => m.quick_replies ?? []);
    expect(offered.map((q) => q.title)).toEqual(['满意', '基本满意', '不满意']);
    await r.say(offered[0].payload);
    expect(r.last).toContain('感谢您的评价');
    expect(r.last).toContain('还有什么意见或建议');
    await expect(rating(number)).resolves.toEqual({ state: 'closed', rating: 'satisfied', ratingComment: null });
    await r.say('委员回复得很及时，辛苦了');
    expect(r.last).toContain('已收到您的意见');
    await expect(rating(number)).resolves.toMatchObject({ ratingComment: '委员回复得很及时，辛苦了' });
  });

  it('takes a rating typed right after the answer, and a not-satisfied one reopens without waiting for the why', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await answerTicket(t, number);
    await r.say('挺好的');
    expect(r.last).toContain('感谢您的评价');
    await r.say('没有');
    expect(r.last).toContain('再次感谢');
    await expect(rating(number)).resolves.toEqual({ state: 'closed', rating: 'satisfied', ratingComment: null });

    const other = resident(t);
    const second = await fileConcern(other, '我们楼下的垃圾桶好几天没人清理了，味道很大');
    await answerTicket(t, second);
    await other.say('不太满意');
    expect(other.last).toContain('已重新交办');
    await expect(rating(second)).resolves.toMatchObject({ state: 'in_progress', rating: 'not_satisfied' });
    await other.say('垃圾还是没人收');
    await expect(rating(second)).resolves.toMatchObject({ ratingComment: '垃圾还是没人收' });
  });

  it('reads the verdict leading a sentence: 不太满意，晚上还是吵 reopens; 谢谢，我还有个事 rates nothing', async () => {
    const r = resident(t);
    const number = await fileConcern(r, '楼下的烧烤店晚上吵到半夜，油烟也大，睡不着觉');
    await answerTicket(t, number, '已联系城管，要求店家加装油烟净化器并在十点前收摊。');
    await r.say('不太满意，晚上还是吵');
    expect(r.last).toContain('已重新交办');
    expect(r.last).not.toContain('问题发生在哪里');
    await expect(rating(number)).resolves.toMatchObject({ state: 'in_progress', rating: 'not_satisfied' });

    const other = resident(t);
    const second = await fileConcern(other);
    await answerTicket(t, second);
    await other.say('谢谢，我还有个事想反映一下');
    expect(other.last).not.toContain('感谢您的评价');
    await expect(rating(second)).resolves.toMatchObject({ rating: null });
  });

  it('takes a bare thank-you after the answer as politeness, not as a rating', async () => {
    const r = resident(t);
    const number = await fileConcern(r, '村口的桥栏杆断了好几根，小孩上学要从那里过');
    await answerTicket(t, number, '已请镇上安排维修，下周完工。');
    await r.say('谢谢');
    expect(r.last).toContain('不客气');
    await expect(rating(number)).resolves.toMatchObject({ rating: null });
    await r.say('满意');
    await expect(rating(number)).resolves.toMatchObject({ state: 'closed', rating: 'satisfied' });
  });

  it('reads the verdict ending a sentence: 你们的答复我看到了，挺满意的 rates instead of filing a concern', async () => {
    const r = resident(t);
    const number = await fileConcern(r, '小区门口的路灯坏了一个多月，晚上出门黑乎乎的');
    await answerTicket(t, number, '已报修，路灯本周内修好。');
    await r.say('你们的答复我看到了，挺满意的');
    expect(r.last).not.toContain('问题发生在哪里');
    await expect(rating(number)).resolves.toMatchObject({ state: 'closed', rating: 'satisfied' });
  });

  it("takes the option's number as a rating only as the first reply after the answer; later the number is the menu's", async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await answerTicket(t, number);
    await r.say('2');
    expect(r.last).toContain('感谢您的评价');
    await expect(rating(number)).resolves.toMatchObject({ state: 'closed', rating: 'basically_satisfied' });

    const later = resident(t);
    const second = await fileConcern(later, '小区里的健身器材坏了好几个，一直没人修');
    await answerTicket(t, second);
    // Neither a greeting nor a bare "ok" is a rating.
    await later.say('你好');
    await later.say('好的');
    await expect(rating(second)).resolves.toMatchObject({ state: 'answered', rating: null });
    await later.say('1');
    expect(later.last).not.toContain('感谢您的评价');
    await expect(rating(second)).resolves.toMatchObject({ state: 'answered', rating: null });
  });

  it("rates only the resident's own ticket: another's button id reads as unknown and changes nothing", async () => {
    const owner = resident(t);
    const number = await fileConcern(owner);
    await answerTicket(t, number);
    const stranger = resident(t);
    await stranger.say(`rate:${number}:not_satisfied`);
    expect(stranger.last).toContain(number);
    expect(stranger.last).not.toContain('感谢您的评价');
    await expect(rating(number)).resolves.toMatchObject({ state: 'answered', rating: null });
    // A second tap on the owner's old button, after rating, is told so rather than rating twice.
    await owner.say(`rate:${number}:satisfied`);
    await owner.say(`rate:${number}:not_satisfied`);
    expect(owner.last).toContain('没有待评价');
    await expect(rating(number)).resolves.toMatchObject({ state: 'closed', rating: 'satisfied' });
  });

  it('rates an answered ticket as satisfied with a comment', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await answerTicket(t, number);
    await r.say('评价答复');
    expect(buttons(r.lastReplies)).toEqual(['满意', '基本满意', '不满意']);
    await r.say('嗯嗯');
    expect(r.last).toContain('是否满意');
    await r.say('满意');
    expect(r.last).toContain('感谢您的评价');
    await expect(rating(number)).resolves.toMatchObject({ state: 'closed', rating: 'satisfied' });
    await r.say('谢谢委员');
    expect(r.last).toContain('已收到您的意见');
    await expect(rating(number)).resolves.toMatchObject({ ratingComment: '谢谢委员' });
  });

  it('reopens the ticket when not satisfied', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await answerTicket(t, number);
    await r.say('评价');
    await r.say('不满意');
    expect(r.last).toContain('已重新交办');
    expect(await state(number)).not.toBe('answered');
    await r.say('路灯还是不亮');
    await expect(rating(number)).resolves.toMatchObject({ rating: 'not_satisfied', ratingComment: '路灯还是不亮' });
  });

  it('says so when nothing waits for a rating, and cancels', async () => {
    const r = resident(t);
    await r.say('评价答复');
    expect(r.last).toContain('没有待评价');
    const r2 = resident(t);
    const number = await fileConcern(r2);
    await answerTicket(t, number);
    await r2.say('评价');
    await r2.say('退出');
    expect(r2.last).toContain('已退出');
  });
});
