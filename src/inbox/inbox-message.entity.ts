import { Column, Entity, Index } from 'typeorm';
import { ClaimableRow } from '../database/claimable-row';
import { DATETIME } from '../database/columns';

/** pending → processing (claimed by one instance, with a lease) → done; failed after too many attempts. */
export type InboxState = 'pending' | 'processing' | 'done' | 'failed';

/**
 * A message received from outside (a decrypted WeCom callback, a Customer Service message pulled by sync_msg),
 * stored before it is acknowledged. The unique dedupe key makes a redelivery a no-op.
 */
@Entity({ name: 'inbox_message' })
@Index('UQ_inbox_dedupe', ['dedupeKey'], { unique: true })
@Index('IDX_inbox_due', ['state', 'nextAttemptAt'])
export class InboxMessageEntity extends ClaimableRow<InboxState> {
  /** Which processor handles it, e.g. `wecom_app`, `wecom_kf_event`, `wecom_kf_msg`. */
  @Column({ type: 'varchar', length: 32 })
  source!: string;

  @Column({ type: 'varchar', length: 191 })
  dedupeKey!: string;

  /** Who sent it (member userid, external_userid, or the kf account for pull signals): keeps one sender in order. */
  @Column({ type: 'varchar', length: 128 })
  sender!: string;

  @Column({ type: 'simple-json' })
  payload!: Record<string, unknown>;

  @Column(DATETIME)
  nextAttemptAt!: Date;

  @Column(DATETIME)
  receivedAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  processedAt!: Date | null;
}
