import type { Classification } from '../classification/classifier';
import type { AttachmentRef, ResidentRef } from '../common/resident';

/**
 * What the resident-facing side (conversations, channels) may ask of tickets. The conversation module depends on
 * this interface only, so dialogs do not reach into ticket rules; `TicketsService` implements it.
 */

/** Everything the filing dialog collected. */
export interface NewConcern {
  resident: ResidentRef;
  text: string;
  areaCode?: string | null;
  address?: string | null;
  since?: string | null;
  affected?: string | null;
  attachments?: AttachmentRef[];
  phone?: string | null;
  name?: string | null;
  anonymous: boolean;
  consent: boolean;
  /** The sector name the resident chose instead of the classifier's, if any. */
  chosenSector?: string | null;
  locale?: string;
  /** The message the resident confirmed with (`inbox:42`): filing again from the same message returns the same ticket. */
  sourceKey?: string | null;
  /** The resident settled a close call between two sectors: kept as a labelled example for training. */
  sectorAnswer?: { classifiedAs: string | null; chosen: string } | null;
}

/** A routing proposal shown to the resident before confirming: sector, committee, studio, deciding words. */
export interface RoutePreview {
  classification: Classification;
  sector: { code: string; name: string } | null;
  committee: { code: string; name: string } | null;
  workstation: { code: string; name: string };
  triage: boolean;
  reasons: string[];
  /** Two sectors the classifier cannot tell apart: the dialog asks the resident which fits. */
  question: { first: { code: string; name: string }; second: { code: string; name: string } } | null;
}

export type TicketStateName = 'submitted' | 'taken' | 'in_progress' | 'answered' | 'closed' | 'merged';

export type Rating = 'satisfied' | 'basically_satisfied' | 'not_satisfied';

/** A ticket as a resident may see it: no member-only notes, no other resident's data. */
export interface ResidentTicketView {
  number: string;
  title: string;
  state: TicketStateName;
  sectorName: string | null;
  workstationName: string;
  createdAt: Date;
  takeDeadline: Date | null;
  answerDeadline: Date | null;
  latestReply: string | null;
  rating: Rating | null;
  /** Open to additions and, once answered, to a rating. */
  open: boolean;
}

export interface FiledConcern {
  ticket: ResidentTicketView;
  /** When the resident can expect an answer (the answer deadline). */
  expectedAnswerBy: Date;
  /** Open tickets in the same area and sector that look like the same concern. */
  similar: SimilarConcern[];
}

/** Another resident's ticket as the filer may see it: its number and sector, never that resident's words. */
export interface SimilarConcern {
  number: string;
  sectorName: string | null;
}

export interface ResidentTicketsPort {
  /** Classifies and routes without creating anything (shown to the resident for confirmation). */
  previewRoute(text: string, areaCode: string | null, chosenSector?: string | null): Promise<RoutePreview>;
  /** Registers the concern: creates the ticket, routes it, notifies the studio. */
  fileConcern(concern: NewConcern): Promise<FiledConcern>;
  /** A resident joins an existing ticket as "same concern" (+1 support) instead of filing a new one. */
  supportTicket(number: string, resident: ResidentRef): Promise<ResidentTicketView>;
  /** The resident's own ticket by number; null when it does not exist or belongs to someone else. */
  findForResident(number: string, resident: ResidentRef): Promise<ResidentTicketView | null>;
  /**
   * The resident's own tickets whose number ends with `ending` (a whole number, "20261128-0007" or "-0007"),
   * newest first; another resident's ticket never matches.
   */
  matchForResident(ending: string, resident: ResidentRef, limit?: number): Promise<ResidentTicketView[]>;
  /** The resident's tickets, newest first. */
  listForResident(resident: ResidentRef, limit?: number): Promise<ResidentTicketView[]>;
  /** Appends text and/or attachments to one of the resident's open tickets. */
  addInformation(number: string, resident: ResidentRef, addition: { text?: string; attachments?: AttachmentRef[] }): Promise<ResidentTicketView>;
  /** Rates an answered ticket; not_satisfied reopens it with the comment as reason. */
  rate(number: string, resident: ResidentRef, rating: Rating, comment?: string | null): Promise<ResidentTicketView>;
  /** The comment a resident adds after rating by one click (once); the handler hears it. */
  commentOnRating(number: string, resident: ResidentRef, comment: string): Promise<ResidentTicketView>;
  /** The resident's answered ticket still waiting for a rating (the latest answer) and when it was answered. */
  awaitingRating(resident: ResidentRef): Promise<{ number: string; answeredAt: Date } | null>;
}

export const RESIDENT_TICKETS = Symbol('RESIDENT_TICKETS');
