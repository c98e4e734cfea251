import { DataSource } from 'typeorm';
import { residentHandle } from '../../src/common/resident-handle';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, resident } from './support/chat';

describeEachEngine('HANDOFF transcript', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine)));
  afterAll(async () => t.close());

  const outboxTo = async (needle: string) =>
    ((await t.app.get(DataSource).query('SELECT recipient, payload FROM outbox_message WHERE channel = ?', ['wecom_app'])) as Array<{ recipient: string; payload: string }>).filter(
      (r) => r.payload.includes(needle),
    );

  it('notifies the duty member, stays silent while handed off, and ends on 结束人工', async () => {
    const r = resident(t);
    await r.say('联系值班委员', { ws: 'ws-xisha' });
    expect(r.last).toContain('已通知西沙街道委员工作室值班委员');
    // "委员会尽快回复" reads as "the committee will reply": the duty member is who replies.
    expect(r.last).toContain('委员将尽快回复您');
    expect(r.last).not.toContain('委员会尽快');
    // The member is told the resident's handle, never the id behind the resident's credential.
    expect(await outboxTo(residentHandle('web', r.user))).toHaveLength(1);
    expect(await outboxTo(r.user)).toHaveLength(0);
    const replies = await r.say('我家楼下的路灯坏了，能尽快修吗');
    expect(replies).toEqual([]);
    expect(await outboxTo('我家楼下的路灯坏了')).toHaveLength(1);
    await r.say('反映问题');
    expect(r.lastReplies).toEqual([]);
    await r.say('结束人工');
    expect(r.last).toContain('人工服务已结束');
    expect(buttons(r.lastReplies)).toContain('反映问题');
    await r.say('反映问题');
    expect(r.last).toContain('发生了什么事');
  });

  it('cancel words end the hand-off too', async () => {
    const r = resident(t);
    await r.say('转人工');
    // Without a studio from the link, the resident's own is asked first.
    expect(r.last).toContain('哪个镇或街道');
    await r.say('我在西沙');
    expect(r.last).toContain('已通知西沙街道委员工作室值班委员');
    await r.say('取消');
    expect(r.last).toContain('人工服务已结束');
  });
});
