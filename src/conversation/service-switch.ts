import { charCount, compact, type Understanding } from '../understanding';
import { saysCommand } from './answers';
import { DIALOG } from './dialog-ids';
import type { ActiveDialog } from './dialog.runtime';
import { hasDraft } from './drafts';
import { MIN_CONCERN_CHARS } from './handlers/common.handlers';
import type { HandlerPorts } from './handler-ports';

type I18n = HandlerPorts['i18n'];

/** Menu words start the dialog directly (the menu script offers the same). */
const MENU_COMMANDS: ReadonlyArray<readonly [string, string]> = [
  // First: "go to the studio to report it in person" is a visit although it names reporting.
  ['commands.visit', DIALOG.BOOK_VISIT],
  ['commands.file', DIALOG.FILE_CONCERN],
  ['commands.status', DIALOG.CHECK_STATUS],
  ['commands.add', DIALOG.ADD_INFO],
  ['commands.rate', DIALOG.RATE],
  ['commands.handoff', DIALOG.HANDOFF],
];

/** Longest progress question without a number ("how is my concern doing") taken as such rather than as a concern. */
const MAX_STATUS_QUESTION = 14;

/**
 * The same when it names the reporting too ("I'd like to ask how the thing I reported last time is going"): the
 * words about reporting make it longer, not a concern.
 */
const MAX_STATUS_ABOUT_REPORT = 24;

/** Longest message taken as naming another service in the middle of a dialog; longer ones are answers. */
const MAX_SWITCH = 12;

/**
 * Questions where naming another service cannot be the answer: they read a ticket number, a choice, a rating or
 * a yes/no. Free-text questions (what happened, where, since when, who is affected, the information to add, the
 * rating's comment, the visit's purpose) are left out: a sentence there is the answer, whatever words it holds.
 * Per thread: 'all' when every question of it is closed, else the steps it waits at that are; other threads are open.
 */
const CLOSED_QUESTIONS: Readonly<Record<string, Readonly<Record<string, readonly number[] | 'all'>>>> = {
  [DIALOG.CHECK_STATUS]: { default: 'all' },
  [DIALOG.RATE]: { default: 'all', ask: [0] },
  [DIALOG.ADD_INFO]: { default: 'all' },
  [DIALOG.FILE_CONCERN]: { q_photos: 'all', q_more_photos: 'all', q_consent: 'all', route: 'all' },
};

/**
 * Questions where declining alone ("never mind", "no need") can only mean leaving: neither a yes/no nor one that
 * may be left empty, where the same words are a no or a skip. Adding information takes any text, but not this.
 */
const LEFT_BY_DECLINING: Readonly<Record<string, Readonly<Record<string, readonly number[] | 'all'>>>> = {
  [DIALOG.CHECK_STATUS]: { default: 'all' },
  [DIALOG.RATE]: { default: 'all', ask: [0] },
  [DIALOG.ADD_INFO]: { default: 'all', ask: 'all' },
};

/** A service the resident asked for: the dialog to start and how. */
export interface ServiceRequest {
  dialog: string;
  options?: Record<string, unknown>;
  /** Said before the dialog starts. */
  say?: string;
}

/** The service a message names (commands.* words, or a short progress question), read as at the menu. */
export function serviceNamed(i18n: I18n, u: Understanding, text: string): ServiceRequest | null {
  // "check on what I reported last time" names the filing word but asks for progress.
  // Wanting to come in person is a visit however long the sentence, unless it also states a problem to file.
  const command = MENU_COMMANDS.find(
    ([key, id]) =>
      saysCommand(i18n, key, text) &&
      (id === DIALOG.BOOK_VISIT ? !u.statesProblem(text) : !u.readsAsConcern(text, MIN_CONCERN_CHARS + 4)) &&
      !(id === DIALOG.FILE_CONCERN && u.asksStatus(text)),
  );
  // The visit booking may read the town the request names ("to the studio in Daliuta").
  if (command) return command[1] === DIALOG.BOOK_VISIT ? { dialog: command[1], options: { request: text } } : { dialog: command[1] };
  const longest = saysCommand(i18n, 'commands.file', text) ? MAX_STATUS_ABOUT_REPORT : MAX_STATUS_QUESTION;
  if (u.asksStatus(text) && charCount(u.normalise(text)) <= longest) return { dialog: DIALOG.CHECK_STATUS, options: { thread: 'mine' } };
  return null;
}

/** Whether the dialog waits at a question whose answer cannot be a service's name (see CLOSED_QUESTIONS). */
export function atClosedQuestion(active: ActiveDialog): boolean {
  return waitsAt(CLOSED_QUESTIONS, active);
}

/** Declining alone (a no that is also a skip: "never mind") where it can only mean leaving (LEFT_BY_DECLINING). */
export function declinesToGoOn(u: Understanding, text: string, active: ActiveDialog): boolean {
  return waitsAt(LEFT_BY_DECLINING, active) && u.polarity(text) === 'no' && u.isSkip(text);
}

function waitsAt(questions: typeof CLOSED_QUESTIONS, active: ActiveDialog): boolean {
  const steps = questions[active.id]?.[active.thread];
  return steps === 'all' || (!!steps && steps.includes(active.step));
}

/**
 * Another service named in a short message in the middle of a dialog: at a closed question always, at any
 * question once the resident comes back after a long silence (`anyQuestion`). Option numbers ("2") choose among
 * what was offered, and the dialog's own service is its own business.
 */
export function serviceSwitch(i18n: I18n, u: Understanding, text: string, active: ActiveDialog, anyQuestion: boolean): ServiceRequest | null {
  if (!anyQuestion && !atClosedQuestion(active)) return null;
  const c = compact(text);
  if (!/\p{Script=Han}|[a-z]{2}/u.test(c) || charCount(c) > MAX_SWITCH) return null;
  const request = serviceNamed(i18n, u, text);
  if (!request || request.dialog === active.id) return null;
  // "there is more" while filing adds to this concern, not to a ticket already filed.
  if (active.id === DIALOG.FILE_CONCERN && request.dialog === DIALOG.ADD_INFO) return null;
  return request;
}

/**
 * What a message in the middle of a dialog asks for instead of answering: another service named in a short
 * message (see `serviceSwitch`), or, after a long silence, a new concern stated at a question it cannot answer
 * and with no filing to lose (the problem itself, "the street lamp is broken", or a long sentence).
 */
export function midDialogRequest(i18n: I18n, u: Understanding, text: string, active: ActiveDialog, silent: boolean): ServiceRequest | null {
  const request = serviceSwitch(i18n, u, text, active, silent);
  if (request || !silent || hasDraft(active) || !atClosedQuestion(active)) return request;
  if (!u.statesProblem(text) && !u.readsAsConcern(text, MIN_CONCERN_CHARS * 2)) return null;
  return { dialog: DIALOG.FILE_CONCERN, options: { text, thread: 'q_where' }, say: 'menu.treat_as_concern' };
}

/** Words that mean the same anywhere and leave the question: honoured at once after a silence, like a request. */
const LEAVING_INTENTS = new Set<string>(['cancel', 'menu', 'handoff']);

/**
 * A clear new request from a resident back after a long silence, which needs no "continue or start again?"
 * offer: leaving, a ticket number, another service, or a new concern. An answer-like message gets the offer.
 */
export function requestAfterSilence(i18n: I18n, u: Understanding, heard: { intent: string | null; ticketNumber: string | null }, text: string, active: ActiveDialog): boolean {
  if ((heard.intent && LEAVING_INTENTS.has(heard.intent)) || heard.ticketNumber) return true;
  return !!midDialogRequest(i18n, u, text, active, true);
}
