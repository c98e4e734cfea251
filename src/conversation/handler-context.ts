import type { BotkitDialogWrapper, BotWorker } from 'botkit';
import { stepOf } from './botkit-step';
import { DIALOG } from './dialog-ids';
import type { DialogVars, QuickReply } from './conversation.types';
import type { HandlerContext } from './handlers/handler.types';
import { normaliseCommand } from './i18n.service';
import type { TurnInfo } from './turn-info';

export const SYSTEM_KEYS = {
  reask: 'system.reask',
  notUnderstood: 'system.not_understood_menu',
} as const;

/** Builds the handler API over Botkit's convo wrapper and worker for one call. */
export function createHandlerContext(
  dialogId: string,
  answer: string | null,
  convo: BotkitDialogWrapper,
  bot: BotWorker,
  info: TurnInfo,
): HandlerContext & { moved(): boolean } {
  const vars = convo.vars as DialogVars;
  const { i18n } = info.deps;
  const start = { index: stepOf(convo).index, thread: stepOf(convo).thread };
  let movedByCall = false;
  const render = (key: string, extra?: Record<string, unknown>) => i18n.t(key, { ...extra, vars }, info.locale);
  const ctx: HandlerContext & { moved(): boolean } = {
    dialogId,
    thread: stepOf(convo).thread,
    answer,
    attachments: info.attachments,
    vars,
    locale: info.locale,
    resident: info.resident,
    turnId: info.turnId,
    session: info.session,
    deps: info.deps,
    t: render,
    async say(key, extra, quickReplies?: QuickReply[]) {
      const text = render(key, extra);
      await bot.say(quickReplies?.length ? { text, channelData: { quick_replies: quickReplies } } : text);
    },
    is(key) {
      if (answer === null) return false;
      const said = normaliseCommand(answer);
      return i18n.words(key).some((w) => normaliseCommand(w) === said);
    },
    gotoThread(thread) {
      void convo.gotoThread(thread);
    },
    async reask(key = SYSTEM_KEYS.reask, extra) {
      const strikes = (typeof vars._strikes === 'number' ? vars._strikes : 0) + 1;
      vars._strikes = strikes;
      if (strikes >= 2) {
        await ctx.say(SYSTEM_KEYS.notUnderstood);
        await ctx.stop({ dialog: DIALOG.MENU, thread: 'options' });
        return;
      }
      await ctx.say(key, extra);
      void convo.repeat();
      movedByCall = true;
    },
    async stop(replaceWith) {
      movedByCall = true;
      if (replaceWith) {
        await bot.replaceDialog(replaceWith.dialog, { ...replaceWith.vars, _locale: info.locale, thread: replaceWith.thread });
        return;
      }
      vars._status = 'completed';
      void convo.stop();
    },
    moved() {
      return movedByCall || stepOf(convo).index !== start.index || stepOf(convo).thread !== start.thread;
    },
  };
  return ctx;
}
