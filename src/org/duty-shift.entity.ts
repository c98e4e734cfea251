import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/**
 * `suppressed`: an org.yaml shift the office removed or handed to someone else in the console. The row stays as
 * a marker so seeding does not bring the shift back; nothing reads it as a shift.
 */
export type DutySource = 'config' | 'console' | 'suppressed';

/**
 * Who is on duty at a workstation: a weekly slot (weekday 1–7) or one date (YYYY-MM-DD), which wins.
 * Rows from org.yaml are `config`; the console's edits are `console` and seeding leaves them alone.
 */
@Entity({ name: 'duty_shift' })
@Index('IDX_duty_shift_workstation', ['workstationCode'])
export class DutyShiftEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @Column({ type: 'varchar', length: 64 })
  memberUserid!: string;

  @Column({ type: 'integer', nullable: true })
  weekday!: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  date!: string | null;

  @Column({ type: 'varchar', length: 16 })
  source!: DutySource;

  @CreatedAt()
  createdAt!: Date;
}
