/**
 * The whole filing dialog under load: N residents at once (default 200), half through POST /api/messages and
 * half through encrypted WeCom callbacks answered via the fake WeCom server, against minyi running as real
 * child processes (`node dist/main.js`), one or more over one database. Prints throughput, p50/p95/p99 per
 * turn, errors, tickets created and the instances' peak RSS; figures only, nothing asserted.
 *   npm run bench:load                 LOAD_RESIDENTS=200 LOAD_INSTANCES=1
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/minyi_bench npm run bench:load     (the database is recreated)
 *   LOAD_WECOM_OUTAGE_SECONDS=120 npm run bench:load                           (WeCom unreachable for 2 minutes mid-run)
 */
import { execFileSync } from 'node:child_process';
import { loadavg, cpus } from 'node:os';
import { SingleBar, Presets } from 'cli-progress';
import { createDataSource, dataSourceOptions } from '../src/database/database-url';
import { startFakeWecom } from '../test/fake-wecom/fake-wecom.server';
import { startInstance, wecomEnv, type Instance } from '../test/support/instances';
import { duplicateSends, FILING_STEPS, percentile, runResidents, type TurnSample } from '../test/support/load-residents';
import { TEST_WECOM_KEYS } from '../test/support/wecom-callback';
import { WECOM_TEST_AGENT_ID, WECOM_TEST_SECRETS } from '../test/support/wecom-app';
import { benchDatabaseUrl } from './lib/bench-database';

const RESIDENTS = Math.max(2, Number(process.env.LOAD_RESIDENTS ?? 200));
const INSTANCES = Math.min(8, Math.max(1, Number(process.env.LOAD_INSTANCES ?? 1)));
const OUTAGE_S = Number(process.env.LOAD_WECOM_OUTAGE_SECONDS ?? 0);

/** Resident set size of a process in MB (Linux and macOS `ps`). */
function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    return Math.round(Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024);
  } catch {
    return 0;
  }
}

function figures(samples: TurnSample[], seconds: number) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const r = (n: number) => Number(n.toFixed(1));
  return { turns: ms.length, turnsPerSec: r(ms.length / seconds), p50Ms: r(percentile(ms, 50)), p95Ms: r(percentile(ms, 95)), p99Ms: r(percentile(ms, 99)), maxMs: r(ms[ms.length - 1] ?? 0) };
}

async function main(): Promise<void> {
  const db = await benchDatabaseUrl('load');
  const fake = await startFakeWecom({ corpId: TEST_WECOM_KEYS.corpId, agentId: WECOM_TEST_AGENT_ID, secrets: WECOM_TEST_SECRETS, kfAccounts: ['wkTEST01'] });
  const env = { ...wecomEnv(fake), DATABASE_URL: db.url, LOG_LEVEL: 'warn', ...(OUTAGE_S ? { OUTBOX_MAX_ATTEMPTS: '1000' } : {}) };
  const instances: Instance[] = [];
  for (let i = 0; i < INSTANCES; i++) instances.push(await startInstance(env)); // one by one: the first migrates
  const load0 = loadavg()[0];
  const peak = new Map<number, number>();
  const sampler = setInterval(() => instances.forEach((x, i) => peak.set(i, Math.max(peak.get(i) ?? 0, rssMb(x.pid())))), 1000);
  if (OUTAGE_S) setTimeout(() => void fake.down(OUTAGE_S * 1000), 3000);

  const bar = new SingleBar({ format: 'bench:load [{bar}] {percentage}% | {value}/{total} turns | {duration}s', hideCursor: true }, Presets.shades_classic);
  bar.start(RESIDENTS * FILING_STEPS.length, 0);
  const r = await runResidents({ urls: instances.map((x) => x.url), fake, residents: RESIDENTS, prefix: `load${Date.now()}`, onTurn: () => bar.increment(), turnTimeoutMs: 120_000 + OUTAGE_S * 1000 });
  bar.stop();
  clearInterval(sampler);
  const seconds = r.elapsedMs / 1000;

  const ds = createDataSource(dataSourceOptions(db.url));
  await ds.initialize();
  const users = [...r.webUsers, ...r.wecomUsers];
  const tickets = (await ds.query(`SELECT residentExternalId AS user FROM ticket WHERE residentExternalId IN (${users.map(() => '?').join(',')})`, users)) as Array<{ user: string }>;
  const perUser = new Map<string, number>();
  for (const t of tickets) perUser.set(t.user, (perUser.get(t.user) ?? 0) + 1);
  await ds.destroy();

  const result = {
    bench: 'load',
    engine: db.url.startsWith('mysql') ? 'mysql' : 'sqlite',
    instances: INSTANCES,
    residents: RESIDENTS,
    seconds: Number(seconds.toFixed(1)),
    all: figures(r.samples, seconds),
    web: figures(r.samples.filter((s) => s.channel === 'web'), seconds),
    wecom: figures(r.samples.filter((s) => s.channel === 'wecom'), seconds),
    errors: r.errors.length,
    firstErrors: r.errors.slice(0, 3),
    retries: r.retries,
    ticketsCreated: tickets.length,
    residentsWithoutTicket: users.filter((u) => !perUser.has(u)).length,
    residentsWithTwoOrMore: [...perUser.values()].filter((n) => n > 1).length,
    repeatedSends: duplicateSends(fake, r.wecomUsers),
    wecomOutageSeconds: OUTAGE_S,
    peakRssMb: [...peak.values()],
    machine: { cpus: cpus().length, loadAvg1mBefore: Number(load0.toFixed(2)), loadAvg1mAfter: Number(loadavg()[0].toFixed(2)) },
  };
  process.stdout.write(
    `${result.engine}, ${INSTANCES} instance(s), ${RESIDENTS} residents (half web, half WeCom), ${result.seconds} s:\n` +
      `  all turns   ${result.all.turnsPerSec} turns/s  p50 ${result.all.p50Ms} ms  p95 ${result.all.p95Ms} ms  p99 ${result.all.p99Ms} ms\n` +
      `  web         p50 ${result.web.p50Ms} ms  p95 ${result.web.p95Ms} ms  p99 ${result.web.p99Ms} ms\n` +
      `  WeCom       p50 ${result.wecom.p50Ms} ms  p95 ${result.wecom.p95Ms} ms  p99 ${result.wecom.p99Ms} ms (callback sent → reply at the fake WeCom)\n` +
      `  errors ${result.errors}, tickets ${result.ticketsCreated} (without: ${result.residentsWithoutTicket}, twice: ${result.residentsWithTwoOrMore}), repeated sends ${result.repeatedSends}, peak RSS ${result.peakRssMb.join(' / ')} MB, load average ${result.machine.loadAvg1mBefore} → ${result.machine.loadAvg1mAfter} on ${result.machine.cpus} CPUs\n` +
      `${JSON.stringify(result)}\n`,
  );
  await Promise.all(instances.map((x) => x.stop()));
  await fake.close();
  await db.cleanup();
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:load failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
