import { dutyWeek, mondayOf } from './duty-week';

describe(dutyWeek.name, () => {
  const names = new Map([['a', 'A'], ['b', 'B'], ['gone', 'Gone'], ['other', 'Other']]);
  const own = new Set(['a', 'b']);

  it('finds the Monday of any day of the week', () => {
    expect(mondayOf('2026-12-02')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
  });

  it('puts weekly slots on their weekday and dated shifts on their date, the dated one on duty', () => {
    const week = dutyWeek('2026-11-30', [
      { id: 1, memberUserid: 'a', weekday: 2, date: null, source: 'config' },
      { id: 2, memberUserid: 'b', weekday: null, date: '2026-12-01', source: 'console' },
      { id: 3, memberUserid: 'b', weekday: null, date: '2026-12-08', source: 'console' },
    ], names, own);
    expect(week.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(week[1].entries).toEqual([
      { id: 2, memberUserid: 'b', memberName: 'B', source: 'console', kind: 'date', onDuty: true, outsider: false },
      { id: 1, memberUserid: 'a', memberName: 'A', source: 'config', kind: 'weekly', onDuty: false, outsider: false },
    ]);
    expect(week.flatMap((d) => d.entries.map((e) => e.id))).not.toContain(3);
  });

  it('chooses like routing: inactive members and members of other workstations are never on duty', () => {
    const week = dutyWeek('2026-11-30', [
      { id: 1, memberUserid: 'gone', weekday: 1, date: null, source: 'config' },
      { id: 2, memberUserid: 'other', weekday: null, date: '2026-11-30', source: 'console' },
      { id: 3, memberUserid: 'a', weekday: 1, date: null, source: 'console' },
    ], names, own);
    expect(week[0].entries.map((e) => [e.memberUserid, e.onDuty, e.outsider])).toEqual([['other', false, true], ['gone', false, true], ['a', true, false]]);
  });
});
