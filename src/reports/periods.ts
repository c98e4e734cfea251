import type { BulletinKind } from './report.entities';
import { chinaDate, chinaMidnight, chinaWallClock } from '../common/china-time';

const DAY_MS = 86_400_000;

/** A bulletin period in China time: [from, to) as instants, `key` as the China date it starts (yyyy-mm-dd or yyyy-mm). */
export interface ReportPeriod {
  kind: BulletinKind;
  key: string;
  from: Date;
  to: Date;
}

/** The week (Monday to Sunday) or month in China time that contains `at`. */
export function periodContaining(kind: BulletinKind, at: Date): ReportPeriod {
  const local = chinaWallClock(at);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  if (kind === 'monthly') {
    return { kind, key: `${y}-${String(m + 1).padStart(2, '0')}`, from: chinaMidnight(y, m, 1), to: chinaMidnight(y, m + 1, 1) };
  }
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  const from = chinaMidnight(y, m, local.getUTCDate() - sinceMonday);
  return { kind, key: chinaDate(from), from, to: new Date(from.getTime() + 7 * DAY_MS) };
}

/** The period named by its key (yyyy-mm for months; any yyyy-mm-dd for weeks); null when malformed. */
export function periodOfKey(kind: BulletinKind, key: string): ReportPeriod | null {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (kind === 'monthly' && (month || day)) {
    const [, y, m] = (month ?? day)!;
    if (Number(m) < 1 || Number(m) > 12) return null;
    return periodContaining(kind, chinaMidnight(Number(y), Number(m) - 1, 1));
  }
  if (kind === 'weekly' && day) {
    const at = chinaMidnight(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return Number.isNaN(at.getTime()) ? null : periodContaining(kind, at);
  }
  return null;
}

/** The last whole period before `now`: what Monday's and the 1st's bulletins report on. */
export function lastCompleted(kind: BulletinKind, now: Date): ReportPeriod {
  return periodContaining(kind, new Date(periodContaining(kind, now).from.getTime() - 1));
}

/** The period after `p`. */
export function nextPeriod(p: ReportPeriod): ReportPeriod {
  return periodContaining(p.kind, p.to);
}
