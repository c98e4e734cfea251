import { chinaDate, chinaDay, chinaInstant, chinaMidnight, chinaTime } from './china-time';

describe('China time', () => {
  it('reads a UTC evening as the next China morning', () => {
    const at = new Date('2026-12-01T17:30:00Z');
    expect(chinaTime(at)).toBe('2026-12-02 01:30');
    expect(chinaDate(at)).toBe('2026-12-02');
    expect(chinaDay(at)).toEqual({ weekday: 3, date: '2026-12-02' });
  });

  it('calls a China Sunday day 7, and shows no time as empty', () => {
    expect(chinaDay(new Date('2026-12-06T02:00:00Z')).weekday).toBe(7);
    expect(chinaTime(null)).toBe('');
  });

  it('turns China wall-clock dates back into instants', () => {
    expect(chinaInstant('2026-12-02', '09:00').toISOString()).toBe('2026-12-02T01:00:00.000Z');
    expect(chinaInstant('2026-12-02').toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(chinaMidnight(2026, 11, 32).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaTime(chinaInstant('2027-01-01', '08:15'))).toBe('2027-01-01 08:15');
  });
});
