// One way to call the console API: JSON in and out, the CSRF header on writes, sign-in on 401.
let csrfToken = '';

export function setCsrfToken(token) {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = (body && body.error) || 'generic';
    this.fieldErrors = (body && body.details && body.details.fieldErrors) || {};
    this.details = (body && body.details) || {};
  }
}

// Where to land after signing in: the console route that asked for it (a card's ticket link), kept through the
// sign-in page, WeCom's OAuth round trip (server side) and a login link or the admin token (this tab's storage).
// Only `#/…` routes of this console are kept; the server applies the same rule (tickets/ticket-links.ts).
const NEXT_KEY = 'minyi.next';
const SAFE_NEXT = /^#\/[A-Za-z0-9/_?=&%.~-]*$/;

export function safeNext(next) {
  return typeof next === 'string' && next.length <= 300 && SAFE_NEXT.test(next) && !next.startsWith('#//') ? next : null;
}

export function rememberNext(next) {
  const safe = safeNext(next);
  try {
    if (safe) window.sessionStorage.setItem(NEXT_KEY, safe);
  } catch {
    // Storage off (private mode): the server-side `next` still carries it for WeCom.
  }
  return safe;
}

export function takeNext() {
  try {
    const next = safeNext(window.sessionStorage.getItem(NEXT_KEY));
    window.sessionStorage.removeItem(NEXT_KEY);
    return next;
  } catch {
    return null;
  }
}

export function signInPage() {
  const next = rememberNext(window.location.hash);
  window.location.assign(next && next !== '#/' ? `/console/login?next=${encodeURIComponent(next)}` : '/console/login');
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.status === 401 && !path.startsWith('/api/auth/')) {
    signInPage();
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}
