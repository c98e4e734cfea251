import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/columns';

/**
 * Where a resident's turn left them in a scripted dialog (dialog, thread, step), one row per turn; `_end` marks a
 * dialog the resident finished. The console's per-step funnel counts distinct residents over these rows.
 */
@Entity({ name: 'dialog_step_arrival' })
@Index('IDX_dialog_step_arrival_dialog_at', ['dialogId', 'at'])
export class DialogStepArrivalEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  dialogId!: string;

  @Column({ type: 'varchar', length: 64 })
  thread!: string;

  @Column({ type: 'integer' })
  step!: number;

  @Column({ type: 'varchar', length: 191 })
  sessionKey!: string;

  @Column(DATETIME)
  at!: Date;
}
