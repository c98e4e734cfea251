import { DataSource } from 'typeorm';
import { startTestApp } from '../support/app';
import { createTestDatabase, describeEachEngine } from '../support/database';
import { numberIn, resident } from '../dialogs/support/chat';

describeEachEngine('conversation state survives restarts and is shared by instances', (engine) => {
  it('starts filing, restarts the service on the same database, finishes: one ticket with every answer', async () => {
    const db = await createTestDatabase(engine);
    const first = await startTestApp(engine, { db });
    const r1 = resident(first, 'web-restart-1');
    await r1.say('反映问题');
    await r1.say('小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全');
    await r1.say('西沙街道幸福小区3号楼');
    await r1.say('上个月');
    await first.close({ keepDatabase: true });

    const second = await startTestApp(engine, { db });
    try {
      const r2 = resident(second, 'web-restart-1');
      await r2.say('全小区约200户');
      expect(r2.last).toContain('照片');
      await r2.say('跳过');
      await r2.say('13812345678');
      await r2.say('张三');
      await r2.say('同意');
      await r2.say('正确');
      await r2.say('确认提交');
      const number = numberIn(r2.last);
      expect(number).not.toBeNull();
      const tickets = (await second.app.get(DataSource).query('SELECT * FROM ticket')) as Array<Record<string, unknown>>;
      expect(tickets).toHaveLength(1);
      const row = JSON.stringify(tickets[0]);
      for (const answer of ['路灯坏了一个多月', '幸福小区3号楼', '上个月', '全小区约200户', '13812345678', '张三']) expect(row).toContain(answer);
    } finally {
      await second.close();
    }
  });

  it('two instances over one database serve the same resident, and concurrent turns are applied one after the other', async () => {
    const db = await createTestDatabase(engine);
    const a = await startTestApp(engine, { db });
    const b = await startTestApp(engine, { db });
    try {
      const ra = resident(a, 'web-two-instances');
      const rb = resident(b, 'web-two-instances');
      await ra.say('反映问题');
      await rb.say('小区门口的路灯坏了一个多月，晚上很黑');
      await ra.say('西沙街道');
      expect(ra.last).toContain('什么时候开始');
      // Both answers at once, to two instances: one answers "since", the other "affected"; neither is lost.
      await Promise.all([ra.say('答案甲'), rb.say('答案乙')]);
      const texts = `${ra.last}\n${rb.last}`;
      expect(texts).toContain('有哪些人受到影响');
      expect(texts).toContain('照片');
      await ra.say('跳过');
      await ra.say('匿名');
      await ra.say('同意');
      await ra.say('正确');
      expect(ra.last).toMatch(/开始时间：答案(甲|乙)/);
      expect(ra.last).toMatch(/影响人群：答案(甲|乙)/);
    } finally {
      await b.close({ keepDatabase: true });
      await a.close();
    }
  });
});
