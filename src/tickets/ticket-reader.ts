import { maskName, maskPhone } from '../common/privacy';
import type { TicketEntity } from './ticket.entity';
import type { TicketCohandlerEntity, TicketEventEntity, TicketNoteEntity } from './ticket-parts.entity';
import type { TicketFilter, TicketsRepository } from './tickets.repository';

export type TicketSummary = Omit<TicketEntity, 'text' | 'explanation' | 'keywords' | 'attachments'>;

export interface TicketDetail extends TicketEntity {
  events: TicketEventEntity[];
  notes: TicketNoteEntity[];
  cohandlers: TicketCohandlerEntity[];
  supporters: number;
}

/**
 * Read models for members, the console and the CLI. The resident's phone and name are shown whole only to the
 * assignee (`viewer`); everyone else sees them masked.
 */
export class TicketReader {
  constructor(private readonly repo: TicketsRepository) {}

  async list(filter: TicketFilter, viewer?: string): Promise<TicketSummary[]> {
    const rows = await this.repo.list(filter);
    return rows.map((t) => {
      const { text: _text, explanation: _e, keywords: _k, attachments: _a, ...rest } = mask(t, viewer);
      return rest;
    });
  }

  async show(number: string, viewer?: string): Promise<TicketDetail | null> {
    const t = await this.repo.findByNumber(number);
    if (!t) return null;
    const [events, notes, cohandlers, supporters] = await Promise.all([
      this.repo.events(t.id), this.repo.notes(t.id), this.repo.cohandlers(t.id), this.repo.supporters(t.id),
    ]);
    return { ...mask(t, viewer), events, notes, cohandlers, supporters: supporters.length };
  }
}

function mask(t: TicketEntity, viewer?: string): TicketEntity {
  if (viewer && viewer === t.assigneeUserid) return t;
  return { ...t, residentPhone: maskPhone(t.residentPhone), residentName: maskName(t.residentName) };
}
