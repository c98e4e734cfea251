import type { Clock } from '../common/clock';
import type { ResidentInvitationsPort } from '../consultations/invitations.port';
import type { MemberEntity } from '../org/member.entity';
import type { AreaEntity } from '../org/area.entity';
import type { SectorEntity } from '../org/sector.entity';
import type { WorkstationEntity } from '../org/workstation.entity';
import type { ResidentTicketsPort } from '../tickets/tickets.port';
import type { ResidentRef } from '../common/resident';
import type { BookingService } from './booking.service';
import type { I18nService } from '../i18n/i18n.service';

/*
 * What dialog handlers and the turn pipeline may ask of the rest of minyi, one narrow port per job. Each is bound
 * to its implementation in ConversationModule, so a handler never holds a DataSource, the outbox or a whole
 * service, and a preview swaps exactly the ports that would write.
 */

/** File a concern: the routing proposal, the filing itself, or joining a similar ticket. */
export type ConcernFilingPort = Pick<ResidentTicketsPort, 'previewRoute' | 'fileConcern' | 'supportTicket'>;
export const CONCERN_FILING = Symbol('CONCERN_FILING');

/** Look up the resident's own tickets and add to one. */
export type TicketLookupPort = Pick<ResidentTicketsPort, 'findForResident' | 'matchForResident' | 'listForResident' | 'addInformation'>;
export const TICKET_LOOKUP = Symbol('TICKET_LOOKUP');

/** Record the resident's rating of an answered ticket. */
export type TicketRatingPort = Pick<ResidentTicketsPort, 'rate' | 'commentOnRating' | 'awaitingRating'>;
export const TICKET_RATING = Symbol('TICKET_RATING');

/** Book, look up and cancel a reception visit. */
export type VisitBookingPort = Pick<BookingService, 'freeSlots' | 'upcoming' | 'limitReached' | 'perResidentLimit' | 'book' | 'cancel'>;
export const VISIT_BOOKING = Symbol('VISIT_BOOKING');

/** The studios, areas and sectors a resident can pick from. */
export interface DirectoryPort {
  activeWorkstations(): Promise<WorkstationEntity[]>;
  activeAreas(): Promise<AreaEntity[]>;
  activeSectors(): Promise<SectorEntity[]>;
}
export const DIRECTORY = Symbol('DIRECTORY');

/** Hand the conversation to a person, and pass the resident's messages on while they answer. */
export interface HandoffPort {
  /** The studio's member on duty now, if any. */
  dutyMember(workstationCode: string, at: Date): Promise<MemberEntity | null>;
  /** Tells the member (and, for a WeChat resident, moves the Customer Service session to them). */
  begin(handoff: { sessionKey: string; resident: ResidentRef; member: string; notice: string; at: Date }): Promise<void>;
  /** One message of the resident, as the member reads it, for the member who took the conversation. */
  forward(message: { sessionKey: string; member: string; text: string; at: Date }): Promise<void>;
}
export const HANDOFF = Symbol('HANDOFF');

/** Every port a handler may use, assembled once per runtime (the production one, or a preview's). */
export interface HandlerPorts {
  concerns: ConcernFilingPort;
  tickets: TicketLookupPort;
  ratings: TicketRatingPort;
  visits: VisitBookingPort;
  handoff: HandoffPort;
  invitations: ResidentInvitationsPort;
  directory: DirectoryPort;
  i18n: I18nService;
  clock: Clock;
}
export const HANDLER_PORTS = Symbol('HANDLER_PORTS');
