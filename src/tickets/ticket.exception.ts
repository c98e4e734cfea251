import { AppException } from '../common/app.exception';

/** The ticket rules' refusals, a slice of the app's code catalogue (which also decides their HTTP status). */
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

/** A ticket move that the rules refuse; `details` says why (e.g. who holds a ticket already taken). */
export class TicketException extends AppException<TicketExceptionCode> {
  constructor(message: string, code: TicketExceptionCode, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
