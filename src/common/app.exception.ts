/**
 * Every error code minyi answers with, and the HTTP status each one means. One catalogue, so a code means the
 * same thing whichever module throws it, the console can key its messages on it, and the status is decided in
 * exactly one place (the global filter reads `httpStatus`).
 */
export const APP_ERROR_STATUS = {
  // sessions and requests
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ADMIN_TOKEN_DISABLED: 404,
  ADMIN_TOKEN_WRONG: 401,
  SIGN_IN_THROTTLED: 429,
  RATE_LIMITED: 429,
  BAD_REQUEST: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  // tickets
  TICKET_NOT_FOUND: 404,
  WORKSTATION_NOT_FOUND: 404,
  NOT_ALLOWED: 403,
  ILLEGAL_STATE: 409,
  ALREADY_TAKEN: 409,
  CONCURRENT_CHANGE: 409,
  EXTENSION_LIMIT_REACHED: 409,
  ALREADY_COHANDLING: 409,
  INVALID_INPUT: 400,
  // classification (operator input: training CSVs and lexicon files)
  CSV_MISSING_COLUMN: 422,
  CSV_UNKNOWN_LABEL: 422,
  CSV_MALFORMED: 422,
  CSV_EMPTY: 422,
  LEXICON_INVALID: 422,
  LEXICON_UNREADABLE: 422,
  NOT_LOADED: 503,
  // dialog scripts
  INVALID_SCRIPT: 422,
  UNKNOWN_VERSION: 404,
  // WeCom callbacks: a forged request is 401, anything unreadable 400 (WeCom retries non-200 answers)
  WECOM_BAD_SIGNATURE: 401,
  WECOM_MALFORMED_BODY: 400,
  WECOM_UNDECRYPTABLE: 400,
  WECOM_WRONG_RECEIVER: 400,
  // WeCom API calls: busy or rate-limited is the upstream being unavailable, the rest a bad gateway answer
  WECOM_API_TOKEN: 502,
  WECOM_API_RATE_LIMIT: 503,
  WECOM_API_WINDOW: 502,
  WECOM_API_INVALID: 502,
  WECOM_API_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

/**
 * What a resident or member reads in chat when a request fails with the code; codes not listed get the
 * generic apology. Keys are in locales/<locale>/*.json.
 */
export const CHAT_ERROR_LOCALE_KEY: Partial<Record<AppErrorCode, string>> = {
  NOT_ALLOWED: 'wecom.card.reason.NOT_ALLOWED',
  ILLEGAL_STATE: 'wecom.card.reason.ILLEGAL_STATE',
  TICKET_NOT_FOUND: 'wecom.card.reason.TICKET_NOT_FOUND',
  CONCURRENT_CHANGE: 'wecom.card.reason.CONCURRENT_CHANGE',
};

export const CHAT_GENERIC_ERROR_KEY = 'errors.generic';

export function chatErrorLocaleKey(code: string): string {
  return CHAT_ERROR_LOCALE_KEY[code as AppErrorCode] ?? CHAT_GENERIC_ERROR_KEY;
}

/**
 * Why a field is wrong, as a key of `common.fieldErrors` in the console's locales plus the numbers its wording
 * needs. Parameters are never user ids or unit codes: the console shows them as they are.
 */
export interface FieldReason {
  key: string;
  [param: string]: string | number | undefined;
}

/**
 * Base of minyi's errors: a code from the catalogue (for clients and tests), its HTTP status, and a message
 * for operators. Residents never see the message; the chat replies with a localized text instead.
 */
export class AppException<C extends AppErrorCode = AppErrorCode> extends Error {
  readonly httpStatus: number;

  constructor(
    readonly code: C,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
    this.httpStatus = APP_ERROR_STATUS[code];
  }

  /**
   * 400 with `details.fieldErrors` keyed by dotted path (English, for API clients and logs) and, when known,
   * `details.fieldIssues`: the same problems as keys of `common.fieldErrors` that the console words under the fields.
   */
  static validation(fieldErrors: Record<string, string[]>, fieldIssues?: Record<string, FieldReason[]>): AppException<'VALIDATION'> {
    return new AppException('VALIDATION', 'invalid request', { fieldErrors, ...(fieldIssues ? { fieldIssues } : {}) });
  }

  /** One field is wrong; `reason` says why in words the console can translate (without it the console is generic). */
  static field(path: string, message: string, reason?: FieldReason): AppException<'VALIDATION'> {
    return AppException.validation({ [path]: [message] }, reason ? { [path]: [reason] } : undefined);
  }
}
