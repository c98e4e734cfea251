import { periodOfJulianDay } from './ticket-stats.repository';

const jdn = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000 + 2440588;

describe(periodOfJulianDay.name, () => {
  it('names China dates, their Monday and their month as the MySQL expressions do', () => {
    expect(periodOfJulianDay(jdn('2026-11-30'), 'day')).toBe('2026-11-30');
    expect(periodOfJulianDay(jdn('2026-11-30'), 'week')).toBe('2026-11-30'); // a Monday
    expect(periodOfJulianDay(jdn('2026-12-06'), 'week')).toBe('2026-11-30'); // the Sunday after
    expect(periodOfJulianDay(jdn('2026-12-07'), 'week')).toBe('2026-12-07');
    expect(periodOfJulianDay(jdn('2027-01-01'), 'month')).toBe('2027-01');
  });
});
