import { commonHandlers } from './common.handlers';
import { concernHandlers } from './concern.handlers';
import { contactAheadHandlers } from './contact-ahead.handlers';
import { consultHandlers } from './consult.handlers';
import { handoffHandlers } from './handoff.handlers';
import type { DialogHandler } from './handler.types';
import { ticketsHandlers } from './tickets.handlers';
import { visitHandlers } from './visit.handlers';

const BY_NAME = {
  ...commonHandlers,
  ...concernHandlers,
  ...contactAheadHandlers,
  ...ticketsHandlers,
  ...handoffHandlers,
  ...visitHandlers,
  ...consultHandlers,
} satisfies Record<string, DialogHandler>;

export type HandlerName = keyof typeof BY_NAME;

/**
 * Every handler a script may name, by name. Static, so `dialogs validate` checks names without booting. A Map,
 * so a name that happens to be an Object.prototype member (`constructor`, `toString`) is simply unknown.
 */
export const HANDLERS: ReadonlyMap<string, DialogHandler> = new Map(Object.entries(BY_NAME));
