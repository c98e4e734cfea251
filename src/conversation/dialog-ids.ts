/** Dialog ids: each is the `id` of one file in `dialogs/`. Code refers to dialogs only through these. */
export const DIALOG = {
  MENU: 'MENU',
  FILE_CONCERN: 'FILE_CONCERN',
  CHECK_STATUS: 'CHECK_STATUS',
  ADD_INFO: 'ADD_INFO',
  RATE: 'RATE',
  HANDOFF: 'HANDOFF',
  BOOK_VISIT: 'BOOK_VISIT',
  CONSULT_REPLY: 'CONSULT_REPLY',
} as const;

export type DialogId = (typeof DIALOG)[keyof typeof DIALOG];

/** Dialogs the router starts by itself; a dialogs folder without them does not load. */
export const REQUIRED_DIALOGS: readonly string[] = Object.values(DIALOG);

/** Threads that code starts directly (besides `default`), so the reachability check counts them. */
export const ENTRY_THREADS: Readonly<Record<string, readonly string[]>> = {
  [DIALOG.MENU]: ['options', 'help'],
  // The comment after a one-step rating (rate-in-one-step.ts).
  [DIALOG.RATE]: ['comment'],
};
