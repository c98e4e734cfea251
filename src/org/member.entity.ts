import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { OrgRowManager } from './org-row-manager';

export const MEMBER_ROLES = ['member', 'staff', 'committee_head', 'office_admin'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** A CPPCC member or staff, identified by the WeCom userid they sign in with. */
@Entity({ name: 'member' })
@Index('IDX_member_workstation', ['workstationCode'])
export class MemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  userid!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  /** Stored whole for calling; shown masked everywhere but to the office. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 32 })
  role!: MemberRole;

  @Column({ type: 'varchar', length: 64, nullable: true })
  committeeCode!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  workstationCode!: string | null;

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
