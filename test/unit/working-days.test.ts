/**
 * Working days with real dates: the lunar holidays against the published ones, the
 * Labour Code's rules against the government's 2026 announcements, and due dates
 * across Tết 2026, Hùng Kings and 30 April–1 May 2026, swapped days and Tết 2027.
 */
import { describe, expect, it } from '@jest/globals';
import {
  CalendarDayKind, CalendarDayOrigin, WorkingCalendar, dueDay, holidaysByLaw, hungKingsDay, lunarNewYear, nationalDaySecondDay,
} from '../../src/domain/working-days.js';
import { SEEDED_CALENDAR, seededWorkingCalendar } from '../../src/catalog/working-calendar.js';

/** An instant in Vietnam time. */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('lunar holidays', () => {
  it('puts Tết and Hùng Kings on the published dates', () => {
    // The dates: Tết 2026 = 17 February, Tết 2027 = 6 February, Hùng Kings 2026 = 26 April.
    expect(lunarNewYear(2026)).toBe('2026-02-17');
    expect(lunarNewYear(2027)).toBe('2027-02-06');
    expect(hungKingsDay(2026)).toBe('2026-04-26');
    // Earlier years, as the yearly holiday announcements gave them (the 2018–2020 backlog's years among them).
    const tet = { 2018: '2018-02-16', 2019: '2019-02-05', 2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29' };
    for (const [year, date] of Object.entries(tet)) expect(lunarNewYear(Number(year))).toBe(date);
    const hung = { 2019: '2019-04-14', 2020: '2020-04-02', 2021: '2021-04-21', 2023: '2023-04-29', 2024: '2024-04-18', 2025: '2025-04-07' };
    for (const [year, date] of Object.entries(hung)) expect(hungKingsDay(Number(year))).toBe(date);
  });

  it("uses Vietnam's meridian (UTC+7), not China's: Tết 2007 fell on 17 February in Vietnam, the 18th in China", () => {
    expect(lunarNewYear(2007)).toBe('2007-02-17');
  });
});

describe('holidaysByLaw', () => {
  it('gives the holidays the government announced for 2026; the announcement adds two swaps', () => {
    const announced = SEEDED_CALENDAR.find((y) => y.year === 2026)!;
    expect(announced.origin).toBe(CalendarDayOrigin.ANNOUNCED);
    const notSwaps = announced.days.filter((d) => d.kind !== CalendarDayKind.SWAPPED_DAY_OFF && d.kind !== CalendarDayKind.SWAPPED_WORKING_DAY);
    expect(holidaysByLaw(2026).map((d) => [d.date, d.kind])).toEqual(notSwaps.map((d) => [d.date, d.kind]));
    expect(announced.days.filter((d) => !notSwaps.includes(d)).map((d) => [d.date, d.kind])).toEqual([
      ['2026-01-02', 'SWAPPED_DAY_OFF'],
      ['2026-01-10', 'SWAPPED_WORKING_DAY'],
      ['2026-08-22', 'SWAPPED_WORKING_DAY'],
      ['2026-08-31', 'SWAPPED_DAY_OFF'],
    ]);
    for (const day of announced.days) expect(day.source).toBeTruthy();
  });

  it('derives 2027 (no announcement found): Tết on a Saturday gives two compensating days', () => {
    const days = holidaysByLaw(2027);
    expect(days.map((d) => [d.date, d.kind])).toEqual([
      ['2027-01-01', 'PUBLIC_HOLIDAY'],
      ['2027-02-05', 'PUBLIC_HOLIDAY'], // last day of the lunar year, a Friday
      ['2027-02-06', 'PUBLIC_HOLIDAY'], // Tết, Saturday
      ['2027-02-07', 'PUBLIC_HOLIDAY'], // Sunday
      ['2027-02-08', 'PUBLIC_HOLIDAY'],
      ['2027-02-09', 'PUBLIC_HOLIDAY'],
      ['2027-02-10', 'COMPENSATORY_DAY_OFF'], // for Saturday 6 February
      ['2027-02-11', 'COMPENSATORY_DAY_OFF'], // for Sunday 7 February
      ['2027-04-16', 'PUBLIC_HOLIDAY'], // Hùng Kings, 10th of the 3rd lunar month, a Friday
      ['2027-04-30', 'PUBLIC_HOLIDAY'],
      ['2027-05-01', 'PUBLIC_HOLIDAY'], // Saturday
      ['2027-05-03', 'COMPENSATORY_DAY_OFF'],
      ['2027-09-02', 'PUBLIC_HOLIDAY'], // Thursday
      ['2027-09-03', 'PUBLIC_HOLIDAY'], // its Friday neighbour
    ]);
    expect(SEEDED_CALENDAR.find((y) => y.year === 2027)).toMatchObject({ origin: CalendarDayOrigin.LAW, days });
    for (const day of days) expect(day.origin).toBe(CalendarDayOrigin.LAW);
  });

  it("picks National Day's second day as the government did from 2021 to 2026", () => {
    const chosen = { 2021: '2021-09-03', 2022: '2022-09-01', 2023: '2023-09-01', 2024: '2024-09-03', 2025: '2025-09-01', 2026: '2026-09-01' };
    for (const [year, date] of Object.entries(chosen)) expect(nationalDaySecondDay(Number(year))).toBe(date);
  });

  it('refuses years outside the range it covers', () => {
    expect(() => holidaysByLaw(1800)).toThrow(RangeError);
  });
});

describe('due dates in working days (seeded calendar)', () => {
  const calendar = seededWorkingCalendar(2025, 2027);
  const due = (received: string, days: number) => calendar.dueDate(vn(received), days);

  it.each([
    // [received (Vietnam time), working days, last day, why]
    ['2026-02-13T10:00', 5, '2026-02-27', 'across Tết 2026: off Monday 16 to Friday 20 February, two weekends around it'],
    ['2026-02-12T16:30', 3, '2026-02-24', 'one day before Tết, two after'],
    ['2026-02-14T09:00', 1, '2026-02-23', 'received online on the Saturday starting the Tết break'],
    ['2026-04-24T11:00', 3, '2026-05-04', 'across Hùng Kings (Sunday 26 April, off Monday 27) and 30 April–1 May'],
    ['2026-04-28T14:00', 5, '2026-05-07', 'across 30 April–1 May 2026 (Thursday and Friday)'],
    ['2026-04-26T08:00', 1, '2026-04-28', 'received on a holiday that is a Sunday; the Monday is its compensation'],
    ['2026-01-08T10:00', 2, '2026-01-10', 'the swapped working Saturday 10 January 2026 counts'],
    ['2025-12-31T10:00', 3, '2026-01-07', 'New Year 2026: Thursday 1 off, Friday 2 swapped off'],
    ['2026-08-21T15:00', 1, '2026-08-22', 'the swapped working Saturday 22 August 2026 counts'],
    ['2026-08-28T10:00', 1, '2026-09-03', 'National Day 2026: Monday 31 August swapped off, 1–2 September holidays'],
    ['2027-02-04T10:00', 1, '2027-02-12', 'Tết 2027 (derived): off Friday 5 to Thursday 11 February'],
    ['2027-04-29T10:00', 2, '2027-05-05', '30 April 2027 a Friday, 1 May a Saturday compensated on Monday 3 May'],
    ['2026-11-20T09:00', 5, '2026-11-27', 'an ordinary week: received Friday, due the next Friday'],
  ])('received %s with %i working days: due at the end of %s (%s)', (received, days, lastDay) => {
    const { dueOn, dueAt } = due(received, days);
    expect(dueOn).toBe(lastDay);
    // 24:00 Vietnam time of the last day (Civil Code Art. 148(6)).
    expect(dueAt.toISOString()).toBe(`${lastDay}T17:00:00.000Z`);
    expect(dueDay(dueAt)).toBe(lastDay);
  });

  it('does not count the day of reception, whatever the hour (Civil Code Art. 147)', () => {
    expect(due('2026-03-02T00:01', 1).dueOn).toBe('2026-03-03');
    expect(due('2026-03-02T23:59', 1).dueOn).toBe('2026-03-03');
    // Late in the evening of 2 March Vietnam time is still 2 March, though UTC has it on the 2nd or 3rd.
    expect(due('2026-03-02T23:59', 1).dueOn).toBe(due('2026-03-02T06:59', 1).dueOn);
  });

  it('is due at the end of the day of reception for zero days', () => {
    expect(due('2026-02-16T10:00', 0).dueOn).toBe('2026-02-16');
  });

  it('differs from the old count in calendar days across Tết', () => {
    // 5 calendar days from Friday 13 February 2026 would have been Wednesday 18, the 2nd day of Tết.
    expect(due('2026-02-13T10:00', 5).dueOn).not.toBe('2026-02-18');
  });

  it('refuses to count on years it does not hold', () => {
    const oneYear = new WorkingCalendar([2026], []);
    expect(() => oneYear.dueDate(vn('2026-12-30T10:00'), 5)).toThrow(/2027/);
  });
});
