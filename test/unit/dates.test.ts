import { describe, it, expect } from '@jest/globals';
import { addDays, addMonths, addYears, ageOn, isCalendarDate, parseInstant, readInstant, vietnamDate, vietnamMidnight } from '../../src/domain/dates.js';

describe('dates (src/domain/dates.ts)', () => {
  it('judges the day in Vietnam (UTC+7)', () => {
    expect(vietnamDate(new Date('2025-07-01T16:59:59Z'))).toBe('2025-07-01');
    expect(vietnamDate(new Date('2025-07-01T17:00:00Z'))).toBe('2025-07-02');
    expect(vietnamMidnight('2025-07-02').toISOString()).toBe('2025-07-01T17:00:00.000Z');
  });

  it('adds months clamped to the month’s last day, days and years across month and leap-year ends', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('counts whole years of age', () => {
    expect(ageOn('2000-07-02', '2025-07-01')).toBe(24);
    expect(ageOn('2000-07-02', '2025-07-02')).toBe(25);
  });

  it('accepts real calendar days and ISO instants only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-2-1')).toBe(false);
    expect(parseInstant('2025-07-01T17:00:00Z')?.toISOString()).toBe('2025-07-01T17:00:00.000Z');
    // A day without a time, and a time that is no time: refused as the domain's INVALID_DATE.
    expect(() => parseInstant('2025-07-01')).toThrow(expect.objectContaining({ reason: 'INVALID_DATE' }));
    expect(() => parseInstant('2025-07-01Tnonsense')).toThrow(expect.objectContaining({ reason: 'INVALID_DATE' }));
    expect(readInstant('2025-07-01')).toBeNull();
  });
});
