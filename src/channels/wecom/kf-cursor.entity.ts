import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** The Customer Service sync_msg cursor per kf account: losing it would replay three days of messages. */
@Entity({ name: 'kf_cursor' })
export class KfCursorEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  openKfId!: string;

  @Column({ type: 'varchar', length: 128 })
  cursor!: string;

  @Column(DATETIME)
  updatedAt!: Date;
}
