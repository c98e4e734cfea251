import 'reflect-metadata';
import { Session } from 'node:inspector/promises';
import { relative, sep } from 'node:path';
import type { FakeSent } from '../test/fake-wecom/fake-wecom.server';
import { buildTextCallback } from '../test/support/wecom-callback';
import { startWecomApp } from '../test/support/wecom-app';

/**
 * `npm run bench:walk`: which of our source files one WeCom message runs through, from the encrypted callback to
 * the members' cards at the fake WeCom server. A resident files a concern in the self-built app; V8's precise
 * coverage is reset just before the last message (确认提交) and read once both member cards have arrived, so
 * the list is what that one message executed: every src/ file with a function called in between. Background
 * pollers that ran meanwhile count too; they are part of the path (inbox worker, outbox dispatcher).
 */
const RESIDENT = 'resident-walk';
const LINES = ['反映问题', '小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全', '西沙街道幸福小区3号楼', '上个月', '全小区约200户', '跳过', '13812345678', '张三', '同意', '正确'];
const LAST = '确认提交';

type Body = { touser?: string; msgtype?: string };
const bodyOf = (s: FakeSent) => s.body as Body;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | null | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`turn-walk: no ${what} within ${ms} ms`);
    await sleep(20);
  }
}

async function main(): Promise<void> {
  const w = await startWecomApp('sqlite');
  const session = new Session();
  session.connect();
  try {
    const toResident = () => w.fake.sent.filter((s) => bodyOf(s).touser === RESIDENT).length;
    for (const line of LINES) {
      const before = toResident();
      await w.post(buildTextCallback({ from: RESIDENT, content: line }));
      await until(`reply to "${line}"`, () => toResident() > before);
    }
    await sleep(500);
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    await session.post('Profiler.takePreciseCoverage');
    await w.post(buildTextCallback({ from: RESIDENT, content: LAST }));
    await until('two member cards', () => w.fake.sent.filter((s) => bodyOf(s).msgtype === 'template_card').length >= 2 || null);
    const { result } = await session.post('Profiler.takePreciseCoverage');
    const root = `${process.cwd()}${sep}`;
    const files = new Set<string>();
    for (const script of result) {
      const path = script.url.replace(/^file:\/\//, '');
      const rel = relative(root, path).replace(/^dist-bench\//, '').replace(/\.js$/, '.ts');
      if (!rel.startsWith('src/')) continue;
      if (script.functions.some((f) => f.ranges[0].count > 0)) files.add(rel);
    }
    const list = [...files].sort();
    const moduleOf = (f: string) => (f.split('/').length === 2 ? '(root)' : f.split('/').slice(1, f.startsWith('src/channels/') ? 3 : 2).join('/'));
    const modules = new Set(list.map(moduleOf));
    // Entities only carry rows (TypeORM calls their constructors); they are not steps of the walk.
    const code = list.filter((f) => !f.endsWith('.entity.ts'));
    for (const f of list) process.stdout.write(`  ${f}\n`);
    process.stdout.write(`${list.length} files (${code.length} without entities) in ${modules.size} modules ran for one WeCom message, callback to member cards\n`);
    process.stdout.write(`modules: ${[...modules].join(', ')}\n`);
  } finally {
    session.disconnect();
    await w.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
