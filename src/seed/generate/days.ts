/** Calendar helpers of the generator (the dates themselves: src/domain/dates.ts). */
import type { Random } from '../random.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export const maxDate = (a: string, b: string) => (a > b ? a : b);
export const minDate = (a: string, b: string) => (a < b ? a : b);

/** A date in [from, to]; `to` when the range is empty. */
export function dateBetween(rng: Random, from: string, to: string): string {
  return from > to ? to : rng.date(from, to);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}
