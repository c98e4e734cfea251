import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { ConsultationsModule } from '../consultations/consultations.module';
import { OrgModule } from '../org/org.module';
import { TicketsModule } from '../tickets/tickets.module';
import { BookingRepository } from './booking.repository';
import { BookingService } from './booking.service';
import { RESIDENT_INVITATIONS, type ResidentInvitationsPort } from '../consultations/invitations.port';
import { OrgRepository } from '../org/org.repository';
import { RESIDENT_TICKETS } from '../tickets/tickets.port';
import { CONVERSATION_SETTINGS, conversationSettings } from './conversation.settings';
import { DbStorage } from './db.storage';
import { DialogRuntime } from './dialog.runtime';
import { DialogScriptRepository } from './dialog-script.repository';
import { DialogScriptsService } from './dialog-scripts.service';
import {
  CONCERN_FILING,
  type ConcernFilingPort,
  DIRECTORY,
  type DirectoryPort,
  HANDLER_PORTS,
  HANDOFF,
  type HandlerPorts,
  type HandoffPort,
  TICKET_LOOKUP,
  TICKET_RATING,
  type TicketLookupPort,
  type TicketRatingPort,
  VISIT_BOOKING,
  type VisitBookingPort,
} from './handler-ports';
import { HANDLERS } from './handlers';
import { HandoffService } from './handoff.service';
import { I18nService } from '../i18n/i18n.service';
import { SessionRepository } from './session.repository';
import { DialogPreviewService } from './preview/dialog-preview.service';
import { StepArrivalRepository } from './step-arrival.repository';
import { DEFAULT_TURN_LOCK_POLICY, TURN_LOCK_POLICY, TurnLock } from './turn-lock';
import { OutboxModule } from '../outbox/outbox.module';
import { TurnPipeline } from './turn.pipeline';

/**
 * Botkit dialogs from `dialogs/`, their state in the database, and the one entry point channels call
 * (`TurnPipeline`). Handlers reach the rest of minyi only through the ports bound here.
 */
@Module({
  imports: [OrgModule, TicketsModule, ConsultationsModule, OutboxModule],
  providers: [
    { provide: TURN_LOCK_POLICY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ ...DEFAULT_TURN_LOCK_POLICY, leaseMs: config.leases.turnMs }) },
    { provide: CONVERSATION_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => conversationSettings(config) },
    { provide: CONCERN_FILING, useExisting: RESIDENT_TICKETS },
    { provide: TICKET_LOOKUP, useExisting: RESIDENT_TICKETS },
    { provide: TICKET_RATING, useExisting: RESIDENT_TICKETS },
    { provide: VISIT_BOOKING, useExisting: BookingService },
    { provide: DIRECTORY, useExisting: OrgRepository },
    { provide: HANDOFF, useExisting: HandoffService },
    {
      provide: HANDLER_PORTS,
      useFactory: (
        concerns: ConcernFilingPort,
        tickets: TicketLookupPort,
        ratings: TicketRatingPort,
        visits: VisitBookingPort,
        handoff: HandoffPort,
        invitations: ResidentInvitationsPort,
        directory: DirectoryPort,
        i18n: I18nService,
        clock: Clock,
      ): HandlerPorts => ({ concerns, tickets, ratings, visits, handoff, invitations, directory, i18n, clock }),
      inject: [CONCERN_FILING, TICKET_LOOKUP, TICKET_RATING, VISIT_BOOKING, HANDOFF, RESIDENT_INVITATIONS, DIRECTORY, I18nService, Clock],
    },
    { provide: DbStorage, useFactory: (ds: DataSource, clock: Clock) => new DbStorage(ds, () => clock.now()), inject: [DataSource, Clock] },
    {
      provide: DialogRuntime,
      useFactory: (storage: DbStorage, i18n: I18nService, ports: HandlerPorts) => new DialogRuntime(storage, i18n, HANDLERS, ports),
      inject: [DbStorage, I18nService, HANDLER_PORTS],
    },
    SessionRepository,
    TurnLock,
    BookingRepository,
    BookingService,
    HandoffService,
    DialogScriptRepository,
    DialogScriptsService,
    TurnPipeline,
    StepArrivalRepository,
    DialogPreviewService,
  ],
  exports: [TurnPipeline, DialogScriptsService, BookingService, BookingRepository, StepArrivalRepository, DialogPreviewService],
})
export class ConversationModule {}
