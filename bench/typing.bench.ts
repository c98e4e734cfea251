/**
 * Residents who only type, through the three channels, on their real wire formats: the web chat's
 * POST /api/messages, signed WeCom app callbacks answered through the fake WeCom server's message/send, and
 * Customer Service (kf event, sync_msg, send_msg). Prints the figures per channel as JSON lines: share who
 * filed (checked in the database), misunderstood answers per resident, drafts lost, share who found their
 * ticket's status from a sentence, turns per filing typed and by buttons. On a fresh SQLite file, or on
 * DATABASE_URL=mysql://… (the database is recreated).
 *   npm run bench:typing     TYPING_RESIDENTS=30  TYPING_SEED=20261203  TYPING_FINDINGS=<file.md>
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock';
import type { TestDatabase } from '../test/support/database';
import { webChannel, wecomAppChannel, wecomKfChannel } from '../test/support/typing/channels';
import { findingsMarkdown, runChannel } from '../test/support/typing/figures';
import { startWecomApp } from '../test/support/wecom-app';
import { benchDatabaseUrl } from './lib/bench-database';

const RESIDENTS = Number(process.env.TYPING_RESIDENTS ?? 30);
const SEED = Number(process.env.TYPING_SEED ?? 20261203);

async function database(): Promise<TestDatabase> {
  const { url, cleanup } = await benchDatabaseUrl('typing');
  return { engine: url.startsWith('mysql') ? 'mysql' : 'sqlite', url, drop: cleanup };
}

async function main(): Promise<void> {
  const db = await database();
  const clock = new ManualClock(new Date());
  const w = await startWecomApp(db.engine, { db, clock });
  const dataSource = w.t.app.get(DataSource);
  const target = { fake: w.fake, dataSource, post: w.post, clock };
  const channels = [webChannel(w.t.url), wecomAppChannel(target), wecomKfChannel(target, 'wkTEST01')];
  const runs = [];
  for (const channel of channels) {
    const started = Date.now();
    const run = await runChannel(channel, dataSource, { seed: SEED, count: RESIDENTS });
    runs.push(run);
    const targets = { filedShare: '>= 0.95', misunderstoodPerResident: '<= 0.2', draftsLost: 0, statusFoundShare: '>= 0.95', typedTurns: 'within 2 of buttons (<= 11)' };
    process.stdout.write(`${JSON.stringify({ engine: db.engine, seed: SEED, ...run.figures, seconds: Math.round((Date.now() - started) / 100) / 10, targets })}\n`);
  }
  if (process.env.TYPING_FINDINGS) {
    writeFileSync(process.env.TYPING_FINDINGS, findingsMarkdown(runs, `## ${new Date().toISOString()} · ${db.engine} · seed ${SEED} · ${RESIDENTS} residents per channel`));
  }
  await w.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:typing failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
