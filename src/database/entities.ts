import { DialogStepArrivalEntity } from '../conversation/step-arrival.entity';
import { LexiconCandidateEntity, LexiconOverrideEntity, LexiconReviewEntity, LexiconStateEntity } from '../classification/lexicon-override.entity';
import { MediaFileEntity } from '../media/media-file.entity';
import { AppSecretEntity } from './app-secret.entity';
import { InboxMessageEntity } from '../inbox/inbox-message.entity';
import { KfCursorEntity } from '../inbox/kf-cursor.entity';
import { KfWindowEntity } from '../inbox/kf-window.entity';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { AreaEntity } from '../org/area.entity';
import { CommitteeEntity } from '../org/committee.entity';
import { DutyShiftEntity } from '../org/duty-shift.entity';
import { MemberEntity } from '../org/member.entity';
import { RoutingOverrideEntity } from '../org/routing-override.entity';
import { SectorEntity } from '../org/sector.entity';
import { WorkstationEntity } from '../org/workstation.entity';
import { DialogSessionEntity } from '../conversation/dialog-session.entity';
import { DialogStateEntity } from '../conversation/dialog-state.entity';
import { DialogScriptVersionEntity } from '../conversation/dialog-script-version.entity';
import { ReceptionBookingEntity } from '../conversation/reception-booking.entity';
import { ConsoleAuditEntity } from '../console/auth/console-audit.entity';
import { ConsoleLoginTokenEntity } from '../console/auth/console-login-token.entity';
import { ConsoleSessionEntity } from '../console/auth/console-session.entity';
import { JobEntity } from '../jobs/job.entity';
import { BulletinRecipientEntity, ReportTargetEntity, SqmyReportEntity, SqmyReportTicketEntity } from '../reports/report.entities';
import { TicketEntity } from '../tickets/ticket.entity';
import { ClassificationCorrectionEntity, TicketCohandlerEntity, TicketEventEntity, TicketNoteEntity, TicketSequenceEntity, TicketSupporterEntity } from '../tickets/ticket-parts.entity';
import { CalendarDayEntity } from '../tickets/calendar-day.entity';
import * as consultation from '../consultations/consultation.entities';
import { ProposalEntity, ProposalSignerEntity } from '../proposals/proposal.entities';

/** Every entity, so the service, the CLI and the tests build the same metadata. Add new entities here. */
export const ALL_ENTITIES = [
  SectorEntity,
  CommitteeEntity,
  WorkstationEntity,
  AreaEntity,
  MemberEntity,
  DutyShiftEntity,
  RoutingOverrideEntity,
  OutboxMessageEntity,
  InboxMessageEntity,
  KfCursorEntity,
  KfWindowEntity,
  DialogStateEntity,
  DialogSessionEntity,
  ReceptionBookingEntity,
  DialogScriptVersionEntity,
  ConsoleSessionEntity,
  ConsoleLoginTokenEntity,
  ConsoleAuditEntity,
  JobEntity,
  TicketEntity,
  TicketCohandlerEntity,
  TicketNoteEntity,
  TicketEventEntity,
  TicketSupporterEntity,
  TicketSequenceEntity,
  ClassificationCorrectionEntity,
  MediaFileEntity,
  DialogStepArrivalEntity,
  LexiconOverrideEntity,
  LexiconStateEntity,
  LexiconCandidateEntity,
  LexiconReviewEntity,
  ReportTargetEntity,
  SqmyReportEntity,
  SqmyReportTicketEntity,
  BulletinRecipientEntity,
  CalendarDayEntity,
  AppSecretEntity,
  consultation.TopicEntity,
  consultation.TopicTicketEntity,
  consultation.TopicResidentEntity,
  consultation.TopicHostEntity,
  consultation.DepartmentEntity,
  consultation.ConsultationEntity,
  consultation.ConsultationParticipantEntity,
  consultation.ConsultationActionEntity,
  consultation.TrackingNoteEntity,
  consultation.DepartmentLinkEntity,
  ProposalEntity,
  ProposalSignerEntity,
];
