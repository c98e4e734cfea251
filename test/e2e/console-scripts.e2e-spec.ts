import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ConsoleAuditEntity } from '../../src/console/auth/console-audit.entity';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { resident } from '../dialogs/support/chat';
import { call, Session, signInAs } from './console.support';

const original = readFileSync(join(__dirname, '..', '..', 'dialogs', 'check-status.yaml'), 'utf8');
const edited = original.replace('text: status.ask_number', 'text: "Edited script: which number?"');
const broken = original.replace('action: lookup\n  lookup:', 'action: lokup\n  lookup:');
const brokenLine = broken.split('\n').findIndex((l) => l.includes('action: lokup')) + 1;

interface Problem { line: number | null; code: string; params: Record<string, string>; message: string; text: string }
interface Detail { publishedVersion: string; yaml: string; previousVersion: string | null; versions: Array<{ version: string; published: boolean }> }

describeEachEngine('console dialog scripts API', (engine) => {
  let t: TestApp;
  let admin: Session;
  const as = (s: Session) => ({ cookie: s.cookie, csrf: s.csrf });
  const post = (path: string, body: unknown, s = admin) => call(t.url, path, { method: 'POST', body, ...as(s) });
  const get = (path: string, s = admin) => call(t.url, path, as(s));

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await signInAs(t, 'office01');
  });
  afterAll(async () => t?.close());

  it('lists dialogs with their published version and returns the published YAML', async () => {
    const list = (await get('/api/admin/scripts')).json as Array<{ id: string; publishedVersion: string }>;
    expect(list.map((d) => d.id)).toEqual(expect.arrayContaining(['MENU', 'CHECK_STATUS', 'FILE_CONCERN']));
    const detail = (await get('/api/admin/scripts/CHECK_STATUS')).json as Detail;
    expect(detail.yaml).toBe(original);
    expect(detail.publishedVersion).toBe(list.find((d) => d.id === 'CHECK_STATUS')!.publishedVersion);
    expect((await get('/api/admin/scripts/NOPE')).status).toBe(404);
  });

  it('returns validation problems with the line they sit on, from the start-up validator', async () => {
    const checked = (await post('/api/admin/scripts/CHECK_STATUS/validate', { yaml: broken })).json as { problems: Problem[] };
    expect(checked.problems).toEqual(expect.arrayContaining([expect.objectContaining({ line: brokenLine, code: 'unknownThread', params: { thread: 'lokup' }, message: expect.stringContaining('unknown thread "lokup"') })]));
    expect(((await post('/api/admin/scripts/CHECK_STATUS/validate', { yaml: edited })).json as { problems: Problem[] }).problems).toEqual([]);
    const badYaml = (await post('/api/admin/scripts/CHECK_STATUS/validate', { yaml: 'id: CHECK_STATUS\nthreads:\n  default: [\n' })).json as { problems: Problem[] };
    expect(badYaml.problems[0]).toMatchObject({ line: expect.any(Number), code: expect.stringMatching(/^yaml/) });

    const saved = await post('/api/admin/scripts/CHECK_STATUS/versions', { yaml: broken });
    expect(saved.status).toBe(400);
    expect(saved.json).toMatchObject({ error: 'VALIDATION', details: { problems: [expect.objectContaining({ line: brokenLine, code: 'unknownThread' })] } });
  });

  it('previews a draft for the admin only; publishing changes what a new conversation gets, rollback restores it', async () => {
    const before = (await get('/api/admin/scripts/CHECK_STATUS')).json as Detail;
    const preview = await post('/api/admin/scripts/CHECK_STATUS/preview', { yaml: edited, text: '查询' });
    expect(preview.status).toBe(200);
    expect((preview.json as { replies: Array<{ text: string }> }).replies.map((r) => r.text).join('\n')).toContain('Edited script: which number?');
    const real = resident(t);
    await real.say('查询');
    expect(real.last).not.toContain('Edited script');
    expect(real.last).toContain('请输入诉求编号');
    // The preview id space is not open to the web chat.
    await expect(fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', user: 'preview:office01', text: 'hi' }) }).then((r) => r.status)).resolves.toBe(400);

    const saved = await post('/api/admin/scripts/CHECK_STATUS/versions', { yaml: edited });
    expect(saved.status).toBe(201);
    const version = (saved.json as { version: string }).version;
    const diff = (await get(`/api/admin/scripts/CHECK_STATUS/diff?version=${version}`)).json as { from: string; to: string; patch: string };
    expect(diff).toMatchObject({ from: before.publishedVersion, to: version });
    expect(diff.patch).toContain('-    - text: status.ask_number');
    expect(diff.patch).toContain('+    - text: "Edited script: which number?"');
    // Saving does not publish.
    const stillOld = resident(t);
    await stillOld.say('查询');
    expect(stillOld.last).not.toContain('Edited script');

    const published = await post('/api/admin/scripts/CHECK_STATUS/publish', { version });
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({ publishedVersion: version, previousVersion: before.publishedVersion });
    const fresh = resident(t);
    await fresh.say('查询');
    expect(fresh.last).toContain('Edited script: which number?');

    const rolled = await post('/api/admin/scripts/CHECK_STATUS/rollback', {});
    expect(rolled.json).toMatchObject({ publishedVersion: before.publishedVersion });
    const after = resident(t);
    await after.say('查询');
    expect(after.last).not.toContain('Edited script');
    expect(after.last).toContain('请输入诉求编号');

    const audit = await t.app.get(DataSource).getRepository(ConsoleAuditEntity).find({ where: { target: 'CHECK_STATUS' }, order: { id: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual(['scripts.save', 'scripts.publish', 'scripts.rollback']);
    expect(audit[2].detail).toEqual({ from: version, to: before.publishedVersion });
  });

  it('files nothing and sends nothing from a preview: the ticket number is a PREVIEW- one', async () => {
    const yaml = ((await get('/api/admin/scripts/FILE_CONCERN')).json as Detail).yaml;
    const count = async (table: string) => Number(((await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: number | string }>)[0].n);
    const [tickets, outbox] = [await count('ticket'), await count('outbox_message')];
    // The preview resident is still in CHECK_STATUS from the test before: restart begins FILE_CONCERN afresh.
    const started = await post('/api/admin/scripts/FILE_CONCERN/preview', { yaml, text: '', restart: true });
    expect((started.json as { replies: Array<{ text: string }> }).replies.map((r) => r.text).join('\n')).toContain('发生了什么事');
    let last = '';
    for (const text of ['小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全', '西沙街道幸福小区3号楼', '上个月', '全小区约200户', '跳过', '13812345678', '张三', '同意', '正确', '确认提交']) {
      const answer = await post('/api/admin/scripts/FILE_CONCERN/preview', { yaml, text });
      expect(answer.status).toBe(200);
      last = (answer.json as { replies: Array<{ text: string }> }).replies.map((r) => r.text).join('\n');
    }
    expect(last).toMatch(/编号：PREVIEW-\d{4}/);
    await expect(count('ticket')).resolves.toBe(tickets);
    await expect(count('outbox_message')).resolves.toBe(outbox);
  });

  it('hands a preview to the real duty member by name but tells nobody, and forwards nothing', async () => {
    const yaml = ((await get('/api/admin/scripts/HANDOFF')).json as Detail).yaml;
    const outbox = async () => Number(((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM outbox_message')) as Array<{ n: number | string }>)[0].n);
    const before = await outbox();
    const say = async (text: string, restart = false) => {
      const answer = await post('/api/admin/scripts/HANDOFF/preview', { yaml, text, restart });
      expect(answer.status).toBe(200);
      return (answer.json as { replies: Array<{ text: string }> }).replies.map((r) => r.text).join('\n');
    };
    expect(await say('', true)).toMatch(/已通知.+值班委员/);
    // While handed off the bot is silent; a real resident's message would go to the member through the outbox.
    expect(await say('我家楼下的路灯坏了，能尽快修吗')).toBe('');
    expect(await outbox()).toBe(before);
    expect(await say('结束人工')).toContain('人工服务已结束');
  });

  it('counts residents per step: reached and moved on', async () => {
    const funnel = async () => ((await get('/api/admin/scripts/CHECK_STATUS/funnel?days=7')).json as { steps: Array<{ thread: string; step: number; reached: number; completed: number }> }).steps;
    const start = await funnel();
    const ask = (steps: typeof start) => steps.find((s) => s.thread === 'default' && s.reached > 0) ?? { reached: 0, completed: 0 };
    const a = resident(t);
    await a.say('查询');
    const mid = await funnel();
    expect(ask(mid).reached).toBe(ask(start).reached + 1);
    await a.say('SM20991231-0001');
    const end = await funnel();
    expect(end.find((s) => s.thread === '_end')!.reached).toBeGreaterThan(start.find((s) => s.thread === '_end')!.reached);
    expect(end.reduce((n, s) => n + s.completed, 0)).toBeGreaterThan(mid.reduce((n, s) => n + s.completed, 0));
    // Previews are not counted.
    await post('/api/admin/scripts/CHECK_STATUS/preview', { yaml: original, text: '查询' });
    expect(await funnel()).toEqual(end);
  });

  it('documents the script and lexicon APIs in OpenAPI', async () => {
    const paths = Object.keys(((await call(t.url, '/api/docs-json')).json as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining([
      '/api/admin/scripts', '/api/admin/scripts/{id}/validate', '/api/admin/scripts/{id}/preview', '/api/admin/scripts/{id}/publish',
      '/api/admin/scripts/{id}/rollback', '/api/admin/scripts/{id}/diff', '/api/admin/scripts/{id}/funnel',
      '/api/admin/lexicon/sectors/{sector}/keywords/{word}', '/api/admin/lexicon/test', '/api/admin/lexicon/candidates',
    ]));
  });

  it('is for the office only: 401 without a session, 403 for a member or without the CSRF header', async () => {
    expect((await call(t.url, '/api/admin/scripts')).status).toBe(401);
    const member = await signInAs(t, 'zhangwei');
    expect((await get('/api/admin/scripts', member)).status).toBe(403);
    expect((await call(t.url, '/api/admin/scripts/CHECK_STATUS/validate', { method: 'POST', body: { yaml: edited }, cookie: admin.cookie })).status).toBe(403);
    expect((await call(t.url, '/api/admin/scripts/CHECK_STATUS/rollback', { method: 'POST', body: {}, cookie: admin.cookie })).status).toBe(403);
  });
});
