/** A failure inside a dialog step, with where it happened (never the resident's text) for the log. */
export class DialogError extends Error {
  constructor(
    readonly dialogId: string,
    readonly thread: string,
    readonly stepIndex: number,
    readonly user: string,
    readonly cause: unknown,
  ) {
    super(`DialogError: ${dialogId}[${thread}#${stepIndex}] for user ${user}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DialogError';
  }
}
