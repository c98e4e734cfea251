import type { FastifyReply } from 'fastify';

/** Builds a Content-Security-Policy that never lets another site frame the page. */
export function contentSecurityPolicy(directives: Record<string, string>): string {
  return Object.entries({ 'frame-ancestors': "'none'", 'base-uri': "'none'", ...directives })
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** The headers every HTML page of minyi sends: its CSP, no sniffing, no referrer, never cached. */
export function setPageHeaders(reply: FastifyReply, csp: string): void {
  void reply
    .header('cache-control', 'no-store')
    .header('content-security-policy', csp)
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
}
