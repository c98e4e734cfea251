import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { fileUntilPreview, resident } from './support/chat';

describeEachEngine('FILE_CONCERN route preview', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t.close());

  it('tells the resident the words of their message that decided the sector, not routing codes', async () => {
    const r = resident(t);
    await fileUntilPreview(r, '小区门口的路灯坏了一个多月，晚上很黑，物业也不管');
    const why = /判断依据：(.+?)。/.exec(r.last)?.[1] ?? '';
    expect(why).not.toMatch(/[a-z]+:[a-z]/);
    const words = why.split('、');
    expect(words.length).toBeGreaterThan(0);
    for (const word of words) expect('小区门口的路灯坏了一个多月，晚上很黑，物业也不管').toContain(word);
  });
});
