import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, fileConcern, resident } from './support/chat';

describeEachEngine('MENU transcript', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine)));
  afterAll(async () => t.close());

  it('greets with the studio named by ?ws=, and explains on 帮助', async () => {
    const r = resident(t);
    await r.say('你好', { ws: 'ws-daliuta' });
    expect(r.last).toContain('大柳塔镇委员工作室');
    expect(buttons(r.lastReplies)).toHaveLength(7);
    await r.say('帮助');
    expect(r.last).toContain('使用说明');
  });

  it('takes a long free text at the menu as the concern itself', async () => {
    const r = resident(t);
    await r.say('');
    await r.say('我们村的道路坑洼不平，下雨天根本没法走');
    expect(r.last).toContain('问题发生在哪里');
  });

  it('re-asks a short unknown answer with an example, and offers the duty member at the third miss', async () => {
    const r = resident(t);
    await r.say('');
    await r.say('嗯');
    expect(r.last).toContain('没有听明白');
    expect(r.last).toContain('例如回复“1”');
    await r.say('啊');
    expect(r.last).toContain('没有听明白');
    await r.say('哦');
    expect(r.last).toContain('转人工');
    expect(buttons(r.lastReplies)).toContain('反映问题');
    await r.say('１');
    expect(r.last).toContain('发生了什么事');
  });

  it('answers a thank-you after a filing in kind, without greeting the resident again', async () => {
    const r = resident(t);
    await fileConcern(r);
    await r.say('谢谢你啊');
    expect(r.last).toContain('不客气');
    expect(r.last).not.toContain('您好！这里是');
    expect(buttons(r.lastReplies)).toContain('反映问题');
    await r.say('好的谢谢');
    expect(r.last).toContain('不客气');
    await r.say('2');
    expect(r.last).toContain('请输入诉求编号');
  });

  it('help inside a dialog re-asks the current question', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('帮助');
    expect(r.last).toContain('取消');
    expect(r.last).toContain('发生了什么事');
  });

  it('answers in English when the channel asks for it', async () => {
    const r = resident(t);
    await r.say('', { locale: 'en' });
    expect(r.last).toContain('What would you like to do?');
    await r.say('report');
    expect(r.last).toContain('what happened?');
  });
});
