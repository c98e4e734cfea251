import { SectorEntity } from './sector.entity';
import { CommitteeEntity } from './committee.entity';
import { WorkstationEntity } from './workstation.entity';
import { AreaEntity } from './area.entity';
import { MemberEntity } from './member.entity';
import { DutyShiftEntity } from './duty-shift.entity';
import { RoutingOverrideEntity } from './routing-override.entity';

/** The entities of the organisation, joined with every other module's in database/entities.ts. */
export const ORG_ENTITIES = [SectorEntity, CommitteeEntity, WorkstationEntity, AreaEntity, MemberEntity, DutyShiftEntity, RoutingOverrideEntity];
