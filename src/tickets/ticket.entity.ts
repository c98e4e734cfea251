import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/columns';
import type { Rating } from './tickets.port';
import type { AttachmentRef, ResidentChannel } from '../common/resident';
import type { Activity, Outcome, Priority, TicketState, WayOfWorking } from './ticket.types';

/** Why the ticket went where it went: the deciding words, the triage reason, the routing reasons. */
export interface TicketExplanation {
  keywords: Array<{ word: string; weight: number }>;
  triageReason: string | null;
  reasons: string[];
}

/**
 * A resident's concern (dian dan: filing) on its way through the four orders. Times are set from the injected Clock, not the
 * database, so deadlines and figures agree with the clock tests move. `version` guards every move.
 */
@Entity({ name: 'ticket' })
@Index('UQ_ticket_number', ['number'], { unique: true })
@Index('IDX_ticket_workstation_state', ['workstationCode', 'state'])
@Index('IDX_ticket_created', ['createdAt'])
@Index('IDX_ticket_sector', ['sectorCode'])
@Index('IDX_ticket_area_sector', ['areaCode', 'sectorCode', 'state'])
@Index('UQ_ticket_source_key', ['sourceKey'], { unique: true })
// Overdue lists (src/reports/): open tickets by answer deadline, covering the filter so only the listed rows are read.
@Index('IDX_ticket_open_deadline', ['state', 'answerDeadline', 'takeDeadline', 'createdAt', 'workstationCode'])
@Index('IDX_ticket_resident', ['residentChannel', 'residentExternalId'])
// Covers every column the report figures read (TicketStatsRepository), so they scan the index, not the texts.
@Index('IDX_ticket_stats', [
  'workstationCode', 'state', 'committeeCode', 'sectorCode', 'areaCode', 'createdAt', 'takenAt', 'takeDeadline', 'answeredAt', 'answerDeadline',
  'rating', 'reopenCount', 'supportCount',
])
// The same columns led by createdAt: figures of a period (bulletins, dashboards with a range) scan only that range.
@Index('IDX_ticket_stats_time', [
  'createdAt', 'workstationCode', 'state', 'committeeCode', 'sectorCode', 'areaCode', 'takenAt', 'takeDeadline', 'answeredAt', 'answerDeadline',
  'rating', 'reopenCount', 'supportCount',
])
export class TicketEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** SM<yyyymmdd>-<nnnn>, numbered per China date. */
  @Column({ type: 'varchar', length: 24 })
  number!: string;

  @Column({ type: 'varchar', length: 16 })
  residentChannel!: ResidentChannel;

  @Column({ type: 'varchar', length: 128 })
  residentExternalId!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  residentOpenKfId!: string | null;

  /** The message it was filed from (`inbox:42`), when the channel can deliver a message twice; else null. */
  @Column({ type: 'varchar', length: 191, nullable: true })
  sourceKey!: string | null;

  /** Shown whole only to the assignee; masked everywhere else (src/common/privacy.ts). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  residentPhone!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  residentName!: string | null;

  @Column({ type: 'boolean', default: false })
  anonymous!: boolean;

  @Column({ type: 'varchar', length: 16 })
  locale!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'varchar', length: 64 })
  title!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  areaCode!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  since!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  affected!: string | null;

  @Column({ type: 'simple-json' })
  attachments!: AttachmentRef[];

  @Column({ type: 'varchar', length: 64, nullable: true })
  sectorCode!: string | null;

  @Column({ type: 'double', nullable: true })
  sectorConfidence!: number | null;

  @Column({ type: 'simple-json', nullable: true })
  explanation!: TicketExplanation | null;

  /** Words compared for similar concerns (Jaccard). */
  @Column({ type: 'simple-json' })
  keywords!: string[];

  @Column({ type: 'varchar', length: 64, nullable: true })
  committeeCode!: string | null;

  /** The lead workstation (lead): its queue holds the ticket; only its assignee answers the resident. */
  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  assigneeUserid!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  wayOfWorking!: WayOfWorking | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  activity!: Activity | null;

  @Column({ type: 'varchar', length: 16 })
  state!: TicketState;

  @Column({ type: 'varchar', length: 16 })
  priority!: Priority;

  @Column({ ...DATETIME, nullable: true })
  takeDeadline!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  answerDeadline!: Date | null;

  /** When the running answer deadline started (filing, or the latest reopen); reminders measure from it. */
  @Column({ ...DATETIME, nullable: true })
  answerClockStart!: Date | null;

  @Column({ type: 'integer', default: 0 })
  extensionCount!: number;

  @Column({ type: 'integer', default: 0 })
  supportCount!: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  rating!: Rating | null;

  @Column({ type: 'text', nullable: true })
  ratingComment!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: Outcome | null;

  @Column({ type: 'text', nullable: true })
  outcomeReason!: string | null;

  @Column({ type: 'integer', nullable: true })
  mergedInto!: number | null;

  @Column({ type: 'integer', default: 0 })
  reopenCount!: number;

  @Column({ ...DATETIME, nullable: true })
  takenAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  answeredAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
