import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';
import type { TrackState } from '../consultation.entities';
import type { Rating } from '../../tickets/tickets.port';

/** submitted → registered (li an, with a number and a handling department) → replied; closed when done. */
export const PROPOSAL_STATES = ['submitted', 'registered', 'replied'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** A proposal (ti an) converted from a consultation, tracked to the department's reply and the proposer's verdict. */
@Entity({ name: 'proposal' })
@Index('IDX_proposal_workstation', ['workstationCode', 'createdAt'])
@Index('IDX_proposal_deadline', ['track', 'deadline'])
export class ProposalEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer', nullable: true })
  consultationId!: number | null;

  @Column({ type: 'integer', nullable: true })
  topicId!: number | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  reasons!: string;

  @Column({ type: 'text' })
  suggestions!: string;

  @Column({ type: 'varchar', length: 64 })
  sponsorUserid!: string;

  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  committeeCode!: string | null;

  @Column({ type: 'varchar', length: 16 })
  state!: ProposalState;

  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  registrationNumber!: string | null;

  @Column({ ...DATETIME, nullable: true })
  registeredAt!: Date | null;

  /** The reply is due by then; reminders and escalation follow it. */
  @Column({ ...DATETIME, nullable: true })
  deadline!: Date | null;

  @Column({ type: 'text', nullable: true })
  reply!: string | null;

  @Column({ ...DATETIME, nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  satisfaction!: Rating | null;

  /** open until the reply is in; the tracking jobs read it. */
  @Column({ type: 'varchar', length: 16 })
  track!: TrackState;

  @Column({ ...DATETIME, nullable: true })
  escalatedAt!: Date | null;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}

/** Co-signers across sectors; the sponsor is on the proposal itself. */
@Entity({ name: 'proposal_signer' })
@Index('UQ_proposal_signer', ['proposalId', 'memberUserid'], { unique: true })
export class ProposalSignerEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  proposalId!: number;

  @Column({ type: 'varchar', length: 64 })
  memberUserid!: string;
}

export const PROPOSALS_ENTITIES = [ProposalEntity, ProposalSignerEntity];
