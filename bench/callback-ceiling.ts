import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { buildTextCallback, callbackUrl } from '../test/support/wecom-callback';
import { serveCeiling } from './lib/ceiling-server';
import { runLoad } from './lib/load';

/**
 * The ceiling for WeCom callbacks on this machine: a bare node:http server doing exactly the protocol work of our
 * endpoint (envelope parse, signature, AES, plaintext parse, dedupe key) and nothing else. The Nest endpoint can
 * only be slower; compare it against this figure. The server runs in a worker thread so that the load generator
 * does not share its event loop.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      distinct: { type: 'string', default: '1000' },
    },
  });
  const seconds = Math.min(Math.max(Number(values.seconds) || 10, 1), 120);
  const connections = Math.min(Math.max(Number(values.connections) || 32, 1), 256);
  const worker = new Worker(__filename);
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: unknown) => resolve(Number(message)));
    worker.once('error', reject);
  });

  // Distinct, realistic callbacks built up front so the generator costs nothing during the run.
  const content = '您好，我们小区门口的路灯坏了一个多月了，晚上很不安全，希望有关部门尽快修理。';
  const callbacks = Array.from({ length: Number(values.distinct) || 1000 }, (_, i) => buildTextCallback({ from: `resident${i % 97}`, content: `${content}${i}` }));
  const requests = callbacks.map((c) => ({
    method: 'POST' as const, path: callbackUrl('/wecom/callback', c.query), headers: { 'content-type': 'text/xml' }, body: c.body,
  }));

  await runLoad({ url: `http://127.0.0.1:${port}`, makeRequest: (i) => requests[i % requests.length], connections, durationMs: 1000 });
  const result = await runLoad({ url: `http://127.0.0.1:${port}`, makeRequest: (i) => requests[i % requests.length], connections, durationMs: seconds * 1000 });
  await worker.terminate();
  process.stdout.write(
    `callback ceiling (bare node:http + WecomCrypto + XML, ${connections} connections, ${seconds} s, node ${process.version}):\n` +
      `  ${result.rps} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, max ${result.maxMs.toFixed(2)} ms\n` +
      `  ${result.requests} requests, ${result.ok} ok, ${result.unexpected} unexpected status, ${result.errors} socket errors\n` +
      `${JSON.stringify({ bench: 'callback-ceiling', connections, seconds, ...result })}\n`,
  );
}

/** Worker side: the bare callback server; posts its port to the main thread. */
async function serve(): Promise<void> {
  parentPort?.postMessage(await serveCeiling());
}

(isMainThread ? main() : serve()).catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
