import { DomainException } from '../common/domain.exception';

export enum TicketExceptionCode {
  TICKET_NOT_FOUND = 'TICKET_NOT_FOUND',
  WORKSTATION_NOT_FOUND = 'WORKSTATION_NOT_FOUND',
  NOT_ALLOWED = 'NOT_ALLOWED',
  ILLEGAL_STATE = 'ILLEGAL_STATE',
  ALREADY_TAKEN = 'ALREADY_TAKEN',
  CONCURRENT_CHANGE = 'CONCURRENT_CHANGE',
  EXTENSION_LIMIT_REACHED = 'EXTENSION_LIMIT_REACHED',
  ALREADY_COHANDLING = 'ALREADY_COHANDLING',
  INVALID_INPUT = 'INVALID_INPUT',
}

function assertUnreachable(code: never): never {
  throw new Error(`TicketException: unknown code ${String(code)}`);
}

export function httpStatusOf(code: TicketExceptionCode): number {
  switch (code) {
    case TicketExceptionCode.TICKET_NOT_FOUND:
    case TicketExceptionCode.WORKSTATION_NOT_FOUND:
      return 404;
    case TicketExceptionCode.NOT_ALLOWED:
      return 403;
    case TicketExceptionCode.ILLEGAL_STATE:
    case TicketExceptionCode.ALREADY_TAKEN:
    case TicketExceptionCode.CONCURRENT_CHANGE:
    case TicketExceptionCode.EXTENSION_LIMIT_REACHED:
    case TicketExceptionCode.ALREADY_COHANDLING:
      return 409;
    case TicketExceptionCode.INVALID_INPUT:
      return 400;
    default:
      return assertUnreachable(code);
  }
}

/** A ticket move that the rules refuse; `details` says why (e.g. who holds a ticket already taken). */
export class TicketException extends DomainException<TicketExceptionCode> {
  constructor(message: string, code: TicketExceptionCode, details?: Record<string, unknown>) {
    super(message, code, httpStatusOf(code), details);
  }
}
