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
import { declinesToGoOn, midDialogRequest, requestAfterSilence, serviceNamed, type ServiceRequest } from './service-switch';
import type { TurnInfo } from './turn-info';

/** Dialogs that read ticket numbers themselves: a number typed there is their answer, not a status question. */
const READS_NUMBERS = new Set<string>([DIALOG.CHECK_STATUS, DIALOG.ADD_INFO, DIALOG.RATE]);

/** The filing's photo questions, where finishing words end the photos. */
const PHOTO_QUESTIONS = new Set(['q_photos', 'q_more_photos']);

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
    const idle = !active || active.id === DIALOG.MENU || this.silent(t);
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
    } else if (active && active.id !== DIALOG.MENU && this.silent(t)) {
      // Back with a clear new request (a service, a ticket number, a new concern): words() honours it.
      if (requestAfterSilence(i18n, t.understanding, t.heard, text, active)) return false;
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

    const intent = t.heard.intent ?? (active && declinesToGoOn(u, text, active) ? 'cancel' : null);
    // "Nothing more to add" at the photo questions is done with photos, not leaving the filing.
    const doneWithPhotos = active?.id === DIALOG.FILE_CONCERN && PHOTO_QUESTIONS.has(active.thread) && u.isDone(text);
    if (intent === 'cancel' && !doneWithPhotos) {
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
      await this.keepDraft(t);
      await t.restart(DIALOG.MENU);
      return true;
    }
    if (intent === 'handoff' && active?.id !== DIALOG.HANDOFF) {
      await this.keepDraft(t);
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
    const mid = active && active.id !== DIALOG.MENU ? active : null;
    if (number && !(mid && READS_NUMBERS.has(mid.id))) {
      // After a long silence the number is the new request: the old dialog is left, its draft kept.
      const leaving = !!mid && this.silent(t);
      if (leaving) await this.leave(t);
      await this.status(t, number, !leaving);
      return true;
    }

    if (mid) {
      // Another service named where that cannot be the answer, or a new concern after a silence; a filing is kept as a draft.
      const request = midDialogRequest(i18n, u, text, mid, this.silent(t));
      if (!request) return false;
      await this.leave(t);
      await this.start(t, request);
      return true;
    }
    // Outside a dialog, or at the menu's question.
    const request = serviceNamed(i18n, u, text);
    if (request) {
      await this.start(t, request);
      return true;
    }
    // A thank-you after a filing or an answer is answered in kind (greeting the resident again reads as not
    // listening); a greeting at the menu's question is greeted back. Both get the options again.
    const courtesy = saysThanks(u, i18n, text) ? 'menu.you_are_welcome' : active && text && u.isGreeting(text) ? 'menu.greeting_back' : null;
    if (courtesy) {
      await t.say(courtesy);
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

  /** Whether the resident comes back after more than `resumeAfterMs` of silence (lastSeenAt is still the last turn's). */
  private silent(t: PipelineTurn): boolean {
    const seen = t.info.session.lastSeenAt;
    return !!seen && this.ports.clock.now().getTime() - new Date(seen).getTime() > this.settings.resumeAfterMs;
  }

  /** Keeps a filing in progress as the session's draft, and says so. */
  private async keepDraft(t: PipelineTurn): Promise<void> {
    if (saveDraft(t.info.session, t.active, this.ports.clock.now())) await t.say('system.draft_saved');
  }

  /** Leaves the dialog in progress, keeping a filing as a draft the way `menu` does. */
  private async leave(t: PipelineTurn): Promise<void> {
    await this.keepDraft(t);
    await t.dc.cancelAllDialogs();
  }

  /** Starts the service asked for; asked to file, the resident goes on with their saved draft when there is one. */
  private async start(t: PipelineTurn, request: ServiceRequest): Promise<void> {
    if (request.say) await t.say(request.say);
    if (request.dialog === DIALOG.FILE_CONCERN && !request.options && savedDraft(t.info.session)) await this.resume(t);
    else await t.restart(request.dialog, request.options);
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
  private async status(t: PipelineTurn, number: string, backToQuestion = true): Promise<void> {
    const { resident, locale, session } = t.info;
    const ticket = await this.ports.tickets.findForResident(number, resident);
    if (!ticket) await t.say('status.not_found', { number });
    else await t.say('status.one', { ticket: describeTicket((key, vars) => this.ports.i18n.t(key, vars, locale), ticket) });
    if (backToQuestion && t.active && t.active.id !== DIALOG.MENU) {
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
