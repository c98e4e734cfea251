import type { Botkit, BotkitConversation, BotkitDialogWrapper, BotkitMessage, BotWorker } from 'botkit';
import type { DialogVars, QuickReply } from './conversation.types';
import { DialogError } from './dialog.error';
import type { HandlerPorts } from './handler-ports';
import { type DialogHandler, type HandlerContext, reaskNotOffered } from './handlers/handler.types';
import { saysCommand, understandingOf } from './answers';
import { DEFAULT_LOCALE, I18nService } from '../i18n/i18n.service';
import type { LoadedScript } from './script.loader';
import { DialogScript, isLocaleKey, ScriptOption, ScriptStep } from './script.schema';
import { turnInfo, type TurnInfo } from './turn-info';

type BotkitHandler = (answer: string | null, convo: BotkitDialogWrapper, bot: BotWorker, message: BotkitMessage) => Promise<void>;

/** One line of Botkit's runtime script (what `BotkitConversation.script` holds). */
interface BotkitLine {
  text?: (line: BotkitLine, vars: DialogVars) => string;
  quick_replies?: (line: BotkitLine, vars: DialogVars) => QuickReply[];
  collect?: { key: string; options: Array<{ default: true; handler: BotkitHandler }> };
  action?: string;
  execute?: { script: string; thread?: string };
  handler?: BotkitHandler;
}

const SYSTEM_KEYS = {
  reask: 'system.reask',
  offerHandoff: 'system.not_understood_menu',
} as const;

/** Misses at one question before the duty member is offered (the question is asked again either way). */
const MISSES_BEFORE_HANDOFF = 3;

const localeOf = (vars: DialogVars): string => (typeof vars._locale === 'string' ? vars._locale : DEFAULT_LOCALE);

/**
 * Turns checked scripts into Botkit's runtime format. Every question gets one dispatcher option that reads the
 * answer itself (through the understanding: offered options by number or words, command lists and intents of
 * every locale, regexes, photos), runs the named handler and the action, so errors carry dialog context and a
 * miss is re-asked with an example.
 */
export class ScriptCompiler {
  constructor(
    private readonly i18n: I18nService,
    private readonly handlers: ReadonlyMap<string, DialogHandler>,
    private readonly ports: HandlerPorts,
  ) {}

  compile(loaded: LoadedScript): Record<string, BotkitLine[]> {
    const threads: Record<string, BotkitLine[]> = {};
    for (const [name, steps] of Object.entries(loaded.script.threads)) threads[name] = steps.map((s) => this.line(loaded.script, s));
    return threads;
  }

  /** Installs or replaces a dialog in the controller; a reload swaps `.script` in place (ids cannot be re-added). */
  install(controller: Botkit, existing: BotkitConversation | undefined, loaded: LoadedScript, make: () => BotkitConversation): BotkitConversation {
    const dialog = existing ?? make();
    dialog.script = this.compile(loaded);
    if (!existing) {
      for (const thread of Object.keys(loaded.script.threads)) dialog.before(thread, async (convo: BotkitDialogWrapper) => stamp(convo, dialog));
      controller.addDialog(dialog);
    }
    versions.set(dialog, loaded.version);
    return dialog;
  }

  private text(step: ScriptStep): BotkitLine['text'] {
    if (step.text === undefined) return undefined;
    const variants = typeof step.text === 'string' ? [step.text] : step.text;
    return (_line, vars) => {
      const text = variants[Math.floor(Math.random() * variants.length)];
      return isLocaleKey(text) ? this.i18n.template(text, localeOf(vars)) : text;
    };
  }

  private quickReplies(step: ScriptStep): BotkitLine['quick_replies'] {
    const spec = step.quick_replies;
    if (!spec) return undefined;
    if (!Array.isArray(spec)) return (_line, vars) => (Array.isArray(vars[spec.from]) ? (vars[spec.from] as unknown as QuickReply[]) : []);
    return (_line, vars) =>
      spec.map((q) => {
        const resolve = (s: string) => (isLocaleKey(s) ? this.i18n.template(s, localeOf(vars)) : s);
        const title = resolve(typeof q === 'string' ? q : q.title);
        return { title, payload: typeof q === 'string' || !q.payload ? title : resolve(q.payload) };
      });
  }

  private line(script: DialogScript, step: ScriptStep): BotkitLine {
    const line: BotkitLine = { text: this.text(step), quick_replies: this.quickReplies(step) };
    if (step.collect) {
      const key = step.collect.key;
      const handler = this.dispatcher(script.id, key, step.collect.options ?? [], line.quick_replies, step.collect.ticket_number === true);
      line.collect = { key, options: [{ default: true, handler }] };
      return line;
    }
    if (step.handler || step.if) {
      const condition = step.if;
      const named = step.handler;
      line.action = 'next';
      line.handler = this.wrap(script.id, async (ctx, convo, bot) => {
        if (condition && !truthy(ctx.vars[condition])) return;
        if (named) await this.handlers.get(named)?.run(ctx);
        if (!ctx.moved()) await perform(step, ctx, convo, bot);
      });
      return line;
    }
    if (step.action) {
      line.action = step.action;
      if (step.execute) line.execute = step.execute;
    }
    return line;
  }

  /** The single option behind every question: finds the matching option, runs its handler, then its action. */
  private dispatcher(dialogId: string, collectKey: string, options: ScriptOption[], offered: BotkitLine['quick_replies'], ticketNumber: boolean): BotkitHandler {
    const matchers = options.map((o) => ({ option: o, test: this.matcher(o) }));
    return this.wrap(dialogId, async (ctx, convo, bot) => {
      const found = matchers.find((m) => !m.option.default && m.test(ctx.answer)) ?? matchers.find((m) => m.option.default);
      if (!found) {
        // Without options a question takes any text; a photo or location alone is not an answer to it.
        if (ctx.answer === null || ctx.answer === '') await ctx.reask();
        else ctx.vars._strikes = 0;
        return;
      }
      if (found.option.handler) await this.handlers.get(found.option.handler)?.run(ctx);
      if (ctx.moved()) return;
      ctx.vars._strikes = 0;
      await perform(found.option, ctx, convo, bot);
    }, collectKey, offered, ticketNumber);
  }

  private matcher(option: ScriptOption): (answer: string | null) => boolean {
    const command = option.command;
    if (command) return (answer) => saysCommand(this.i18n, command, answer);
    if (option.pattern !== undefined) {
      const re = new RegExp(option.pattern, 'i');
      return (answer) => answer !== null && re.test(answer);
    }
    return () => true;
  }

  private wrap(
    dialogId: string,
    body: (ctx: HandlerContext & { moved(): boolean }, convo: BotkitDialogWrapper, bot: BotWorker) => Promise<void>,
    collectKey?: string,
    offered?: BotkitLine['quick_replies'],
    ticketNumber = false,
  ): BotkitHandler {
    return async (answer, convo, bot, message) => {
      const info = turnInfo(message.context);
      let text = typeof answer === 'string' ? answer.trim() : null;
      // An answer that picks one of the offered options (its number, its label, a short sentence with it) is
      // that option's payload, whatever the channel showed: buttons, a numbered list or a menu.
      const options = offered && text ? offered({}, convo.vars as DialogVars) : [];
      const understanding = understandingOf(this.i18n);
      const chosen = text && options.length ? understanding.choose(text, options) : null;
      if (chosen !== null) text = options[chosen].payload;
      // Botkit stores a non-text answer (a photo) as the whole activity: keep state small and JSON-clean.
      if (collectKey && (typeof convo.vars[collectKey] === 'object' || chosen !== null)) convo.vars[collectKey] = text;
      const ctx = createHandlerContext(dialogId, text, convo, bot, info, this.ports, collectKey);
      // A number typed for an option that is not offered is told so, not taken as the answer; where a ticket
      // number is asked for, it may be the end of one ("number 18"), which the handler matches.
      const missing = text && chosen === null && options.length && !ticketNumber ? understanding.optionNotOffered(text, options.length) : null;
      try {
        if (missing !== null) await reaskNotOffered(ctx, missing, options.length);
        else await body(ctx, convo, bot);
      } catch (e) {
        throw e instanceof DialogError ? e : new DialogError(dialogId, stepOf(convo).thread, stepOf(convo).index, message.user, e);
      }
    };
  }
}

const versions = new WeakMap<BotkitConversation, string>();

/** The version of the script a dialog instance runs now. */
export const versionOf = (dialog: BotkitConversation): string | undefined => versions.get(dialog);

/** Marks the dialog's variables with the id and version it started under (values are copied between dialogs). */
function stamp(convo: BotkitDialogWrapper, dialog: BotkitConversation): void {
  if (convo.vars._dialog === dialog.id) return;
  convo.setVar('_dialog', dialog.id);
  convo.setVar('_v', versions.get(dialog) ?? '');
  convo.setVar('_strikes', 0);
}

const truthy = (v: unknown): boolean => v !== undefined && v !== null && v !== false && v !== '' && v !== 0;

async function perform(node: { action?: string; execute?: { script: string; thread?: string } }, ctx: HandlerContext, convo: BotkitDialogWrapper, bot: BotWorker): Promise<void> {
  switch (node.action) {
    case undefined:
    case 'next':
      return;
    case 'repeat':
      void convo.repeat();
      return;
    case 'complete':
    case 'stop':
    case 'timeout':
      ctx.vars._status = node.action === 'complete' ? 'completed' : node.action === 'stop' ? 'canceled' : 'timeout';
      void convo.stop();
      return;
    case 'execute_script':
      await bot.replaceDialog(node.execute!.script, { ...ctx.vars, _dialog: null, thread: node.execute!.thread });
      return;
    default:
      convo.gotoThread(node.action);
  }
}

/**
 * Botkit's convo wrapper keeps the current step private, yet `gotoThread`/`repeat` work by changing it and Botkit
 * itself compares it after a handler; we read it the same way to know where a handler left the dialog.
 */
function stepOf(convo: BotkitDialogWrapper): { index: number; thread: string } {
  return (convo as unknown as { step: { index: number; thread: string } }).step;
}

/** The handler API over Botkit's convo wrapper and worker, built by `wrap` for one call of a dispatcher or handler step. */
function createHandlerContext(
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
