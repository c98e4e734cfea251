import JSONbig from 'json-bigint';
import { toKfSyncMessage, KfSyncMessage } from './wecom-messages';
import { errcodeKind, TOKEN_ERRCODES, WecomApiError, WecomTransportFailure } from './wecom-api.errors';
import type {
  AppMessage, AppMessageResult, DownloadedMedia, KfSendMsgOnEventRequest, KfSendMsgRequest, KfServiceStateResult,
  KfServiceStateTransRequest, KfSyncMsgRequest, MediaType, OAuthUserInfo, SecretKind, UpdateTemplateCard, UploadedMedia,
  WecomApiClientOptions,
} from './wecom-api.types';

// Big ids (msgid, MsgId) come back as exact strings; __proto__ keys in a response are dropped.
const JSON_BIG = JSONbig({ storeAsString: true, protoAction: 'ignore', constructorAction: 'ignore' });
/** Refresh this long before WeCom's expires_in, so a token never expires mid-request. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
/** After WeCom refuses the secret, don't ask again for a minute: repeated failures get the IP blocked for an hour. */
const REFUSED_SECRET_PAUSE_MS = 60 * 1000;

type JsonRecord = Record<string, unknown>;
interface CallSpec {
  method: 'GET' | 'POST';
  path: string;
  secret: SecretKind;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  /** Safe to repeat after a timeout or 5xx (the first attempt may have been processed). */
  idempotent: boolean;
  binary?: boolean;
}
type CallResult = { json: JsonRecord } | { bytes: Buffer; contentType: string; filename?: string };

export interface KfSyncResult {
  nextCursor: string;
  hasMore: boolean;
  messages: KfSyncMessage[];
}

/** Typed WeCom server-API client: cached per-secret access tokens, one refresh on token errors, bounded back-off. */
export class WecomApiClient {
  private readonly tokens = new Map<SecretKind, { token: string; expiresAt: number }>();
  private readonly inflight = new Map<SecretKind, Promise<string>>();
  private readonly refused = new Map<SecretKind, { until: number; error: WecomApiError }>();
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly apiBase: string;

  constructor(private readonly options: WecomApiClientOptions) {
    this.fetchFn = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.apiBase = options.apiBase.replace(/\/+$/, '');
  }

  /** A valid access token for that secret; concurrent callers share one gettoken request. */
  async getToken(secretKind: SecretKind = 'app'): Promise<string> {
    const kind = this.resolve(secretKind);
    const cached = this.tokens.get(kind);
    if (cached && cached.expiresAt > this.now()) return cached.token;
    const refused = this.refused.get(kind);
    if (refused && refused.until > this.now()) throw refused.error;
    let pending = this.inflight.get(kind);
    if (!pending) {
      pending = this.fetchToken(kind).finally(() => this.inflight.delete(kind));
      this.inflight.set(kind, pending);
    }
    return pending;
  }

  async sendAppMessage(body: AppMessage): Promise<AppMessageResult> {
    const json = await this.callJson({ method: 'POST', path: '/cgi-bin/message/send', secret: 'app', json: { ...body, agentid: this.agentId() }, idempotent: false });
    return { ...pick(json, ['invaliduser', 'invalidparty', 'invalidtag', 'unlicenseduser', 'response_code']), msgid: str(json.msgid) };
  }

  async updateTemplateCard(body: UpdateTemplateCard): Promise<{ invaliduser: string[] }> {
    const json = await this.callJson({ method: 'POST', path: '/cgi-bin/message/update_template_card', secret: 'app', json: { ...body, agentid: this.agentId() }, idempotent: false });
    return { invaliduser: Array.isArray(json.invaliduser) ? json.invaliduser.map(String) : [] };
  }

  /** One page of Customer Service messages; keep calling while hasMore (msg_list may be empty even then). */
  async kfSyncMsg(request: KfSyncMsgRequest): Promise<KfSyncResult> {
    // Reading does not advance the cursor server-side, so a repeat after a timeout is harmless.
    const json = await this.callJson({ method: 'POST', path: '/cgi-bin/kf/sync_msg', secret: 'kf', json: request, idempotent: true });
    const list = Array.isArray(json.msg_list) ? json.msg_list : [];
    return { nextCursor: str(json.next_cursor), hasMore: Number(json.has_more) === 1, messages: list.map(toKfSyncMessage) };
  }

  async kfSendMsg(body: KfSendMsgRequest): Promise<{ msgid: string }> {
    const json = await this.callJson({ method: 'POST', path: '/cgi-bin/kf/send_msg', secret: 'kf', json: body, idempotent: false });
    return { msgid: str(json.msgid) };
  }

  async kfSendMsgOnEvent(body: KfSendMsgOnEventRequest): Promise<{ msgid: string }> {
    const json = await this.callJson({ method: 'POST', path: '/cgi-bin/kf/send_msg_on_event', secret: 'kf', json: body, idempotent: false });
    return { msgid: str(json.msgid) };
  }

  async kfServiceStateGet(request: { open_kfid: string; external_userid: string }): Promise<KfServiceStateResult> {
    const json = await this.callJson({ method: 'POST', path: '/cgi-bin/kf/service_state/get', secret: 'kf', json: request, idempotent: true });
    const state = Number(json.service_state);
    if (![0, 1, 2, 3, 4].includes(state)) throw new WecomApiError('invalid', 0, 'unexpected service_state', '/cgi-bin/kf/service_state/get');
    return { service_state: state as KfServiceStateResult['service_state'], ...pick(json, ['servicer_userid']) };
  }

  async kfServiceStateTrans(request: KfServiceStateTransRequest): Promise<{ msg_code?: string }> {
    const json = await this.callJson({ method: 'POST', path: '/cgi-bin/kf/service_state/trans', secret: 'kf', json: request, idempotent: false });
    return pick(json, ['msg_code']);
  }

  /** Temporary media (valid 3 days) for image/voice/video/file messages. */
  async uploadMedia(type: MediaType, bytes: Buffer, filename: string, contentType = 'application/octet-stream'): Promise<UploadedMedia> {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(bytes)], { type: contentType }), filename);
    const json = await this.callJson({ method: 'POST', path: '/cgi-bin/media/upload', secret: 'app', query: { type }, form, idempotent: false });
    return { type, media_id: str(json.media_id), created_at: str(json.created_at) };
  }

  /** Downloads media a member or customer sent (media_id valid 3 days); kf media needs the kf token. */
  async getMedia(mediaId: string, secretKind: SecretKind = 'app'): Promise<DownloadedMedia> {
    const result = await this.call({ method: 'GET', path: '/cgi-bin/media/get', secret: secretKind, query: { media_id: mediaId }, idempotent: true, binary: true });
    if ('json' in result) throw new WecomApiError('invalid', 0, 'expected media bytes, got JSON', '/cgi-bin/media/get');
    return result;
  }

  /** Web OAuth: exchanges the one-time code from the redirect for the member's userid. */
  async getUserInfoByCode(code: string): Promise<OAuthUserInfo> {
    const json = await this.callJson({ method: 'GET', path: '/cgi-bin/auth/getuserinfo', secret: 'app', query: { code }, idempotent: false });
    return pick(json, ['userid', 'user_ticket', 'openid', 'external_userid']);
  }

  // ---- internals --------------------------------------------------------------------------------------------

  private resolve(kind: SecretKind): SecretKind {
    // Without its own secret, Customer Service runs on the app's token: one cache entry, not two.
    return kind === 'kf' && this.options.secrets.kf ? 'kf' : 'app';
  }

  private agentId(): number {
    return Number(this.options.agentId);
  }

  private async fetchToken(kind: SecretKind): Promise<string> {
    const secret = kind === 'kf' ? this.options.secrets.kf ?? '' : this.options.secrets.app;
    const startedAt = this.now();
    try {
      const { json } = (await this.withBackoff({ method: 'GET', path: '/cgi-bin/gettoken', secret: kind, query: { corpid: this.options.corpId, corpsecret: secret }, idempotent: true }, undefined)) as { json: JsonRecord };
      const token = str(json.access_token);
      const expiresInMs = Number(json.expires_in) * 1000;
      if (!token || !(expiresInMs > 0)) throw new WecomApiError('token', 0, 'gettoken answered without a token', '/cgi-bin/gettoken');
      const lifetime = expiresInMs > 2 * TOKEN_MARGIN_MS ? expiresInMs - TOKEN_MARGIN_MS : expiresInMs / 2;
      this.tokens.set(kind, { token, expiresAt: startedAt + lifetime });
      return token;
    } catch (e) {
      if (e instanceof WecomApiError && e.kind === 'token' && !e.retryable) this.refused.set(kind, { until: this.now() + REFUSED_SECRET_PAUSE_MS, error: e });
      throw e;
    }
  }

  private invalidate(kind: SecretKind, token: string): void {
    // Only drop the token this call used: another caller may already hold a fresh one.
    if (this.tokens.get(kind)?.token === token) this.tokens.delete(kind);
  }

  private async callJson(spec: CallSpec): Promise<JsonRecord> {
    const result = await this.call(spec);
    if (!('json' in result)) throw new WecomApiError('invalid', 0, 'expected JSON', spec.path);
    return result.json;
  }

  private async call(spec: CallSpec): Promise<CallResult> {
    const kind = this.resolve(spec.secret);
    let token = await this.getToken(kind);
    try {
      return await this.withBackoff(spec, token);
    } catch (e) {
      if (!(e instanceof WecomApiError) || !TOKEN_ERRCODES.has(e.errcode)) throw e;
      // Exactly one refresh: a second token error means the problem is not staleness, so stop here.
      this.invalidate(kind, token);
      token = await this.getToken(kind);
      return this.withBackoff(spec, token);
    }
  }

  private async withBackoff(spec: CallSpec, token: string | undefined): Promise<CallResult> {
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 3);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.exchange(spec, token);
      } catch (e) {
        if (!(e instanceof WecomApiError) || attempt >= maxAttempts || !this.worthRepeating(e, spec)) throw e;
        const base = (this.options.backoffBaseMs ?? 200) * 2 ** Math.min(attempt - 1, 3);
        await this.sleep(Math.round(base / 2 + (base / 2) * this.random()));
      }
    }
  }

  private worthRepeating(e: WecomApiError, spec: CallSpec): boolean {
    // -1 and 45033 mean WeCom did not do it; 45009 blocks for a minute or more, so that is the outbox's wait.
    if (e.transport === undefined) return e.errcode === -1 || e.errcode === 45033;
    return e.transport === 'refused' || spec.idempotent;
  }

  private async exchange(spec: CallSpec, token: string | undefined): Promise<CallResult> {
    const query = new URLSearchParams({ ...(token ? { access_token: token } : {}), ...spec.query });
    const url = `${this.apiBase}${spec.path}?${query.toString()}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let status: number;
    let contentType: string;
    let disposition: string | null;
    let bytes: Buffer;
    try {
      const response = await this.fetchFn(url, {
        method: spec.method,
        signal: controller.signal,
        ...(spec.form ? { body: spec.form } : spec.json !== undefined ? { body: JSON.stringify(spec.json), headers: { 'content-type': 'application/json' } } : {}),
      });
      status = response.status;
      contentType = response.headers.get('content-type') ?? '';
      disposition = response.headers.get('content-disposition');
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (e) {
      throw transportError(spec.path, e, controller.signal.aborted, this.options.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
    if (status >= 500) throw new WecomApiError('unavailable', -1, `HTTP ${status}`, spec.path, { transport: 'http' });
    const isJson = /json|text\/plain/i.test(contentType) || (!spec.binary && bytes.length > 0);
    if (spec.binary && !isJson && status < 400) {
      const filename = /filename="?([^";]+)"?/i.exec(disposition ?? '')?.[1];
      return { bytes, contentType, ...(filename ? { filename } : {}) };
    }
    let json: unknown;
    try {
      json = JSON_BIG.parse(bytes.toString('utf8'));
    } catch {
      throw new WecomApiError(status >= 400 ? 'invalid' : 'unavailable', -1, `HTTP ${status} with a body that is not JSON`, spec.path, { transport: 'http' });
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new WecomApiError('unavailable', -1, 'response is not a JSON object', spec.path, { transport: 'http' });
    const record = json as JsonRecord;
    const errcode = Number(record.errcode ?? 0);
    if (errcode !== 0) throw new WecomApiError(errcodeKind(errcode), errcode, str(record.errmsg), spec.path);
    return { json: record };
  }
}

function transportError(path: string, e: unknown, aborted: boolean, timeoutMs: number): WecomApiError {
  if (aborted) return new WecomApiError('unavailable', -1, `no answer within ${timeoutMs} ms`, path, { transport: 'timeout' });
  // undici puts the socket error in `cause`; its message names host and port only, never our query string.
  const code = (e as { cause?: { code?: unknown } })?.cause?.code;
  const refused = code === 'ECONNREFUSED';
  return new WecomApiError('unavailable', -1, `network error ${typeof code === 'string' ? code : 'unknown'}`, path, { transport: refused ? 'refused' : 'network' });
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Copies the named fields that are present, as strings (ids may have arrived as big-number strings). */
function pick<K extends string>(json: JsonRecord, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) if (json[key] !== undefined && json[key] !== null && json[key] !== '') out[key] = String(json[key]);
  return out;
}
