import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { JobsModule } from '../jobs/jobs.module';
import { OrgModule } from '../org/org.module';
import { RoutingModule } from '../routing/routing.module';
import { CalendarDaysService } from './calendar/calendar-days.service';
import { MemberTicketsController } from './member/member-tickets.controller';
import { MemberTicketsService } from './member/member-tickets.service';
import { ResidentTicketsService } from './resident/resident-tickets.service';
import { TicketDeadlines } from './lifecycle/ticket-deadlines';
import { TicketDispositionService } from './lifecycle/ticket-disposition.service';
import { TicketLifecycleService } from './lifecycle/ticket-lifecycle.service';
import { TicketMoves } from './lifecycle/ticket-moves';
import { TicketNotifier } from './lifecycle/ticket-notifier';
import { TicketRerouteService } from './lifecycle/ticket-reroute.service';
import { TicketStatsRepository } from './stats/ticket-stats.repository';
import { TicketStatsService } from './stats/ticket-stats.service';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { TICKETS_CONFIG } from '../config/tickets.config';
import { RESIDENT_TICKETS } from './tickets.port';
import { TicketsRepository } from './tickets.repository';
import { TicketsService } from './tickets.service';
import { CalendarDaysRepository } from './calendar/calendar-days.repository';
import { WorkingCalendar } from './calendar/working-calendar';
import { OutboxModule } from '../outbox/outbox.module';

/** I18nService comes from the global I18nModule; everything else is imported. */
@Module({
  imports: [OrgModule, RoutingModule, JobsModule, AuthModule, OutboxModule],
  controllers: [MemberTicketsController],
  providers: [
    // tickets.yaml and calendar.yaml are read and validated by loadConfig, before Nest starts.
    { provide: TICKETS_CONFIG, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.tickets },
    { provide: WorkingCalendar, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new WorkingCalendar(config.calendar) },
    CalendarDaysRepository,
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
    CalendarDaysRepository,
    TICKETS_CONFIG,
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
