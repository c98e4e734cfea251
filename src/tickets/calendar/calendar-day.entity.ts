import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../database/columns';

export type CalendarDayKind = 'holiday' | 'workday';

/**
 * A day the office set in the console: a holiday (a local day off, or a national one published after the
 * release) or a working day (an adjusted working day). It overrides `config/calendar.yaml` for that date in deadline arithmetic.
 */
@Entity({ name: 'calendar_day' })
export class CalendarDayEntity {
  /** China date, YYYY-MM-DD. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: CalendarDayKind;

  @Column({ type: 'varchar', length: 64, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 64 })
  setBy!: string;

  @UpdatedAt()
  updatedAt!: Date;
}
