import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AreaEntity } from './area.entity';
import { CommitteeEntity } from './committee.entity';
import { DutyShiftEntity } from './duty-shift.entity';
import { MemberEntity } from './member.entity';
import { RoutingOverrideEntity } from './routing-override.entity';
import { SectorEntity } from './sector.entity';
import { WorkstationEntity } from './workstation.entity';

/** Queries over the organisation tables. The organisation is small (tens of rows), so lists are read whole. */
@Injectable()
export class OrgRepository {
  constructor(
    @InjectRepository(SectorEntity) private readonly sectors: Repository<SectorEntity>,
    @InjectRepository(CommitteeEntity) private readonly committees: Repository<CommitteeEntity>,
    @InjectRepository(WorkstationEntity) private readonly workstations: Repository<WorkstationEntity>,
    @InjectRepository(AreaEntity) private readonly areas: Repository<AreaEntity>,
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
    @InjectRepository(DutyShiftEntity) private readonly duty: Repository<DutyShiftEntity>,
    @InjectRepository(RoutingOverrideEntity) private readonly overrides: Repository<RoutingOverrideEntity>,
  ) {}

  activeSectors(): Promise<SectorEntity[]> {
    return this.sectors.find({ where: { active: true }, order: { sortOrder: 'ASC' } });
  }
  activeCommittees(): Promise<CommitteeEntity[]> {
    return this.committees.find({ where: { active: true }, order: { sortOrder: 'ASC' } });
  }
  activeWorkstations(): Promise<WorkstationEntity[]> {
    return this.workstations.find({ where: { active: true }, order: { sortOrder: 'ASC' } });
  }
  activeAreas(): Promise<AreaEntity[]> {
    return this.areas.find({ where: { active: true }, order: { sortOrder: 'ASC' } });
  }
  workstation(code: string): Promise<WorkstationEntity | null> {
    return this.workstations.findOneBy({ code });
  }
  committee(code: string): Promise<CommitteeEntity | null> {
    return this.committees.findOneBy({ code });
  }
  member(userid: string): Promise<MemberEntity | null> {
    return this.members.findOneBy({ userid });
  }
  /** Display names by userid, former members included: old tickets and notes still name them. */
  async memberNames(userids?: readonly string[]): Promise<Map<string, string>> {
    if (userids && userids.length === 0) return new Map();
    const rows = await this.members.find({ select: { userid: true, name: true }, where: userids ? { userid: In([...userids]) } : {} });
    return new Map(rows.map((m) => [m.userid, m.name]));
  }
  /** Studio names by code, closed studios included: their old bookings and tickets still name them. */
  async workstationNames(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.workstations.find({ select: { code: true, name: true }, where: { code: In([...codes]) } });
    return new Map(rows.map((w) => [w.code, w.name]));
  }
  activeMembersOf(workstationCode: string): Promise<MemberEntity[]> {
    return this.members.find({ where: { workstationCode, active: true }, order: { userid: 'ASC' } });
  }
  activeMembersByRole(role: MemberEntity['role']): Promise<MemberEntity[]> {
    return this.members.find({ where: { role, active: true }, order: { userid: 'ASC' } });
  }
  committeeHeads(committeeCode: string): Promise<MemberEntity[]> {
    return this.members.find({ where: { committeeCode, role: 'committee_head', active: true } });
  }
  dutyShifts(workstationCode: string): Promise<DutyShiftEntity[]> {
    return this.duty.find({ where: { workstationCode, source: In(['config', 'console']) }, order: { id: 'ASC' } });
  }
  routingOverride(sectorCode: string, areaCode: string): Promise<RoutingOverrideEntity | null> {
    return this.overrides.findOneBy({ sectorCode, areaCode });
  }
}
