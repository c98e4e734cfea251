import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { OrgRowManager } from './org-row-manager';

export type AreaKind = 'town' | 'street' | 'other';

/** A town or street of the city; residents name it, routing uses it. */
@Entity({ name: 'area' })
export class AreaEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: AreaKind;

  /** Other names residents use (short forms, old names). */
  @Column({ type: 'simple-json' })
  aliases!: string[];

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
