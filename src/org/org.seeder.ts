import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AreaEntity } from './area.entity';
import { CommitteeEntity } from './committee.entity';
import { DutyShiftEntity } from './duty-shift.entity';
import { MemberEntity } from './member.entity';
import type { OrgRowManager } from './org-row-manager';
import type { OrgConfig } from './org-config';
import { RoutingOverrideEntity } from './routing-override.entity';
import { SectorEntity } from './sector.entity';
import { WorkstationEntity } from './workstation.entity';

export interface SeedCounts {
  inserted: number;
  updated: number;
  deactivated: number;
  deleted: number;
  /** Rows an admin edited or created in the console, left as they are. */
  kept: number;
}
export type SeedReport = Record<string, SeedCounts>;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Brings the organisation tables in line with org.yaml. Idempotent: a second run changes no row. Rows missing
 * from the file are deactivated rather than deleted, because tickets keep pointing at them. Rows the console owns
 * (`managedBy: console`) are not touched: an admin's edit outlives the next start.
 */
export class OrgSeeder {
  constructor(private readonly dataSource: DataSource) {}

  async seed(org: OrgConfig): Promise<SeedReport> {
    return this.dataSource.transaction(async (em) => {
      const report: SeedReport = {};
      report.sector = await this.upsert(em, SectorEntity, 'code', org.sectors.map((s, i) => ({
        code: s.code, name: s.name, description: s.description ?? null, sortOrder: i, active: true,
      })));
      report.committee = await this.upsert(em, CommitteeEntity, 'code', org.committees.map((c, i) => ({
        code: c.code, name: c.name, kind: c.kind, sectorCodes: c.sectors, description: c.description ?? null, sortOrder: i, active: true,
      })));
      report.area = await this.upsert(em, AreaEntity, 'code', org.areas.map((a, i) => ({
        code: a.code, name: a.name, kind: a.kind, aliases: a.aliases, sortOrder: i, active: true,
      })));
      report.workstation = await this.upsert(em, WorkstationEntity, 'code', org.workstations.map((w, i) => ({
        code: w.code, name: w.name, committeeCode: w.committee, kind: w.kind, areaCodes: w.areas,
        address: w.address ?? null, phone: w.phone ?? null, receptionHours: w.reception, sortOrder: i, active: true,
      })));
      report.member = await this.upsert(em, MemberEntity, 'userid', org.members.map((m) => ({
        userid: m.userid, name: m.name, phone: m.phone ?? null, role: m.role,
        committeeCode: m.committee ?? this.committeeOf(org, m.workstation), workstationCode: m.workstation ?? null, active: true,
      })));
      const shiftKey = (r: Partial<DutyShiftEntity>) => `${r.workstationCode}|${r.memberUserid}|${r.weekday}|${r.date}`;
      // Shifts the office took off or handed over in the console stay that way.
      const suppressed = new Set((await em.getRepository(DutyShiftEntity).find({ where: { source: 'suppressed' } })).map(shiftKey));
      report.duty_shift = await this.reconcile(
        em, DutyShiftEntity, { source: 'config' },
        org.workstations.flatMap((w) => w.duty.map((d) => ({
          workstationCode: w.code, memberUserid: d.member, weekday: d.weekday ?? null, date: d.date ?? null, source: 'config' as const,
        }))).filter((row) => !suppressed.has(shiftKey(row))),
        shiftKey,
      );
      report.routing_override = await this.reconcile(
        em, RoutingOverrideEntity, {},
        org.routing.overrides.map((o) => ({ sectorCode: o.sector, areaCode: o.area, workstationCode: o.workstation })),
        (r) => `${r.sectorCode}|${r.areaCode}|${r.workstationCode}`,
      );
      return report;
    });
  }

  private committeeOf(org: OrgConfig, workstation: string | undefined): string | null {
    return org.workstations.find((w) => w.code === workstation)?.committee ?? null;
  }

  /** Inserts new rows, updates changed fields, deactivates rows the file no longer lists. */
  private async upsert<T extends ObjectLiteral & { active: boolean; managedBy?: OrgRowManager }>(
    em: EntityManager,
    target: EntityTarget<T>,
    key: keyof T & string,
    desired: Array<Partial<T>>,
  ): Promise<SeedCounts> {
    const repo = em.getRepository(target);
    const existing = new Map((await repo.find()).map((row) => [String(row[key]), row]));
    const counts: SeedCounts = { inserted: 0, updated: 0, deactivated: 0, deleted: 0, kept: 0 };
    const consoleOwned = new Set([...existing].filter(([, row]) => row.managedBy === 'console').map(([id]) => id));
    for (const id of consoleOwned) existing.delete(id);
    counts.kept = consoleOwned.size;
    for (const want of desired) {
      if (consoleOwned.has(String(want[key]))) continue;
      const have = existing.get(String(want[key]));
      existing.delete(String(want[key]));
      if (!have) {
        await repo.insert(want as never);
        counts.inserted++;
        continue;
      }
      const changed = Object.entries(want).filter(([field, value]) => !same(have[field], value));
      if (changed.length > 0) {
        await repo.update({ [key]: want[key] } as never, Object.fromEntries(changed) as never);
        counts.updated++;
      }
    }
    for (const stale of existing.values()) {
      if (stale.active) {
        await repo.update({ [key]: stale[key] } as never, { active: false } as never);
        counts.deactivated++;
      }
    }
    return counts;
  }

  /** For rows without a natural key: deletes the ones no longer wanted and inserts the missing ones. */
  private async reconcile<T extends ObjectLiteral & { id: number }>(
    em: EntityManager,
    target: EntityTarget<T>,
    scope: Partial<T>,
    desired: Array<Partial<T>>,
    identity: (row: Partial<T>) => string,
  ): Promise<SeedCounts> {
    const repo = em.getRepository(target);
    const existing = await repo.find({ where: scope as never });
    const wanted = new Set(desired.map(identity));
    const have = new Set(existing.map(identity));
    const stale = existing.filter((row) => !wanted.has(identity(row)));
    if (stale.length > 0) await repo.delete(stale.map((row) => row.id) as never);
    const missing = desired.filter((row) => !have.has(identity(row)));
    if (missing.length > 0) await repo.insert(missing as never);
    return { inserted: missing.length, updated: 0, deactivated: 0, deleted: stale.length, kept: 0 };
  }
}
