import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as app from './fake-wecom.app-api';
import * as kf from './fake-wecom.kf-api';
import { FakeHandler, FakeReply, FakeRequest } from './fake-wecom.http';
import { FakeCall, FakeClock, FakeKfMessage, FakeSent, FakeWecomOptions, FakeWecomState, isObject, Json, KfSession } from './fake-wecom.state';

export type { FakeWecomOptions, FakeKfMessage, FakeSent, FakeCall } from './fake-wecom.state';

/** What an injected failure does to a matching request. */
export type FakeFailure =
  | { type: 'http'; status: number }
  | { type: 'errcode'; errcode: number; errmsg?: string }
  /** Answer normally, but only after this delay (to trigger client timeouts). */
  | { type: 'delay'; ms: number }
  /** Destroy the socket without answering. */
  | { type: 'reset' }
  /** Answer 200 with this raw body (e.g. JSON with 64-bit numbers). */
  | { type: 'body'; body: string; contentType?: string };

export interface FailureRule {
  failure: FakeFailure;
  /** Exact path such as '/cgi-bin/message/send'; all paths when absent. */
  path?: string;
  /** Number of matching calls to fail; default 1 unless forMs is given. */
  times?: number;
  /** Fail every matching call for this long on the fake clock. */
  forMs?: number;
}

export interface FakeWecom {
  /** Base URL for WECOM_API_BASE, e.g. http://127.0.0.1:53412 */
  readonly url: string;
  readonly port: number;
  readonly corpId: string;
  readonly agentId: number;
  readonly clock: FakeClock;
  /** Every accepted outbound call (sends, card updates, state changes, uploads), oldest first. */
  readonly sent: readonly FakeSent[];
  /** Every call with the errcode it got (access_token never recorded). */
  readonly calls: readonly FakeCall[];
  callCount(path: string): number;
  injectFailures(...rules: FailureRule[]): void;
  clearFailures(): void;
  /** Stop accepting connections (connection refused) until up(), or for forMs of real time. */
  down(forMs?: number): Promise<void>;
  up(): Promise<void>;
  /** Revokes every issued access token: the next call with one gets 42001. */
  revokeTokens(): void;
  queueKfMessages(openKfid: string, messages: FakeKfMessage[]): { token: string };
  setKfSession(openKfid: string, externalUserid: string, session: Partial<KfSession>): KfSession;
  getKfSession(openKfid: string, externalUserid: string): KfSession;
  addKfAccount(openKfid: string): void;
  addServicer(userid: string): void;
  /** A response_code as a template_card_event callback would carry it. */
  issueResponseCode(): string;
  /** A welcome_code for send_msg_on_event, valid 20 s on the fake clock. */
  issueWelcomeCode(openKfid: string, externalUserid: string): string;
  registerOAuthCode(code: string, userid: string): void;
  addMedia(bytes: Buffer, contentType: string, filename: string): string;
  close(): Promise<void>;
}

const ROUTES: Readonly<Record<string, { method: 'GET' | 'POST'; handler: FakeHandler }>> = {
  '/cgi-bin/gettoken': { method: 'GET', handler: app.gettoken },
  '/cgi-bin/message/send': { method: 'POST', handler: app.messageSend },
  '/cgi-bin/message/update_template_card': { method: 'POST', handler: app.updateTemplateCard },
  '/cgi-bin/media/upload': { method: 'POST', handler: app.mediaUpload },
  '/cgi-bin/media/get': { method: 'GET', handler: app.mediaGet },
  '/cgi-bin/auth/getuserinfo': { method: 'GET', handler: app.getUserInfo },
  '/cgi-bin/kf/sync_msg': { method: 'POST', handler: kf.kfSyncMsg },
  '/cgi-bin/kf/send_msg': { method: 'POST', handler: kf.kfSendMsg },
  '/cgi-bin/kf/send_msg_on_event': { method: 'POST', handler: kf.kfSendMsgOnEvent },
  '/cgi-bin/kf/service_state/get': { method: 'POST', handler: kf.kfServiceStateGet },
  '/cgi-bin/kf/service_state/trans': { method: 'POST', handler: kf.kfServiceStateTrans },
};

const MAX_BODY = 25 * 1024 * 1024;

/** Starts a fake WeCom API on 127.0.0.1 (ephemeral port unless given) that validates like the documented API. */
export async function startFakeWecom(options: FakeWecomOptions = {}): Promise<FakeWecom> {
  const state = new FakeWecomState(options);
  const rules: (FailureRule & { until?: number; left: number })[] = [];
  const sockets = new Set<Socket>();
  const host = options.host ?? '127.0.0.1';
  let server: Server = createServer();
  let port = options.port ?? 0;
  let reopenTimer: NodeJS.Timeout | undefined;

  const takeFailure = (path: string): FakeFailure | undefined => {
    const now = state.clock.now();
    for (const rule of rules) {
      if (rule.path !== undefined && rule.path !== path) continue;
      if (rule.until !== undefined ? rule.until > now : rule.left > 0) {
        rule.left -= 1;
        return rule.failure;
      }
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    const path = url.pathname;
    let failure = takeFailure(path);
    if (failure?.type === 'delay') {
      await new Promise((resolve) => setTimeout(resolve, failure && failure.type === 'delay' ? failure.ms : 0));
      failure = undefined;
    }
    if (failure?.type === 'reset') {
      req.socket.destroy();
      return;
    }
    if (failure?.type === 'http') return send(res, { status: failure.status, headers: { 'content-type': 'text/html' }, body: Buffer.from('<html>error</html>') });
    if (failure?.type === 'body') return send(res, { status: 200, headers: { 'content-type': failure.contentType ?? 'application/json' }, body: Buffer.from(failure.body) });
    const route = ROUTES[path];
    let reply: FakeReply;
    if (!route) reply = { status: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from('not found') };
    else if (failure?.type === 'errcode') reply = { json: { errcode: failure.errcode, errmsg: failure.errmsg ?? 'injected' } };
    else if (req.method !== route.method) reply = { json: { errcode: 40058, errmsg: `expected ${route.method}` } };
    else {
      const fakeReq: FakeRequest = { method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, body };
      reply = route.handler(state, fakeReq);
    }
    record(state, req.method ?? 'GET', path, url.searchParams, req.headers['content-type'], body, reply);
    send(res, reply);
  };

  const listen = async (): Promise<void> => {
    server = createServer((req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  };

  const stop = async (): Promise<void> => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  await listen();

  return {
    get url() { return `http://${host}:${port}`; },
    get port() { return port; },
    corpId: state.corpId,
    agentId: state.agentId,
    clock: state.clock,
    sent: state.sent,
    calls: state.calls,
    callCount: (path) => state.calls.filter((c) => c.path === path).length,
    injectFailures: (...newRules) => {
      for (const rule of newRules) {
        rules.push({ ...rule, left: rule.times ?? (rule.forMs === undefined ? 1 : 0), until: rule.forMs === undefined ? undefined : state.clock.now() + rule.forMs });
      }
    },
    clearFailures: () => { rules.length = 0; },
    down: async (forMs) => {
      await stop();
      if (forMs !== undefined) reopenTimer = setTimeout(() => void listen(), forMs);
    },
    up: async () => {
      if (reopenTimer) clearTimeout(reopenTimer);
      if (!server.listening) await listen();
    },
    revokeTokens: () => { for (const token of state.tokens.values()) token.revoked = true; },
    queueKfMessages: (openKfid, messages) => state.queueKfMessages(openKfid, messages),
    setKfSession: (openKfid, externalUserid, patch) => {
      state.kfAccounts.add(openKfid);
      return Object.assign(state.session(openKfid, externalUserid), patch);
    },
    getKfSession: (openKfid, externalUserid) => ({ ...state.session(openKfid, externalUserid) }),
    addKfAccount: (openKfid) => { state.kfAccounts.add(openKfid); },
    addServicer: (userid) => { state.servicers.add(userid); },
    issueResponseCode: () => app.issueResponseCode(state),
    issueWelcomeCode: (openKfid, externalUserid) => {
      state.kfAccounts.add(openKfid);
      return state.issueCode({ kind: 'welcome', openKfid, externalUserid }, 20_000);
    },
    registerOAuthCode: (code, userid) => { state.oauthCodes.set(code, userid); },
    addMedia: (bytes, contentType, filename) => {
      const mediaId = state.nextId('MEDIA');
      state.media.set(mediaId, { bytes, contentType, filename });
      return mediaId;
    },
    close: async () => {
      if (reopenTimer) clearTimeout(reopenTimer);
      await stop();
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, reply: FakeReply): void {
  if ('json' in reply) {
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.json));
    return;
  }
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

function record(state: FakeWecomState, method: string, path: string, params: URLSearchParams, contentType: string | undefined, body: Buffer, reply: FakeReply): void {
  const query: Record<string, string> = {};
  for (const [key, value] of params) if (key !== 'access_token' && key !== 'corpsecret') query[key] = value;
  let parsed: Json = null;
  if (/json/i.test(contentType ?? '') || (body.length > 0 && body[0] === 0x7b)) {
    try {
      parsed = JSON.parse(body.toString('utf8')) as Json;
    } catch {
      parsed = body.toString('utf8');
    }
  } else if (body.length > 0) {
    parsed = { bytes: body.length };
  }
  const errcode = 'json' in reply && isObject(reply.json) && typeof reply.json.errcode === 'number' ? reply.json.errcode : 0;
  state.calls.push({ method, path, body: parsed, query, errcode, at: state.clock.now() });
}
