import type { FastifyReply } from 'fastify';
import type { Asset } from './console-assets.service';

/**
 * The console's pages run only our own modules. 'unsafe-eval' is there because Vue's in-browser template
 * compiler (the no-build setup) uses `new Function`; it compiles our templates only, never user data.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function sendPage(reply: FastifyReply, page: Asset): void {
  void reply
    .header('content-type', page.type)
    .header('cache-control', 'no-store')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(page.body);
}
