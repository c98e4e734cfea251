import { ManualClock } from '../../src/common/clock';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { buttons, fileUntilPreview, numberIn, photoOf, resident } from './support/chat';
import { ticketRow as ticketRowOf } from './support/tickets';

describeEachEngine('FILE_CONCERN transcript', (engine) => {
  let t: TestApp;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
    t = await startTestApp(engine, { clock });
  });
  afterAll(async () => t.close());

  const ticketRow = (number: string) => ticketRowOf(t, number);

  it('files a concern end to end and tells the number after 编号', async () => {
    const r = resident(t);
    const welcome = await r.say('');
    expect(welcome[0].text).toContain('委员工作室');
    expect(buttons(welcome)).toEqual(expect.arrayContaining(['反映问题', '查询进度', '补充材料', '评价答复', '预约接待', '联系值班委员', '帮助']));
    await fileUntilPreview(r);
    expect(r.last).toMatch(/领域|分派/);
    expect(buttons(r.lastReplies)).toEqual(['正确', '换个领域']);
    await r.say('正确');
    expect(r.last).toContain('请核对');
    expect(r.last).toContain('西沙街道');
    expect(r.last).toContain('138****5678');
    await r.say('确认提交');
    const number = numberIn(r.last);
    expect(number).toMatch(/^[A-Z]{2}\d{8}-\d{4}$/);
    expect(r.last).toMatch(/预计在.+前答复/);
    const row = await ticketRow(number!);
    expect(row).toBeDefined();
  });

  it('re-asks a too-short description with an example, offers the duty member at the third miss and keeps the dialog', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('路灯坏');
    expect(r.last).toContain('例如');
    expect(r.last).toContain('发生了什么事');
    await r.say('坏了');
    expect(r.last).toContain('例如');
    expect(r.last).not.toContain('转人工');
    await r.say('灯');
    expect(r.last).toContain('转人工');
    expect(r.last).toContain('内容都会保留');
    expect(r.last).toContain('发生了什么事');
    await r.say('小区门口的路灯坏了一个多月，晚上很黑');
    expect(r.last).toContain('问题发生在哪里');
  });

  it('re-asks an invalid phone number and accepts a valid one', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('小区门口的路灯坏了一个多月，晚上很黑');
    await r.say('麟州街道');
    await r.say('上周');
    await r.say('跳过');
    await r.say('跳过');
    await r.say('1381234');
    expect(r.last).toContain('手机号码格式不对');
    await r.say('139 1234 5678');
    expect(r.last).toContain('怎么称呼');
  });

  it('asks before discarding a draft on 取消: 继续 keeps every answer, 放弃 drops it', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('小区门口的路灯坏了一个多月，晚上很黑');
    await r.say('取消');
    expect(r.last).toContain('确定要放弃');
    await r.say('不是，我点错了');
    expect(r.last).toContain('内容都还在');
    expect(r.last).toContain('问题发生在哪里');
    await r.say('西沙街道');
    expect(r.last).toContain('什么时候开始');
    await r.say('取消');
    await r.say('放弃');
    expect(r.last).toContain('已退出');
    expect(buttons(r.lastReplies)).toContain('反映问题');
    await r.say('西沙街道');
    expect(r.last).not.toContain('什么时候开始');
  });

  it('leaves at once on 取消 before anything is written', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('取消');
    expect(r.last).toContain('已退出');
    expect(buttons(r.lastReplies)).toContain('反映问题');
  });

  it('lets the resident pick another sector, and the ticket keeps it', async () => {
    const r = resident(t);
    await fileUntilPreview(r);
    await r.say('换个领域');
    expect(buttons(r.lastReplies)).toEqual(expect.arrayContaining(['城乡建设', '环境保护', '交通运输']));
    await r.say('环境保护');
    expect(r.last).toContain('已改为“环境保护”');
    expect(r.last).toContain('领域：环境保护');
    await r.say('确认提交');
    const number = numberIn(r.last)!;
    const row = await ticketRow(number);
    expect(JSON.stringify(row)).toContain('environment');
  });

  it('edits one answer from the summary and comes back to it', async () => {
    const r = resident(t);
    await fileUntilPreview(r);
    await r.say('正确');
    await r.say('修改');
    expect(buttons(r.lastReplies)).toContain('地点');
    await r.say('地点');
    expect(r.last).toContain('问题发生在哪里');
    await r.say('大柳塔镇');
    expect(r.last).toContain('请核对');
    expect(r.last).toContain('地点：大柳塔镇');
  });

  it('files anonymously', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('村里的自来水已经停了三天，没有任何通知');
    await r.say('高家堡镇');
    await r.say('三天前');
    await r.say('跳过');
    await r.say('跳过');
    await r.say('匿名');
    expect(r.last).toContain('是否同意');
    await r.say('同意');
    await r.say('正确');
    expect(r.last).toContain('联系方式：匿名');
    await r.say('确认提交');
    expect(numberIn(r.last)).not.toBeNull();
  });

  it('keeps a photo as an attachment', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('小区垃圾站一直没人清理，气味很大');
    await r.say('永兴街道');
    await r.say('两周');
    await r.say('跳过');
    await r.say('', { attachments: [await photoOf(r)] });
    expect(r.last).toContain('已收到1张照片');
    await r.say('完成');
    expect(r.last).toContain('手机号码');
  });

  it('offers to continue after a long silence, and continues where it stopped', async () => {
    const r = resident(t);
    await r.say('反映问题');
    await r.say('小区门口的路灯坏了一个多月，晚上很黑');
    clock.advance(3 * 3600_000);
    await r.say('西沙街道');
    expect(r.last).toContain('欢迎回来');
    expect(buttons(r.lastReplies)).toEqual(['继续', '重新开始']);
    await r.say('继续');
    expect(r.last).toContain('问题发生在哪里');
    await r.say('西沙街道');
    expect(r.last).toContain('什么时候开始');
    clock.advance(3 * 3600_000);
    await r.say('上周');
    await r.say('重新开始');
    expect(r.last).toContain('发生了什么事');
  });
});
