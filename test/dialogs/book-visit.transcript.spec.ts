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

  const bookings = () => t.app.get(DataSource).query('SELECT * FROM reception_booking') as Promise<Array<{ workstationCode: string; residentKey: string }>>;

  it('shows reception hours and the next free slots, books one and tells the duty member', async () => {
    const r = resident(t);
    await r.say('预约接待', { ws: 'ws-binhe' });
    expect(r.last).toContain('周二 09:00-11:30');
    const slots = buttons(r.lastReplies);
    expect(slots[0]).toBe('12-01 10:30');
    expect(slots).toContain('12-03 15:00');
    await r.say('明天');
    expect(r.last).toContain('请从列表中选择');
    await r.say('12-01 10:30');
    expect(r.last).toContain('预约成功：2026-12-01 10:30');
    expect(await bookings()).toHaveLength(1);
    const notices = await t.app.get(DataSource).query("SELECT recipient FROM outbox_message WHERE idempotencyKey LIKE 'booking:%'");
    expect(notices).toHaveLength(1);

    const other = resident(t);
    await other.say('预约接待', { ws: 'ws-binhe' });
    expect(buttons(other.lastReplies)).not.toContain('12-01 10:30');
  });

  it('changes and cancels an existing booking', async () => {
    const r = resident(t);
    await r.say('预约', { ws: 'ws-binhe' });
    const [first, second] = buttons(r.lastReplies);
    await r.say(first);
    await r.say('预约接待');
    expect(r.last).toContain('您已预约');
    await r.say('更改时间');
    await r.say(second);
    expect(r.last).toContain('预约成功');
    await r.say('预约接待');
    await r.say('取消预约');
    expect(r.last).toContain('已取消');
    expect((await bookings()).filter((b) => b.residentKey === `web:${r.user}`)).toHaveLength(0);
  });
});
