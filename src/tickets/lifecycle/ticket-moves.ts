import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import type { MemberEntity } from '../../org/member.entity';
import { OrgRepository } from '../../org/org.repository';
import type { TicketEntity } from '../ticket.entity';
import { TicketException, TicketExceptionCode as Code } from '../ticket.exception';
import type { Actor, EventType, Json, TicketState } from '../ticket.types';
import { TicketsRepository } from '../tickets.repository';
import { inTransaction } from './transaction';

export interface Move {
  type: EventType;
  from: readonly TicketState[];
  reason?: string | null;
  /** Throws when the actor may not make this move on this ticket. */
  allow?(ticket: TicketEntity): void | Promise<void>;
  /** The error for a ticket in a state outside `from` (default ILLEGAL_STATE). */
  stateError?(ticket: TicketEntity): TicketException;
  changes(ticket: TicketEntity, now: Date): Partial<TicketEntity>;
  /** Notes, notifications, jobs: written in the move's transaction. */
  effects?(em: EntityManager, before: TicketEntity, after: TicketEntity, eventId: number, now: Date): Promise<void>;
}

class LostRace extends Error {}

const toJson = (value: unknown): Json =>
  value instanceof Date ? value.toISOString() : value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json);

/** The fields a change touched, before and after, for the audit row. */
export function diff(before: TicketEntity, changes: Partial<TicketEntity>): { before: Record<string, Json>; after: Record<string, Json> } {
  const b: Record<string, Json> = {};
  const a: Record<string, Json> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'updatedAt') continue;
    b[key] = toJson(before[key as keyof TicketEntity]);
    a[key] = toJson(value);
  }
  return { before: b, after: a };
}

export const actorColumns = (actor: Actor) => ({
  actorKind: actor.kind,
  actor: actor.kind === 'member' ? actor.userid : null,
});

/**
 * Applies one move to one ticket: checks state and permission, writes the change guarded by `version` (a
 * conditional UPDATE, so a concurrent move loses cleanly on both engines), then the audit event and the effects.
 */
@Injectable()
export class TicketMoves {
  constructor(
    readonly repo: TicketsRepository,
    private readonly org: OrgRepository,
    private readonly clock: Clock,
  ) {}

  async apply(number: string, actor: Actor, move: Move): Promise<TicketEntity> {
    let ticketId: number | null = null;
    try {
      return await inTransaction(this.repo.dataSource, async (em) => {
        const ticket = await this.repo.findByNumber(number, em);
        if (!ticket) throw new TicketException(`ticket ${number} not found`, Code.TICKET_NOT_FOUND, { number });
        ticketId = ticket.id;
        if (!move.from.includes(ticket.state)) {
          throw move.stateError?.(ticket) ?? illegal(ticket, move.type);
        }
        await move.allow?.(ticket);
        const now = this.clock.now();
        const changes: Partial<TicketEntity> = { ...move.changes(ticket, now), updatedAt: now };
        if (!(await this.repo.updateIfUnchanged(em, ticket.id, ticket.version, changes))) throw new LostRace();
        const after: TicketEntity = { ...ticket, ...changes, version: ticket.version + 1 };
        const eventId = await this.repo.addEvent(em, {
          ticketId: ticket.id, type: move.type, ...actorColumns(actor), at: now, ...diff(ticket, changes), reason: move.reason ?? null,
        });
        await move.effects?.(em, ticket, after, eventId, now);
        return after;
      });
    } catch (e) {
      if (!(e instanceof LostRace)) throw e;
      // Read again outside the failed transaction: its snapshot would still show the old row on MySQL.
      const current = ticketId === null ? null : await this.repo.findById(ticketId);
      if (current && !move.from.includes(current.state) && move.stateError) throw move.stateError(current);
      throw new TicketException(`ticket ${number} changed meanwhile; reload and try again`, Code.CONCURRENT_CHANGE, { number });
    }
  }

  /** An active member, or NOT_ALLOWED. */
  async member(userid: string): Promise<MemberEntity> {
    const m = await this.org.member(userid);
    if (!m || !m.active) throw new TicketException(`${userid} is not an active member`, Code.NOT_ALLOWED, { userid });
    return m;
  }

  /** The assignee, or the office's admins, may work on a taken ticket. */
  async requireHandler(userid: string, ticket: TicketEntity): Promise<MemberEntity> {
    const m = await this.member(userid);
    if (ticket.assigneeUserid !== userid && m.role !== 'office_admin') {
      throw new TicketException(`${userid} does not handle ticket ${ticket.number}`, Code.NOT_ALLOWED, { userid, number: ticket.number });
    }
    return m;
  }

  /** Members of the ticket's current queue, and the office's admins. */
  async requireQueueMember(userid: string, ticket: TicketEntity): Promise<MemberEntity> {
    const m = await this.member(userid);
    if (m.workstationCode !== ticket.workstationCode && m.role !== 'office_admin') {
      throw new TicketException(`${userid} is not in the queue of ${ticket.workstationCode}`, Code.NOT_ALLOWED, { userid, number: ticket.number });
    }
    return m;
  }
}

export function illegal(ticket: TicketEntity, move: string): TicketException {
  return new TicketException(`cannot ${move} ticket ${ticket.number} in state ${ticket.state}`, Code.ILLEGAL_STATE, {
    number: ticket.number,
    state: ticket.state,
    move,
  });
}

export function invalid(message: string, details?: Record<string, unknown>): TicketException {
  return new TicketException(message, Code.INVALID_INPUT, details);
}
