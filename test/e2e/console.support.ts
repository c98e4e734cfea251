import { LoginLinks } from '../../src/console/auth/login-links';
import type { TestApp } from '../support/app';

/** Small HTTP helpers for the console specs: cookies by hand, redirects not followed. */

export interface Answer {
  status: number;
  headers: Headers;
  setCookies: string[];
  json: unknown;
  text: string;
}

export interface Call {
  method?: string;
  cookie?: string;
  csrf?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(base: string, path: string, options: Call = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf !== undefined) headers['x-csrf-token'] = options.csrf;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, setCookies: res.headers.getSetCookie(), json, text };
}

/** `name=value` of the named cookie in Set-Cookie headers, for the next request's Cookie header. */
export function cookieOf(answer: Answer, name = 'minyi_console'): string | undefined {
  const line = answer.setCookies.find((c) => c.startsWith(`${name}=`) && !/Max-Age=0/.test(c));
  return line?.split(';')[0];
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs a member in the way `minyi login-link` does, and reads the CSRF token from /api/me. */
export async function signInAs(t: TestApp, userid: string): Promise<Session> {
  const link = await t.app.get(LoginLinks).create(userid, t.url);
  const answer = await call(t.url, new URL(link.url).pathname + new URL(link.url).search);
  const cookie = cookieOf(answer);
  if (answer.status !== 302 || !cookie) throw new Error(`sign-in as ${userid} failed: ${answer.status} ${answer.headers.get('location')}`);
  const me = await call(t.url, '/api/me', { cookie });
  return { cookie, csrf: (me.json as { csrfToken: string }).csrfToken };
}
