import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, resident } from './support/chat';

describeEachEngine('BOOK_VISIT transcript', (engine) => {
  let t: TestApp;
  // Tuesday 2026-12-01 10:00 China time: ws-binhe receives on Tuesday 09:00-11:30 and Thursday 15:00-17:30.
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  beforeAll(async () => (t = await startTestApp(engine, { clock })));
  afterAll(async () => t.close());

  const bookings = () => t.app.get(DataSource).query('SELECT * FROM reception_booking') as Promise<Array<{ workstationCode: string; residentKey: string; visitorName: string | null; visitorPhone: string | null; purpose: string | null }>>;

  /** Who is coming, a phone and what about, as a resident types them. */
  async function details(r: ReturnType<typeof resident>): Promise<void> {
    await r.say('叫我李阿姨就行');
    await r.say('13812345678');
    await r.say('小区门口停车太乱，想当面说说');
  }

  it('shows reception hours and the next free slots, asks who is coming, a phone and what about, books and tells the duty member', async () => {
    const r = resident(t);
    await r.say('预约接待', { ws: 'ws-binhe' });
    expect(r.last).toContain('周二 09:00-11:30');
    const slots = buttons(r.lastReplies);
    expect(slots[0]).toBe('12-01 10:30');
    expect(slots).toContain('12-03 15:00');
    await r.say('明天');
    expect(r.last).toContain('请从列表中选择');
    await r.say('12-01 10:30');
    expect(r.last).toContain('怎么称呼');
    await r.say('叫我李阿姨就行');
    expect(r.last).toContain('联系电话');
    await r.say('138 1234 567');
    expect(r.last).toContain('没有看到电话号码');
    await r.say('138 1234 5678');
    expect(r.last).toContain('什么事');
    await r.say('小区门口停车太乱，想当面说说');
    expect(r.last).toContain('预约成功：2026-12-01 10:30');
    expect(await bookings()).toEqual([expect.objectContaining({ workstationCode: 'ws-binhe', visitorName: '李阿姨', visitorPhone: '13812345678', purpose: '小区门口停车太乱，想当面说说' })]);
    const notices = (await t.app.get(DataSource).query("SELECT recipient, payload FROM outbox_message WHERE idempotencyKey LIKE 'booking:%'")) as Array<{ payload: string }>;
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0].payload)).toContain('小区门口停车太乱');

    const other = resident(t);
    await other.say('预约接待', { ws: 'ws-binhe' });
    expect(buttons(other.lastReplies)).not.toContain('12-01 10:30');
  });

  it('changes and cancels an existing booking', async () => {
    const r = resident(t);
    await r.say('预约', { ws: 'ws-binhe' });
    const [first, second] = buttons(r.lastReplies);
    await r.say(first);
    await details(r);
    await r.say('预约接待');
    expect(r.last).toContain('您已预约');
    await r.say('更改时间');
    await r.say(second);
    // The same visitor and purpose at the new time: nothing asked again.
    expect(r.last).toContain('预约成功');
    expect((await bookings()).filter((b) => b.residentKey === `web:${r.user}`)).toEqual([expect.objectContaining({ purpose: '小区门口停车太乱，想当面说说' })]);
    await r.say('预约接待');
    await r.say('取消预约');
    expect(r.last).toContain('已取消');
    expect((await bookings()).filter((b) => b.residentKey === `web:${r.user}`)).toHaveLength(0);
  });

  it("without a studio in the link, greets for the city's studios and books at the studio of the town the resident names", async () => {
    const r = resident(t);
    await r.say('你好');
    expect(r.last).not.toContain('滨河新区委员工作室');
    expect(r.last).toContain('市政协委员工作室');
    await r.say('预约接待');
    expect(r.last).toContain('哪个镇或街道');
    await r.say('火星');
    expect(r.last).toContain('没有找到');
    await r.say('我住西沙那边');
    expect(r.last).toContain('西沙街道委员工作室接待时间');
    await r.say(buttons(r.lastReplies)[0]);
    await details(r);
    expect(r.last).toContain('预约成功');
    expect((await bookings()).filter((b) => b.residentKey === `web:${r.user}`)).toEqual([expect.objectContaining({ workstationCode: 'ws-xisha' })]);
  });

  it('books when the resident says they want to come in person, not only when they say 预约', async () => {
    for (const words of ['我想当面跟委员说说', '想到工作室去一趟']) {
      const r = resident(t);
      await r.say('你好');
      await r.say(words);
      expect(r.last).toContain('哪个镇或街道');
      expect(r.last).not.toContain('问题发生在哪里');
    }
  });

  it("greets with the link's studio", async () => {
    const r = resident(t);
    await r.say('你好', { ws: 'ws-daliuta' });
    expect(r.last).toContain('大柳塔镇委员工作室');
  });
});
