import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarDayEntity, type CalendarDayKind } from './calendar-day.entity';

/** The days the office set in the console. */
@Injectable()
export class CalendarDaysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  all(): Promise<CalendarDayEntity[]> {
    return this.dataSource.getRepository(CalendarDayEntity).find();
  }

  async save(row: { date: string; kind: CalendarDayKind; name: string | null; setBy: string }): Promise<void> {
    await this.dataSource.getRepository(CalendarDayEntity).save(row);
  }

  /** Whether there was a row to delete. */
  async delete(date: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(CalendarDayEntity).delete({ date });
    return (result.affected ?? 0) > 0;
  }
}
