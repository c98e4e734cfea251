import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UnitLevel } from '../auth/unit-scope';
import { DATETIME } from '../database/columns';

export const BULLETIN_KINDS = ['weekly', 'monthly'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];

/** What the office expects of one workstation in one week or month (liang hua zhi biao); null: no target. */
@Entity({ name: 'report_target' })
@Index('UQ_report_target', ['workstationCode', 'periodKind', 'periodKey'], { unique: true })
export class ReportTargetEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @Column({ type: 'varchar', length: 16 })
  periodKind!: BulletinKind;

  /** The first China date of the week (yyyy-mm-dd, a Monday) or the month (yyyy-mm). */
  @Column({ type: 'varchar', length: 16 })
  periodKey!: string;

  @Column({ type: 'integer', nullable: true })
  receptions!: number | null;

  @Column({ type: 'integer', nullable: true })
  taken!: number | null;

  /** 0..1 */
  @Column({ type: 'double', nullable: true })
  onTimeAnswer!: number | null;

  /** 0..1 */
  @Column({ type: 'double', nullable: true })
  satisfaction!: number | null;

  @Column({ type: 'integer', nullable: true })
  sqmyAdopted!: number | null;

  @Column({ type: 'integer', nullable: true })
  consultations!: number | null;

  @Column({ type: 'integer', nullable: true })
  proposalsAdopted!: number | null;

  @Column({ type: 'varchar', length: 64 })
  updatedBy!: string;

  @Column(DATETIME)
  updatedAt!: Date;
}

export const SQMY_STATES = ['submitted', 'adopted', 'forwarded', 'instructed'] as const;
export type SqmyState = (typeof SQMY_STATES)[number];

/** A social-conditions report (she qing min yi xin xi) composed from residents' tickets and sent up the line. */
@Entity({ name: 'sqmy_report' })
@Index('IDX_sqmy_report_workstation', ['workstationCode', 'createdAt'])
@Index('IDX_sqmy_report_committee', ['committeeCode', 'createdAt'])
export class SqmyReportEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  situation!: string;

  @Column({ type: 'text' })
  analysis!: string;

  @Column({ type: 'text' })
  suggestions!: string;

  @Column({ type: 'varchar', length: 64 })
  authorUserid!: string;

  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  committeeCode!: string | null;

  /** The latest fate; the dated columns keep each step. */
  @Column({ type: 'varchar', length: 16 })
  state!: SqmyState;

  @Column({ ...DATETIME, nullable: true })
  adoptedAt!: Date | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  forwardedTo!: string | null;

  @Column({ ...DATETIME, nullable: true })
  forwardedAt!: Date | null;

  /** The leader's instruction (pi shi), as written. */
  @Column({ type: 'text', nullable: true })
  instruction!: string | null;

  @Column({ ...DATETIME, nullable: true })
  instructedAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}

/** Which residents' tickets a report speaks for; each also gets a ticket event. */
@Entity({ name: 'sqmy_report_ticket' })
@Index('UQ_sqmy_report_ticket', ['reportId', 'ticketId'], { unique: true })
@Index('IDX_sqmy_report_ticket_ticket', ['ticketId'])
export class SqmyReportTicketEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  reportId!: number;

  @Column({ type: 'integer' })
  ticketId!: number;
}

/** Who receives bulletins in WeCom, set by the office (config/default.yaml adds fixed ones). */
@Entity({ name: 'bulletin_recipient' })
@Index('UQ_bulletin_recipient', ['userid', 'level', 'unitCode'], { unique: true })
export class BulletinRecipientEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  userid!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: UnitLevel;

  /** Committee or workstation code; empty for the city. */
  @Column({ type: 'varchar', length: 64, default: '' })
  unitCode!: string;

  @Column(DATETIME)
  createdAt!: Date;
}

/** The entities of reports, joined with every other module's in database/entities.ts. */
export const REPORTS_ENTITIES = [ReportTargetEntity, SqmyReportEntity, SqmyReportTicketEntity, BulletinRecipientEntity];
