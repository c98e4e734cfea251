import type { AttachmentRef, ResidentRef } from '../../common/resident';
import type { DialogSessionEntity } from '../dialog-session.entity';
import type { DialogVars, QuickReply } from '../conversation.types';
import type { HandlerPorts } from '../handler-ports';
import type { Understanding } from '../../understanding';

/** What a handler sees of the turn and can do to the dialog. */
export interface HandlerContext {
  readonly dialogId: string;
  readonly thread: string;
  /** The variable the question being answered fills (none for a step that asks nothing). */
  readonly collectKey?: string;
  /** The resident's answer to the question just asked (trimmed text), or null for a photo or location. */
  readonly answer: string | null;
  readonly attachments: AttachmentRef[];
  readonly vars: DialogVars;
  readonly locale: string;
  readonly resident: ResidentRef;
  /** The message being answered, when its channel may deliver it twice (WeCom: `inbox:<id>`). */
  readonly turnId?: string;
  readonly session: DialogSessionEntity;
  /** The narrow ports the runtime was built with (a preview's write nothing). */
  readonly ports: HandlerPorts;
  /** Says the text of a locale key; `{{x}}` comes from `extra`, `{{vars.x}}` from the dialog's variables. */
  say(key: string, extra?: Record<string, unknown>, quickReplies?: QuickReply[]): Promise<void>;
  /** Locale text without saying it. */
  t(key: string, extra?: Record<string, unknown>): string;
  /** What residents' text means (phones, names, places, ratings, yes/no…), from the locales' word lists. */
  readonly understanding: Understanding;
  /** Whether the answer says what the command list `key` stands for (e.g. `commands.skip`: skip, no photo, don't know…). */
  is(key: string): boolean;
  gotoThread(thread: string): void;
  /** Asks the question just answered again, after saying `key` (with an example); every third miss also offers the duty member. */
  reask(key?: string, extra?: Record<string, unknown>): Promise<void>;
  /** Ends this dialog; `replaceWith` starts another one in its place. */
  stop(replaceWith?: { dialog: string; thread?: string; vars?: DialogVars }): Promise<void>;
}

/** A code step bound by name from a script (`handler: fileConcern`). */
export interface DialogHandler {
  /** Threads the handler may jump to; the loader checks that scripts using it define them. */
  readonly gotos?: readonly string[];
  readonly run: (ctx: HandlerContext) => Promise<void>;
}

export const handler = (run: DialogHandler['run'], gotos?: readonly string[]): DialogHandler => ({ run, gotos });

/** Reads a variable as text (answers are strings; absent or non-text values become ''). */
export const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** "There is no option N": asked again with the numbers that are offered ("reply 1", or "reply 1 to count"). */
export const reaskNotOffered = (ctx: HandlerContext, number: number, count: number): Promise<void> =>
  ctx.reask(count === 1 ? 'system.no_such_option' : 'system.no_such_option_many', { number, count });
