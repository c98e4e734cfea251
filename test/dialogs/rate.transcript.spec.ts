import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, fileConcern, resident } from './support/chat';
import { answerTicket } from './support/tickets';

describeEachEngine('RATE transcript', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine)));
  afterAll(async () => t.close());

  const state = async (number: string) =>
    ((await t.app.get(DataSource).query('SELECT state FROM ticket WHERE number = ?', [number])) as Array<{ state: string }>)[0].state;

  it('rates an answered ticket as satisfied with a comment', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await answerTicket(t, number);
    await r.say('评价答复');
    expect(buttons(r.lastReplies)).toEqual(['满意', '基本满意', '不满意']);
    await r.say('嗯嗯');
    expect(r.last).toContain('是否满意');
    await r.say('满意');
    await r.say('谢谢委员');
    expect(r.last).toContain('感谢您的评价');
  });

  it('reopens the ticket when not satisfied', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await answerTicket(t, number);
    await r.say('评价');
    await r.say('不满意');
    await r.say('路灯还是不亮');
    expect(r.last).toContain('已重新交办');
    expect(await state(number)).not.toBe('answered');
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
