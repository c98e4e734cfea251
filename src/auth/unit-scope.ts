import { Injectable } from '@nestjs/common';
import { ScopeService } from './scope.service';
import type { Principal } from './principal';
import { AppException } from '../common/app.exception';
import { OrgRepository } from '../org/org.repository';

/** The levels of the organisation a figure can be about: the city (face), a committee (line), a workstation (point). */
export const UNIT_LEVELS = ['city', 'committee', 'workstation'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** The unit a figure is about: the city, a committee (line) or a workstation (point). */
export interface Unit {
  level: UnitLevel;
  code: string | null;
  name: string | null;
  /** The workstations whose tickets count; undefined for the city (every ticket, triage included). */
  workstations?: string[];
  /** A workstation's committee, for the way back up the drill-down. */
  parent?: { code: string; name: string | null };
}

export interface UnitQuery {
  committee?: string;
  workstation?: string;
}

/** The units a principal may pick in a report's scope list, their own first. */
export interface UnitChoices {
  own: { level: UnitLevel; code: string | null; name: string | null };
  committees: Array<{ code: string; name: string }>;
  workstations: Array<{ code: string; name: string }>;
}

const forbidden = (what: string) => new AppException('FORBIDDEN', `${what} is outside your scope`);

/**
 * Resolves which unit a principal asks about and may see, by the same rule as queues (ScopeService): the office
 * sees the city, a committee head their committee, members and staff their own workstation.
 */
@Injectable()
export class UnitScope {
  constructor(
    private readonly scope: ScopeService,
    private readonly org: OrgRepository,
  ) {}

  async resolve(p: Principal, q: UnitQuery): Promise<Unit> {
    const visible = await this.scope.workstationsVisibleTo(p);
    if (q.workstation) {
      if (!visible.includes(q.workstation)) throw forbidden(`workstation "${q.workstation}"`);
      return this.unit('workstation', q.workstation);
    }
    if (q.committee) {
      if (!this.scope.canSeeCommittee(p, q.committee)) throw forbidden(`committee "${q.committee}"`);
      return this.unit('committee', q.committee);
    }
    if (p.role === 'office_admin') return this.unit('city', null);
    if (p.role === 'committee_head' && p.committeeCode) return { ...(await this.unit('committee', p.committeeCode)), workstations: visible };
    if (p.workstationCode) return this.unit('workstation', p.workstationCode);
    throw forbidden('every unit');
  }

  /** What the scope list offers: only what resolve() would accept, so no choice ends in "no permission". */
  async choices(p: Principal): Promise<UnitChoices> {
    const [own, visible, committees, workstations] = await Promise.all([
      this.resolve(p, {}), this.scope.workstationsVisibleTo(p), this.org.activeCommittees(), this.org.activeWorkstations(),
    ]);
    const studios = workstations.filter((w) => w.kind !== 'triage' && visible.includes(w.code) && !(own.level === 'workstation' && own.code === w.code));
    return {
      own: { level: own.level, code: own.code, name: own.name },
      committees: p.role === 'office_admin' ? committees.filter((c) => c.kind !== 'office').map(({ code, name }) => ({ code, name })) : [],
      workstations: studios.map(({ code, name }) => ({ code, name })),
    };
  }

  /** A unit by level and code, without a principal (scheduled bulletins); 404 for an unknown code. */
  async unit(level: UnitLevel, code: string | null): Promise<Unit> {
    if (level === 'city') return { level, code: null, name: null };
    if (level === 'committee') {
      const committee = await this.org.committee(code!);
      if (!committee) throw new AppException('NOT_FOUND', `no committee "${code}"`);
      const workstations = (await this.org.activeWorkstations()).filter((w) => w.committeeCode === code).map((w) => w.code);
      return { level, code, name: committee.name, workstations };
    }
    const ws = await this.org.workstation(code!);
    if (!ws) throw new AppException('NOT_FOUND', `no workstation "${code}"`);
    const committee = await this.org.committee(ws.committeeCode);
    return { level, code, name: ws.name, workstations: [ws.code], parent: { code: ws.committeeCode, name: committee?.name ?? null } };
  }
}
