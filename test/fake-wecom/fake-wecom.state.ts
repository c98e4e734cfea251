/** In-memory state of the fake WeCom server: tokens, sent messages, kf queues and sessions, one-time codes. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface FakeWecomOptions {
  corpId?: string;
  agentId?: number;
  secrets?: { app: string; kf?: string };
  /** expires_in handed out by gettoken. */
  tokenTtlSeconds?: number;
  /** When set, message/send treats other userids as invalid (81013 when none is valid). */
  users?: string[];
  /** Servicers allowed in service_state/trans to state 3. */
  servicers?: string[];
  kfAccounts?: string[];
  port?: number;
  host?: string;
}

export interface FakeCall {
  method: string;
  path: string;
  /** The parsed JSON body, or for multipart a summary; access_token is never recorded. */
  body: Json;
  query: Record<string, string>;
  errcode: number;
  at: number;
}

export interface FakeSent {
  path: string;
  body: Json;
  at: number;
  /** Doc-level truncations WeCom would apply silently (e.g. text over 2048 bytes). */
  warnings: string[];
}

/** One message as kf/sync_msg returns it; the fake fills msgid, send_time and origin when left out. */
export interface FakeKfMessage {
  msgid?: string;
  external_userid?: string;
  send_time?: number;
  origin?: 3 | 4 | 5;
  servicer_userid?: string;
  msgtype: string;
  [payload: string]: Json | undefined;
}

export interface KfSession {
  state: 0 | 1 | 2 | 3 | 4;
  servicerUserid?: string;
  /** ms on the fake clock; undefined = the customer never wrote. */
  lastCustomerMessageAt?: number;
  /** send_msg calls accepted since the customer's last message. */
  sentSinceCustomer: number;
}

export interface OneTimeCode {
  kind: 'welcome' | 'state';
  openKfid: string;
  externalUserid: string;
  expiresAt: number;
  used: boolean;
  /** State codes only work while the session stays in the state that produced them. */
  state?: number;
}

export const HOURS = 3600 * 1000;

/** Real time plus a manual offset, so tests can jump 48 h without waiting. */
export class FakeClock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  seconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

export class FakeWecomState {
  readonly corpId: string;
  readonly agentId: number;
  readonly secrets: { app: string; kf?: string };
  readonly tokenTtlSeconds: number;
  readonly users?: Set<string>;
  readonly servicers: Set<string>;
  readonly kfAccounts: Set<string>;
  readonly clock = new FakeClock();

  readonly calls: FakeCall[] = [];
  readonly sent: FakeSent[] = [];
  readonly tokens = new Map<string, { kind: 'app' | 'kf'; expiresAt: number; revoked: boolean }>();
  readonly responseCodes = new Map<string, { expiresAt: number; used: boolean }>();
  readonly taskIds = new Set<string>();
  readonly kfQueue: (FakeKfMessage & { open_kfid: string; seq: number })[] = [];
  readonly kfTokens = new Map<string, { openKfid: string; expiresAt: number }>();
  readonly kfSessions = new Map<string, KfSession>();
  readonly kfMsgids = new Set<string>();
  readonly codes = new Map<string, OneTimeCode>();
  readonly media = new Map<string, { bytes: Buffer; contentType: string; filename: string }>();
  readonly oauthCodes = new Map<string, string>();
  private counter = 0;

  constructor(options: FakeWecomOptions) {
    this.corpId = options.corpId ?? 'wwfake0000000001';
    this.agentId = options.agentId ?? 1000002;
    this.secrets = options.secrets ?? { app: 'app-secret' };
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 7200;
    this.users = options.users ? new Set(options.users) : undefined;
    this.servicers = new Set(options.servicers ?? []);
    this.kfAccounts = new Set(options.kfAccounts ?? []);
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  }

  session(openKfid: string, externalUserid: string): KfSession {
    const key = `${openKfid}|${externalUserid}`;
    let session = this.kfSessions.get(key);
    if (!session) {
      session = { state: 4, sentSinceCustomer: 0 };
      this.kfSessions.set(key, session);
    }
    return session;
  }

  issueCode(code: Omit<OneTimeCode, 'used' | 'expiresAt'>, validMs: number): string {
    const value = this.nextId(code.kind === 'welcome' ? 'WELCOME' : 'MSGCODE');
    this.codes.set(value, { ...code, used: false, expiresAt: this.clock.now() + validMs });
    return value;
  }

  /** Adds messages to the sync_msg queue; customer messages (origin 3) open a 48 h / 5-message window. */
  queueKfMessages(openKfid: string, messages: FakeKfMessage[]): { token: string } {
    this.kfAccounts.add(openKfid);
    for (const input of messages) {
      const msg = { ...input, open_kfid: openKfid, seq: this.kfQueue.length + 1 };
      msg.msgid ??= this.nextId('from_msgid_');
      msg.send_time ??= this.clock.seconds();
      msg.origin ??= 3;
      this.kfQueue.push(msg);
      if (msg.origin === 3 && msg.external_userid) {
        const session = this.session(openKfid, msg.external_userid);
        session.lastCustomerMessageAt = msg.send_time * 1000;
        session.sentSinceCustomer = 0;
        if (session.state === 4) session.state = 0;
      }
      const event = input.event;
      if (msg.msgtype === 'event' && isObject(event) && event.event_type === 'enter_session' && typeof event.welcome_code === 'string') {
        const externalUserid = typeof event.external_userid === 'string' ? event.external_userid : msg.external_userid ?? '';
        this.codes.set(event.welcome_code, { kind: 'welcome', openKfid, externalUserid, used: false, expiresAt: this.clock.now() + 20_000 });
      }
    }
    const token = this.nextId('ENCTOKEN');
    this.kfTokens.set(token, { openKfid, expiresAt: this.clock.now() + 10 * 60_000 });
    return { token };
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function byteLength(value: unknown): number {
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0;
}
