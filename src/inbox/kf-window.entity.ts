import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../database/columns';

/**
 * When a WeChat resident last wrote to a Customer Service account: minyi may send at most 5 messages in the
 * 48 hours after it (WeCom's rule), and what does not fit waits in the outbox for the next message.
 */
@Entity({ name: 'kf_window' })
export class KfWindowEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  externalUserId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  openKfId!: string;

  @Column(DATETIME)
  lastCustomerMessageAt!: Date;
}
