import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

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

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
