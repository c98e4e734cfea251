import type { DialogContext } from 'botbuilder-dialogs';
import type { BotWorker } from 'botkit';
import { saysCommand, understandingOf } from './answers';
import { DIALOG } from './dialog-ids';
import { consultReplyIn } from './handlers/consult.handlers';
import type { ActiveDialog, DialogRuntime } from './dialog.runtime';
import type { BotReply, QuickReply } from './conversation.types';
import type { ConversationSettings } from './conversation.settings';
import { resumeOptions, saveDraft, takeDraft } from './drafts';
import { GlobalIntents, RouterTurn } from './global-intents';
import type { TurnInfo } from './turn-info';

/**
 * Decides what a message means before the dialog sees it: a person answering (hand-off), a script that changed
 * under a conversation, a resident back after a long silence, then the words that mean the same anywhere
 * (`GlobalIntents`); otherwise the active dialog continues.
 */
export class TurnRouter {
  private readonly intents = new GlobalIntents();

  constructor(
    private readonly runtime: DialogRuntime,
    private readonly settings: ConversationSettings,
    private readonly forwardToMember: (info: TurnInfo, text: string) => Promise<void>,
  ) {}

  async route(bot: BotWorker, dc: DialogContext, active: ActiveDialog | null, text: string, info: TurnInfo): Promise<void> {
    const { session, deps } = info;
    const { i18n } = deps;
    const say = (key: string, vars: Record<string, unknown> = {}, quickReplies?: QuickReply[]) => {
      const reply = i18n.t(key, vars, info.locale);
      return bot.say(quickReplies ? { text: reply, channelData: { quick_replies: quickReplies } } : reply);
    };
    const begin = (id: string, options: Record<string, unknown> = {}) => bot.beginDialog(id, { _locale: info.locale, ...options });
    const restart = async (id: string, options: Record<string, unknown> = {}) => {
      await dc.cancelAllDialogs();
      await begin(id, options);
    };
    const turn: RouterTurn = { bot, dc, active, text, info, understanding: understandingOf(i18n), say, begin, restart, resend: (p) => this.resend(bot, p) };
    const meta = session.meta;
    const now = deps.clock.now();

    if (session.handoffMember) {
      // Only the end words on their own: everything else is a message for the member, whatever it contains.
      if (!turn.understanding.saysExactly(text, i18n.words('commands.end_handoff'))) {
        // A person answers now; the bot stays silent and only passes the message on.
        if (text || info.attachments.length) await this.forwardToMember(info, text);
        return;
      }
      session.handoffMember = null;
      await say('handoff.ended');
      if (meta.draft) await say('system.draft_waiting');
      return restart(DIALOG.MENU, { thread: 'options' });
    }
    if (active && active.values._v !== this.runtime.version(active.id)) {
      await say('system.script_updated');
      // The answers given so far carry over to the new version of the filing dialog.
      if (saveDraft(session, active, now) && this.runtime.has(active.id)) return restart(active.id, resumeOptions(takeDraft(session)!));
      return restart(active.id);
    }
    const idle = !active || active.id === DIALOG.MENU || (!!session.lastSeenAt && now.getTime() - new Date(session.lastSeenAt).getTime() > this.settings.resumeAfterMs);
    if (idle && !meta.pendingResume) {
      // A plain answer to a consultation invitation or an outcome's rating request sent meanwhile, while one is awaited.
      const reply = consultReplyIn(text, i18n);
      if (reply) {
        const awaiting = await deps.invitations.awaiting(info.resident);
        if (reply.kind === 'invitation' ? awaiting.invitation : awaiting.outcome) return restart(DIALOG.CONSULT_REPLY, { said: text });
      }
    }
    if (meta.pendingResume) {
      meta.pendingResume = false;
      const word = turn.understanding.global(text);
      if (word === 'resume' || saysCommand(i18n, 'commands.resume_continue', text)) return this.resend(bot, meta.lastPrompt);
      if (saysCommand(i18n, 'commands.resume_restart', text) && active) return restart(active.id);
    } else if (active && session.lastSeenAt && now.getTime() - new Date(session.lastSeenAt).getTime() > this.settings.resumeAfterMs) {
      meta.pendingResume = true;
      return say('system.resume_offer', {}, [
        { title: i18n.t('system.resume_continue_btn', {}, info.locale), payload: i18n.t('system.resume_continue_btn', {}, info.locale) },
        { title: i18n.t('system.resume_restart_btn', {}, info.locale), payload: i18n.t('system.resume_restart_btn', {}, info.locale) },
      ]);
    }
    if (await this.intents.handle(turn)) return;
    if (!active) return begin(DIALOG.MENU);
    if (!text && info.attachments.length === 0) return this.resend(bot, meta.lastPrompt);
    await dc.continueDialog();
  }

  private async resend(bot: BotWorker, prompt: BotReply[] | undefined): Promise<void> {
    for (const reply of prompt ?? []) {
      // Sessions saved before replies took Botkit's shape hold `quickReplies`.
      const options = reply.quick_replies ?? (reply as BotReply & { quickReplies?: QuickReply[] }).quickReplies;
      await bot.say(options ? { text: reply.text, channelData: { quick_replies: options } } : reply.text);
    }
  }
}
