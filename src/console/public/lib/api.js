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

export function signInPage() {
  window.location.assign('/console/login');
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
