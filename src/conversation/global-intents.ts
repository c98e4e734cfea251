import type { DialogContext } from 'botbuilder-dialogs';
import type { BotWorker } from 'botkit';
import { compact, type GlobalIntent, type Understanding } from '../understanding';
import { saysCommand } from './answers';
import type { BotReply, QuickReply } from './conversation.types';
import { DIALOG } from './dialog-ids';
import type { ActiveDialog } from './dialog.runtime';
import { hasDraft, optionsAt, previousQuestion, resumeOptions, saveDraft, savedDraft, takeDraft } from './drafts';
import { MIN_CONCERN_CHARS } from './handlers/common.handlers';
import { describeTicket } from './handlers/tickets.handlers';
import type { HandlerPorts } from './handler-ports';
import { rateInOneStep } from './rate-in-one-step';
import type { TurnInfo } from './turn-info';

/** Menu words typed outside any dialog start the dialog directly (the menu script offers the same). */
const MENU_COMMANDS: ReadonlyArray<readonly [string, string]> = [
  ['commands.file', DIALOG.FILE_CONCERN],
  ['commands.status', DIALOG.CHECK_STATUS],
  ['commands.add', DIALOG.ADD_INFO],
  ['commands.rate', DIALOG.RATE],
  ['commands.visit', DIALOG.BOOK_VISIT],
  ['commands.handoff', DIALOG.HANDOFF],
];

/** Dialogs that read ticket numbers themselves: a number typed there is their answer, not a status question. */
const READS_NUMBERS = new Set<string>([DIALOG.CHECK_STATUS, DIALOG.ADD_INFO, DIALOG.RATE]);

/** Longest progress question without a number ("how is my concern doing") taken as such rather than as a concern. */
const MAX_STATUS_QUESTION = 14;

/** What the understanding read in the message before any intent looks at it (TurnPipeline's understand step). */
export interface Heard {
  intent: GlobalIntent | null;
  ticketNumber: string | null;
}

/** One turn as the pipeline's intent steps see it, with the few things they can do. */
export interface PipelineTurn {
  bot: BotWorker;
  dc: DialogContext;
  active: ActiveDialog | null;
  text: string;
  info: TurnInfo;
  understanding: Understanding;
  heard: Heard;
  say(key: string, vars?: Record<string, unknown>, quickReplies?: QuickReply[]): Promise<void>;
  begin(id: string, options?: Record<string, unknown>): Promise<void>;
  restart(id: string, options?: Record<string, unknown>): Promise<void>;
  resend(prompt: BotReply[] | undefined): Promise<void>;
}

/**
 * What a message means whatever was asked: cancel (asking before a draft is thrown away), help, menu, hand-off,
 * continue, a ticket number anywhere, and — outside a dialog — menu words, a greeting or a concern typed as the
 * first message. Leaving the filing dialog keeps its draft in the session. Returns whether the turn was taken.
 */
export class GlobalIntents {
  constructor(private readonly ports: Pick<HandlerPorts, 'i18n' | 'clock' | 'tickets' | 'ratings'>) {}

  async handle(t: PipelineTurn): Promise<boolean> {
    const { text, active, info } = t;
    const { session } = info;
    const { i18n } = this.ports;
    const u = t.understanding;
    const now = this.ports.clock.now();

    if (session.meta.pendingDiscard) {
      session.meta.pendingDiscard = false;
      if (u.polarity(text) === 'yes' || saysCommand(i18n, 'commands.discard', text)) {
        takeDraft(session);
        await t.say('system.cancelled');
        await t.restart(DIALOG.MENU, { thread: 'options' });
        return true;
      }
      // Anything but a discard keeps the draft ("don't discard", "pressed it by mistake", or an answer to the question).
      if (t.heard.intent !== 'cancel') {
        await t.say('system.draft_kept_continue');
        await this.resume(t);
        return true;
      }
    }

    const intent = t.heard.intent;
    if (intent === 'cancel') {
      if (hasDraft(active) || (savedDraft(session) && (!active || active.id === DIALOG.MENU))) {
        saveDraft(session, active, now);
        session.meta.pendingDiscard = true;
        const yes = i18n.t('system.discard_btn', {}, info.locale);
        const no = i18n.t('system.keep_btn', {}, info.locale);
        await t.say('system.confirm_discard', {}, [
          { title: yes, payload: yes },
          { title: no, payload: no },
        ]);
        return true;
      }
      await t.say('system.cancelled');
      await t.restart(DIALOG.MENU, { thread: 'options' });
      return true;
    }
    if (intent === 'help') {
      if (!active || active.id === DIALOG.MENU) {
        await t.restart(DIALOG.MENU, { thread: 'help' });
        return true;
      }
      await t.say('system.help');
      await t.resend(session.meta.lastPrompt);
      return true;
    }
    if (intent === 'menu') {
      const kept = saveDraft(session, active, now);
      if (kept) await t.say('system.draft_saved');
      await t.restart(DIALOG.MENU);
      return true;
    }
    if (intent === 'handoff' && active?.id !== DIALOG.HANDOFF) {
      if (saveDraft(session, active, now)) await t.say('system.draft_saved');
      await t.restart(DIALOG.HANDOFF);
      return true;
    }
    if (intent === 'resume' && (!active || active.id === DIALOG.MENU) && savedDraft(session)) {
      await this.resume(t);
      return true;
    }

    if (intent === 'back' && active && (await this.back(t, active))) return true;

    // Before ticket numbers: a rating menu's id carries one.
    if (await rateInOneStep(t, this.ports)) return true;

    const number = t.heard.ticketNumber;
    if (number && !(active && READS_NUMBERS.has(active.id))) {
      await this.status(t, number);
      return true;
    }

    if (active && active.id !== DIALOG.MENU) return false;
    // Outside a dialog, or at the menu's question.
    // "check on what I reported last time" names the filing word but asks for progress.
    const command = MENU_COMMANDS.find(
      ([key, id]) => saysCommand(i18n, key, text) && !u.readsAsConcern(text, MIN_CONCERN_CHARS + 4) && !(id === DIALOG.FILE_CONCERN && u.asksStatus(text)),
    );
    if (command) {
      if (command[1] === DIALOG.FILE_CONCERN && savedDraft(session)) await this.resume(t);
      else await t.restart(command[1]);
      return true;
    }
    if (u.asksStatus(text) && Array.from(u.normalise(text)).length <= MAX_STATUS_QUESTION) {
      await t.restart(DIALOG.CHECK_STATUS, { thread: 'mine' });
      return true;
    }
    // A thank-you after a filing or an answer is answered in kind; greeting the resident again reads as not listening.
    if (saysThanks(u, i18n, text)) {
      await t.say('menu.you_are_welcome');
      await t.restart(DIALOG.MENU, { thread: 'options' });
      if (savedDraft(session)) await t.say('system.draft_waiting');
      return true;
    }
    if (active) return false;
    if (u.readsAsConcern(text, MIN_CONCERN_CHARS)) {
      await t.say('menu.treat_as_concern');
      await t.begin(DIALOG.FILE_CONCERN, { text, thread: 'q_where' });
      return true;
    }
    await t.begin(DIALOG.MENU);
    if (savedDraft(session)) await t.say('system.draft_waiting');
    return true;
  }

  /** Begins the saved draft again at the question it was left at. */
  async resume(t: PipelineTurn): Promise<void> {
    const draft = takeDraft(t.info.session);
    if (!draft) {
      await t.resend(t.info.session.meta.lastPrompt);
      return;
    }
    await t.restart(draft.dialog, resumeOptions(draft));
  }

  /** "Change that / I said it wrong" while filing: the question before (or the summary), every answer kept. */
  private async back(t: PipelineTurn, active: ActiveDialog): Promise<boolean> {
    if (active.id !== DIALOG.FILE_CONCERN) return false;
    const to = previousQuestion(active);
    if (!to) return false;
    await t.say(to === 'summary' ? 'system.back_summary' : to === active.thread ? 'system.back_first' : 'system.back_previous');
    await t.restart(active.id, optionsAt(active, to));
    return true;
  }

  /** The status of the resident's own ticket, then the question in progress again; another's is "not found". */
  private async status(t: PipelineTurn, number: string): Promise<void> {
    const { resident, locale, session } = t.info;
    const ticket = await this.ports.tickets.findForResident(number, resident);
    if (!ticket) await t.say('status.not_found', { number });
    else await t.say('status.one', { ticket: describeTicket((key, vars) => this.ports.i18n.t(key, vars, locale), ticket) });
    if (t.active && t.active.id !== DIALOG.MENU) {
      await t.say('system.back_to_question');
      await t.resend(session.meta.lastPrompt);
    }
  }
}

/** Politeness alone: "thanks", or a yes before it ("ok, thanks" said as one word). */
function saysThanks(u: Understanding, i18n: HandlerPorts['i18n'], text: string): boolean {
  const courtesy = i18n.words('understanding.courtesy');
  if (u.saysExactly(text, courtesy)) return true;
  const c = compact(text);
  return i18n.words('understanding.yes').some((word) => {
    const yes = compact(word);
    return yes !== '' && c.length > yes.length && c.startsWith(yes) && u.saysExactly(c.slice(yes.length), courtesy);
  });
}
