import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Compresses the pages, scripts, styles and strings a browser loads (the console, its vendor files, the web chat),
 * so the first dashboard on a slow mobile link does not wait for a megabyte of ECharts. Bodies are compressed once
 * per content and encoding and kept: the assets are few and change only with a deployment.
 */
const PATHS = /^\/(console(\/|$|\?)|api\/console\/locales\/|api\/locales\/|(\?|$))/;
const TYPES = /^(text\/|application\/(javascript|json)|image\/svg)/;
const MIN_BYTES = 1024;
const KEEP = 128;

type Encoding = 'br' | 'gzip';
const kept = new Map<string, Buffer>();

/** The best encoding the client accepts (br before gzip), honouring `;q=0`. */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const accepted = new Set(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

export function compress(body: Buffer, encoding: Encoding): Buffer {
  const key = `${encoding}:${createHash('sha1').update(body).digest('hex')}`;
  let out = kept.get(key);
  if (!out) {
    out = encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : gzipSync(body, { level: 9 });
    if (kept.size >= KEEP) kept.delete(kept.keys().next().value as string);
    kept.set(key, out);
  }
  return out;
}

export function registerCompression(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== 'GET' || !PATHS.test(request.url)) return payload;
    if (reply.getHeader('content-encoding')) return payload;
    if (!TYPES.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (!body || body.length < MIN_BYTES) return payload;
    const vary = reply.getHeader('vary');
    void reply.header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (!encoding) return payload;
    void reply.header('content-encoding', encoding).removeHeader('content-length');
    // The encoded bytes differ from the file's, so its validator can only be a weak one now.
    const etag = reply.getHeader('etag');
    if (typeof etag === 'string' && !etag.startsWith('W/')) void reply.header('etag', `W/${etag}`);
    return compress(body, encoding);
  });
}
