import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, fileConcern, resident } from './support/chat';

describeEachEngine('CHECK_STATUS transcript', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine)));
  afterAll(async () => t.close());

  it('shows a ticket by number from the menu, typed as a command, and lists 我的', async () => {
    const r = resident(t);
    const number = await fileConcern(r);
    await r.say('查询进度');
    expect(buttons(r.lastReplies)).toContain('我的');
    await r.say(number);
    expect(r.last).toContain(`编号：${number}`);
    expect(r.last).toContain('等待委员受理');
    expect(buttons(r.lastReplies)).toContain('反映问题');

    await r.say(`查询 ${number}`);
    expect(r.last).toContain(`编号：${number}`);

    await r.say('查询');
    await r.say('我的');
    expect(r.last).toContain('最近的1件诉求');
    expect(r.last).toContain(number);
  });

  it('re-asks a text without a number, and does not show another resident’s ticket', async () => {
    const owner = resident(t);
    const number = await fileConcern(owner);
    const other = resident(t);
    await other.say('查询');
    await other.say('看看进度');
    expect(other.last).toContain('没有识别到编号');
    await other.say(number);
    expect(other.last).toContain('没有找到');
  });

  it('leaves on 取消', async () => {
    const r = resident(t);
    await r.say('查询');
    await r.say('取消');
    expect(r.last).toContain('已退出');
  });
});
