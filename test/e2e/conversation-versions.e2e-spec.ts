import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DialogScriptsService } from '../../src/conversation/dialog-scripts.service';
import { startTestApp, TestApp } from '../support/app';
import { createTestDatabase, describeEachEngine } from '../support/database';
import { resident } from '../dialogs/support/chat';

const original = readFileSync(join(__dirname, '..', '..', 'dialogs', 'check-status.yaml'), 'utf8');
const edited = original.replace('text: status.ask_number', 'text: "New script: which number? {{vars._locale}}"');

describeEachEngine('dialog script versions', (engine) => {
  let t: TestApp;
  let scripts: DialogScriptsService;
  beforeAll(async () => {
    t = await startTestApp(engine);
    scripts = t.app.get(DialogScriptsService);
  });
  afterAll(async () => t.close());

  it('keeps every version, publishes a new one, restarts conversations in progress with a notice, and rolls back', async () => {
    const before = (await scripts.list('CHECK_STATUS')).find((v) => v.published)!;
    const midway = resident(t);
    await midway.say('查询');
    expect(midway.last).toContain('请输入诉求编号');

    expect(scripts.validateDraft(edited)).toEqual([]);
    const version = await scripts.publish('CHECK_STATUS', edited);
    expect(version).not.toBe(before.version);
    const versions = await scripts.list('CHECK_STATUS');
    expect(versions.filter((v) => v.published).map((v) => v.version)).toEqual([version]);
    expect(versions).toHaveLength(2);

    await midway.say('SM20261128-0007');
    expect(midway.last).toContain('服务流程刚刚更新');
    expect(midway.last).toContain('New script: which number? zh-CN');

    const fresh = resident(t);
    await fresh.say('查询');
    expect(fresh.last).toContain('New script');

    await scripts.rollback('CHECK_STATUS', before.version);
    await fresh.say('我的');
    expect(fresh.last).toContain('服务流程刚刚更新');
    expect(fresh.last).toContain('请输入诉求编号');
    expect((await scripts.get('CHECK_STATUS')).version).toBe(before.version);
  });

  it('rejects an invalid draft with file:line reasons', async () => {
    const broken = original.replace('action: lookup\n  lookup:', 'action: lokup\n  lookup:');
    expect(scripts.validateDraft(broken, 'check-status.yaml')).toEqual(expect.arrayContaining([expect.stringMatching(/^check-status\.yaml:\d+: .*unknown thread "lokup"/)]));
    await expect(scripts.publish('CHECK_STATUS', broken)).rejects.toMatchObject({ code: 'INVALID_SCRIPT' });
  });

  it('another instance picks up a published version from the database', async () => {
    const db = await createTestDatabase(engine);
    const a = await startTestApp(engine, { db });
    const b = await startTestApp(engine, { db });
    try {
      await a.app.get(DialogScriptsService).publish('CHECK_STATUS', edited);
      await b.app.get(DialogScriptsService).refresh();
      const r = resident(b);
      await r.say('查询');
      expect(r.last).toContain('New script');
    } finally {
      await b.close({ keepDatabase: true });
      await a.close();
    }
  });
});
