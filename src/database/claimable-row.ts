import { Column, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from './columns';

/**
 * The columns every database queue shares (outbox, inbox, jobs): a row is claimed by one instance with a
 * conditional UPDATE (`claimRow`), held until `lockedUntil`, retried with `attempts`, and says why it failed.
 */
export abstract class ClaimableRow<S extends string> {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  state!: S;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lockedBy!: string | null;

  @Column({ ...DATETIME, nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
