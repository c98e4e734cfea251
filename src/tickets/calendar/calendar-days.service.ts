import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { CalendarDayKind } from './calendar-day.entity';
import { CalendarDaysRepository } from './calendar-days.repository';
import { WorkingCalendar } from './working-calendar';

/** How often an instance picks up days another instance's admin set. */
export const CALENDAR_RELOAD_MS = 5_000;

export interface CalendarDayView {
  date: string;
  kind: CalendarDayKind;
  name: string | null;
  /** `config`: calendar.yaml (changed in the file); `console`: set by the office, removable here. */
  source: 'config' | 'console';
}

const DAY_MS = 86_400_000;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/**
 * Holidays and adjusted working days the office sets in the console, on top of `config/calendar.yaml`: a local
 * day off, or next year's national holidays published after a release. Deadlines computed after a change use it.
 */
@Injectable()
export class CalendarDaysService implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly days: CalendarDaysRepository,
    private readonly calendar: WorkingCalendar,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), CALENDAR_RELOAD_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async reload(): Promise<void> {
    this.calendar.setOverrides(await this.days.all());
  }

  /** The year's days off and adjusted working days, from the file and from the console, by date. */
  async year(year: number): Promise<CalendarDayView[]> {
    const within = (iso: string) => iso.startsWith(`${year}-`);
    const days = new Map<string, CalendarDayView>();
    for (const h of this.calendar.config.holidays) {
      for (let d = dayOf(h.from); d <= dayOf(h.to); d++) {
        const date = isoOf(d);
        if (within(date)) days.set(date, { date, kind: 'holiday', name: h.name ?? null, source: 'config' });
      }
    }
    for (const w of this.calendar.config.workdays) {
      if (within(w.date)) days.set(w.date, { date: w.date, kind: 'workday', name: w.name ?? null, source: 'config' });
    }
    for (const row of await this.days.all()) {
      if (within(row.date)) days.set(row.date, { date: row.date, kind: row.kind, name: row.name, source: 'console' });
    }
    return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  async set(date: string, kind: CalendarDayKind, name: string | null, setBy: string): Promise<void> {
    await this.days.save({ date, kind, name, setBy });
    await this.reload();
  }

  /** Removes a console day; false when there was none (a file day is changed in the file). */
  async remove(date: string): Promise<boolean> {
    const removed = await this.days.delete(date);
    await this.reload();
    return removed;
  }
}
