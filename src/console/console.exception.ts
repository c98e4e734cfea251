import { DomainException } from '../common/domain.exception';

export enum ConsoleExceptionCode {
  UNAUTHENTICATED = 'unauthenticated',
  FORBIDDEN = 'forbidden',
  CSRF = 'csrf',
  VALIDATION = 'validation',
  NOT_FOUND = 'not_found',
  CONFLICT = 'conflict',
  ADMIN_TOKEN_DISABLED = 'admin_token_disabled',
  ADMIN_TOKEN_WRONG = 'admin_token_wrong',
  SIGN_IN_THROTTLED = 'sign_in_throttled',
}

const STATUS: Record<ConsoleExceptionCode, number> = {
  [ConsoleExceptionCode.UNAUTHENTICATED]: 401,
  [ConsoleExceptionCode.FORBIDDEN]: 403,
  [ConsoleExceptionCode.CSRF]: 403,
  [ConsoleExceptionCode.VALIDATION]: 400,
  [ConsoleExceptionCode.NOT_FOUND]: 404,
  [ConsoleExceptionCode.CONFLICT]: 409,
  [ConsoleExceptionCode.ADMIN_TOKEN_DISABLED]: 404,
  [ConsoleExceptionCode.ADMIN_TOKEN_WRONG]: 401,
  [ConsoleExceptionCode.SIGN_IN_THROTTLED]: 429,
};

/** Errors of the console API; the global filter turns them into `{error, message, details?}` with the status. */
export class ConsoleException extends DomainException<ConsoleExceptionCode> {
  constructor(code: ConsoleExceptionCode, message: string, details?: Record<string, unknown>) {
    super(message, code, STATUS[code], details);
  }

  /** 400 with `details.fieldErrors` keyed by dotted path, as the front end shows them under the fields. */
  static validation(fieldErrors: Record<string, string[]>, fieldIssues?: Record<string, Array<{ key: string }>>): ConsoleException {
    return new ConsoleException(ConsoleExceptionCode.VALIDATION, 'invalid request', { fieldErrors, ...(fieldIssues ? { fieldIssues } : {}) });
  }

  static field(path: string, message: string): ConsoleException {
    return ConsoleException.validation({ [path]: [message] });
  }
}
