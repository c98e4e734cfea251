import type { BotkitDialogWrapper, BotWorker } from 'botkit';
import { stepOf } from './botkit-step';
import type { DialogVars, QuickReply } from './conversation.types';
import type { HandlerPorts } from './handler-ports';
import type { HandlerContext } from './handlers/handler.types';
import { saysCommand, understandingOf } from './answers';
import type { TurnInfo } from './turn-info';

export const SYSTEM_KEYS = {
  reask: 'system.reask',
  offerHandoff: 'system.not_understood_menu',
} as const;

/** Misses at one question before the duty member is offered (the question is asked again either way). */
const MISSES_BEFORE_HANDOFF = 3;

/** Builds the handler API over Botkit's convo wrapper and worker for one call. */
export function createHandlerContext(
  dialogId: string,
  answer: string | null,
  convo: BotkitDialogWrapper,
  bot: BotWorker,
  info: TurnInfo,
  ports: HandlerPorts,
  collectKey?: string,
): HandlerContext & { moved(): boolean } {
  const vars = convo.vars as DialogVars;
  const { i18n } = ports;
  const start = { index: stepOf(convo).index, thread: stepOf(convo).thread };
  let movedByCall = false;
  const render = (key: string, extra?: Record<string, unknown>) => i18n.t(key, { ...extra, vars }, info.locale);
  const ctx: HandlerContext & { moved(): boolean } = {
    dialogId,
    thread: stepOf(convo).thread,
    collectKey,
    answer,
    attachments: info.attachments,
    vars,
    locale: info.locale,
    resident: info.resident,
    turnId: info.turnId,
    session: info.session,
    ports,
    t: render,
    understanding: understandingOf(i18n),
    async say(key, extra, quickReplies?: QuickReply[]) {
      const text = render(key, extra);
      await bot.say(quickReplies?.length ? { text, channelData: { quick_replies: quickReplies } } : text);
    },
    is(key) {
      return saysCommand(i18n, key, answer);
    },
    gotoThread(thread) {
      void convo.gotoThread(thread);
    },
    async reask(key = SYSTEM_KEYS.reask, extra) {
      // The draft stays in the dialog whatever happens: a miss re-asks with an example, and every third one also
      // offers the duty member.
      const strikes = (typeof vars._strikes === 'number' ? vars._strikes : 0) + 1;
      vars._strikes = strikes >= MISSES_BEFORE_HANDOFF ? 0 : strikes;
      await ctx.say(key, extra);
      if (strikes >= MISSES_BEFORE_HANDOFF) await ctx.say(SYSTEM_KEYS.offerHandoff);
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
