import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** Who signed in how, and who changed the organisation: the office's record of console actions. */
@Entity({ name: 'console_audit' })
@Index('IDX_console_audit_at', ['at'])
export class ConsoleAuditEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column(DATETIME)
  at!: Date;

  /** Null for failed sign-ins, where nobody is known yet. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actorUserid!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  target!: string | null;

  /** Field names and codes only, never phone numbers or tokens. */
  @Column({ type: 'simple-json', nullable: true })
  detail!: Record<string, unknown> | null;
}
