import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WecomCallbackException } from '../../src/channels/wecom/wecom.exception';
import { WecomCrypto } from '../../src/channels/wecom/wecom-crypto';
import { dedupeKey, parseWecomCallback } from '../../src/channels/wecom/wecom-messages';
import { MAX_CALLBACK_XML_BYTES } from '../../src/channels/wecom/wecom-xml';
import { TEST_WECOM_KEYS } from '../../test/support/wecom-callback';

/** The bare callback server: node:http + our protocol code, nothing else. Resolves with its port. */
export async function serveCeiling(): Promise<number> {
  const crypto = new WecomCrypto(TEST_WECOM_KEYS);
  const seen = new Set<string>();

  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const url = new URL(req.url ?? '/', 'http://bench');
        const plaintext = crypto.openEnvelope(Object.fromEntries(url.searchParams), body);
        const key = dedupeKey(parseWecomCallback(plaintext));
        if (seen.size > 100_000) seen.clear();
        seen.add(key);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('success');
      })
      .catch((e: unknown) => {
        res.writeHead(e instanceof WecomCallbackException ? e.httpStatus : 500).end();
      });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CALLBACK_XML_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

