import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createApp } from '../src/app.factory';
import { createPinoLogger } from '../src/common/logger';
import { loadConfig } from '../src/config/config.loader';
import { loadOrgConfig } from '../src/org/org-config';
import { buildTextCallback, callbackUrl, TEST_WECOM_KEYS } from '../test/support/wecom-callback';
import { LoadResult, runLoad } from './lib/load';

/**
 * Encrypted WeCom callbacks acknowledged per second by the whole service (signature, AES, XML, durable inbox
 * write, then 200), against the ceiling of a bare node:http server doing the same protocol work, in one run.
 * Each server runs in a worker thread so the load generator does not share its event loop.
 *   npm run bench:callback [-- --seconds 10 --connections 32]     (DATABASE_URL=mysql://… for MariaDB)
 */
/** minyi: one instance doing everything; minyi-ack: an instance with MINYI_WORKERS=none, which only acknowledges. */
type Target = 'ceiling' | 'minyi' | 'minyi-ack';

async function startServer(target: Target, databaseUrl: string): Promise<{ port: number; stop(): Promise<void> }> {
  const worker = new Worker(__filename, { workerData: { target, databaseUrl } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: unknown) => resolve(Number(m)));
    worker.once('error', reject);
  });
  return { port, stop: async () => void (await worker.terminate()) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } } });
  const seconds = Math.min(Math.max(Number(values.seconds) || 10, 1), 120);
  const connections = Math.min(Math.max(Number(values.connections) || 32, 1), 256);
  const databaseUrl = process.env.DATABASE_URL ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'minyi-bench-cb-')), 'minyi.sqlite')}`;
  const content = '您好，我们小区门口的路灯坏了一个多月了，晚上很不安全，希望有关部门尽快修理。';
  // Distinct callbacks (each its own MsgId), built up front; more than any run sends, so none is a duplicate.
  const requests = Array.from({ length: 40_000 }, (_, i) => {
    const c = buildTextCallback({ from: `resident${i % 997}`, content: `${content}${i}` });
    return { method: 'POST' as const, path: callbackUrl('/wecom/callback', c.query), headers: { 'content-type': 'text/xml' }, body: c.body };
  });
  let next = 0;
  const make = () => requests[next++ % requests.length];
  const lines: string[] = [];
  const report = (name: string, r: LoadResult) =>
    lines.push(`  ${name.padEnd(34)} ${String(r.rps).padStart(6)} req/s   p50 ${r.p50Ms.toFixed(1)} ms   p99 ${r.p99Ms.toFixed(1)} ms   (${r.ok} ok, ${r.unexpected + r.errors} failed)`);

  const results: Record<string, LoadResult> = {};
  for (const target of ['ceiling', 'minyi', 'minyi-ack'] as Target[]) {
    const server = await startServer(target, databaseUrl);
    const url = `http://127.0.0.1:${server.port}`;
    await runLoad({ url, makeRequest: make, connections, durationMs: 1000 });
    results[target] = await runLoad({ url, makeRequest: make, connections, durationMs: seconds * 1000 });
    report(`${target} (closed loop, ${connections} conns)`, results[target]);
    if (target === 'minyi' || target === 'minyi-ack') {
      results[`${target}-paced`] = await runLoad({ url, makeRequest: make, connections, durationMs: seconds * 1000, ratePerSec: 1000 });
      report(`${target} at 1,000 callbacks/s`, results[`${target}-paced`]);
    }
    await server.stop();
  }
  const ratio = results.minyi.rps / Math.max(1, results.ceiling.rps);
  const ackRatio = results['minyi-ack'].rps / Math.max(1, results.ceiling.rps);
  process.stdout.write(
    `WeCom callbacks acknowledged (${databaseUrl.startsWith('mysql') ? 'MariaDB/MySQL' : 'SQLite'}, ${seconds} s per run, node ${process.version}):\n` +
      `${lines.join('\n')}\n  minyi / ceiling = ${ratio.toFixed(2)}; acknowledging instance / ceiling = ${ackRatio.toFixed(2)}\n` +
      `${JSON.stringify({ bench: 'callback', ratio: Number(ratio.toFixed(3)), ...results })}\n`,
  );
}

/** Worker side: the bare ceiling server (from callback-ceiling) or the whole minyi service with WeCom on. */
async function serve(): Promise<void> {
  const { target, databaseUrl } = workerData as { target: Target; databaseUrl: string };
  if (target === 'ceiling') {
    const { serveCeiling } = await import('./lib/ceiling-server');
    parentPort?.postMessage(await serveCeiling());
    return;
  }
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'error',
    MINYI_WORKERS: target === 'minyi-ack' ? 'none' : 'all',
    WECOM_CORP_ID: TEST_WECOM_KEYS.corpId,
    WECOM_TOKEN: TEST_WECOM_KEYS.token,
    WECOM_ENCODING_AES_KEY: TEST_WECOM_KEYS.encodingAesKey,
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: 'bench',
    WECOM_API_BASE: 'http://127.0.0.1:9',
  });
  const app = await createApp({ config, org: loadOrgConfig(), logger: createPinoLogger('error') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  parentPort?.postMessage(typeof address === 'object' && address ? address.port : 0);
}

(isMainThread ? main() : serve()).catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
