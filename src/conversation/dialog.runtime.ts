import { Activity, TurnContext } from 'botbuilder-core';
import type { DialogContext, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { Botkit, BotkitConversation, BotWorker } from 'botkit';
import type { Storage } from 'botbuilder-core';
import { TurnStorage } from './turn-storage';
import { CollectingAdapter } from './collecting.adapter';
import type { BotReply } from './conversation.types';
import type { HandlerPorts } from './handler-ports';
import type { DialogHandler } from './handlers/handler.types';
import type { I18nService } from '../i18n/i18n.service';
import type { LoadedScript } from './script.loader';
import { ScriptCompiler, versionOf } from './script.compiler';
import { setTurnInfo, TurnInfo } from './turn-info';

/** The turn-state key botbuilder-dialogs' DialogStateManager looks its configuration up under. */
const MEMORY_CONFIGURATION = 'DialogStateManagerConfiguration';

/** The scripted dialog on top of the stack: its id, thread and variables. */
export interface ActiveDialog {
  id: string;
  thread: string;
  /** Index of the step the dialog waits at in its thread. */
  step: number;
  values: Record<string, unknown>;
}

/** One open Botkit turn: the pipeline's global intents and the dialog act on it, then it is ended. */
export interface DialogTurn {
  readonly bot: BotWorker;
  readonly dc: DialogContext;
  /** The scripted dialog on top when the turn began. */
  readonly before: ActiveDialog | null;
  /** The replies said so far, the dialog left on top and the state to save with the session. */
  outcome(): TurnOutcome;
  /** Gives the staged state key back; safe to call more than once. */
  release(): void;
}

/** What of Botkit's (private) conversation state a turn needs: its storage key and the loaded state object. */
interface ConversationStateView {
  getStorageKey(context: TurnContext): string;
  get(context: TurnContext): Record<string, unknown> | undefined;
}

export interface TurnOutcome {
  replies: BotReply[];
  active: ActiveDialog | null;
  /** The dialog state after the turn, as JSON, for the caller to save with the session. */
  stateJson: string;
}

/**
 * The one Botkit controller of the process, with no web server of its own: TurnPipeline opens each turn on it
 * (`open`), state lives in the given storage, and the dialogs are the compiled scripts (swapped on reload).
 */
export class DialogRuntime {
  readonly controller: Botkit;
  private readonly adapter = new CollectingAdapter();
  private readonly compiler: ScriptCompiler;
  private readonly dialogs = new Map<string, BotkitConversation>();
  private readonly storage: TurnStorage;
  private readonly state: ConversationStateView;
  /** Memory scopes and path resolvers, as botbuilder built them on the first turn (see `dispatch`). */
  private memory?: DialogStateManagerConfiguration;

  constructor(storage: Storage, i18n: I18nService, handlers: ReadonlyMap<string, DialogHandler>, ports: HandlerPorts) {
    this.storage = new TurnStorage(storage);
    this.controller = new Botkit({ adapter: this.adapter, storage: this.storage, disable_webserver: true, disable_console: true });
    // Botkit keeps its ConversationState private; the key and the state object are all we read of it.
    this.state = (this.controller as unknown as { conversationState: ConversationStateView }).conversationState;
    this.compiler = new ScriptCompiler(i18n, handlers, ports);
  }

  /** The storage key Botkit keeps this activity's dialog state under (channel, conversation and user). */
  stateKey(activity: Partial<Activity>): string {
    return this.state.getStorageKey({ activity } as TurnContext);
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
   * Opens one turn, like Botkit's `handleTurn` but driven step by step by the caller (TurnPipeline), so its
   * errors reject the caller's await instead of escaping Botkit's unawaited middleware. The dialog state comes in
   * as the JSON the caller read (null: none yet) and goes out as JSON in `outcome()`; the caller stores it, so
   * Botkit's own load and save cost no query and no second serialisation.
   */
  async open(activity: Partial<Activity>, info: TurnInfo, stateKey: string, stateJson: string | null): Promise<DialogTurn> {
    this.storage.stage(stateKey, stateJson ? (JSON.parse(stateJson) as Record<string, unknown>) : null);
    let staged = true;
    const release = () => {
      if (staged) this.storage.unstage(stateKey);
      staged = false;
    };
    try {
      const { context, replies } = this.adapter.open(activity);
      if (this.state.getStorageKey(context) !== stateKey) throw new Error(`DialogRuntime.open(): state key is not "${stateKey}"`);
      setTurnInfo(context, info);
      const { bot, dc } = await this.botkitTurn(context);
      const outcome = (): TurnOutcome => {
        const { eTag: _eTag, ...state } = this.state.get(context) ?? {};
        return { replies, active: this.active(dc), stateJson: JSON.stringify(state) };
      };
      return { bot, dc, before: this.active(dc), outcome, release };
    } catch (e) {
      release();
      throw e;
    }
  }

  /** Botkit's message middleware: the message, the dialog context and the worker the turn acts through. */
  private async botkitTurn(context: TurnContext): Promise<{ bot: BotWorker; dc: DialogContext }> {
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
    // botbuilder-dialogs builds its memory scopes anew in each turn's first DialogContext (a service container
    // and schema checks, ≈ 4 % of a turn) unless the turn carries them; they keep no per-turn state.
    if (this.memory) context.turnState.set(MEMORY_CONFIGURATION, this.memory);
    const dc = await this.controller.dialogSet.createContext(context);
    this.memory ??= dc.state.configuration;
    const bot = await this.controller.spawn(dc);
    return { bot, dc };
  }

  /** The scripted dialog on top of the stack now. */
  private active(dc: DialogContext): ActiveDialog | null {
    for (let i = dc.stack.length - 1; i >= 0; i--) {
      const entry = dc.stack[i];
      if (this.dialogs.has(entry.id)) {
        const state = entry.state as { thread?: string; stepIndex?: number; values?: Record<string, unknown> };
        return { id: entry.id, thread: state.thread ?? 'default', step: state.stepIndex ?? 0, values: state.values ?? {} };
      }
    }
    return null;
  }
}
