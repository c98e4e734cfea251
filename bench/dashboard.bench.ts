/**
 * The reports API (dashboards, overdue list, hot topics, bulletins) and the consultation figures over 100,000
 * tickets and 5,000 consultations (CONSULTATIONS=n), through HTTP on the running service. `npm run bench:dashboard`
 * measures a fresh SQLite file, and then MariaDB/MySQL too when DATABASE_URL=mysql://… names a database (created
 * if missing, emptied before seeding). ENGINES=sqlite or ENGINES=mysql measures one of them; TICKETS=n, RUNS=n per
 * endpoint; REUSE=1 measures again the database DATABASE_URL names as a previous run left it. Prints median and
 * max per endpoint and engine, one JSON line per engine, then a table of both; asserts nothing.
 */
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.factory';
import { createPinoLogger } from '../src/common/logger';
import { loadConfig } from '../src/config/config.loader';
import { LoginLinks } from '../src/console/auth/login-links';
import type { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock';
import { createDataSource, dataSourceOptions, engineOf } from '../src/database/database-url';
import { loadOrgConfig } from '../src/org/org-config';
import { ensureMysqlDatabase } from './lib/bench-database';
import { seedConsultations } from './lib/seed-consultations';
import { seedTickets } from './lib/seed-tickets';

const TOTAL = Number(process.env.TICKETS ?? 100_000);
const CONSULTATIONS = Number(process.env.CONSULTATIONS ?? 5_000);
const RUNS = Number(process.env.RUNS ?? 9);
const TARGET_MS = 300;

/** [userid, what, path]; `since` is 30 days before the last ticket. */
const endpoints = (since: string): Array<[string, string, string]> => [
  ['office01', 'dashboard city, by month', '/api/member/reports/dashboard?period=month'],
  ['office01', 'dashboard city, by week', '/api/member/reports/dashboard?period=week'],
  ['office01', 'dashboard city, last 30 days by day', `/api/member/reports/dashboard?period=day&from=${since}`],
  ['office01', 'hot topics, city, last 30 days', `/api/member/reports/hot-topics?from=${since}`],
  ['head-education', 'dashboard committee (head), by week', '/api/member/reports/dashboard?period=week'],
  ['zhangwei', 'dashboard workstation with members (member), by month', '/api/member/reports/dashboard?period=month'],
  ['office01', 'overdue list, city', '/api/member/reports/overdue'],
  ['office01', 'weekly bulletin, city', '/api/member/reports/bulletin?kind=weekly'],
  ['office01', 'monthly bulletin, city', '/api/member/reports/bulletin?kind=monthly'],
  ['office01', 'targets, city, this month', '/api/member/reports/targets?kind=monthly'],
  ['office01', 'consultation figures, city, 180 days', `/api/member/consultations/figures?from=${new Date(Date.parse(since) - 150 * 86_400_000).toISOString()}&to=${new Date(Date.parse(since) + 31 * 86_400_000).toISOString()}`],
  ['head-education', 'consultation figures, committee (head), last 30 days', `/api/member/consultations/figures?from=${since}&to=${new Date(Date.parse(since) + 31 * 86_400_000).toISOString()}`],
];

async function signIn(base: string, links: LoginLinks, userid: string): Promise<string> {
  const link = await links.create(userid, base);
  const res = await fetch(link.url, { redirect: 'manual' });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('minyi_console='));
  if (!cookie) throw new Error(`sign-in as ${userid} failed: ${res.status}`);
  return cookie.split(';')[0];
}

async function reuse(url: string): Promise<{ ds: DataSource; clock: ManualClock }> {
  const ds = createDataSource(dataSourceOptions(url));
  await ds.initialize();
  const [{ last }] = await ds.query('SELECT MAX(createdAt) AS last FROM ticket');
  // SQLite returns the stored UTC text, MySQL a Date.
  const at = last instanceof Date ? last : new Date(`${String(last).replace(' ', 'T')}Z`);
  return { ds, clock: new ManualClock(new Date(at.getTime() + 2 * 3600_000)) };
}

interface Measured {
  engine: string;
  results: Array<{ endpoint: string; as: string; medianMs: number; maxMs: number; bytes: number }>;
}

/** Seeds (unless reusing) and measures one database through the running service. */
async function measure(url: string, reuseIt: boolean): Promise<Measured> {
  if (engineOf(url) === 'mysql') await ensureMysqlDatabase(url);
  const { ds, clock } = reuseIt ? await reuse(url) : await seedTickets(url, TOTAL);
  if (!reuseIt) await seedConsultations(ds, CONSULTATIONS, clock.now());
  await ds.destroy();

  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', MINYI_WORKERS: 'none' });
  const app = await createApp({ config, org: loadOrgConfig(), logger: createPinoLogger('silent'), clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const links = app.get(LoginLinks);
  const ENDPOINTS = endpoints(new Date(clock.now().getTime() - 30 * 86_400_000).toISOString());
  const cookies = new Map<string, string>();
  for (const userid of new Set(ENDPOINTS.map(([u]) => u))) cookies.set(userid, await signIn(base, links, userid));

  const engine = engineOf(url);
  const results: Measured['results'] = [];
  for (const [userid, name, path] of ENDPOINTS) {
    const get = async () => {
      const res = await fetch(base + path, { headers: { cookie: cookies.get(userid)! } });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString()}`);
      return body.byteLength;
    };
    const bytes = await get(); // warm-up
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      await get();
      runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    runs.sort((a, b) => a - b);
    results.push({ endpoint: name, as: userid, medianMs: +runs[Math.floor(runs.length / 2)].toFixed(1), maxMs: +runs[runs.length - 1].toFixed(1), bytes });
    process.stderr.write(`[${engine}] ${name}: median ${results.at(-1)!.medianMs} ms, max ${results.at(-1)!.maxMs} ms\n`);
  }
  process.stdout.write(`${JSON.stringify({ engine, tickets: TOTAL, consultations: CONSULTATIONS, runsPerEndpoint: RUNS, targetMs: TARGET_MS, results })}\n`);
  await app.close();
  return { engine, results };
}

/** The databases to measure: a fresh SQLite file, and the MySQL database DATABASE_URL names, as ENGINES allows. */
function targets(): Array<{ url: string; reuse: boolean; cleanup?: string }> {
  const given = process.env.DATABASE_URL;
  const wanted = new Set((process.env.ENGINES ?? 'sqlite,mysql').split(',').map((e) => e.trim()));
  // REUSE=1 measures again what a previous run left in the database named (MySQL keeps its bench database; name a SQLite file).
  if (process.env.REUSE) {
    if (!given) throw new Error('REUSE=1 needs DATABASE_URL naming the database a previous run left');
    return [{ url: given, reuse: true }];
  }
  const list: Array<{ url: string; reuse: boolean; cleanup?: string }> = [];
  if (given && engineOf(given) === 'sqlite') list.push({ url: given, reuse: false });
  else if (wanted.has('sqlite')) {
    const file = join(tmpdir(), `minyi-bench-dashboard-${process.pid}.sqlite`);
    list.push({ url: `sqlite:${file}`, reuse: false, cleanup: file });
  }
  if (given && engineOf(given) === 'mysql' && wanted.has('mysql')) list.push({ url: given, reuse: false });
  return list;
}

async function main(): Promise<void> {
  const measured: Measured[] = [];
  for (const target of targets()) {
    try {
      measured.push(await measure(target.url, target.reuse));
    } finally {
      if (target.cleanup) for (const suffix of ['', '-wal', '-shm']) rmSync(target.cleanup + suffix, { force: true });
    }
  }
  // Both engines side by side: median / max in ms per endpoint.
  const rows = measured[0]?.results.map((r, i) => [r.endpoint, ...measured.map((m) => `${m.results[i].medianMs} / ${m.results[i].maxMs}`)]) ?? [];
  const head = ['endpoint', ...measured.map((m) => `${m.engine} median / max ms`)];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => x.padEnd(widths[c])).join('  ');
  process.stdout.write(`${[line(head), ...rows.map(line)].join('\n')}\n`);
  const worst = measured.map((m) => `${m.engine}: slowest median ${Math.max(...m.results.map((r) => r.medianMs))} ms (target < ${TARGET_MS} ms)`);
  process.stdout.write(`${worst.join('; ')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:dashboard failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
