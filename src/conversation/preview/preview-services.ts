import type { Clock } from '../../common/clock';
import type { WorkstationEntity } from '../../org/workstation.entity';
import type { FiledConcern, NewConcern, ResidentTicketsPort, ResidentTicketView } from '../../tickets/tickets.port';
import type { Booker, BookResult } from '../booking.service';
import type { HandoffPort, VisitBookingPort } from '../handler-ports';
import { ReceptionBookingEntity } from '../../tickets/calendar/reception-booking.entity';

/** Ticket numbers a preview shows; never a real number, so nobody mistakes a preview for a filed concern. */
export const PREVIEW_TICKET_PREFIX = 'PREVIEW-';

const DAY_MS = 86_400_000;

/**
 * Tickets as a preview sees them: routing is real (the admin sees where a concern would go), filing only
 * pretends and writes nothing, and a preview resident owns no tickets.
 */
export class PreviewTickets implements ResidentTicketsPort {
  private filed = 0;

  constructor(
    private readonly real: ResidentTicketsPort,
    private readonly clock: Clock,
  ) {}

  previewRoute(text: string, areaCode: string | null, chosenSector?: string | null) {
    return this.real.previewRoute(text, areaCode, chosenSector);
  }

  async fileConcern(concern: NewConcern): Promise<FiledConcern> {
    const route = await this.real.previewRoute(concern.text, concern.areaCode ?? null, concern.chosenSector);
    const now = this.clock.now();
    const ticket: ResidentTicketView = {
      number: `${PREVIEW_TICKET_PREFIX}${String(++this.filed).padStart(4, '0')}`,
      title: concern.text.slice(0, 30),
      state: 'submitted',
      sectorName: route.sector?.name ?? null,
      workstationName: route.workstation.name,
      createdAt: now,
      takeDeadline: null,
      answerDeadline: null,
      latestReply: null,
      rating: null,
      open: true,
    };
    return { ticket, expectedAnswerBy: new Date(now.getTime() + 7 * DAY_MS), similar: [] };
  }

  // A preview resident owns no tickets and sees no similar ones, so a dialog cannot reach these; if a draft
  // does, the turn fails rather than touch a real ticket.
  async supportTicket(): Promise<ResidentTicketView> {
    throw new Error('PreviewTickets.supportTicket(): a preview cannot support a real ticket');
  }

  async findForResident(): Promise<ResidentTicketView | null> {
    return null;
  }

  async matchForResident(): Promise<ResidentTicketView[]> {
    return [];
  }

  async listForResident(): Promise<ResidentTicketView[]> {
    return [];
  }

  async addInformation(): Promise<ResidentTicketView> {
    throw new Error('PreviewTickets.addInformation(): a preview owns no ticket');
  }

  async rate(): Promise<ResidentTicketView> {
    throw new Error('PreviewTickets.rate(): a preview owns no ticket');
  }

  async commentOnRating(): Promise<ResidentTicketView> {
    throw new Error('PreviewTickets.commentOnRating(): a preview owns no ticket');
  }

  async awaitingRating(): Promise<null> {
    return null;
  }
}

/** Booking in a preview: real free slots, a booking that is not stored and tells no member. */
export function previewBookings(real: VisitBookingPort): VisitBookingPort {
  return {
    freeSlots: (ws: WorkstationEntity, limit: number) => real.freeSlots(ws, limit),
    upcoming: async () => null,
    limitReached: async () => null,
    perResidentLimit: 0,
    book: async (workstationCode: string, slotStart: Date, booker: Booker): Promise<BookResult> => {
      const booking = Object.assign(new ReceptionBookingEntity(), { id: 0, workstationCode, slotStart, residentKey: booker.residentKey, memberUserid: null, addressKey: null, createdAt: slotStart });
      return { ok: true, booking };
    },
    cancel: async () => undefined,
  };
}

/** A hand-off in a preview: the real duty member is named, but nothing is sent to WeCom. */
export function previewHandoff(real: HandoffPort): HandoffPort {
  return { dutyMember: (code, at) => real.dutyMember(code, at), begin: async () => undefined, forward: async () => undefined };
}
