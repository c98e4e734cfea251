import { Column, Entity, Index } from 'typeorm';
import { ClaimableRow } from '../database/claimable-row';
import { CreatedAt, DATETIME } from '../database/columns';
import type { OutboxChannel, OutboxKind, NewOutboxMessage } from './outbox.types';

/**
 * pending: due at nextAttemptAt; sending: claimed by one instance until lockedUntil; sent; held: waits for the
 * channel to open again (the kf 48 h / 5-message window), released when the resident writes; dead: gave up.
 */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'held' | 'dead';

@Entity({ name: 'outbox_message' })
@Index('UQ_outbox_idempotency', ['idempotencyKey'], { unique: true })
@Index('IDX_outbox_due', ['state', 'nextAttemptAt'])
@Index('IDX_outbox_recipient', ['channel', 'recipient', 'state'])
export class OutboxMessageEntity extends ClaimableRow<OutboxState> {
  @Column({ type: 'varchar', length: 191 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: OutboxChannel;

  @Column({ type: 'varchar', length: 128 })
  recipient!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  openKfId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind!: OutboxKind;

  @Column({ type: 'simple-json' })
  payload!: NewOutboxMessage['payload'];

  @Column(DATETIME)
  nextAttemptAt!: Date;

  @Column({ type: 'integer', nullable: true })
  ticketId!: number | null;

  /** What the channel answered (msgid, response_code for cards), for later updates. */
  @Column({ type: 'simple-json', nullable: true })
  result!: Record<string, unknown> | null;

  @CreatedAt()
  createdAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  sentAt!: Date | null;
}
