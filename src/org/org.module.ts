import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreaEntity } from './area.entity';
import { CommitteeEntity } from './committee.entity';
import { DutyShiftEntity } from './duty-shift.entity';
import { MemberEntity } from './member.entity';
import { OrgRepository } from './org.repository';
import { OrgService } from './org.service';
import { RoutingOverrideEntity } from './routing-override.entity';
import { SectorEntity } from './sector.entity';
import { WorkstationEntity } from './workstation.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      SectorEntity,
      CommitteeEntity,
      WorkstationEntity,
      AreaEntity,
      MemberEntity,
      DutyShiftEntity,
      RoutingOverrideEntity,
    ]),
  ],
  providers: [OrgRepository, OrgService],
  exports: [OrgRepository, OrgService],
})
export class OrgModule {}
