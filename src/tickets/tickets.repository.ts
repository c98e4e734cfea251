import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Like } from 'typeorm';
import { isUniqueViolation } from '../database/claim';
import { SectorEntity } from '../org/sector.entity';
import { WorkstationEntity } from '../org/workstation.entity';
import { TicketEntity } from './ticket.entity';
import {
  ClassificationCorrectionEntity,
  TicketCohandlerEntity,
  TicketEventEntity,
  TicketNoteEntity,
  TicketSequenceEntity,
  TicketSupporterEntity,
} from './ticket-parts.entity';
import type { TicketState } from './ticket.types';
import { inTransaction } from './lifecycle/transaction';

export interface TicketFilter {
  state?: TicketState;
  workstationCode?: string;
  limit?: number;
}

/** A console queue: tickets of some workstations, optionally narrowed by states, sector and area. */
export interface QueueFilter {
  workstationCodes: string[];
  states?: readonly TicketState[];
  sectorCode?: string;
  areaCode?: string;
  assigneeUserid?: string;
  limit: number;
}

/** Queries over tickets and their parts. Writes take the caller's EntityManager (its transaction). */
@Injectable()
export class TicketsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  private get tickets() {
    return this.dataSource.getRepository(TicketEntity);
  }

  /** Creates the day's sequence row outside any transaction, so creators only ever UPDATE it (no insert races). */
  async ensureSequenceDay(day: string): Promise<void> {
    const repo = this.dataSource.getRepository(TicketSequenceEntity);
    if (await repo.exists({ where: { day } })) return;
    await repo.insert({ day, value: 0 }).catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
    });
  }

  /**
   * Reserves `count` numbers of `day` and returns the first, in a short transaction of its own: the UPDATE locks
   * the day's row only until this commit, so creators (and instances) never share a number nor wait on each
   * other's whole creation. A creation that fails after reserving leaves a gap in the day's numbers, never a twin.
   */
  reserveNumbers(day: string, count: number): Promise<number> {
    return inTransaction(this.dataSource, async (em) => {
      const repo = em.getRepository(TicketSequenceEntity);
      for (let attempt = 0; attempt < 3; attempt++) {
        const result = await repo
          .createQueryBuilder()
          .update()
          .set({ value: () => `value + ${Math.trunc(count)}` })
          .where('day = :day', { day })
          .execute();
        if (result.affected === 1) {
          const row = await repo.findOneByOrFail({ day });
          return row.value - count + 1;
        }
        try {
          await repo.insert({ day, value: count });
          return 1;
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
        }
      }
      throw new Error(`TicketsRepository.reserveNumbers(): could not reserve numbers for ${day}`);
    });
  }

  /** Inserts tickets and returns them with their ids (looked up by number: multi-row insert ids are not portable). */
  async insertTickets(em: EntityManager, rows: Array<Omit<TicketEntity, 'id'>>): Promise<TicketEntity[]> {
    const repo = em.getRepository(TicketEntity);
    // updateEntity(false): TypeORM would re-read defaults with one OR term per row, too deep for SQLite in batches.
    await em.createQueryBuilder().insert().into(TicketEntity).values(rows as never).updateEntity(false).execute();
    const ids = await repo.find({ select: { id: true, number: true }, where: { number: In(rows.map((r) => r.number)) } });
    const idOf = new Map(ids.map((r) => [r.number, r.id]));
    return rows.map((r) => ({ ...r, id: idOf.get(r.number)! }));
  }

  /** The optimistic guard of every move: applies `changes` only if nobody changed the ticket since it was read. */
  async updateIfUnchanged(em: EntityManager, id: number, version: number, changes: Partial<TicketEntity>): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(TicketEntity)
      .set({ ...changes, version: () => 'version + 1' } as never)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return result.affected === 1;
  }

  /** Adds to the support count in one statement, without the version guard (see TicketsService.bumpSupport). */
  async addSupportCount(em: EntityManager, ticketId: number, n: number): Promise<void> {
    await em.createQueryBuilder().update('ticket').set({ supportCount: () => `supportCount + ${Math.trunc(n)}` }).where('id = :id', { id: ticketId }).execute();
  }

  findByNumber(number: string, em?: EntityManager): Promise<TicketEntity | null> {
    return (em?.getRepository(TicketEntity) ?? this.tickets).findOneBy({ number });
  }

  findBySourceKey(sourceKey: string): Promise<TicketEntity | null> {
    return this.tickets.findOneBy({ sourceKey });
  }

  findById(id: number, em?: EntityManager): Promise<TicketEntity | null> {
    return (em?.getRepository(TicketEntity) ?? this.tickets).findOneBy({ id });
  }

  list(filter: TicketFilter): Promise<TicketEntity[]> {
    return this.tickets.find({
      where: { ...(filter.state ? { state: filter.state } : {}), ...(filter.workstationCode ? { workstationCode: filter.workstationCode } : {}) },
      order: { id: 'DESC' },
      take: filter.limit ?? 100,
    });
  }

  /** Newest first; the caller orders by deadline (which one applies depends on the state). */
  queue(filter: QueueFilter): Promise<TicketEntity[]> {
    if (filter.workstationCodes.length === 0) return Promise.resolve([]);
    return this.tickets.find({
      where: {
        workstationCode: In(filter.workstationCodes),
        ...(filter.states ? { state: In([...filter.states]) } : {}),
        ...(filter.sectorCode ? { sectorCode: filter.sectorCode } : {}),
        ...(filter.areaCode ? { areaCode: filter.areaCode } : {}),
        ...(filter.assigneeUserid ? { assigneeUserid: filter.assigneeUserid } : {}),
      },
      order: { id: 'DESC' },
      take: filter.limit,
    });
  }

  forResident(channel: string, externalId: string, limit: number): Promise<TicketEntity[]> {
    return this.tickets.find({
      where: { residentChannel: channel as TicketEntity['residentChannel'], residentExternalId: externalId },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  /** The resident's tickets whose number ends with `ending`, newest first; an ending that is not letters, digits and dashes matches none. */
  async forResidentEndingWith(channel: string, externalId: string, ending: string, limit: number): Promise<TicketEntity[]> {
    // SQLite's LIKE has no escape character by default: an ending with a wildcard in it cannot be matched literally.
    if (!/^[A-Za-z0-9-]+$/.test(ending)) return [];
    return this.tickets.find({
      where: { residentChannel: channel as TicketEntity['residentChannel'], residentExternalId: externalId, number: Like(`%${ending}`) },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  /** Open tickets of one area, newest first: the candidates for "same concern" (sectors may differ for one matter). */
  openInArea(areaCode: string, limit: number): Promise<TicketEntity[]> {
    return this.tickets.find({
      where: { areaCode, state: In(['submitted', 'taken', 'in_progress']) },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  /** The latest tickets at the given workstations, in any state: candidates for "similar". */
  recentAt(workstationCodes: string[], limit: number): Promise<TicketEntity[]> {
    if (workstationCodes.length === 0) return Promise.resolve([]);
    return this.tickets.find({ where: { workstationCode: In(workstationCodes) }, order: { id: 'DESC' }, take: limit });
  }

  async addEvents(em: EntityManager, events: Array<Omit<TicketEventEntity, 'id'>>): Promise<void> {
    if (events.length > 0) await em.createQueryBuilder().insert().into(TicketEventEntity).values(events as never).updateEntity(false).execute();
  }

  async addEvent(em: EntityManager, event: Omit<TicketEventEntity, 'id'>): Promise<number> {
    const result = await em.getRepository(TicketEventEntity).insert(event as never);
    return Number(result.identifiers[0].id);
  }

  async addNote(em: EntityManager, note: Omit<TicketNoteEntity, 'id'>): Promise<void> {
    await em.getRepository(TicketNoteEntity).insert(note as never);
  }

  /** False when that resident already supports the ticket. */
  async addSupporter(em: EntityManager, row: Omit<TicketSupporterEntity, 'id'>): Promise<boolean> {
    const repo = em.getRepository(TicketSupporterEntity);
    const where = { ticketId: row.ticketId, residentChannel: row.residentChannel, residentExternalId: row.residentExternalId };
    if (await repo.exists({ where })) return false;
    try {
      await repo.insert(row as never);
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async addCohandler(em: EntityManager, row: Omit<TicketCohandlerEntity, 'id'>): Promise<boolean> {
    try {
      await em.getRepository(TicketCohandlerEntity).insert(row as never);
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async addCorrection(em: EntityManager, row: Omit<ClassificationCorrectionEntity, 'id'>): Promise<void> {
    await em.getRepository(ClassificationCorrectionEntity).insert(row as never);
  }

  events(ticketId: number): Promise<TicketEventEntity[]> {
    return this.dataSource.getRepository(TicketEventEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  notes(ticketId: number): Promise<TicketNoteEntity[]> {
    return this.dataSource.getRepository(TicketNoteEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  cohandlers(ticketId: number, em?: EntityManager): Promise<TicketCohandlerEntity[]> {
    return (em ?? this.dataSource.manager).getRepository(TicketCohandlerEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  supporters(ticketId: number, em?: EntityManager): Promise<TicketSupporterEntity[]> {
    return (em ?? this.dataSource.manager).getRepository(TicketSupporterEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  latestNote(ticketId: number, kind: TicketNoteEntity['kind']): Promise<TicketNoteEntity | null> {
    return this.dataSource.getRepository(TicketNoteEntity).findOne({ where: { ticketId, kind }, order: { id: 'DESC' } });
  }

  async names(): Promise<{ sectors: Map<string, string>; workstations: Map<string, string> }> {
    const [sectors, workstations] = await Promise.all([
      this.dataSource.getRepository(SectorEntity).find({ select: { code: true, name: true } }),
      this.dataSource.getRepository(WorkstationEntity).find({ select: { code: true, name: true } }),
    ]);
    return { sectors: new Map(sectors.map((s) => [s.code, s.name])), workstations: new Map(workstations.map((w) => [w.code, w.name])) };
  }
}
