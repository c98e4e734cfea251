import type { DialogContext } from 'botbuilder-dialogs';
import type { BotWorker } from 'botkit';
import { DIALOG } from './dialog-ids';
import type { ActiveDialog, DialogRuntime } from './dialog.runtime';
import type { BotReply, QuickReply } from './conversation.types';
import { ticketNumberIn } from './format';
import { consultReplyIn } from './handlers/consult.handlers';
import type { ConversationSettings } from './conversation.settings';
import { normaliseCommand } from './i18n.service';
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

/**
 * Decides what a message means before the dialog sees it: hand-off to a person, cancel, a script that changed
 * under a conversation, a resident back after a long silence, help, typed menu commands; otherwise the active
 * dialog continues, or the menu starts.
 */
export class TurnRouter {
  constructor(
    private readonly runtime: DialogRuntime,
    private readonly settings: ConversationSettings,
    private readonly forwardToMember: (info: TurnInfo, text: string) => Promise<void>,
  ) {}

  async route(bot: BotWorker, dc: DialogContext, active: ActiveDialog | null, text: string, info: TurnInfo): Promise<void> {
    const { session, deps } = info;
    const { i18n } = deps;
    const is = (key: string) => text !== '' && i18n.words(key).some((w) => normaliseCommand(w) === normaliseCommand(text));
    const say = (key: string, vars: Record<string, unknown> = {}, quickReplies?: QuickReply[]) => {
      const reply = i18n.t(key, vars, info.locale);
      return bot.say(quickReplies ? { text: reply, channelData: { quick_replies: quickReplies } } : reply);
    };
    const begin = (id: string, options: Record<string, unknown> = {}) => bot.beginDialog(id, { _locale: info.locale, ...options });
    const restart = async (id: string, options: Record<string, unknown> = {}) => {
      await dc.cancelAllDialogs();
      await begin(id, options);
    };
    const meta = session.meta;
    const now = deps.clock.now();

    if (session.handoffMember) {
      if (!is('commands.end_handoff')) {
        // A person answers now; the bot stays silent and only passes the message on.
        if (text || info.attachments.length) await this.forwardToMember(info, text);
        return;
      }
      session.handoffMember = null;
      await say('handoff.ended');
      return restart(DIALOG.MENU, { thread: 'options' });
    }
    if (is('commands.cancel')) {
      await say('system.cancelled');
      return restart(DIALOG.MENU, { thread: 'options' });
    }
    if (active && active.values._v !== this.runtime.version(active.id)) {
      await say('system.script_updated');
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
      if (is('commands.resume_continue')) return this.resend(bot, meta.lastPrompt);
      if (is('commands.resume_restart') && active) return restart(active.id);
    } else if (active && session.lastSeenAt && now.getTime() - new Date(session.lastSeenAt).getTime() > this.settings.resumeAfterMs) {
      meta.pendingResume = true;
      return say('system.resume_offer', {}, [
        { title: i18n.t('system.resume_continue_btn', {}, info.locale), payload: i18n.t('system.resume_continue_btn', {}, info.locale) },
        { title: i18n.t('system.resume_restart_btn', {}, info.locale), payload: i18n.t('system.resume_restart_btn', {}, info.locale) },
      ]);
    }
    if (is('commands.help')) {
      if (!active || active.id === DIALOG.MENU) return restart(DIALOG.MENU, { thread: 'help' });
      await say('system.help');
      return this.resend(bot, meta.lastPrompt);
    }
    if (is('commands.menu')) return restart(DIALOG.MENU);
    if (!active || active.id === DIALOG.MENU) {
      const number = ticketNumberIn(text);
      if (number && (text.trim().toUpperCase() === number || i18n.words('commands.status').some((w) => text.startsWith(w)))) {
        return restart(DIALOG.CHECK_STATUS, { number });
      }
      const command = MENU_COMMANDS.find(([key]) => is(key));
      if (command) return restart(command[1]);
    }
    if (!active) return begin(DIALOG.MENU);
    if (!text && info.attachments.length === 0) return this.resend(bot, meta.lastPrompt);
    await dc.continueDialog();
  }

  private async resend(bot: BotWorker, prompt: BotReply[] | undefined): Promise<void> {
    for (const reply of prompt ?? []) {
      await bot.say(reply.quickReplies ? { text: reply.text, channelData: { quick_replies: reply.quickReplies } } : reply.text);
    }
  }
}
