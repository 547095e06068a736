/**
 * Days and instants. A calendar day is a string `YYYY-MM-DD`; an instant is a
 * Date. Validity, receipt days and ages are judged by the day in Vietnam
 * (UTC+7 all year, no daylight saving).
 *
 * Every date that comes from outside — the graph, the importer, the CLI, a
 * birth registration — is checked here, so a year 0 or 9999 never reaches
 * PostgreSQL (whose timestamps overflow past 294276) or JavaScript's Date
 * (±275760), and never sits in the warehouse as if it were real.
 */
import { DomainError } from './errors.js';

/** Vietnam is UTC+7 all year (no daylight saving). */
export const VIETNAM_UTC_OFFSET_MINUTES = 420;
export const DAY_MS = 86_400_000;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The span any stored or filtered date must fall in. Nobody alive or any paper held was born or issued before 1900. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';
const EARLIEST_INSTANT = Date.UTC(1900, 0, 1);
const LATEST_INSTANT = Date.UTC(2200, 0, 1);

/**
 * How far a calendar day may go:
 * - `past`: a day that has happened — a birth, an issue, a registration — not after today in Vietnam;
 * - `any`: a validity end or a filter bound, inside the plausible span.
 */
export type DateRule = 'past' | 'any';

/** True for a real calendar day written YYYY-MM-DD (rejects 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = CALENDAR_DATE.exec(value);
  if (!m) return false;
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** An ISO 8601 instant with a four-digit year (`2025-07-01T08:30:00Z`), or null; its range is instantProblem's. */
export function readInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || value.length > 64) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t);
}

const shown = (value: unknown) => JSON.stringify(typeof value === 'string' ? value.slice(0, 40) : value);

/** A calendar day as given, or INVALID_DATE (its shape only: the range is calendarDateProblem's). */
export function parseCalendarDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new DomainError('INVALID_DATE', `Date must be a calendar day written YYYY-MM-DD, got ${shown(value)}`);
  }
  return value;
}

/** An ISO 8601 instant (date, `T`, time), or INVALID_DATE (its shape only: the range is instantProblem's). */
export function parseInstant(value: unknown): Date {
  const instant = typeof value === 'string' ? readInstant(value) : null;
  if (!instant) throw new DomainError('INVALID_DATE', `DateTime must be an ISO 8601 instant, got ${shown(value)}`);
  return instant;
}

/** Why `value` is not an acceptable calendar day under `rule`, or null. `today` is a Vietnam day. */
export function calendarDateProblem(value: string, rule: DateRule, today: string = vietnamDate(new Date())): string | null {
  if (!isCalendarDate(value)) return `must be a calendar day written YYYY-MM-DD, got ${shown(value)}`;
  if (value < EARLIEST_DATE) return `must not be before ${EARLIEST_DATE}`;
  if (rule === 'past' && value > today) return `must not be after today (${today})`;
  if (value > LATEST_DATE) return `must not be after ${LATEST_DATE}`;
  return null;
}

/** `value` when it is an acceptable calendar day under `rule`; otherwise `INVALID_DATE` at `argumentPath`. */
export function checkCalendarDate(value: string, rule: DateRule, argumentPath: (string | number)[], today?: string): string {
  const problem = calendarDateProblem(value, rule, today);
  if (problem) throw new DomainError('INVALID_DATE', `${argumentPath.join('.')} ${problem}`, { argumentPath });
  return value;
}

/** Why `value` is not an acceptable instant (a real time between 1900 and 2200), or null. */
export function instantProblem(value: Date): string | null {
  const t = value.getTime();
  if (Number.isNaN(t)) return 'must be an ISO 8601 instant';
  if (t < EARLIEST_INSTANT || t >= LATEST_INSTANT) return `must lie between ${EARLIEST_DATE} and ${LATEST_DATE} (UTC)`;
  return null;
}

/** The Vietnam-local calendar day of an instant, `YYYY-MM-DD`: validity is judged by the day in Vietnam. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** 00:00 in Vietnam of a calendar day. */
export function vietnamMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return fromUtc(Date.UTC(y, m - 1, d + days));
}

/** Same day of the month n months later, clamped to the month's last day (2025-01-31 + 1 → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Whole years between a birth date and a date. */
export function ageOn(dateOfBirth: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return date.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}
