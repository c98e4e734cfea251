import { TicketEntity } from './ticket.entity';
import { TicketCohandlerEntity, TicketNoteEntity, TicketEventEntity, TicketSupporterEntity, TicketSequenceEntity, ClassificationCorrectionEntity } from './ticket-parts.entity';
import { CalendarDayEntity } from './calendar/calendar-day.entity';
import { ReceptionBookingEntity } from './calendar/reception-booking.entity';

/** The entities of tickets, their parts, the working calendar and reception bookings, joined with every other module's in database/entities.ts. */
export const TICKETS_ENTITIES = [TicketEntity, TicketCohandlerEntity, TicketNoteEntity, TicketEventEntity, TicketSupporterEntity, TicketSequenceEntity, ClassificationCorrectionEntity, CalendarDayEntity, ReceptionBookingEntity];
