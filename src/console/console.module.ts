import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationModule } from '../conversation/conversation.module';
import { AreaEntity } from '../org/area.entity';
import { CommitteeEntity } from '../org/committee.entity';
import { DutyShiftEntity } from '../org/duty-shift.entity';
import { MemberEntity } from '../org/member.entity';
import { OrgModule } from '../org/org.module';
import { SectorEntity } from '../org/sector.entity';
import { WorkstationEntity } from '../org/workstation.entity';
import { TicketsModule } from '../tickets/tickets.module';
import { ApiDocsController } from './assets/api-docs.controller';
import { ConsoleAssetsController } from './assets/console-assets.controller';
import { ConsoleAssetsService } from './assets/console-assets.service';
import { AuthController } from './auth/auth.controller';
import { BookingsController, BookingsService } from './bookings/bookings.controller';
import { SignInController } from './auth/sign-in.controller';
import { ConsoleAuthModule } from './console-auth.module';
import { DutyRosterService } from './org/duty-roster.service';
import { MemberOrgController } from './org/member-org.controller';
import { MemberOrgService } from './org/member-org.service';
import { OrgAdminController } from './org/org-admin.controller';
import { OrgAdminRepository } from './org/org-admin.repository';
import { OrgAdminService } from './org/org-admin.service';

/** The member and admin console: its pages, sign-in, and the organisation API. Feature APIs live in their modules. */
@Module({
  imports: [
    ConsoleAuthModule,
    ConversationModule,
    OrgModule,
    TicketsModule,
    TypeOrmModule.forFeature([SectorEntity, CommitteeEntity, WorkstationEntity, AreaEntity, MemberEntity, DutyShiftEntity]),
  ],
  controllers: [ApiDocsController, ConsoleAssetsController, SignInController, AuthController, OrgAdminController, MemberOrgController, BookingsController],
  providers: [BookingsService, ConsoleAssetsService, OrgAdminRepository, OrgAdminService, DutyRosterService, MemberOrgService],
})
export class ConsoleModule {}
