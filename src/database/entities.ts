import { InboxMessageEntity } from '../inbox/inbox-message.entity';
import { KfCursorEntity } from '../inbox/kf-cursor.entity';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { AreaEntity } from '../org/area.entity';
import { CommitteeEntity } from '../org/committee.entity';
import { DutyShiftEntity } from '../org/duty-shift.entity';
import { MemberEntity } from '../org/member.entity';
import { RoutingOverrideEntity } from '../org/routing-override.entity';
import { SectorEntity } from '../org/sector.entity';
import { WorkstationEntity } from '../org/workstation.entity';

/** Every entity, so the service, the CLI and the tests build the same metadata. Add new entities here. */
export const ALL_ENTITIES = [
  SectorEntity,
  CommitteeEntity,
  WorkstationEntity,
  AreaEntity,
  MemberEntity,
  DutyShiftEntity,
  RoutingOverrideEntity,
  OutboxMessageEntity,
  InboxMessageEntity,
  KfCursorEntity,
];
