import { Agent, request } from 'node:http';

/** One request of a load run; makeRequest(i) builds the i-th. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  /** Path and query, e.g. /wecom/callback?msg_signature=… */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface LoadOptions {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  makeRequest: (i: number) => LoadRequest;
  /** Concurrent keep-alive connections; default 32. */
  connections?: number;
  /** Run length; capped at 5 minutes so a typo cannot run forever. */
  durationMs: number;
  /** Optional cap on the number of requests. */
  maxRequests?: number;
  /** Status counted as success; default 200. */
  expectStatus?: number;
  /** Paces requests to this many per second overall (latency at a given load); default: as fast as answered. */
  ratePerSec?: number;
}

export interface LoadResult {
  requests: number;
  ok: number;
  /** Answers with another status. */
  unexpected: number;
  /** Socket errors. */
  errors: number;
  durationMs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const MAX_DURATION_MS = 5 * 60 * 1000;

/** Closed-loop load: each connection sends its next request as soon as the previous answer is read. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const connections = Math.max(1, Math.min(options.connections ?? 32, 1024));
  const durationMs = Math.min(Math.max(options.durationMs, 1), MAX_DURATION_MS);
  const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
  const expected = options.expectStatus ?? 200;
  const base = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latenciesUs: number[] = [];
  let issued = 0;
  let ok = 0;
  let unexpected = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(durationMs) * 1_000_000n;

  const once = (spec: LoadRequest): Promise<number> =>
    new Promise((resolve, reject) => {
      const body = spec.body === undefined ? undefined : Buffer.isBuffer(spec.body) ? spec.body : Buffer.from(spec.body);
      const req = request(
        {
          agent, host: base.hostname, port: base.port, method: spec.method, path: spec.path,
          headers: { ...spec.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const worker = async (): Promise<void> => {
    while (process.hrtime.bigint() < deadline && issued < maxRequests) {
      const index = issued++;
      if (options.ratePerSec) {
        // Request i is due at start + i/rate; latency is measured from when it is sent.
        const due = started + BigInt(Math.round((index / options.ratePerSec) * 1e9));
        const waitNs = due - process.hrtime.bigint();
        if (waitNs > 0n) await new Promise((r) => setTimeout(r, Number(waitNs / 1_000_000n)));
      }
      const spec = options.makeRequest(index);
      const t0 = process.hrtime.bigint();
      try {
        const status = await once(spec);
        if (status === expected) ok++;
        else unexpected++;
      } catch {
        errors++;
      }
      latenciesUs.push(Number((process.hrtime.bigint() - t0) / 1000n));
    }
  };

  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  latenciesUs.sort((a, b) => a - b);
  const pct = (p: number): number => (latenciesUs.length ? latenciesUs[Math.min(latenciesUs.length - 1, Math.floor(p * latenciesUs.length))] / 1000 : 0);
  return {
    requests: latenciesUs.length, ok, unexpected, errors, durationMs: Math.round(elapsedMs),
    rps: Math.round((latenciesUs.length / elapsedMs) * 1000), p50Ms: pct(0.5), p99Ms: pct(0.99), maxMs: pct(1),
  };
}
