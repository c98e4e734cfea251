import type { DialogContext } from 'botbuilder-dialogs';
import type { BotWorker } from 'botkit';
import { compact, type GlobalIntent, type Understanding } from '../understanding';
import { residentHandle } from '../common/resident-handle';
import { saysCommand } from './answers';
import type { ConversationSettings } from './conversation.settings';
import type { BotReply, QuickReply } from './conversation.types';
import { DIALOG } from './dialog-ids';
import type { ActiveDialog, DialogRuntime } from './dialog.runtime';
import { hasDraft, optionsAt, previousQuestion, resumeOptions, saveDraft, savedDraft, takeDraft } from './drafts';
import { MIN_CONCERN_CHARS } from './handlers/common.handlers';
import { consultReplyIn } from './handlers/consult.handlers';
import { describeTicket } from './handlers/tickets.handlers';
import type { HandlerPorts } from './handler-ports';
import { rateInOneStep } from './rate-in-one-step';
import type { TurnInfo } from './turn-info';

/** Menu words typed outside any dialog start the dialog directly (the menu script offers the same). */
const MENU_COMMANDS: ReadonlyArray<readonly [string, string]> = [
  // First: "go to the studio to report it in person" is a visit although it names reporting.
  ['commands.visit', DIALOG.BOOK_VISIT],
  ['commands.file', DIALOG.FILE_CONCERN],
  ['commands.status', DIALOG.CHECK_STATUS],
  ['commands.add', DIALOG.ADD_INFO],
  ['commands.rate', DIALOG.RATE],
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
 * What a turn means whatever was asked, before the question in progress reads it. First the session's standing,
 * before any word is read: a person answering (hand-off), a script that changed under a conversation, a plain
 * answer to an invitation sent meanwhile, a resident back after a long silence. Then the words: cancel (asking
 * before a draft is thrown away), help, menu, hand-off, continue, a ticket number anywhere, and — outside a
 * dialog — menu words, a greeting or a concern typed as the first message. Leaving the filing dialog keeps its
 * draft in the session. `handle` returns whether the turn was taken; if not, the dialog reads it.
 */
export class GlobalIntents {
  constructor(
    private readonly runtime: Pick<DialogRuntime, 'version' | 'has'>,
    private readonly settings: ConversationSettings,
    private readonly ports: Pick<HandlerPorts, 'i18n' | 'clock' | 'tickets' | 'ratings' | 'handoff' | 'invitations'>,
  ) {}

  async handle(t: PipelineTurn): Promise<boolean> {
    return (await this.standing(t)) || this.words(t);
  }

  /** The session's standing: hand-off, a changed script, an awaited invitation, a long silence. */
  private async standing(t: PipelineTurn): Promise<boolean> {
    const { text, active, info } = t;
    const { session } = info;
    const { i18n } = this.ports;
    const meta = session.meta;
    const now = this.ports.clock.now();

    if (session.handoffMember) {
      // Only the end words on their own: everything else is a message for the member, whatever it contains.
      if (!t.understanding.saysExactly(text, i18n.words('commands.end_handoff'))) {
        // A person answers now; the bot stays silent and only passes the message on.
        if (text || info.attachments.length) await this.forward(t, session.handoffMember);
        return true;
      }
      session.handoffMember = null;
      await t.say('handoff.ended');
      if (meta.draft) await t.say('system.draft_waiting');
      await t.restart(DIALOG.MENU, { thread: 'options' });
      return true;
    }
    if (active && active.values._v !== this.runtime.version(active.id)) {
      await t.say('system.script_updated');
      // The answers given so far carry over to the new version of the filing dialog.
      if (saveDraft(session, active, now) && this.runtime.has(active.id)) await t.restart(active.id, resumeOptions(takeDraft(session)!));
      else await t.restart(active.id);
      return true;
    }
    const idle = !active || active.id === DIALOG.MENU || (!!session.lastSeenAt && now.getTime() - new Date(session.lastSeenAt).getTime() > this.settings.resumeAfterMs);
    if (idle && !meta.pendingResume) {
      // A plain answer to a consultation invitation or an outcome's rating request sent meanwhile, while one is awaited.
      const reply = consultReplyIn(text, i18n);
      if (reply) {
        const awaiting = await this.ports.invitations.awaiting(info.resident);
        if (reply.kind === 'invitation' ? awaiting.invitation : awaiting.outcome) {
          await t.restart(DIALOG.CONSULT_REPLY, { said: text });
          return true;
        }
      }
    }
    if (meta.pendingResume) {
      meta.pendingResume = false;
      if (t.heard.intent === 'resume' || saysCommand(i18n, 'commands.resume_continue', text)) {
        await t.resend(meta.lastPrompt);
        return true;
      }
      if (saysCommand(i18n, 'commands.resume_restart', text) && active) {
        await t.restart(active.id);
        return true;
      }
    } else if (active && session.lastSeenAt && now.getTime() - new Date(session.lastSeenAt).getTime() > this.settings.resumeAfterMs) {
      meta.pendingResume = true;
      const button = (key: string) => ({ title: i18n.t(key, {}, info.locale), payload: i18n.t(key, {}, info.locale) });
      await t.say('system.resume_offer', {}, [button('system.resume_continue_btn'), button('system.resume_restart_btn')]);
      return true;
    }
    return false;
  }

  /** While a member handles the conversation, the resident's messages go to them through the outbox. */
  private async forward(t: PipelineTurn, member: string): Promise<void> {
    const { i18n } = this.ports;
    const { info, text } = t;
    const body = text || i18n.t('handoff.attachment', { count: info.attachments.length });
    const forwarded = i18n.t('handoff.forward', { resident: residentHandle(info.resident.channel, info.resident.externalId), text: body });
    await this.ports.handoff.forward({ sessionKey: info.session.key, member, text: forwarded, at: this.ports.clock.now() });
  }

  private async words(t: PipelineTurn): Promise<boolean> {
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
      // "go to the studio to see a member" names a member but asks for a visit, not a chat with the duty member.
      if (saysCommand(i18n, 'commands.visit', text)) await t.restart(DIALOG.BOOK_VISIT, { request: text });
      else await t.restart(DIALOG.HANDOFF);
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
    // Wanting to come in person is a visit however long the sentence, unless it also states a problem to file.
    const command = MENU_COMMANDS.find(
      ([key, id]) =>
        saysCommand(i18n, key, text) &&
        (id === DIALOG.BOOK_VISIT ? !u.statesProblem(text) : !u.readsAsConcern(text, MIN_CONCERN_CHARS + 4)) &&
        !(id === DIALOG.FILE_CONCERN && u.asksStatus(text)),
    );
    if (command) {
      if (command[1] === DIALOG.FILE_CONCERN && savedDraft(session)) await this.resume(t);
      // The visit booking reads the town the request may name ("to the studio in Daliuta").
      else await t.restart(command[1], command[1] === DIALOG.BOOK_VISIT ? { request: text } : {});
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
