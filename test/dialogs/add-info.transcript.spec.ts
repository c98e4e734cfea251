import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { fileConcern, photoOf, resident } from './support/chat';

describeEachEngine('ADD_INFO transcript', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine)));
  afterAll(async () => t.close());

  it('appends text and a photo to the only open ticket', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await r.say('补充材料');
    expect(r.last).toContain(number);
    await r.say('昨晚又有一位老人在路口摔倒了');
    expect(r.last).toContain(`已补充到诉求（编号：${number}）`);
    // "承办委员会看到" reads as "the committee saw it": the member who handles it is who will see it.
    expect(r.last).toContain('承办的委员将会看到');
    expect(r.last).not.toContain('委员会看到');
    await r.say('补充');
    const photo = await photoOf(r);
    await r.say('', { attachments: [photo] });
    expect(r.last).toContain('已补充');
    const events = JSON.stringify(await t.app.get(DataSource).query('SELECT * FROM ticket_event'));
    expect(events).toContain(photo.ref);
  });

  it('says so when there is nothing to add to, and re-asks an empty answer', async () => {
    const r = resident(t);
    await r.say('补充材料');
    expect(r.last).toContain('没有可补充材料的诉求');
  });

  it('picks among several open tickets, re-asking an unknown number', async () => {
    const r = resident(t);
    const first = await fileConcern(r);
    const second = await fileConcern(r, '菜市场旁边的下水道堵了，污水流到路上，气味很大');
    await r.say('补充材料');
    expect(r.lastReplies.flatMap((x) => x.quick_replies ?? []).map((q) => q.title)).toEqual(expect.arrayContaining([first, second]));
    await r.say('SM20000101-0001');
    expect(r.last).toContain('请从列表中选择');
    await r.say(second);
    expect(r.last).toContain(second);
    await r.say('取消');
    expect(r.last).toContain('已退出');
  });
});
