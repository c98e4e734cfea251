import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { JobsModule } from '../jobs/jobs.module';
import { OrgModule } from '../org/org.module';
import { RoutingModule } from '../routing/routing.module';
import { CalendarDaysService } from './calendar-days.service';
import { MemberTicketsController } from './member-tickets.controller';
import { MemberTicketsService } from './member-tickets.service';
import { ResidentTicketsService } from './resident-tickets.service';
import { TicketDeadlines } from './ticket-deadlines';
import { TicketDispositionService } from './ticket-disposition.service';
import { TicketLifecycleService } from './ticket-lifecycle.service';
import { TicketMoves } from './ticket-moves';
import { TicketNotifier } from './ticket-notifier';
import { TicketRerouteService } from './ticket-reroute.service';
import { TicketStatsRepository } from './ticket-stats.repository';
import { TicketStatsService } from './ticket-stats.service';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { TICKETS_CONFIG } from '../config/tickets.config';
import { RESIDENT_TICKETS } from './tickets.port';
import { TicketsRepository } from './tickets.repository';
import { TicketsService } from './tickets.service';
import { WorkingCalendar } from './working-calendar';
import { OutboxModule } from '../outbox/outbox.module';

/** I18nService comes from the global I18nModule; everything else is imported. */
@Module({
  imports: [OrgModule, RoutingModule, JobsModule, AuthModule, OutboxModule],
  controllers: [MemberTicketsController],
  providers: [
    // tickets.yaml and calendar.yaml are read and validated by loadConfig, before Nest starts.
    { provide: TICKETS_CONFIG, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.tickets },
    { provide: WorkingCalendar, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new WorkingCalendar(config.calendar) },
    CalendarDaysService,
    TicketsRepository,
    TicketMoves,
    TicketNotifier,
    TicketDeadlines,
    TicketsService,
    TicketLifecycleService,
    TicketDispositionService,
    TicketRerouteService,
    TicketStatsRepository,
    TicketStatsService,
    ResidentTicketsService,
    MemberTicketsService,
    { provide: RESIDENT_TICKETS, useExisting: ResidentTicketsService },
  ],
  exports: [
    CalendarDaysService,
    RESIDENT_TICKETS,
    TicketsService,
    TicketLifecycleService,
    TicketDispositionService,
    TicketRerouteService,
    TicketStatsService,
    ResidentTicketsService,
    TicketsRepository,
  ],
})
export class TicketsModule {}
