import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder-core';
import type { DialogContext } from 'botbuilder-dialogs';
import type { BotWorker } from 'botkit';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { OrgService } from '../org/org.service';
import { OutboxService } from '../outbox/outbox.service';
import { RESIDENT_INVITATIONS, type ResidentInvitationsPort } from '../consultations/invitations.port';
import { RESIDENT_TICKETS, ResidentTicketsPort } from '../tickets/tickets.port';
import { type AttachmentRef } from '../common/resident';
import { understandingOf } from './answers';
import { BookingService } from './booking.service';
import { CONVERSATION_SETTINGS, ConversationSettings } from './conversation.settings';
import { BotReply, ConversationTurn, QuickReply, sessionKey } from './conversation.types';
import { DialogScriptsService } from './dialog-scripts.service';
import { DialogError } from './dialog.error';
import { ActiveDialog, DialogRuntime } from './dialog.runtime';
import type { HandlerDeps } from './handlers/handler.types';
import { I18nService } from '../i18n/i18n.service';
import { END_THREAD, StepArrivalRepository } from './step-arrival.repository';
import { loggableKey, residentHandle } from '../common/resident-handle';
import { TurnLock } from './turn-lock';
import { TurnRouter } from './turn.router';
import type { TurnInfo } from './turn-info';

/** What runs a turn: the production runtime, or a preview's with the draft and harmless services. */
interface Engine {
  runtime: DialogRuntime;
  router: TurnRouter;
  deps: HandlerDeps;
  recordSteps: boolean;
  /** Preview only: begin this dialog afresh instead of routing the message. */
  start?: string;
}

const MENU_BUTTONS = ['menu.opt_file', 'menu.opt_status', 'menu.opt_add', 'menu.opt_rate', 'menu.opt_visit', 'menu.opt_handoff', 'menu.opt_help'];

/**
 * The one entry point of every channel: a resident's message in, the bot's replies out. Turns of one resident
 * run one at a time (across instances), dialog state lives in the database, and no error escapes to the channel:
 * the resident gets a polite generic reply and the log gets the dialog context.
 */
@Injectable()
export class ConversationService implements OnModuleInit {
  private readonly logger = new Logger('Conversation');
  private readonly deps: HandlerDeps;
  private readonly engine: Engine;

  constructor(
    private readonly runtime: DialogRuntime,
    private readonly scripts: DialogScriptsService,
    private readonly lock: TurnLock,
    private readonly i18n: I18nService,
    private readonly clock: Clock,
    outbox: OutboxService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RESIDENT_TICKETS) tickets: ResidentTicketsPort,
    org: OrgService,
    bookings: BookingService,
    @Inject(RESIDENT_INVITATIONS) invitations: ResidentInvitationsPort,
    private readonly arrivals: StepArrivalRepository,
    @Inject(CONVERSATION_SETTINGS) private readonly settings: ConversationSettings,
  ) {
    this.deps = { tickets, org, outbox, bookings, invitations, dataSource, i18n, clock };
    const router = new TurnRouter(runtime, settings, (info, text) => this.forward(info, text));
    this.engine = { runtime, router, deps: this.deps, recordSteps: true };
  }

  async onModuleInit(): Promise<void> {
    // Word lists that are not lists stop the start, naming the file, rather than leaving answers unread.
    understandingOf(this.i18n);
    await this.scripts.boot();
  }

  async handle(turn: ConversationTurn): Promise<BotReply[]> {
    return this.run(turn, this.engine);
  }

  /**
   * A turn of a console preview: the given runtime (published scripts plus a draft) and the given services, so
   * the draft runs for a preview resident while every real conversation keeps the published version.
   */
  handlePreview(turn: ConversationTurn, runtime: DialogRuntime, deps: Partial<HandlerDeps>, start?: string): Promise<BotReply[]> {
    const router = new TurnRouter(runtime, this.settings, (info, text) => this.forward(info, text));
    return this.run(turn, { runtime, router, deps: { ...this.deps, ...deps }, recordSteps: false, start });
  }

  private async run(turn: ConversationTurn, engine: Engine): Promise<BotReply[]> {
    const { runtime } = engine;
    const key = sessionKey(turn.channel, turn.user);
    let locale = this.i18n.resolveLocale(turn.locale);
    const text = (turn.menuId ?? turn.text ?? '').trim();
    const activity = activityOf(turn, text);
    try {
      const stateKey = runtime.stateKey(activity);
      return await this.lock.run(key, turn.channel, turn.user, stateKey, async (record) => {
        const session = record.session;
        if (turn.turnId && session.meta.lastTurn?.id === turn.turnId) return session.meta.lastTurn.replies;
        await this.scripts.refreshIfDue();
        if (turn.locale || !session.locale) session.locale = locale;
        locale = session.locale;
        if (turn.workstation) session.workstationCode = turn.workstation;
        const info: TurnInfo = {
          session,
          locale,
          resident: { channel: turn.channel, externalId: turn.user, openKfId: turn.openKfId ?? null, address: turn.address ?? null },
          attachments: attachmentsOf(turn),
          deps: engine.deps,
          turnId: turn.turnId,
        };
        let before: ActiveDialog | null = null;
        const route = async (bot: BotWorker, dc: DialogContext, current: ActiveDialog | null) => {
          before = current;
          if (!engine.start) return engine.router.route(bot, dc, current, text, info);
          // A preview (re)starts the dialog under edit from its beginning, whatever the preview resident was doing.
          session.handoffMember = null;
          session.meta = {};
          await dc.cancelAllDialogs();
          await bot.beginDialog(engine.start, { _locale: info.locale });
        };
        const { replies, active, stateJson } = await runtime.runTurn(activity, info, route, stateKey, record.state.json);
        record.state.json = stateJson;
        const last = replies[replies.length - 1];
        if (!active && !session.handoffMember && last && !last.quick_replies) last.quick_replies = this.menuButtons(locale);
        // The resume offer is not a question of the dialog: "continue" must re-send the one before it.
        if (active && last && !session.meta.pendingResume) session.meta = { ...session.meta, lastPrompt: [last] };
        if (turn.turnId) session.meta = { ...session.meta, lastTurn: { id: turn.turnId, replies } };
        session.lastSeenAt = this.clock.now();
        if (engine.recordSteps) this.recordStep(key, before, active);
        return replies;
      });
    } catch (e) {
      const where = e instanceof DialogError ? `${e.dialogId}[${e.thread}#${e.stepIndex}]` : 'turn';
      // A web resident's id never reaches the log; their handle does, so lines of one resident still group.
      const scrub = (text = '') => text.split(turn.user).join(residentHandle(turn.channel, turn.user));
      this.logger.error(`${where} failed for ${loggableKey(key)}: ${scrub((e as Error).message)}`, scrub((e as Error).stack));
      return [{ type: 'message', text: this.i18n.t('errors.generic', {}, locale) }];
    }
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

  /** While a member handles the conversation, the resident's messages go to them through the outbox. */
  private async forward(info: TurnInfo, text: string): Promise<void> {
    const member = info.session.handoffMember;
    if (!member) return;
    const now = this.clock.now();
    const body = text || this.i18n.t('handoff.attachment', { count: info.attachments.length });
    await this.dataSource.transaction((em) =>
      info.deps.outbox.enqueue(em, {
        idempotencyKey: `handoff:${info.session.key}:${now.getTime()}:${randomBytes(4).toString('hex')}`,
        channel: 'wecom_app',
        recipient: member,
        kind: 'text',
        payload: { text: this.i18n.t('handoff.forward', { resident: residentHandle(info.resident.channel, info.resident.externalId), text: body }) },
      }),
    );
  }
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
