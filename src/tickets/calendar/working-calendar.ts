import type { CalendarConfig } from '../../config/tickets.config';
import { CHINA_OFFSET_MS } from '../../common/china-time';

const DAY_MS = 86_400_000;
/** China Standard Time has no daylight saving, so a fixed offset is exact. */

const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Working-day arithmetic over weekends, public holidays and adjusted working days (tiaoxiu), in China time. */
export class WorkingCalendar {
  private readonly weekend: Set<number>;
  private readonly holidays = new Set<number>();
  private readonly workdays = new Set<number>();
  /** Days the office set in the console (true: working), over the configured ones. */
  private overrides = new Map<number, boolean>();

  constructor(readonly config: CalendarConfig) {
    this.weekend = new Set(config.weekend);
    for (const h of config.holidays) for (let d = dayNumber(h.from); d <= dayNumber(h.to); d++) this.holidays.add(d);
    for (const w of config.workdays) this.workdays.add(dayNumber(w.date));
  }

  /** Whether the China date containing `at` is a working day. */
  isWorkingDay(at: Date): boolean {
    return this.isWorking(Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS));
  }

  /**
   * The same time of day `n` working days later. A start on a day off counts from the next working day's
   * midnight, so a Saturday filing with one working day is due at the end of Monday.
   */
  addWorkingDays(from: Date, n: number): Date {
    let local = from.getTime() + CHINA_OFFSET_MS;
    let day = Math.floor(local / DAY_MS);
    if (!this.isWorking(day)) {
      while (!this.isWorking(day)) day++;
      local = day * DAY_MS;
    }
    const timeOfDay = local - day * DAY_MS;
    for (let i = 0; i < n; i++) {
      day++;
      while (!this.isWorking(day)) day++;
    }
    return new Date(day * DAY_MS + timeOfDay - CHINA_OFFSET_MS);
  }

  /** Replaces the console's days (`CalendarDaysService` keeps them in step with the database). */
  setOverrides(days: ReadonlyArray<{ date: string; kind: 'holiday' | 'workday' }>): void {
    this.overrides = new Map(days.map((d) => [dayNumber(d.date), d.kind === 'workday']));
  }

  private isWorking(day: number): boolean {
    const set = this.overrides.get(day);
    if (set !== undefined) return set;
    if (this.workdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = ((day + 3) % 7) + 1; // day 0 (1970-01-01) was a Thursday
    return !this.weekend.has(weekday);
  }
}
