/**
 * Days and instants. A calendar day is a string `YYYY-MM-DD`; an instant is a
 * Date. Validity, receipt days and ages are judged by the day in Vietnam
 * (UTC+7 all year, no daylight saving).
 */
import { DomainError } from './errors.js';

/** Vietnam is UTC+7 all year (no daylight saving). */
export const VIETNAM_UTC_OFFSET_MINUTES = 420;
export const DAY_MS = 86_400_000;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (rejects 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = CALENDAR_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** A calendar day as given, or INVALID_DATE. */
export function parseCalendarDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new DomainError('INVALID_DATE', `Date must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** An ISO 8601 instant (date, `T`, time), or INVALID_DATE. */
export function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new DomainError('INVALID_DATE', `DateTime must be an ISO 8601 instant, got ${JSON.stringify(value)}`);
  }
  return new Date(value);
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
