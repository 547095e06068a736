/** The rules of the input boundary as pure functions: text, dates, cursors, global IDs. */
import { describe, expect, it } from '@jest/globals';
import { TEXT_MAX_LENGTH, checkJsonValue, textProblem } from '../../src/domain/text.js';
import { calendarDateProblem, instantProblem, isCalendarDate, readInstant } from '../../src/domain/dates.js';
import { decodeKeysetCursor, decodeScoreCursor, encodeKeysetCursor, encodeScoreCursor } from '../../src/domain/cursor.js';
import { fromGlobalId, toGlobalId } from '../../src/domain/global-id.js';
import { DomainError } from '../../src/domain/errors.js';

const UUID = '0190f3a4-0000-7000-8000-000000000000';
const reasonOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof DomainError ? error.reason : String(error);
  }
  return null;
};

describe('text', () => {
  it('refuses NUL, lone surrogates, controls and bidi overrides; line breaks only in paragraphs', () => {
    for (const bad of ['a\u0000', 'a\ud800', '\udc00a', 'a\u0007', 'a\u007f', 'a\u0085', 'a\u202e', 'a\u2066']) expect(textProblem(bad, 'line')).not.toBeNull();
    expect(textProblem('key\r\nX: 1', 'key')).toMatch(/U\+000D/);
    expect(textProblem('dòng 1\ndòng 2\tcột', 'paragraph')).toBeNull();
    expect(textProblem('a\u0000', 'paragraph')).not.toBeNull();
    expect(textProblem('😀 a surrogate pair is fine', 'line')).toBeNull();
  });

  it('bounds every kind by the one table', () => {
    for (const [kind, max] of Object.entries(TEXT_MAX_LENGTH)) {
      expect(textProblem('a'.repeat(max), kind as keyof typeof TEXT_MAX_LENGTH)).toBeNull();
      expect(textProblem('a'.repeat(max + 1), kind as keyof typeof TEXT_MAX_LENGTH)).toMatch(/at most/);
    }
  });

  it('names need letters', () => {
    expect(textProblem('Nguyễn Thị Minh Khai', 'personName')).toBeNull();
    expect(textProblem("H'Hen Niê", 'personName')).toBeNull();
    for (const bad of ['😀', '...', '---', 'An 2', '\u202e']) expect(textProblem(bad, 'personName')).not.toBeNull();
    expect(textProblem('Công ty TNHH 3C (Hà Nội) & Cộng sự', 'organizationName')).toBeNull();
    for (const bad of ['!!!', '123', '🏭', 'Công ty 😀']) expect(textProblem(bad, 'organizationName')).not.toBeNull();
  });

  it('checks JSON keys and values', () => {
    expect(reasonOf(() => checkJsonValue(JSON.parse('{"a": {"__proto__": 1}}'), ['m']))).toBe('UNKNOWN_FIELD');
    expect(reasonOf(() => checkJsonValue({ constructor: 1 }, ['m']))).toBe('UNKNOWN_FIELD');
    expect(reasonOf(() => checkJsonValue({ a: [1, 'x\u0000'] }, ['m']))).toBe('INVALID_TEXT');
    expect(reasonOf(() => checkJsonValue(JSON.parse('{"n": 1e400}'), ['m']))).toBe('INVALID_ARGUMENT');
    expect(reasonOf(() => checkJsonValue({ fullName: 'Trần Thị Hoà', n: 1.5, ok: true, list: [null] }, ['m']))).toBeNull();
  });
});

describe('dates', () => {
  it('reads years below 100 as written', () => {
    expect(isCalendarDate('0001-01-01')).toBe(true);
    expect(isCalendarDate('2024-02-30')).toBe(false);
    expect(calendarDateProblem('0001-01-01', 'any')).toMatch(/before 1900/);
  });

  it('keeps days and instants in 1900–2199, past days not after today', () => {
    expect(calendarDateProblem('9999-12-31', 'any')).toMatch(/after 2199/);
    expect(calendarDateProblem('2030-01-01', 'past', '2026-12-05')).toMatch(/after today/);
    expect(calendarDateProblem('2030-01-01', 'any', '2026-12-05')).toBeNull();
    expect(instantProblem(readInstant('0000-01-01T00:00:00Z')!)).not.toBeNull();
    expect(instantProblem(readInstant('2200-01-01T00:00:00Z')!)).not.toBeNull();
    expect(readInstant('+275760-09-13T00:00:00.000Z')).toBeNull();
    expect(instantProblem(readInstant('2026-11-20T03:00:00Z')!)).toBeNull();
  });
});

describe('cursors', () => {
  it('round-trips and checks every part', () => {
    const at = new Date('2026-11-20T03:00:00Z');
    expect(decodeKeysetCursor(encodeKeysetCursor(at, UUID), 'uuid')).toEqual({ at, id: UUID });
    expect(decodeKeysetCursor(encodeKeysetCursor(at, '42'), 'bigint')).toEqual({ at, id: '42' });
    expect(reasonOf(() => decodeKeysetCursor(encodeKeysetCursor(at, '42'), 'uuid'))).toBe('INVALID_CURSOR');
    expect(reasonOf(() => decodeKeysetCursor(encodeKeysetCursor(at, '9223372036854775808'), 'bigint'))).toBe('INVALID_CURSOR');
    expect(reasonOf(() => decodeKeysetCursor('A'.repeat(201), 'uuid'))).toBe('INVALID_CURSOR');
    expect(decodeScoreCursor(encodeScoreCursor(23, UUID))).toEqual({ score: 23, id: UUID });
    expect(reasonOf(() => decodeScoreCursor(Buffer.from(`[1e400,"${UUID}"]`).toString('base64url')))).toBe('INVALID_CURSOR');
  });
});

describe('global IDs', () => {
  it('looks the type up among node types only', () => {
    expect(fromGlobalId(toGlobalId('Dossier', UUID))).toEqual({ type: 'Dossier', id: UUID });
    for (const type of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      expect(reasonOf(() => fromGlobalId(toGlobalId(type, UUID)))).toBe('INVALID_ID');
    }
    expect(reasonOf(() => fromGlobalId(toGlobalId('Dossier', '1')))).toBe('INVALID_ID');
  });
});
