import { Injectable } from '@nestjs/common';
import { OrgRepository } from '../org/org.repository';

export interface OrgNames {
  committee: Map<string, string>;
  workstation: Map<string, string>;
  workstationCommittee: Map<string, string>;
  sector: Map<string, string>;
  area: Map<string, string>;
  /** Members by userid, former ones too: exports name who handled a ticket. */
  member: Map<string, string>;
}

/** Display names for the codes figures are grouped by (the organisation is tens of rows). */
@Injectable()
export class OrgNamesReader {
  constructor(private readonly org: OrgRepository) {}

  async read(): Promise<OrgNames> {
    const [committees, workstations, sectors, areas, members] = await Promise.all([
      this.org.activeCommittees(), this.org.activeWorkstations(), this.org.activeSectors(), this.org.activeAreas(), this.org.memberNames(),
    ]);
    return {
      committee: new Map(committees.map((c) => [c.code, c.name])),
      workstation: new Map(workstations.map((w) => [w.code, w.name])),
      workstationCommittee: new Map(workstations.map((w) => [w.code, w.committeeCode])),
      sector: new Map(sectors.map((s) => [s.code, s.name])),
      area: new Map(areas.map((a) => [a.code, a.name])),
      member: members,
    };
  }
}
