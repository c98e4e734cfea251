import { Inject, Injectable } from '@nestjs/common';
import { RESIDENT_TICKETS, ResidentTicketsPort } from '../../tickets/tickets.port';
import type { BotReply } from '../conversation.types';
import { DbStorage } from '../db.storage';
import { DialogRuntime } from '../dialog.runtime';
import { DialogScriptException, DialogScriptsService } from '../dialog-scripts.service';
import { idMismatch } from '../script.loader';
import { HANDLER_PORTS, HandlerPorts } from '../handler-ports';
import { HANDLERS } from '../handlers';
import { I18nService } from '../../i18n/i18n.service';
import { TurnPipeline } from '../turn.pipeline';
import { previewBookings, previewHandoff, PreviewTickets } from './preview-services';

/** Preview residents live in their own id space, which the web chat refuses to real residents. */
export const PREVIEW_USER_PREFIX = 'preview:';

export const previewUser = (adminUserid: string): string => `${PREVIEW_USER_PREFIX}${adminUserid}`;

interface PreviewEngine {
  runtime: DialogRuntime;
  ports: HandlerPorts;
  signature: string;
}

/**
 * Runs a draft dialog for an admin without publishing it: a separate Botkit runtime holds the published scripts
 * with the draft in place of its dialog, the resident is `preview:<admin>`, and tickets, bookings and WeCom
 * messages are only pretended. Real conversations never see the draft.
 */
@Injectable()
export class DialogPreviewService {
  private readonly engines = new Map<string, PreviewEngine>();

  constructor(
    private readonly pipeline: TurnPipeline,
    private readonly scripts: DialogScriptsService,
    private readonly storage: DbStorage,
    private readonly i18n: I18nService,
    @Inject(HANDLER_PORTS) private readonly ports: HandlerPorts,
    @Inject(RESIDENT_TICKETS) private readonly tickets: ResidentTicketsPort,
  ) {}

  /** One message of the preview resident; `restart` begins the draft's dialog afresh (the message is not read). */
  async say(adminUserid: string, dialogId: string, yaml: string, text: string, options: { locale?: string; restart?: boolean } = {}): Promise<BotReply[]> {
    const { runtime, ports } = this.engineFor(adminUserid, dialogId, yaml);
    const turn = { channel: 'web' as const, user: previewUser(adminUserid), text, locale: options.locale };
    return this.pipeline.handle(turn, { runtime, ports, recordSteps: false, start: options.restart ? dialogId : undefined });
  }

  /** The ports of a preview: real reading, pretended writing (tickets, bookings, hand-off). */
  private previewPorts(): HandlerPorts {
    const tickets = new PreviewTickets(this.tickets, this.ports.clock);
    return { ...this.ports, concerns: tickets, tickets, ratings: tickets, visits: previewBookings(this.ports.visits), handoff: previewHandoff(this.ports.handoff) };
  }

  private engineFor(adminUserid: string, dialogId: string, yaml: string): PreviewEngine {
    const { scripts, issues } = this.scripts.checkDraft(yaml, `${dialogId}.yaml`);
    const draft = scripts[0];
    if (issues.length || !draft) throw new DialogScriptException('INVALID_SCRIPT', `DialogPreviewService.say(): ${dialogId} is invalid`, issues);
    if (draft.id !== dialogId) throw new DialogScriptException('INVALID_SCRIPT', `DialogPreviewService.say(): the script's id is ${draft.id}, not ${dialogId}`, [idMismatch(draft, dialogId)]);
    const set = [...this.scripts.installed().filter((s) => s.id !== dialogId), draft];
    const signature = set.map((s) => s.version).sort().join(',');
    const cached = this.engines.get(adminUserid);
    if (cached?.signature === signature) return cached;
    // A new draft gets a new runtime: the dialog's version changes, so the preview conversation restarts cleanly.
    const ports = this.previewPorts();
    const runtime = new DialogRuntime(this.storage, this.i18n, HANDLERS, ports);
    runtime.install(set);
    const engine = { runtime, ports, signature };
    this.engines.set(adminUserid, engine);
    return engine;
  }
}
