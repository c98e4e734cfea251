import { lastCompleted, nextPeriod, periodContaining, periodOfKey } from './periods';

describe('report periods (China time)', () => {
  it('weeks start on Monday at 00:00 China time', () => {
    // 2026-11-30 is a Monday; 2026-11-29T17:00Z is already Monday 01:00 in China.
    const p = periodContaining('weekly', new Date('2026-11-29T17:00:00Z'));
    expect(p.key).toBe('2026-11-30');
    expect(p.from.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-12-06T16:00:00.000Z');
  });

  it('months run from the 1st to the 1st, and the last completed one is the month before', () => {
    const p = periodContaining('monthly', new Date('2026-12-31T17:00:00Z'));
    expect(p.key).toBe('2027-01');
    expect(lastCompleted('monthly', new Date('2026-12-01T01:00:00Z')).key).toBe('2026-11');
    expect(nextPeriod(periodOfKey('monthly', '2026-12')!).key).toBe('2027-01');
  });

  it('reads keys and refuses malformed ones', () => {
    expect(periodOfKey('weekly', '2026-12-03')!.key).toBe('2026-11-30');
    expect(periodOfKey('weekly', '2026-12')).toBeNull();
    expect(periodOfKey('monthly', '2026-13')).toBeNull();
    expect(lastCompleted('weekly', new Date('2026-11-30T01:00:00Z')).key).toBe('2026-11-23');
  });
});
