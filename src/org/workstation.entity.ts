import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { OrgRowManager } from './org-row-manager';

export type WorkstationKind = 'studio' | 'triage';

/** Weekly reception window, e.g. Tuesday 09:00–11:30 (weekday 1 = Monday … 7 = Sunday). */
export interface ReceptionHours {
  weekday: number;
  start: string;
  end: string;
}

/** A committee-member studio, or the office's triage queue. */
@Entity({ name: 'workstation' })
@Index('IDX_workstation_committee', ['committeeCode'])
export class WorkstationEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  committeeCode!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: WorkstationKind;

  /** Area codes (towns and streets) this studio serves. */
  @Column({ type: 'simple-json' })
  areaCodes!: string[];

  @Column({ type: 'varchar', length: 255, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'simple-json' })
  receptionHours!: ReceptionHours[];

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** `console` once an admin has edited or created the row there: seeding from org.yaml then leaves it alone. */
  @Column({ type: 'varchar', length: 16, default: 'config' })
  managedBy!: OrgRowManager;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
