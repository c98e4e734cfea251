import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { ReceptionBookingEntity } from '../tickets/calendar/reception-booking.entity';

/** Queries over reception bookings. */
@Injectable()
export class BookingRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ReceptionBookingEntity);
  }

  bookedBetween(workstationCode: string, from: Date, to: Date): Promise<ReceptionBookingEntity[]> {
    return this.repo.find({ where: { workstationCode, slotStart: Between(from, to) } });
  }

  /** The bookings of these studios with a slot in [from, to], soonest first (the console's list). */
  inStudiosBetween(workstationCodes: readonly string[], from: Date, to: Date): Promise<ReceptionBookingEntity[]> {
    if (workstationCodes.length === 0) return Promise.resolve([]);
    return this.repo.find({ where: { workstationCode: In([...workstationCodes]), slotStart: Between(from, to) }, order: { slotStart: 'ASC' } });
  }

  upcomingFor(residentKey: string, now: Date): Promise<ReceptionBookingEntity | null> {
    return this.repo.findOne({ where: { residentKey, slotStart: MoreThan(now) }, order: { slotStart: 'ASC' } });
  }

  /** Bookings made since `since` by this resident, or from this address. */
  countSince(since: Date, where: { residentKey: string } | { addressKey: string }): Promise<number> {
    return this.repo.count({ where: { ...where, createdAt: MoreThan(since) } });
  }

  /** Fails with a unique violation when the slot was taken meanwhile. */
  insert(manager: EntityManager, row: Omit<ReceptionBookingEntity, 'id' | 'createdAt'>): Promise<ReceptionBookingEntity> {
    return manager.getRepository(ReceptionBookingEntity).save(manager.getRepository(ReceptionBookingEntity).create(row));
  }

  async remove(manager: EntityManager, id: number): Promise<void> {
    await manager.getRepository(ReceptionBookingEntity).delete({ id });
  }
}
