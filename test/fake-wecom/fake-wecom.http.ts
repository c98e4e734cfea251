import type { IncomingHttpHeaders } from 'node:http';
import { FakeWecomState, isObject, Json, JsonObject } from './fake-wecom.state';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type FakeReply =
  | { json: JsonObject; status?: number }
  | { status: number; headers: Record<string, string>; body: Buffer };

export type FakeHandler = (state: FakeWecomState, req: FakeRequest) => FakeReply;

export function ok(extra: JsonObject = {}): FakeReply {
  return { json: { errcode: 0, errmsg: 'ok', ...extra } };
}

export function fail(errcode: number, errmsg: string): FakeReply {
  return { json: { errcode, errmsg } };
}


/** Checks access_token the way WeCom does: missing 41001, unknown 40014, expired or revoked 42001. */
export function checkToken(state: FakeWecomState, req: FakeRequest, kind: 'app' | 'kf'): FakeReply | undefined {
  const token = req.query.get('access_token');
  if (!token) return fail(41001, 'access_token missing');
  const entry = state.tokens.get(token);
  if (!entry) return fail(40014, 'invalid access_token');
  if (entry.revoked || entry.expiresAt <= state.clock.now()) return fail(42001, 'access_token expired');
  // Customer Service APIs need the token of the app authorized for kf (its own secret when configured).
  const wanted = kind === 'kf' && state.secrets.kf ? 'kf' : 'app';
  if (entry.kind !== wanted) return fail(48002, 'api forbidden for this token');
  return undefined;
}

/** The JSON body as an object, or undefined: answer that with BAD_JSON (47001, WeCom's "data format error"). */
export function jsonBody(req: FakeRequest): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(req.body.toString('utf8') || 'null');
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export const BAD_JSON = (): FakeReply => fail(47001, 'data format error');

export function text(obj: JsonObject | undefined, key: string): string | undefined {
  const value = obj?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function obj(parent: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = parent?.[key];
  return isObject(value) ? value : undefined;
}

export function list(parent: JsonObject | undefined, key: string): Json[] | undefined {
  const value = parent?.[key];
  return Array.isArray(value) ? value : undefined;
}
