import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { JobsModule } from '../jobs/jobs.module';
import { OrgModule } from '../org/org.module';
import { DepartmentLinkController } from './proposals/department-link.controller';
import { DepartmentPageController } from './proposals/department-page.controller';
import { ProposalsController } from './proposals/proposals.controller';
import { ProposalsService } from './proposals/proposals.service';
import { UnitScope } from '../auth/unit-scope';
import { TicketsModule } from '../tickets/tickets.module';
import { CalendarService } from './calendar.service';
import { ConsultationFiguresService } from './consultation-figures';
import { ConsultationNotes } from './consultation-notes';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';
import { DepartmentsAdminController } from './departments-admin.controller';
import { DepartmentsService } from './departments.service';
import { RESIDENT_INVITATIONS } from './invitations.port';
import { InvitationsService } from './invitations.service';
import { OutcomeService } from './outcome.service';
import { TopicsService } from './topics.service';
import { TrackingService } from './tracking.service';
import { OutboxModule } from '../outbox/outbox.module';

/** Topics, consultations, agreed actions, proposals and their tracking (proposals live in ./proposals). i18n is global. */
@Module({
  imports: [OrgModule, TicketsModule, JobsModule, AuthModule, OutboxModule],
  controllers: [ConsultationsController, DepartmentsAdminController, ProposalsController, DepartmentLinkController, DepartmentPageController],
  providers: [
    ConsultationsRepository, ConsultationNotes, TopicsService, ConsultationsService, TrackingService, OutcomeService, InvitationsService, DepartmentsService,
    CalendarService, ConsultationFiguresService, ProposalsService,
    { provide: RESIDENT_INVITATIONS, useExisting: InvitationsService },
  ],
  exports: [RESIDENT_INVITATIONS, ConsultationFiguresService],
})
export class ConsultationsModule {}
