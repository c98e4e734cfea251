import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import { ConsoleAuthRepository } from './console-auth.repository';
import type { Principal } from './principal';

/**
 * Which workstations' queues and tickets a principal may read and act on. Ticket, queue and report APIs ask
 * here rather than re-deriving it from roles.
 */
@Injectable()
export class ScopeService {
  constructor(private readonly repo: ConsoleAuthRepository) {}

  /**
   * member and staff: their own workstation; committee_head: every workstation of their committee (and their
   * own, if they sit in one); office_admin: all. Order is the organisation's display order.
   */
  async workstationsVisibleTo(principal: Pick<Principal, 'role' | 'workstationCode' | 'committeeCode'>): Promise<string[]> {
    const own = principal.workstationCode ? [principal.workstationCode] : [];
    switch (principal.role) {
      case 'office_admin':
        return this.repo.workstationCodes();
      case 'committee_head': {
        const ofCommittee = principal.committeeCode ? await this.repo.workstationCodes(principal.committeeCode) : [];
        return [...ofCommittee, ...own.filter((code) => !ofCommittee.includes(code))];
      }
      case 'member':
      case 'staff':
        return own;
    }
  }

  async canSee(principal: Principal, workstationCode: string): Promise<boolean> {
    return (await this.workstationsVisibleTo(principal)).includes(workstationCode);
  }

  /** 403 unless the workstation is in the principal's scope. */
  async assertCanSee(principal: Principal, workstationCode: string): Promise<void> {
    if (!(await this.canSee(principal, workstationCode))) {
      throw new AppException('FORBIDDEN', `workstation "${workstationCode}" is outside your scope`);
    }
  }
}
