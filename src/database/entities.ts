import { CLASSIFICATION_ENTITIES } from '../classification/classification.entities';
import { WECOM_ENTITIES } from '../channels/wecom/wecom.entities';
import { CONSOLE_ENTITIES } from '../console/console.entities';
import { CONSULTATIONS_ENTITIES } from '../consultations/consultation.entities';
import { PROPOSALS_ENTITIES } from '../consultations/proposals/proposal.entities';
import { CONVERSATION_ENTITIES } from '../conversation/conversation.entities';
import { INBOX_ENTITIES } from '../inbox/inbox.entities';
import { JOBS_ENTITIES } from '../jobs/jobs.entities';
import { MEDIA_ENTITIES } from '../media/media.entities';
import { ORG_ENTITIES } from '../org/org.entities';
import { OUTBOX_ENTITIES } from '../outbox/outbox.entities';
import { REPORTS_ENTITIES } from '../reports/report.entities';
import { TICKETS_ENTITIES } from '../tickets/tickets.entities';
import { AppSecretEntity } from './app-secret.entity';

/**
 * Every entity, so the service, the CLI and the tests build the same metadata. Each module lists its own; a new
 * entity goes in its module's list. This file is composition, like app.module.ts: the module graph counts it
 * with the root, because the database helpers below it are what every entity is built from.
 */
export const ALL_ENTITIES = [
  ...ORG_ENTITIES,
  ...OUTBOX_ENTITIES,
  ...INBOX_ENTITIES,
  ...WECOM_ENTITIES,
  ...CONVERSATION_ENTITIES,
  ...CONSOLE_ENTITIES,
  ...JOBS_ENTITIES,
  ...TICKETS_ENTITIES,
  ...MEDIA_ENTITIES,
  ...CLASSIFICATION_ENTITIES,
  ...REPORTS_ENTITIES,
  AppSecretEntity,
  ...CONSULTATIONS_ENTITIES,
  ...PROPOSALS_ENTITIES,
];
