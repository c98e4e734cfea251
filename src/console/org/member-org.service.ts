import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { OrgService } from '../../org/org.service';
import type { Principal } from '../../auth/principal';
import { ScopeService } from '../../auth/scope.service';
import { OrgAdminRepository } from './org-admin.repository';
import { MemberView, memberView, WorkstationView, workstationView } from './org-admin.views';

export interface MemberWorkstationView extends WorkstationView {
  members: MemberView[];
  /** Who is on duty now (OrgService.dutyMember), or null. */
  onDutyUserid: string | null;
}

/** The organisation as a member sees it: the workstations in their scope, colleagues' phones masked. */
@Injectable()
export class MemberOrgService {
  constructor(
    private readonly scope: ScopeService,
    private readonly repo: OrgAdminRepository,
    private readonly org: OrgService,
    private readonly clock: Clock,
  ) {}

  async view(principal: Principal): Promise<MemberWorkstationView[]> {
    const codes = await this.scope.workstationsVisibleTo(principal);
    const [workstations, members] = await Promise.all([this.repo.workstationsByCode(codes), this.repo.membersOf(codes)]);
    const unmasked = principal.role === 'office_admin';
    const now = this.clock.now();
    return Promise.all(
      workstations.map(async (w) => ({
        ...workstationView(w),
        members: members.filter((m) => m.workstationCode === w.code).map((m) => memberView(m, unmasked)),
        onDutyUserid: (await this.org.dutyMember(w.code, now))?.userid ?? null,
      })),
    );
  }
}
