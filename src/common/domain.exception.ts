/**
 * Base of minyi's domain errors: a stable code (for clients and tests), an HTTP status for the API edge, and a
 * message for operators. Residents never see the message; the chat replies with a localized text instead.
 */
export abstract class DomainException<C extends string = string> extends Error {
  protected constructor(
    message: string,
    readonly code: C,
    readonly httpStatus: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
