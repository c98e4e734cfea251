/**
 * Dialog turns per second through POST /api/messages, 32 residents at once, each walking the filing dialog
 * (menu, description, place with area lookup, since, skip, cancel and its confirmation) in a loop. The app runs in this process on a
 * fresh SQLite file, or on DATABASE_URL (mysql://…; the database is created if missing). The residents run in a
 * worker thread with a keep-alive agent, so the HTTP client does not share the app's event loop (in the same
 * thread it took ≈10 % of the app's CPU). Prints figures only.
 *   npm run bench:dialog            DIALOG_BENCH_SECONDS=10  DIALOG_BENCH_RESIDENTS=32
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createConnection } from 'mysql2/promise';

const SECONDS = Number(process.env.DIALOG_BENCH_SECONDS ?? 10);
const RESIDENTS = Number(process.env.DIALOG_BENCH_RESIDENTS ?? 32);
const WARMUP_MS = 1500;
// 取消 with a draft asks before discarding it; 放弃 confirms (two turns where one was before the drafts were kept).
const SCRIPT = ['', '\u53cd\u6620\u95ee\u9898', 'BENCH street light broken for a month, dark at night', '\u897f\u6c99\u8857\u9053 building 3', 'last month', 'skip', '\u53d6\u6d88', '\u653e\u5f03'];

async function databaseUrl(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given?.startsWith('mysql://')) {
    const u = new URL(given);
    const name = u.pathname.slice(1);
    const server = new URL(given);
    server.pathname = '/';
    const conn = await createConnection({ uri: server.toString() });
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    return { url: given, cleanup: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'minyi-bench-'));
  return { url: `sqlite:${join(dir, 'bench.sqlite')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

function post(agent: Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** The residents (worker thread): posts turns until the time is up and sends back the measured latencies. */
async function residents(port: number): Promise<{ latencies: number[]; failures: number; elapsed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: RESIDENTS });
  const latencies: number[] = [];
  let failures = 0;
  let measuring = false;
  const end = performance.now() + WARMUP_MS + SECONDS * 1000;
  const resident = async (n: number) => {
    for (let i = 0; performance.now() < end; i++) {
      const body = JSON.stringify({ type: 'message', user: `bench-${n}`, text: SCRIPT[i % SCRIPT.length], channel: 'webhook' });
      const started = performance.now();
      const status = await post(agent, port, body);
      if (!measuring) continue;
      latencies.push(performance.now() - started);
      if (status !== 200) failures++;
    }
  };
  setTimeout(() => {
    measuring = true;
    parentPort?.postMessage('measuring');
  }, WARMUP_MS);
  const t0 = performance.now() + WARMUP_MS;
  await Promise.all(Array.from({ length: RESIDENTS }, (_, n) => resident(n)));
  agent.destroy();
  return { latencies, failures, elapsed: (performance.now() - t0) / 1000 };
}

type Measured = { latencies: number[]; failures: number; elapsed: number; cpu: NodeJS.CpuUsage };

function runResidents(port: number): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { port } });
    let cpu = process.cpuUsage();
    worker.on('message', (m: 'measuring' | Omit<Measured, 'cpu'>) => {
      if (m === 'measuring') cpu = process.cpuUsage();
      else resolve({ ...m, cpu: process.cpuUsage(cpu) });
    });
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  // Loaded here, not at the top: the client thread runs this file too and needs none of the app.
  const { createApp } = await import('../src/app.factory');
  const { createPinoLogger } = await import('../src/common/logger');
  const { loadConfig } = await import('../src/config/config.loader');
  const { loadOrgConfig } = await import('../src/org/org-config');
  const db = await databaseUrl();
  // 32 residents from one address at full speed are what the web chat's rate limits exist to stop: off here.
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_RESIDENT: '0', DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1' });
  const app = await createApp({ config, org: loadOrgConfig(), logger: createPinoLogger('silent') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const { latencies, failures, elapsed, cpu: used } = await runResidents(port);
  latencies.sort((a, b) => a - b);
  const figures = {
    engine: db.url.startsWith('mysql') ? 'mysql' : 'sqlite',
    residents: RESIDENTS,
    seconds: Number(elapsed.toFixed(1)),
    turns: latencies.length,
    turnsPerSec: Math.round(latencies.length / elapsed),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
    maxMs: Number((latencies[latencies.length - 1] ?? 0).toFixed(1)),
    failures,
    // CPU of the whole process (app, SQLite and the client thread) per measured turn: steadier
    // than turns/s when the machine is shared.
    cpuMsPerTurn: Number(((used.user + used.system) / 1000 / Math.max(1, latencies.length)).toFixed(2)),
    target: '>= 1000 turns/s on SQLite, p99 < 100 ms',
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  await app.close();
  await db.cleanup();
}

if (!isMainThread) {
  residents((workerData as { port: number }).port).then((result) => parentPort?.postMessage(result));
} else {
  main().catch((e: unknown) => {
    process.stderr.write(`bench:dialog failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
