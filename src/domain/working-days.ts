/**
 * Working days ("ngày làm việc") and the due date of a dossier.
 *
 * An ordinary week works Monday to Friday; Saturday and Sunday are the weekly rest
 * days of state agencies. A calendar lists only the days that differ from that:
 * public holidays, the compensating days off they give, and the days the government
 * swaps to join a holiday to a weekend. The public holidays are those of the Labour
 * Code 2019, Article 112(1), as in force on 2026-12-04 (no amendment of the list was
 * found: Politburo Resolution 80-NQ/TW of 7 January 2026 chose 24 November as Vietnam
 * Culture Day "towards" a paid holiday and Government Resolution 30/NQ-CP of February
 * 2026 asks for Article 112(1) to be amended; until that amendment is in force an
 * administrator adds such a day with `amendWorkingCalendar`):
 *   - New Year, 1 January (1 day);
 *   - Tết, 5 days around the 1st day of the 1st lunar month, which days the Prime
 *     Minister fixes each year (Art. 112(3));
 *   - Hùng Kings' Commemoration, 10th day of the 3rd lunar month (1 day);
 *   - Reunification Day, 30 April, and International Labour Day, 1 May (1 day each);
 *   - National Day, 2 September and the day before or after it (2 days; Art. 112(3)).
 * A holiday on a weekly rest day gives a compensating day off on the next working day
 * (Art. 111(3)).
 *
 * Lunar dates come from `date-chinese`'s Vietnamese calendar (the engine of
 * `date-holidays`, computed at UTC+7 as Vietnam's calendar is since 1968; the Chinese
 * one, at UTC+8, gives Tết 2007 on 18 February instead of the 17th).
 *
 * Counting a period in working days (Civil Code 2015, Arts. 147–148): the day of the
 * event that starts it (the dossier's reception) is not counted, whatever the hour;
 * day 1 is the first working day after it, and the period ends at 24:00 (Vietnam
 * time) of its last working day. So a dossier received on Friday with 5 processing
 * days is due at the end of the next Friday, and one received on a Saturday or a
 * holiday (online) starts counting on the next working day all the same.
 */
import { CalendarVietnamese } from 'date-chinese';
import { DAY_MS, VIETNAM_UTC_OFFSET_MINUTES, addDays, vietnamDate } from './dates.js';

/** How a listed day differs from the ordinary week. */
export enum CalendarDayKind {
  /** A holiday of Labour Code Art. 112 ("ngày nghỉ lễ, tết"); off even when it falls on a working weekday. */
  PUBLIC_HOLIDAY = 'PUBLIC_HOLIDAY',
  /** A weekday off because a holiday fell on a weekly rest day ("nghỉ bù", Art. 111(3)). */
  COMPENSATORY_DAY_OFF = 'COMPENSATORY_DAY_OFF',
  /** A weekday off, swapped with a weekend day worked instead ("hoán đổi ngày làm việc"). */
  SWAPPED_DAY_OFF = 'SWAPPED_DAY_OFF',
  /** A Saturday or Sunday worked in exchange for a swapped day off ("làm bù"). */
  SWAPPED_WORKING_DAY = 'SWAPPED_WORKING_DAY',
}

/** Where a listed day comes from. */
export enum CalendarDayOrigin {
  /** Derived here from the Labour Code's rules and the lunar calendar. */
  LAW = 'LAW',
  /** A government announcement for that year, cited in the day's `source`. */
  ANNOUNCED = 'ANNOUNCED',
  /** Set by an administrator (`amendWorkingCalendar`), the amendment recorded. */
  AMENDED = 'AMENDED',
}

/** A day that differs from the ordinary week. */
export interface CalendarDayEntry {
  /** `YYYY-MM-DD`, a Vietnam calendar day. */
  date: string;
  kind: CalendarDayKind;
  name: string;
  origin: CalendarDayOrigin;
  /** Where the day was announced or which rule gives it. */
  source: string | null;
}

/** Whether a listed day of this kind is worked. */
export function isWorkingKind(kind: CalendarDayKind): boolean {
  return kind === CalendarDayKind.SWAPPED_WORKING_DAY;
}

// ── Calendar days as numbers ─────────────────────────────────────────────────

/** Vietnam keeps UTC+7 all year. */
const VIETNAM_OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** The `YYYY-MM-DD` date of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

/** Saturday and Sunday, the weekly rest days of state agencies. */
export function isWeekend(date: string): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

/** 24:00 of a Vietnam calendar day (= 00:00 of the next one), when a period ending that day ends (Civil Code Art. 148(6)). */
export function endOfVietnamDay(date: string): Date {
  return new Date((dayNumber(date) + 1) * DAY_MS - VIETNAM_OFFSET_MS);
}

/** The last day of a period ending at `dueAt` (24:00 of that day; an earlier instant of a day: that day). */
export function dueDay(dueAt: Date): string {
  return vietnamDate(new Date(dueAt.getTime() - 1));
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export { addDays, vietnamDate };

// ── The holidays of the Labour Code ──────────────────────────────────────────

/** Years the lunar computation and the rules are used for (the library covers far more). */
export const FIRST_CALENDAR_YEAR = 1990;
export const LAST_CALENDAR_YEAR = 2100;

const lunar = new CalendarVietnamese();

/** The Gregorian date of a day of a (non-leap) lunar month of the lunar year that starts in `year`. */
export function lunarDate(year: number, month: number, day: number): string {
  // Cycle and year left unset: toJDE(year) takes the lunar year beginning in that Gregorian year.
  lunar.set(undefined as unknown as number, undefined as unknown as number, month, 0, day);
  const g = lunar.fromJDE(lunar.toJDE(year)).toGregorian(year);
  return isoDate(Date.UTC(g.year, g.month - 1, g.day) / DAY_MS);
}

/** Tết: the 1st day of the 1st lunar month. */
export function lunarNewYear(year: number): string {
  return lunarDate(year, 1, 1);
}

/** Hùng Kings' Commemoration ("Giỗ Tổ Hùng Vương"): the 10th day of the 3rd lunar month. */
export function hungKingsDay(year: number): string {
  return lunarDate(year, 3, 10);
}

/**
 * The second day of National Day: the Prime Minister chooses 1 or 3 September each
 * year. The rule here is the one every choice from 2021 to 2026 followed: the
 * neighbour that joins the weekend (3 September when the 2nd is a Monday, Thursday or
 * Sunday; 1 September otherwise).
 */
export function nationalDaySecondDay(year: number): string {
  const second = `${year}-09-02`;
  const d = weekday(second);
  return d === 1 || d === 4 || d === 0 ? `${year}-09-03` : `${year}-09-01`;
}

const LABOUR_CODE = 'Labour Code 2019, Art. 112(1)';

/**
 * The year's holidays by the Labour Code's rules, with their compensating days:
 * what the calendar holds for a year no announcement was recorded for. Tết is taken
 * as the last day of the lunar year and the first four of the new one (the split the
 * Prime Minister chose for 2026); the real split is announced each year.
 */
export function holidaysByLaw(year: number): CalendarDayEntry[] {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    throw new RangeError(`The calendar covers ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}, not ${year}`);
  }
  const tet = lunarNewYear(year);
  const holidays: Array<{ date: string; name: string }> = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch (New Year)' },
    { date: addDays(tet, -1), name: 'Tết Nguyên đán (Lunar New Year): last day of the lunar year' },
    ...[1, 2, 3, 4].map((n) => ({ date: addDays(tet, n - 1), name: `Tết Nguyên đán (Lunar New Year): day ${n}` })),
    { date: hungKingsDay(year), name: 'Giỗ Tổ Hùng Vương (Hùng Kings Commemoration), 10th day of the 3rd lunar month' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng (Reunification Day)' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động (International Labour Day)' },
    { date: `${year}-09-02`, name: 'Quốc khánh (National Day)' },
    { date: nationalDaySecondDay(year), name: 'Quốc khánh (National Day): adjacent day' },
  ];
  holidays.sort((a, b) => a.date.localeCompare(b.date));
  const entries: CalendarDayEntry[] = holidays.map((h) => ({
    date: h.date,
    kind: CalendarDayKind.PUBLIC_HOLIDAY,
    name: h.name,
    origin: CalendarDayOrigin.LAW,
    source: LABOUR_CODE,
  }));
  const taken = new Set(entries.map((e) => e.date));
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    // The next working day: a weekday that is neither a holiday nor already someone's compensation.
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    entries.push({
      date: day,
      kind: CalendarDayKind.COMPENSATORY_DAY_OFF,
      name: `Nghỉ bù (compensating day off) for ${holiday.name}, ${holiday.date}`,
      origin: CalendarDayOrigin.LAW,
      source: 'Labour Code 2019, Art. 111(3)',
    });
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

// ── Counting ─────────────────────────────────────────────────────────────────

/** The working days of some years: the listed days of each, and the ordinary week around them. */
export class WorkingCalendar {
  private readonly working = new Map<string, boolean>();
  private readonly years: ReadonlySet<number>;

  constructor(years: Iterable<number>, days: Iterable<{ date: string; kind: CalendarDayKind }>) {
    this.years = new Set(years);
    for (const day of days) this.working.set(day.date, isWorkingKind(day.kind));
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: string): boolean {
    if (!this.years.has(yearOf(date))) throw new RangeError(`The working calendar of ${yearOf(date)} is not loaded`);
    return this.working.get(date) ?? !isWeekend(date);
  }

  /**
   * The due date of a period of `workingDays` working days starting with an event
   * at `from`: day 1 is the first working day after the event's day; the period
   * ends at 24:00 of the last one (`dueOn`, `dueAt`).
   */
  dueDate(from: Date, workingDays: number): { dueOn: string; dueAt: Date } {
    if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError(`Working days must be a whole number ≥ 0, got ${workingDays}`);
    let day = vietnamDate(from);
    for (let counted = 0; counted < workingDays; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted++;
    }
    return { dueOn: day, dueAt: endOfVietnamDay(day) };
  }
}

/**
 * The years a period of `workingDays` from `from` can reach: a working week has five
 * days and no year has more than a few weeks of holidays, so twice the days plus a
 * month is a generous bound.
 */
export function yearsReached(from: Date, workingDays: number): number[] {
  const first = yearOf(vietnamDate(from));
  const last = yearOf(addDays(vietnamDate(from), workingDays * 2 + 31));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
