import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../../database/claim';
import { ConsoleAuditService } from '../auth/console-audit.service';
import type { Principal } from '../../auth/principal';
import { SessionService } from '../auth/session.service';
import { AppException } from '../../common/app.exception';
import { OrgAdminRepository } from './org-admin.repository';
import type { AreaPatch, CommitteePatch, MemberCreate, MemberPatch, WorkstationPatch } from './org-admin.schemas';
import {
  AreaView, areaView, CommitteeView, committeeView, MemberView, memberView, WorkstationView, workstationView,
} from './org-admin.views';

const notFound = (what: string, key: string) => new AppException('NOT_FOUND', `no ${what} "${key}"`);

export interface OrgOverview {
  sectors: Array<{ code: string; name: string; active: boolean }>;
  committees: CommitteeView[];
  workstations: WorkstationView[];
  areas: AreaView[];
}

/** The office's edits to committees, workstations, areas and members; every change is audited by field name. */
@Injectable()
export class OrgAdminService {
  constructor(
    private readonly repo: OrgAdminRepository,
    private readonly audit: ConsoleAuditService,
    private readonly sessions: SessionService,
  ) {}

  async overview(): Promise<OrgOverview> {
    const [sectors, committees, workstations, areas] = await Promise.all([
      this.repo.allSectors(), this.repo.allCommittees(), this.repo.allWorkstations(), this.repo.allAreas(),
    ]);
    return {
      sectors: sectors.map((s) => ({ code: s.code, name: s.name, active: s.active })),
      committees: committees.map(committeeView),
      workstations: workstations.map(workstationView),
      areas: areas.map(areaView),
    };
  }

  async members(): Promise<MemberView[]> {
    return (await this.repo.allMembers()).map((m) => memberView(m, true));
  }

  async updateCommittee(actor: Principal, code: string, patch: CommitteePatch): Promise<CommitteeView> {
    if (!(await this.repo.committee(code))) throw notFound('committee', code);
    if (patch.sectorCodes) this.checkCodes('sectorCodes', patch.sectorCodes, (await this.repo.allSectors()).map((s) => s.code));
    await this.repo.updateCommittee(code, patch);
    await this.audit.record(actor.userid, 'org.committee.update', code, { fields: Object.keys(patch) });
    return committeeView((await this.repo.committee(code))!);
  }

  async updateWorkstation(actor: Principal, code: string, patch: WorkstationPatch): Promise<WorkstationView> {
    if (!(await this.repo.workstation(code))) throw notFound('workstation', code);
    if (patch.areaCodes) this.checkCodes('areaCodes', patch.areaCodes, (await this.repo.allAreas()).map((a) => a.code));
    await this.repo.updateWorkstation(code, patch);
    await this.audit.record(actor.userid, 'org.workstation.update', code, { fields: Object.keys(patch) });
    return workstationView((await this.repo.workstation(code))!);
  }

  async updateArea(actor: Principal, code: string, patch: AreaPatch): Promise<AreaView> {
    if (!(await this.repo.area(code))) throw notFound('area', code);
    await this.repo.updateArea(code, patch).catch((e: unknown) => {
      throw isUniqueViolation(e) ? AppException.field('name', 'another area has this name', { key: 'areaNameTaken' }) : e;
    });
    await this.audit.record(actor.userid, 'org.area.update', code, { fields: Object.keys(patch) });
    return areaView((await this.repo.area(code))!);
  }

  async createMember(actor: Principal, input: MemberCreate): Promise<MemberView> {
    if (await this.repo.member(input.userid)) {
      throw new AppException('CONFLICT', `member "${input.userid}" exists`, { fieldErrors: { userid: ['taken'] } });
    }
    const placement = await this.placement(input.workstationCode ?? null, input.committeeCode ?? null);
    needsStudio(input.role, placement.workstationCode);
    await this.repo.insertMember({ userid: input.userid, name: input.name, phone: input.phone ?? null, role: input.role, ...placement, active: true });
    await this.audit.record(actor.userid, 'org.member.create', input.userid, { role: input.role, ...placement });
    return memberView((await this.repo.member(input.userid))!, true);
  }

  async updateMember(actor: Principal, userid: string, patch: MemberPatch): Promise<MemberView> {
    const member = await this.repo.member(userid);
    if (!member) throw notFound('member', userid);
    // The office must not lock itself out: another admin has to demote or deactivate you.
    if (userid === actor.userid && (patch.active === false || (patch.role && patch.role !== 'office_admin'))) {
      throw new AppException('CONFLICT', 'you cannot demote or deactivate yourself');
    }
    const changes: MemberPatch = { ...patch };
    if (patch.workstationCode !== undefined || patch.committeeCode !== undefined) {
      Object.assign(changes, await this.placement(
        patch.workstationCode === undefined ? member.workstationCode : patch.workstationCode,
        patch.committeeCode === undefined ? (patch.workstationCode !== undefined ? null : member.committeeCode) : patch.committeeCode,
      ));
    }
    needsStudio(changes.role ?? member.role, changes.workstationCode === undefined ? member.workstationCode : changes.workstationCode);
    await this.repo.updateMember(userid, changes);
    if (patch.active === false) await this.sessions.revokeMember(userid);
    await this.audit.record(actor.userid, 'org.member.update', userid, { fields: Object.keys(patch) });
    return memberView((await this.repo.member(userid))!, true);
  }

  /** A workstation implies its committee; a committee alone is fine for heads and office staff. */
  private async placement(workstationCode: string | null, committeeCode: string | null): Promise<{ workstationCode: string | null; committeeCode: string | null }> {
    if (workstationCode) {
      const ws = await this.repo.workstation(workstationCode);
      if (!ws) throw AppException.field('workstationCode', `unknown workstation "${workstationCode}"`, { key: 'unknownWorkstation' });
      if (committeeCode && committeeCode !== ws.committeeCode) {
        throw AppException.field('committeeCode', `workstation "${workstationCode}" belongs to committee "${ws.committeeCode}"`, { key: 'studioOfOtherCommittee' });
      }
      return { workstationCode, committeeCode: ws.committeeCode };
    }
    if (committeeCode && !(await this.repo.committee(committeeCode))) {
      throw AppException.field('committeeCode', `unknown committee "${committeeCode}"`, { key: 'unknownCommittee' });
    }
    return { workstationCode: null, committeeCode };
  }

  private checkCodes(field: string, given: string[], known: string[]): void {
    const errors: Record<string, string[]> = {};
    given.forEach((c, i) => { if (!known.includes(c)) errors[`${field}.${i}`] = [`unknown code "${c}"`]; });
    if (Object.keys(errors).length) throw AppException.validation(errors);
  }
}

/** Members and staff work tickets in a studio's queue: without one they would see nothing and be sent nothing. */
function needsStudio(role: string, workstationCode: string | null | undefined): void {
  if ((role === 'member' || role === 'staff') && !workstationCode) throw AppException.field('workstationCode', 'a member needs a studio', { key: 'studioRequired' });
}
