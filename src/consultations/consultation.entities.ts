import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/columns';
import type { Activity, WayOfWorking } from '../tickets/ticket.types';
import type { Rating } from '../tickets/tickets.port';
import type { ResidentChannel } from '../common/resident';

export const TOPIC_STATES = ['open', 'selected', 'consulted', 'converted', 'closed'] as const;
export type TopicState = (typeof TOPIC_STATES)[number];

export const TOPIC_SOURCES = ['tickets', 'hot_topic'] as const;
export type TopicSource = (typeof TOPIC_SOURCES)[number];

/** A topic (yi ti) ordered by residents (zheng ti): made from tickets or a hot topic, selected by a studio (xuan ti). */
@Entity({ name: 'topic' })
@Index('IDX_topic_workstation', ['workstationCode', 'createdAt'])
export class TopicEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'varchar', length: 16 })
  source!: TopicSource;

  /** The studio of the first ticket until one selects it; then the leading studio. */
  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: TopicState;

  @Column({ type: 'varchar', length: 32, nullable: true })
  wayOfWorking!: WayOfWorking | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  activity!: Activity | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  selectedBy!: string | null;

  @Column({ ...DATETIME, nullable: true })
  selectedAt!: Date | null;

  /** What the residents are told when the loop closes; set on conversion. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ ...DATETIME, nullable: true })
  toldAt!: Date | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}

@Entity({ name: 'topic_ticket' })
@Index('UQ_topic_ticket', ['topicId', 'ticketId'], { unique: true })
@Index('IDX_topic_ticket_ticket', ['ticketId'])
export class TopicTicketEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  topicId!: number;

  @Column({ type: 'integer' })
  ticketId!: number;
}

/** A resident who raised or supported one of the topic's tickets: invited, told the outcome, asked to rate it. */
@Entity({ name: 'topic_resident' })
@Index('UQ_topic_resident', ['topicId', 'residentChannel', 'residentExternalId'], { unique: true })
@Index('IDX_topic_resident_resident', ['residentChannel', 'residentExternalId'])
export class TopicResidentEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  topicId!: number;

  @Column({ type: 'integer' })
  ticketId!: number;

  @Column({ type: 'varchar', length: 16 })
  role!: 'raised' | 'supported';

  @Column({ type: 'varchar', length: 16 })
  residentChannel!: ResidentChannel;

  @Column({ type: 'varchar', length: 128 })
  residentExternalId!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  residentOpenKfId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  locale!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  rating!: Rating | null;

  @Column({ ...DATETIME, nullable: true })
  ratedAt!: Date | null;
}

/** Studios or committees co-hosting a selected topic (kua jie bie lian dong). */
@Entity({ name: 'topic_host' })
@Index('UQ_topic_host', ['topicId', 'unitKind', 'unitCode'], { unique: true })
export class TopicHostEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  topicId!: number;

  @Column({ type: 'varchar', length: 16 })
  unitKind!: 'workstation' | 'committee';

  @Column({ type: 'varchar', length: 64 })
  unitCode!: string;
}

/** Party and government departments the studios meet; the office keeps the directory. */
@Entity({ name: 'department' })
@Index('UQ_department_code', ['code'], { unique: true })
export class DepartmentEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  contactName!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone!: string | null;

  /** The contact's WeCom userid, when the department is in the corp's directory; reminders go there. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  wecomUserid!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}

export const CONSULTATION_STATES = ['planned', 'held', 'cancelled'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

/** A small consultation (wei xie shang) on one topic: when, where, agenda, participants, minutes. */
@Entity({ name: 'consultation' })
@Index('IDX_consultation_workstation', ['workstationCode', 'startsAt'])
@Index('IDX_consultation_held', ['state', 'heldAt', 'workstationCode'])
export class ConsultationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  topicId!: number;

  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  committeeCode!: string | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column(DATETIME)
  startsAt!: Date;

  @Column({ type: 'varchar', length: 255 })
  place!: string;

  @Column({ type: 'text' })
  agenda!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: ConsultationState;

  @Column({ type: 'text', nullable: true })
  minutes!: string | null;

  @Column({ ...DATETIME, nullable: true })
  heldAt!: Date | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}

export const RESPONSES = ['invited', 'accepted', 'declined'] as const;
export type Response = (typeof RESPONSES)[number];

/** One participant: a member, a department, or a resident of the topic (invited in their own chat). */
@Entity({ name: 'consultation_participant' })
@Index('IDX_participant_consultation', ['consultationId'])
@Index('IDX_participant_resident', ['topicResidentId', 'response'])
export class ConsultationParticipantEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  consultationId!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'member' | 'department' | 'resident';

  @Column({ type: 'varchar', length: 64, nullable: true })
  memberUserid!: string | null;

  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  @Column({ type: 'integer', nullable: true })
  topicResidentId!: number | null;

  @Column({ type: 'varchar', length: 16 })
  response!: Response;

  @Column({ ...DATETIME, nullable: true })
  respondedAt!: Date | null;
}

export const TRACK_STATES = ['open', 'done'] as const;
export type TrackState = (typeof TRACK_STATES)[number];

/** An action agreed at a consultation: who (a department or a member), what, by when; tracked to done. */
@Entity({ name: 'consultation_action' })
@Index('IDX_action_consultation', ['consultationId'])
@Index('IDX_action_deadline', ['state', 'deadline'])
export class ConsultationActionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  consultationId!: number;

  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  memberUserid!: string | null;

  @Column({ type: 'text' })
  what!: string;

  @Column(DATETIME)
  deadline!: Date;

  @Column({ type: 'varchar', length: 16 })
  state!: TrackState;

  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  @Column({ ...DATETIME, nullable: true })
  doneAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  escalatedAt!: Date | null;

  @Column(DATETIME)
  createdAt!: Date;
}

export const TRACK_SUBJECTS = ['action', 'proposal'] as const;
export type TrackSubject = (typeof TRACK_SUBJECTS)[number];

export const TRACK_NOTE_KINDS = ['registered', 'reminded', 'progress', 'escalated', 'done', 'replied'] as const;
export type TrackNoteKind = (typeof TRACK_NOTE_KINDS)[number];

/** The tracking record (deng ji, cui ban, gen ban, du ban) of an action or a proposal. */
@Entity({ name: 'tracking_note' })
@Index('IDX_tracking_note_subject', ['subject', 'subjectId', 'id'])
export class TrackingNoteEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  subject!: TrackSubject;

  @Column({ type: 'integer' })
  subjectId!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: TrackNoteKind;

  /** A member's userid, `department:<code>`, or `system`. */
  @Column({ type: 'varchar', length: 80 })
  author!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column(DATETIME)
  createdAt!: Date;
}

/** A one-time link through which a department reports progress without a console account; the secret is hashed. */
@Entity({ name: 'department_link' })
export class DepartmentLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  subject!: TrackSubject;

  @Column({ type: 'integer' })
  subjectId!: number;

  @Column({ type: 'integer' })
  departmentId!: number;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  expiresAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  usedAt!: Date | null;
}

/** The entities of consultations, joined with every other module's in database/entities.ts (proposals have their own list). */
export const CONSULTATIONS_ENTITIES = [
  TopicEntity,
  TopicTicketEntity,
  TopicResidentEntity,
  TopicHostEntity,
  DepartmentEntity,
  ConsultationEntity,
  ConsultationParticipantEntity,
  ConsultationActionEntity,
  TrackingNoteEntity,
  DepartmentLinkEntity,
];
