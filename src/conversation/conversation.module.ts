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
import { CONVERSATION_SETTINGS, conversationSettings } from './conversation.settings';
import { ConversationService } from './conversation.service';
import { DbStorage } from './db.storage';
import { DialogRuntime } from './dialog.runtime';
import { DialogScriptRepository } from './dialog-script.repository';
import { DialogScriptsService } from './dialog-scripts.service';
import { HANDLERS } from './handlers';
import { I18nService } from '../i18n/i18n.service';
import { SessionRepository } from './session.repository';
import { DialogPreviewService } from './preview/dialog-preview.service';
import { StepArrivalRepository } from './step-arrival.repository';
import { DEFAULT_TURN_LOCK_POLICY, TURN_LOCK_POLICY, TurnLock } from './turn-lock';
import { OutboxModule } from '../outbox/outbox.module';

/** Botkit dialogs from `dialogs/`, their state in the database, and the one entry point channels call. */
@Module({
  imports: [OrgModule, TicketsModule, ConsultationsModule, OutboxModule],
  providers: [
    { provide: TURN_LOCK_POLICY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ ...DEFAULT_TURN_LOCK_POLICY, leaseMs: config.leases.turnMs }) },
    { provide: CONVERSATION_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => conversationSettings(config) },
    { provide: DbStorage, useFactory: (ds: DataSource, clock: Clock) => new DbStorage(ds, () => clock.now()), inject: [DataSource, Clock] },
    {
      provide: DialogRuntime,
      useFactory: (storage: DbStorage, i18n: I18nService) => new DialogRuntime(storage, i18n, HANDLERS),
      inject: [DbStorage, I18nService],
    },
    SessionRepository,
    TurnLock,
    BookingRepository,
    BookingService,
    DialogScriptRepository,
    DialogScriptsService,
    ConversationService,
    StepArrivalRepository,
    DialogPreviewService,
  ],
  exports: [ConversationService, DialogScriptsService, BookingService, StepArrivalRepository, DialogPreviewService],
})
export class ConversationModule {}
