import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { JobsModule } from '../jobs/jobs.module';
import { OrgModule } from '../org/org.module';
import { TicketsModule } from '../tickets/tickets.module';
import { BulletinExport } from './bulletin-export';
import { BulletinSender } from './bulletin-sender';
import { BulletinsService } from './bulletins.service';
import { DashboardsService } from './dashboards.service';
import { OrgNamesReader } from './org-names';
import { UnitScope } from '../auth/unit-scope';
import { ReportsAdminController } from './reports-admin.controller';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { SqmyReportsService } from './sqmy-reports.service';
import { TargetsService } from './targets.service';
import { OutboxModule } from '../outbox/outbox.module';

/** Point → line → area figures, bulletins, targets and social-conditions reports. i18n is global. */
@Module({
  imports: [OrgModule, TicketsModule, JobsModule, ConsultationsModule, AuthModule, OutboxModule],
  controllers: [ReportsController, ReportsAdminController],
  providers: [ReportsRepository, OrgNamesReader, DashboardsService, TargetsService, BulletinsService, BulletinExport, BulletinSender, SqmyReportsService],
})
export class ReportsModule {}
