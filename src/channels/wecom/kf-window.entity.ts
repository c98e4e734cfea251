import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

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

  /** WeCom's send_time of that message: the 48 h run from here. */
  @Column(DATETIME)
  lastCustomerMessageAt!: Date;

  /** When minyi processed it: the 5 messages count from here, so replies to earlier messages do not use them up. */
  @Column(DATETIME)
  quotaFrom!: Date;
}
