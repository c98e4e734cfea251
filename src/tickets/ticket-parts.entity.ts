import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/columns';
import type { ResidentChannel } from '../common/resident';
import type { EventType, Json, NoteKind } from './ticket.types';

/** A co-handling workstation (co-handling) from another committee: notified, may add notes, never answers. */
@Entity({ name: 'ticket_cohandler' })
@Index('UQ_ticket_cohandler', ['ticketId', 'workstationCode'], { unique: true })
export class TicketCohandlerEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  ticketId!: number;

  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'varchar', length: 64 })
  addedBy!: string;

  @Column(DATETIME)
  createdAt!: Date;
}

/** Work on a ticket (jie dan): notes, departments contacted, consultations, the reply, the resident's additions. */
@Entity({ name: 'ticket_note' })
@Index('IDX_ticket_note_ticket', ['ticketId'])
export class TicketNoteEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  ticketId!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: NoteKind;

  /** A member's userid, or `resident`. */
  @Column({ type: 'varchar', length: 64 })
  author!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  workstationCode!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column(DATETIME)
  createdAt!: Date;
}

/** One immutable audit row per change: who, when, what it was before and after, and why. */
@Entity({ name: 'ticket_event' })
@Index('IDX_ticket_event_ticket', ['ticketId', 'id'])
export class TicketEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  ticketId!: number;

  @Column({ type: 'varchar', length: 32 })
  type!: EventType;

  @Column({ type: 'varchar', length: 16 })
  actorKind!: 'member' | 'resident' | 'system';

  /** The member's userid; null for the resident and the system. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actor!: string | null;

  @Column(DATETIME)
  at!: Date;

  @Column({ type: 'simple-json', nullable: true })
  before!: Record<string, Json> | null;

  @Column({ type: 'simple-json', nullable: true })
  after!: Record<string, Json> | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}

/** A resident who has the same concern (+1); one row per resident and ticket. */
@Entity({ name: 'ticket_supporter' })
@Index('UQ_ticket_supporter', ['ticketId', 'residentChannel', 'residentExternalId'], { unique: true })
export class TicketSupporterEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  ticketId!: number;

  @Column({ type: 'varchar', length: 16 })
  residentChannel!: ResidentChannel;

  @Column({ type: 'varchar', length: 128 })
  residentExternalId!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  residentOpenKfId!: string | null;

  /** Set when the support came from merging that resident's own ticket. */
  @Column({ type: 'integer', nullable: true })
  fromTicketId!: number | null;

  @Column(DATETIME)
  createdAt!: Date;
}

/** The last ticket number given out on one China date; incremented inside the creating transaction. */
@Entity({ name: 'ticket_sequence' })
export class TicketSequenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  day!: string;

  @Column({ type: 'integer' })
  value!: number;
}

/** A member moved a ticket to another sector: training data for `minyi train --with-corrections`. */
@Entity({ name: 'classification_correction' })
@Index('IDX_classification_correction_ticket', ['ticketId'])
export class ClassificationCorrectionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  ticketId!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'varchar', length: 64 })
  title!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  fromSector!: string | null;

  @Column({ type: 'varchar', length: 64 })
  toSector!: string;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column(DATETIME)
  createdAt!: Date;
}
