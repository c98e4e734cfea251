import { commonHandlers } from './common.handlers';
import { concernHandlers } from './concern.handlers';
import { consultHandlers } from './consult.handlers';
import { handoffHandlers } from './handoff.handlers';
import type { DialogHandler } from './handler.types';
import { ticketsHandlers } from './tickets.handlers';
import { visitHandlers } from './visit.handlers';

/** Every handler a script may name, by name. Static, so `dialogs validate` checks names without booting. */
export const HANDLERS = {
  ...commonHandlers,
  ...concernHandlers,
  ...ticketsHandlers,
  ...handoffHandlers,
  ...visitHandlers,
  ...consultHandlers,
} satisfies Record<string, DialogHandler>;

export type HandlerName = keyof typeof HANDLERS;
