import type { DataSource } from 'typeorm';
import { AreaEntity } from '../org/area.entity';
import { CommitteeEntity } from '../org/committee.entity';
import { DutyShiftEntity } from '../org/duty-shift.entity';
import { MemberEntity } from '../org/member.entity';
import { OrgRepository } from '../org/org.repository';
import { OrgService } from '../org/org.service';
import { RoutingOverrideEntity } from '../org/routing-override.entity';
import { SectorEntity } from '../org/sector.entity';
import { WorkstationEntity } from '../org/workstation.entity';
import { RoutingService } from './routing.service';

/** The organisation's services over a plain DataSource, for CLI commands that run without the Nest app. */
export function orgServiceOf(dataSource: DataSource): OrgService {
  const r = <T extends object>(entity: new () => T) => dataSource.getRepository(entity);
  return new OrgService(
    new OrgRepository(r(SectorEntity), r(CommitteeEntity), r(WorkstationEntity), r(AreaEntity), r(MemberEntity), r(DutyShiftEntity), r(RoutingOverrideEntity)),
  );
}

/** Where a sector's concerns go by default (no area): the committee and its studio, or nulls for triage. */
export async function resolveSectorRoute(
  dataSource: DataSource,
  sectorName: string | null,
): Promise<{ committee: string | null; workstation: string | null }> {
  const org = orgServiceOf(dataSource);
  const sector = (await org.repo.activeSectors()).find((s) => s.name === sectorName || s.code === sectorName);
  const target = sector ? await new RoutingService(org).workstationFor(sector.code, null, []) : null;
  if (target) return { committee: target.committee.name, workstation: target.workstation.name };
  const triage = await org.triageWorkstation();
  return { committee: null, workstation: triage.name };
}
