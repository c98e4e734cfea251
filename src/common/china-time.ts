/**
 * China Standard Time (UTC+8, no daylight saving) for everything people read or plan by: deadlines, working
 * days, report periods, reception slots. Times are stored as UTC instants; only these helpers know the offset.
 */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** The instant moved by the offset, so its UTC fields (getUTCHours, toISOString) read as China wall-clock time. */
export function chinaWallClock(at: Date | string): Date {
  return new Date(new Date(at).getTime() + CHINA_OFFSET_MS);
}

/** `YYYY-MM-DD` of the instant in China. */
export function chinaDate(at: Date | string): string {
  return chinaWallClock(at).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm` in China, the way residents and members read times; '' for no time. */
export function chinaTime(at: Date | string | null): string {
  if (at === null) return '';
  const local = chinaWallClock(at).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** ISO weekday of a date in China (1 = Monday … 7 = Sunday), and its YYYY-MM-DD. */
export function chinaDay(at: Date): { weekday: number; date: string } {
  const local = chinaWallClock(at);
  const day = local.getUTCDay();
  return { weekday: day === 0 ? 7 : day, date: local.toISOString().slice(0, 10) };
}

/** The instant of a China wall-clock date and `HH:mm` (midnight by default). */
export function chinaInstant(date: string, hhmm = '00:00'): Date {
  return new Date(Date.parse(`${date}T${hhmm}:00Z`) - CHINA_OFFSET_MS);
}

/** The instant China's day (year, zero-based month, day) begins; months and days may overflow like Date.UTC. */
export function chinaMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month, day) - CHINA_OFFSET_MS);
}
