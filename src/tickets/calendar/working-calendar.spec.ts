import { loadCalendarConfig } from '../../config/tickets.config';
import { WorkingCalendar } from './working-calendar';

/** China time → Date. */
const cst = (local: string): Date => new Date(`${local}+08:00`);

describe(WorkingCalendar.name, () => {
  const sut = new WorkingCalendar(loadCalendarConfig());

  it('skips weekends', () => {
    expect(sut.addWorkingDays(cst('2026-12-04T18:00:00'), 1)).toEqual(cst('2026-12-07T18:00:00')); // Fri → Mon
    expect(sut.addWorkingDays(cst('2026-12-01T09:00:00'), 5)).toEqual(cst('2026-12-08T09:00:00')); // Tue → next Tue
  });

  it('counts a filing on a day off from the next working day', () => {
    expect(sut.addWorkingDays(cst('2026-12-05T10:00:00'), 1)).toEqual(cst('2026-12-08T00:00:00')); // Sat → end of Mon
  });

  it('skips public holidays (国庆节 2026-10-01..07)', () => {
    expect(sut.isWorkingDay(cst('2026-10-05T12:00:00'))).toBe(false); // a Monday inside the holiday
    expect(sut.addWorkingDays(cst('2026-09-30T09:00:00'), 1)).toEqual(cst('2026-10-08T09:00:00'));
  });

  it('counts adjusted working Saturdays (调休 2026-10-10) and Sundays (2026-09-20)', () => {
    expect(sut.isWorkingDay(cst('2026-10-10T12:00:00'))).toBe(true);
    expect(sut.isWorkingDay(cst('2026-10-11T12:00:00'))).toBe(false);
    expect(sut.addWorkingDays(cst('2026-10-09T09:00:00'), 1)).toEqual(cst('2026-10-10T09:00:00')); // Fri → the working Sat
    expect(sut.addWorkingDays(cst('2026-09-18T09:00:00'), 1)).toEqual(cst('2026-09-20T09:00:00')); // Fri → the working Sun
  });

  it('spans the Spring Festival with its make-up Saturdays (2026-02-14 and 02-28 worked)', () => {
    expect(sut.addWorkingDays(cst('2026-02-13T09:00:00'), 1)).toEqual(cst('2026-02-14T09:00:00'));
    expect(sut.addWorkingDays(cst('2026-02-14T09:00:00'), 1)).toEqual(cst('2026-02-24T09:00:00'));
  });

  it('uses China dates, not UTC dates', () => {
    // 2026-12-04 23:30 China time is still Friday; in UTC it is Friday 15:30 as well, but 2026-12-07 00:30 China is Monday
    expect(sut.isWorkingDay(new Date('2026-12-06T16:30:00Z'))).toBe(true); // Monday 00:30 in China, Sunday in UTC
  });
});
