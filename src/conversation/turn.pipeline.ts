import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder-core';
import { Clock } from '../common/clock';
import { loggableKey, residentHandle } from '../common/resident-handle';
import type { AttachmentRef } from '../common/resident';
import { understandingOf } from './answers';
import { CONVERSATION_SETTINGS, ConversationSettings } from './conversation.settings';
import { BotReply, ConversationTurn, QuickReply, sessionKey } from './conversation.types';
import type { DialogSessionEntity } from './dialog-session.entity';
import { DialogScriptsService } from './dialog-scripts.service';
import { DialogError } from './dialog.error';
import { DIALOG } from './dialog-ids';
import { ActiveDialog, DialogRuntime, DialogTurn } from './dialog.runtime';
import { GlobalIntents, PipelineTurn } from './global-intents';
import { HANDLER_PORTS, HandlerPorts } from './handler-ports';
import { I18nService } from '../i18n/i18n.service';
import { END_THREAD, StepArrivalRepository } from './step-arrival.repository';
import { TurnLock } from './turn-lock';
import type { TurnInfo } from './turn-info';

/** What runs a turn: the production runtime and ports, or a preview's (a draft, ports that write nothing). */
export interface TurnEngine {
  runtime: DialogRuntime;
  ports: HandlerPorts;
  recordSteps: boolean;
  /** Preview only: begin this dialog afresh instead of reading the message. */
  start?: string;
}

interface EngineSteps {
  engine: TurnEngine;
  intents: GlobalIntents;
}

const MENU_BUTTONS = ['menu.opt_file', 'menu.opt_status', 'menu.opt_add', 'menu.opt_rate', 'menu.opt_visit', 'menu.opt_handoff', 'menu.opt_help'];

/**
 * The one entry point of every channel: a resident's message in, the bot's replies out, in six steps read top to
 * bottom in `handle`: lock, dedupe, understand, global intents, dialog, record. Turns of one resident run one at
 * a time (across instances), dialog state lives in the database, and no error escapes to the channel: the
 * resident gets a polite generic reply and the log gets the dialog context.
 */
@Injectable()
export class TurnPipeline implements OnModuleInit {
  private readonly logger = new Logger('Conversation');
  private readonly production: EngineSteps;

  constructor(
    runtime: DialogRuntime,
    private readonly scripts: DialogScriptsService,
    private readonly lock: TurnLock,
    private readonly i18n: I18nService,
    private readonly clock: Clock,
    @Inject(HANDLER_PORTS) ports: HandlerPorts,
    private readonly arrivals: StepArrivalRepository,
    @Inject(CONVERSATION_SETTINGS) private readonly settings: ConversationSettings,
  ) {
    this.production = this.stepsOf({ runtime, ports, recordSteps: true });
  }

  async onModuleInit(): Promise<void> {
    // Word lists that are not lists stop the start, naming the file, rather than leaving answers unread.
    understandingOf(this.i18n);
    await this.scripts.boot();
  }

  /** One message of one resident; `engine` is given only by a console preview (DialogPreviewService). */
  async handle(turn: ConversationTurn, engine?: TurnEngine): Promise<BotReply[]> {
    const steps = engine ? this.stepsOf(engine) : this.production;
    const { runtime } = steps.engine;
    const key = sessionKey(turn.channel, turn.user);
    let locale = this.i18n.resolveLocale(turn.locale);
    const text = (turn.menuId ?? turn.text ?? '').trim();
    const activity = activityOf(turn, text);
    try {
      const stateKey = runtime.stateKey(activity);
      // 1. lock: this resident's session and dialog state, claimed for this turn alone, saved when it ends.
      return await this.lock.run(key, turn.channel, turn.user, stateKey, async (record) => {
        const session = record.session;
        // 2. dedupe: a message delivered again gets the replies it got the first time. The inbox already dropped
        // repeated callbacks; this catches a retry after the turn ran but before its replies were queued, and
        // needs the session, hence after the lock.
        const again = replayOf(turn, session);
        if (again) return again;
        await this.scripts.refreshIfDue();
        if (turn.locale || !session.locale) session.locale = locale;
        locale = session.locale;
        if (turn.workstation) session.workstationCode = turn.workstation;
        const info: TurnInfo = {
          session,
          locale,
          resident: { channel: turn.channel, externalId: turn.user, openKfId: turn.openKfId ?? null, address: turn.address ?? null },
          attachments: attachmentsOf(turn),
          turnId: turn.turnId,
        };
        const dialog = await runtime.open(activity, info, stateKey, record.state.json);
        try {
          // 3. understand: what the words say, read once for every step after.
          const t = this.understand(dialog, text, info);
          if (steps.engine.start) await this.restartPreview(t, steps.engine.start);
          // 4. global intents: hand-off, changed scripts, a long silence, then words that mean the same anywhere.
          else if (!(await steps.intents.handle(t))) {
            // 5. dialog: the question in progress reads the answer.
            await this.continueDialog(t);
          }
          const { replies, active, stateJson } = dialog.outcome();
          record.state.json = stateJson;
          this.finishReplies(session, replies, active, locale, turn.turnId);
          // 6. record: where the turn left the resident, for the console's funnel.
          if (steps.engine.recordSteps) this.recordStep(key, dialog.before, active);
          return replies;
        } finally {
          dialog.release();
        }
      });
    } catch (e) {
      const where = e instanceof DialogError ? `${e.dialogId}[${e.thread}#${e.stepIndex}]` : 'turn';
      // A web resident's id never reaches the log; their handle does, so lines of one resident still group.
      const scrub = (text = '') => text.split(turn.user).join(residentHandle(turn.channel, turn.user));
      this.logger.error(`${where} failed for ${loggableKey(key)}: ${scrub((e as Error).message)}`, scrub((e as Error).stack));
      return [{ type: 'message', text: this.i18n.t('errors.generic', {}, locale) }];
    }
  }

  private understand(dialog: DialogTurn, text: string, info: TurnInfo): PipelineTurn {
    const { bot, dc } = dialog;
    const understanding = understandingOf(this.i18n);
    const say = (key: string, vars: Record<string, unknown> = {}, quickReplies?: QuickReply[]) => {
      const reply = this.i18n.t(key, vars, info.locale);
      return bot.say(quickReplies ? { text: reply, channelData: { quick_replies: quickReplies } } : reply);
    };
    const begin = (id: string, options: Record<string, unknown> = {}) => bot.beginDialog(id, { _locale: info.locale, ...options });
    const restart = async (id: string, options: Record<string, unknown> = {}) => {
      await dc.cancelAllDialogs();
      await begin(id, options);
    };
    const resend = async (prompt: BotReply[] | undefined) => {
      for (const reply of prompt ?? []) {
        // Sessions saved before replies took Botkit's shape hold `quickReplies`.
        const options = reply.quick_replies ?? (reply as BotReply & { quickReplies?: QuickReply[] }).quickReplies;
        await bot.say(options ? { text: reply.text, channelData: { quick_replies: options } } : reply.text);
      }
    };
    const heard = { intent: understanding.global(text), ticketNumber: understanding.ticketNumber(text) };
    return { bot, dc, active: dialog.before, text, info, understanding, heard, say, begin, restart, resend };
  }

  /** A preview (re)starts the dialog under edit from its beginning, whatever the preview resident was doing. */
  private async restartPreview(t: PipelineTurn, start: string): Promise<void> {
    t.info.session.handoffMember = null;
    t.info.session.meta = {};
    await t.dc.cancelAllDialogs();
    await t.bot.beginDialog(start, { _locale: t.info.locale });
  }

  private async continueDialog(t: PipelineTurn): Promise<void> {
    if (!t.active) return t.begin(DIALOG.MENU);
    if (!t.text && t.info.attachments.length === 0) return t.resend(t.info.session.meta.lastPrompt);
    await t.dc.continueDialog();
  }

  /** The menu under a finished conversation's last reply, and what a later turn needs of this one's replies. */
  private finishReplies(session: DialogSessionEntity, replies: BotReply[], active: ActiveDialog | null, locale: string, turnId?: string): void {
    const last = replies[replies.length - 1];
    if (!active && !session.handoffMember && last && !last.quick_replies) last.quick_replies = this.menuButtons(locale);
    // The resume offer is not a question of the dialog: "continue" must re-send the one before it.
    if (active && last && !session.meta.pendingResume) session.meta = { ...session.meta, lastPrompt: [last] };
    if (turnId) session.meta = { ...session.meta, lastTurn: { id: turnId, replies } };
    session.lastSeenAt = this.clock.now();
  }

  /** Queues where the turn left the resident, for the console's funnel; nothing when they stay at the same question. */
  private recordStep(key: string, before: ActiveDialog | null, after: ActiveDialog | null): void {
    if (before && after && before.id === after.id && before.thread === after.thread && before.step === after.step) return;
    const left = before && (!after || after.id !== before.id) ? before.id : null;
    const [dialogId, thread, step] = after ? [after.id, after.thread, after.step] : left ? [left, END_THREAD, 0] : [null, '', 0];
    if (!dialogId) return;
    this.arrivals.record(dialogId, thread, step, key, this.clock.now());
  }

  private menuButtons(locale: string): QuickReply[] {
    return MENU_BUTTONS.map((k) => this.i18n.t(k, {}, locale)).map((title) => ({ title, payload: title }));
  }

  private stepsOf(engine: TurnEngine): EngineSteps {
    return { engine, intents: new GlobalIntents(engine.runtime, this.settings, engine.ports) };
  }
}

function replayOf(turn: ConversationTurn, session: DialogSessionEntity): BotReply[] | null {
  return turn.turnId && session.meta.lastTurn?.id === turn.turnId ? session.meta.lastTurn.replies : null;
}

function attachmentsOf(turn: ConversationTurn): AttachmentRef[] {
  const all = [...(turn.attachments ?? [])];
  if (turn.location) all.push({ kind: 'location', ref: `${turn.location.lat},${turn.location.lng}`, name: turn.location.label ?? null });
  return all;
}

function activityOf(turn: ConversationTurn, text: string): Partial<Activity> {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: turn.channel,
    conversation: { id: turn.user, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: turn.user, name: '' },
    recipient: { id: 'minyi', name: 'minyi' },
    text,
    timestamp: new Date(),
  };
}
