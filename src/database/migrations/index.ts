import { CreateOrganisation1764300000000 } from './1764300000000-CreateOrganisation';
import { CreateOutbox1764305000000 } from './1764305000000-CreateOutbox';
import { CreateInbox1764306000000 } from './1764306000000-CreateInbox';
import { CreateReports1764360000000 } from './1764360000000-CreateReports';
import { TicketSourceKey1764370000000 } from './1764370000000-TicketSourceKey';
import { CreateMediaFiles1764340000000 } from './1764340000000-CreateMediaFiles';
import { CreateConsoleAdmin1764350000000 } from './1764350000000-CreateConsoleAdmin';
import { CreateConversation1764320000001 } from './1764320000001-CreateConversation';
import { CreateConsole1764330000001 } from './1764330000001-CreateConsole';
import { CreateJobs1764310000000 } from './1764310000000-CreateJobs';
import { CreateTickets1764310000001 } from './1764310000001-CreateTickets';
import { AddOrgManagedBy1764345000000 } from './1764345000000-AddOrgManagedBy';
import { ResidentCredentials1764390000000 } from './1764390000000-ResidentCredentials';
import { CreateCalendarDays1764380000000 } from './1764380000000-CreateCalendarDays';
import { CreateConsultations1764500000000 } from './1764500000000-CreateConsultations';
import { AddConsultationTargets1764500000001 } from './1764500000001-AddConsultationTargets';
import { AddBookingDetails1764600000000 } from './1764600000000-AddBookingDetails';

/**
 * Every migration, oldest first. Listed explicitly (not globbed) so the service, the CLI and the tests load
 * the same classes whether they run from `src/` or `dist/`. Add new migrations at the end.
 */
export const ALL_MIGRATIONS = [
  CreateOrganisation1764300000000,
  CreateOutbox1764305000000,
  CreateInbox1764306000000,
  CreateConversation1764320000001,
  CreateConsole1764330000001,
  CreateJobs1764310000000,
  CreateTickets1764310000001,
  CreateMediaFiles1764340000000,
  AddOrgManagedBy1764345000000,
  CreateConsoleAdmin1764350000000,
  CreateReports1764360000000,
  TicketSourceKey1764370000000,
  CreateCalendarDays1764380000000,
  ResidentCredentials1764390000000,
  CreateConsultations1764500000000,
  AddConsultationTargets1764500000001,
  AddBookingDetails1764600000000,
];
