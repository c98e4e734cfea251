import type { FastifyReply } from 'fastify';
import { contentSecurityPolicy, setPageHeaders } from '../../common/page-headers';
import type { Asset } from './console-assets.service';

/**
 * The console's pages run only our own modules. 'unsafe-eval' is there because Vue's in-browser template
 * compiler (the no-build setup) uses `new Function`; it compiles our templates only, never user data.
 */
const CSP = contentSecurityPolicy({
  'default-src': "'self'",
  'script-src': "'self' 'unsafe-eval'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'form-action': "'self'",
});

/** Swagger UI: its own scripts and styles from 'self', inline style attributes, no eval. */
export const API_DOCS_CSP = contentSecurityPolicy({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'form-action': "'self'",
});

export function sendPage(reply: FastifyReply, page: Asset): void {
  setPageHeaders(reply, CSP);
  void reply.header('content-type', page.type).send(page.body);
}
