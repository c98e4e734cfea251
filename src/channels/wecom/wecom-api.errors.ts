import { AppException } from '../../common/app.exception';

/**
 * What a failed WeCom call means for the caller:
 * - token: access token or secret refused after one refresh (config or WeCom-side invalidation);
 * - rate_limit: frequency or concurrency limit (45009, 45033): try again later;
 * - window: a kf session does not allow sending now (95001, 95002, 95018, 95031): wait for the customer;
 * - invalid: the request itself is wrong: retrying the same request will fail again;
 * - unavailable: -1, HTTP 5xx, timeout or network: transient.
 */
export type WecomApiErrorKind = 'token' | 'rate_limit' | 'window' | 'invalid' | 'unavailable';

/** refused: the connection was never accepted, so the request cannot have been processed. */
export type WecomTransportFailure = 'timeout' | 'http' | 'network' | 'refused';

export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);
export const RATE_LIMIT_ERRCODES: ReadonlySet<number> = new Set([45009, 45033]);
export const WINDOW_ERRCODES: ReadonlySet<number> = new Set([95001, 95002, 95018, 95031]);

export function errcodeKind(errcode: number): WecomApiErrorKind {
  if (errcode === -1) return 'unavailable';
  if (TOKEN_ERRCODES.has(errcode) || errcode === 40013 || errcode === 41001) return 'token';
  if (RATE_LIMIT_ERRCODES.has(errcode)) return 'rate_limit';
  if (WINDOW_ERRCODES.has(errcode)) return 'window';
  return 'invalid';
}

const HINTS: Readonly<Record<number, string>> = {
  [-1]: 'WeCom is busy',
  40001: 'the secret is invalid (wrong, reset, or the app is disabled)',
  40013: 'the corp id is invalid',
  40014: 'the access token is invalid',
  42001: 'the access token expired',
  45009: 'API frequency limit reached',
  45033: 'API concurrency limit reached',
  60020: 'this server IP is not in the app\'s trusted IPs',
  81013: 'every recipient is invalid or outside the app\'s visible range',
  95001: 'the 5-message limit of this kf session is used up until the customer writes again',
  95002: 'more than 48 h since the customer\'s last message',
  95018: 'the kf session state does not allow sending through the API',
  95031: 'the customer has not written within 48 h',
};

type WecomApiErrorCode = 'WECOM_API_TOKEN' | 'WECOM_API_RATE_LIMIT' | 'WECOM_API_WINDOW' | 'WECOM_API_INVALID' | 'WECOM_API_UNAVAILABLE';

const WECOM_API_CODE: Readonly<Record<WecomApiErrorKind, WecomApiErrorCode>> = {
  token: 'WECOM_API_TOKEN',
  rate_limit: 'WECOM_API_RATE_LIMIT',
  window: 'WECOM_API_WINDOW',
  invalid: 'WECOM_API_INVALID',
  unavailable: 'WECOM_API_UNAVAILABLE',
};

/** A failed WeCom API call. Never carries the access token, the secret, or the request body. */
export class WecomApiError extends AppException<WecomApiErrorCode> {
  /** Whether the same request may succeed later (the outbox backs off); window errors wait for the customer instead. */
  readonly retryable: boolean;
  /** Set when WeCom gave no errcode (errcode is then -1): how the HTTP exchange failed. */
  readonly transport?: WecomTransportFailure;

  constructor(
    readonly kind: WecomApiErrorKind,
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
    options: { retryable?: boolean; transport?: WecomTransportFailure } = {},
  ) {
    const hint = HINTS[errcode] ? `: ${HINTS[errcode]}` : '';
    super(
      WECOM_API_CODE[kind],
      `WeCom ${path} failed with errcode ${errcode}${hint} (${errmsg})`,
      { errcode, path },
    );
    this.transport = options.transport;
    // A refused secret or corp id will not fix itself; an invalidated token may (WeCom revokes tokens early).
    this.retryable = options.retryable ?? (kind === 'unavailable' || kind === 'rate_limit' || (kind === 'token' && errcode !== 40001 && errcode !== 40013));
  }
}
