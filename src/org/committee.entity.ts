import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { OrgRowManager } from './org-row-manager';

export type CommitteeKind = 'specialised' | 'office';

/** A specialised committee, or the CPPCC office that triages what no sector claims. */
@Entity({ name: 'committee' })
export class CommitteeEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: CommitteeKind;

  /** Sector codes this committee covers. */
  @Column({ type: 'simple-json' })
  sectorCodes!: string[];

  @Column({ type: 'text', nullable: true })
  description!: string | null;

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
