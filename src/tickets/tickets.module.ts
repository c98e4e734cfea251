import { Module } from '@nestjs/common';
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
import { loadCalendarConfig, loadTicketsConfig, TICKETS_CONFIG } from './tickets.config';
import { RESIDENT_TICKETS } from './tickets.port';
import { TicketsRepository } from './tickets.repository';
import { TicketsService } from './tickets.service';
import { WorkingCalendar } from './working-calendar';

/** I18nService comes from the global I18nModule; the outbox from the global OutboxModule; ScopeService from the global ConsoleAuthModule. */
@Module({
  imports: [OrgModule, RoutingModule, JobsModule],
  controllers: [MemberTicketsController],
  providers: [
    // Read at boot so a bad tickets.yaml or calendar.yaml stops the start with file:line.
    { provide: TICKETS_CONFIG, useFactory: () => loadTicketsConfig() },
    { provide: WorkingCalendar, useFactory: () => new WorkingCalendar(loadCalendarConfig()) },
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
