import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppException } from '../common/app.exception';
import { WorkstationEntity } from '../org/workstation.entity';
import type { Principal } from './principal';

type Scoped = Pick<Principal, 'role' | 'workstationCode' | 'committeeCode'>;

/**
 * Which workstations' queues and tickets, and which committees' figures, a principal may read and act on.
 * Ticket, queue and report APIs ask here rather than re-deriving it from roles.
 */
@Injectable()
export class ScopeService {
  constructor(@InjectRepository(WorkstationEntity) private readonly workstations: Repository<WorkstationEntity>) {}

  /**
   * member and staff: their own workstation; committee_head: every workstation of their committee (and their
   * own, if they sit in one); office_admin: all. Order is the organisation's display order.
   */
  async workstationsVisibleTo(principal: Scoped): Promise<string[]> {
    const own = principal.workstationCode ? [principal.workstationCode] : [];
    switch (principal.role) {
      case 'office_admin':
        return this.workstationCodes();
      case 'committee_head': {
        const ofCommittee = principal.committeeCode ? await this.workstationCodes(principal.committeeCode) : [];
        return [...ofCommittee, ...own.filter((code) => !ofCommittee.includes(code))];
      }
      case 'member':
      case 'staff':
        return own;
    }
  }

  /** The committee rule: the office sees every committee, a committee head their own, nobody else any. */
  canSeeCommittee(principal: Scoped, committeeCode: string): boolean {
    return principal.role === 'office_admin' || (principal.role === 'committee_head' && principal.committeeCode === committeeCode);
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

  /** Codes of every workstation, or of one committee's; inactive ones too, since old tickets still point at them. */
  private async workstationCodes(committeeCode?: string): Promise<string[]> {
    const rows = await this.workstations.find({
      select: { code: true },
      where: committeeCode === undefined ? {} : { committeeCode },
      order: { sortOrder: 'ASC', code: 'ASC' },
    });
    return rows.map((w) => w.code);
  }
}
