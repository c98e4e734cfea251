import type { Rating } from '../tickets/tickets.port';
import type { ResidentRef } from '../common/resident';

/** What the chat may do with a resident's consultation invitations and outcome ratings. */
export interface ResidentInvitationsPort {
  /** Whether the resident has an unanswered invitation or an unrated outcome, so their answer is routed here. */
  awaiting(resident: ResidentRef): Promise<{ invitation: boolean; outcome: boolean }>;
  /** Answers the newest open invitation; null when there is none. */
  answer(resident: ResidentRef, accept: boolean): Promise<{ time: string; place: string } | null>;
  /** Rates the newest outcome told and not rated yet; false when there is none. */
  rate(resident: ResidentRef, rating: Rating): Promise<boolean>;
}

export const RESIDENT_INVITATIONS = Symbol('RESIDENT_INVITATIONS');
