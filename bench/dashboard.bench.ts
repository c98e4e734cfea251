/**
 * The reports API (dashboards, overdue list, hot topics, bulletins) and the consultation figures over 100,000
 * tickets and 5,000 consultations (CONSULTATIONS=n), through HTTP on the running service, on the database DATABASE_URL names (default: a fresh SQLite file). `npm run bench:dashboard`
 * (TICKETS=n to change the count, RUNS=n per endpoint, REUSE=1 to measure a database a run left). Prints median and
 * max per endpoint; asserts nothing.
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

async function main(): Promise<void> {
  const sqliteFile = join(tmpdir(), `minyi-bench-dashboard-${process.pid}.sqlite`);
  const url = process.env.DATABASE_URL ?? `sqlite:${sqliteFile}`;
  // REUSE=1 measures again on the tickets a previous run left (MySQL keeps its bench database; name a SQLite file).
  const { ds, clock } = process.env.REUSE ? await reuse(url) : await seedTickets(url, TOTAL);
  if (!process.env.REUSE) await seedConsultations(ds, CONSULTATIONS, clock.now());
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

  const results: Array<{ endpoint: string; as: string; medianMs: number; maxMs: number; bytes: number }> = [];
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
    process.stderr.write(`${name}: median ${results.at(-1)!.medianMs} ms, max ${results.at(-1)!.maxMs} ms\n`);
  }
  process.stdout.write(`${JSON.stringify({ engine: engineOf(url), tickets: TOTAL, consultations: CONSULTATIONS, runsPerEndpoint: RUNS, targetMs: TARGET_MS, results })}\n`);
  await app.close();
  if (!process.env.DATABASE_URL && !process.env.REUSE) rmSync(sqliteFile, { force: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:dashboard failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
