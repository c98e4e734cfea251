import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AreaEntity } from '../../org/area.entity';
import { CommitteeEntity } from '../../org/committee.entity';
import { DutyShiftEntity } from '../../org/duty-shift.entity';
import { MemberEntity } from '../../org/member.entity';
import { SectorEntity } from '../../org/sector.entity';
import { WorkstationEntity } from '../../org/workstation.entity';

/** Reads and writes of the organisation for the console; lists include inactive rows so they can be revived. */
@Injectable()
export class OrgAdminRepository {
  constructor(
    @InjectRepository(SectorEntity) private readonly sectors: Repository<SectorEntity>,
    @InjectRepository(CommitteeEntity) private readonly committees: Repository<CommitteeEntity>,
    @InjectRepository(WorkstationEntity) private readonly workstations: Repository<WorkstationEntity>,
    @InjectRepository(AreaEntity) private readonly areas: Repository<AreaEntity>,
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
    @InjectRepository(DutyShiftEntity) private readonly duty: Repository<DutyShiftEntity>,
  ) {}

  allSectors(): Promise<SectorEntity[]> {
    return this.sectors.find({ order: { sortOrder: 'ASC' } });
  }
  allCommittees(): Promise<CommitteeEntity[]> {
    return this.committees.find({ order: { sortOrder: 'ASC' } });
  }
  allWorkstations(): Promise<WorkstationEntity[]> {
    return this.workstations.find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }
  workstationsByCode(codes: string[]): Promise<WorkstationEntity[]> {
    return codes.length ? this.workstations.find({ where: { code: In(codes) }, order: { sortOrder: 'ASC', code: 'ASC' } }) : Promise.resolve([]);
  }
  allAreas(): Promise<AreaEntity[]> {
    return this.areas.find({ order: { sortOrder: 'ASC' } });
  }
  allMembers(): Promise<MemberEntity[]> {
    return this.members.find({ order: { userid: 'ASC' } });
  }
  membersOf(workstationCodes: string[]): Promise<MemberEntity[]> {
    return workstationCodes.length
      ? this.members.find({ where: { workstationCode: In(workstationCodes), active: true }, order: { userid: 'ASC' } })
      : Promise.resolve([]);
  }

  committee(code: string): Promise<CommitteeEntity | null> {
    return this.committees.findOneBy({ code });
  }
  workstation(code: string): Promise<WorkstationEntity | null> {
    return this.workstations.findOneBy({ code });
  }
  area(code: string): Promise<AreaEntity | null> {
    return this.areas.findOneBy({ code });
  }
  member(userid: string): Promise<MemberEntity | null> {
    return this.members.findOneBy({ userid });
  }

  async updateCommittee(code: string, changes: Partial<CommitteeEntity>): Promise<void> {
    await this.committees.update({ code }, { ...changes, managedBy: 'console' });
  }
  async updateWorkstation(code: string, changes: Partial<WorkstationEntity>): Promise<void> {
    await this.workstations.update({ code }, { ...changes, managedBy: 'console' });
  }
  async updateArea(code: string, changes: Partial<AreaEntity>): Promise<void> {
    await this.areas.update({ code }, { ...changes, managedBy: 'console' });
  }
  async insertMember(member: Partial<MemberEntity>): Promise<void> {
    await this.members.insert({ ...member, managedBy: 'console' });
  }
  async updateMember(userid: string, changes: Partial<MemberEntity>): Promise<void> {
    await this.members.update({ userid }, { ...changes, managedBy: 'console' });
  }

  shiftsOf(workstationCode: string): Promise<DutyShiftEntity[]> {
    return this.duty.find({ where: { workstationCode, source: In(['config', 'console']) }, order: { id: 'ASC' } });
  }
  shift(id: number): Promise<DutyShiftEntity | null> {
    return this.duty.findOneBy({ id });
  }
  async insertShift(shift: Pick<DutyShiftEntity, 'workstationCode' | 'memberUserid' | 'weekday' | 'date' | 'source'>): Promise<number> {
    const result = await this.duty.insert(shift);
    return Number(result.identifiers[0]?.id);
  }
  async updateShift(id: number, change: Partial<Pick<DutyShiftEntity, 'memberUserid' | 'source'>>): Promise<void> {
    await this.duty.update({ id }, change);
  }
  async deleteShift(id: number): Promise<void> {
    await this.duty.delete({ id });
  }
}
