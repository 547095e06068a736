/**
 * Cursors of every connection: base64url of the JSON array of the sort key.
 * A cursor comes back from the client, so decoding checks every part before
 * any of it reaches SQL: its length, its alphabet, its shape, the kind of key
 * the connection's table has (UUID or bigint), finite scores, instants in range.
 * Anything else is `INVALID_CURSOR`.
 */
import { DomainError } from './errors.js';
import { instantProblem, readInstant } from './dates.js';
import { isKey, type KeyKind } from './ids.js';

/** Longer than any cursor this API gives out (a score and a UUID, or an instant and a bigint). */
export const MAX_CURSOR_LENGTH = 200;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** Search scores are sums of small constants; anything past this was not given out. */
const MAX_SCORE = 1e9;

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function invalid(argumentPath: (string | number)[], why: string): DomainError {
  return new DomainError('INVALID_CURSOR', `The cursor is not one this API gave out (${why})`, { argumentPath });
}

/** The sort key a cursor carries, unchecked beyond being a JSON array of at most `parts` items. */
export function decodeCursor(cursor: string, argumentPath: (string | number)[] = ['after'], parts = 2): unknown[] {
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalid(argumentPath, 'too long');
  if (!BASE64URL.test(cursor)) throw invalid(argumentPath, 'not base64url');
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid(argumentPath, 'not JSON');
  }
  if (!Array.isArray(key) || key.length !== parts) throw invalid(argumentPath, 'wrong shape');
  return key;
}

/** A keyset cursor `[instant, id]` (newest-first pages on a time column, then the key). */
export function decodeKeysetCursor(cursor: string, keyKind: KeyKind, argumentPath: (string | number)[] = ['after']): { at: Date; id: string } {
  const [time, id] = decodeCursor(cursor, argumentPath);
  const at = typeof time === 'string' ? readInstant(time) : null;
  if (!at || instantProblem(at)) throw invalid(argumentPath, 'time out of range');
  if (!isKey(keyKind, id)) throw invalid(argumentPath, `not a ${keyKind} key`);
  return { at, id };
}

export function encodeKeysetCursor(at: Date, id: string): string {
  return encodeCursor([at.toISOString(), id]);
}

/** A search cursor `[score, entity id]` (Elasticsearch's search_after on score, then id). */
export function decodeScoreCursor(cursor: string, argumentPath: (string | number)[] = ['after']): { score: number; id: string } {
  const [score, id] = decodeCursor(cursor, argumentPath);
  if (typeof score !== 'number' || !Number.isFinite(score) || Math.abs(score) > MAX_SCORE) throw invalid(argumentPath, 'score out of range');
  if (!isKey('uuid', id)) throw invalid(argumentPath, 'not a uuid key');
  return { score, id };
}

export function encodeScoreCursor(score: number, id: string): string {
  return encodeCursor([score, id]);
}
