import { Activity, TurnContext } from 'botbuilder-core';
import type { DialogContext } from 'botbuilder-dialogs';
import { Botkit, BotkitConversation, BotWorker } from 'botkit';
import type { Storage } from 'botbuilder-core';
import { CollectingAdapter } from './collecting.adapter';
import type { BotReply } from './conversation.types';
import type { DialogHandler } from './handlers/handler.types';
import type { I18nService } from './i18n.service';
import type { LoadedScript } from './script.loader';
import { ScriptCompiler, versionOf } from './script.compiler';
import { setTurnInfo, TurnInfo } from './turn-info';

/** The scripted dialog on top of the stack: its id, thread and variables. */
export interface ActiveDialog {
  id: string;
  thread: string;
  values: Record<string, unknown>;
}

export type TurnRoute = (bot: BotWorker, dc: DialogContext, active: ActiveDialog | null) => Promise<void>;

/**
 * The one Botkit controller of the process, with no web server of its own: our channels feed it turns through
 * `runTurn`, state lives in the given storage, and the dialogs are the compiled scripts (swapped on reload).
 */
export class DialogRuntime {
  readonly controller: Botkit;
  private readonly adapter = new CollectingAdapter();
  private readonly compiler: ScriptCompiler;
  private readonly dialogs = new Map<string, BotkitConversation>();

  constructor(storage: Storage, i18n: I18nService, handlers: Readonly<Record<string, DialogHandler>>) {
    this.controller = new Botkit({ adapter: this.adapter, storage, disable_webserver: true, disable_console: true });
    this.compiler = new ScriptCompiler(i18n, handlers);
  }

  install(scripts: LoadedScript[]): void {
    for (const loaded of scripts) {
      const dialog = this.compiler.install(this.controller, this.dialogs.get(loaded.id), loaded, () => new BotkitConversation(loaded.id, this.controller));
      this.dialogs.set(loaded.id, dialog);
    }
  }

  version(id: string): string | undefined {
    const dialog = this.dialogs.get(id);
    return dialog ? versionOf(dialog) : undefined;
  }

  has(id: string): boolean {
    return this.dialogs.has(id);
  }

  /**
   * One turn, like Botkit's `handleTurn` but awaited end to end: Botkit runs its middleware callbacks unawaited,
   * so an error there would escape as an unhandled rejection and stop the process instead of failing this turn.
   */
  async runTurn(activity: Partial<Activity>, info: TurnInfo, route: TurnRoute): Promise<{ replies: BotReply[]; active: ActiveDialog | null }> {
    let after: ActiveDialog | null = null;
    const replies = await this.adapter.process(activity, async (context: TurnContext) => {
      setTurnInfo(context, info);
      const incoming = context.activity;
      context.turnState.set('botkitMessage', {
        type: incoming.type,
        user: incoming.from.id,
        text: incoming.text,
        channel: incoming.conversation.id,
        reference: TurnContext.getConversationReference(incoming),
        context,
        incoming_message: incoming,
      });
      const dc = await this.controller.dialogSet.createContext(context);
      const bot = await this.controller.spawn(dc);
      await route(bot, dc, this.active(dc));
      after = this.active(dc);
      await this.controller.saveState(bot);
    });
    return { replies, active: after };
  }

  private active(dc: DialogContext): ActiveDialog | null {
    for (let i = dc.stack.length - 1; i >= 0; i--) {
      const entry = dc.stack[i];
      if (this.dialogs.has(entry.id)) {
        const state = entry.state as { thread?: string; values?: Record<string, unknown> };
        return { id: entry.id, thread: state.thread ?? 'default', values: state.values ?? {} };
      }
    }
    return null;
  }
}
