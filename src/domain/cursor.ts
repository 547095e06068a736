/**
 * The cursor codec of every connection: a cursor is base64url(JSON of the sort
 * key), opaque to callers. What a key holds is up to each list (keyset pages,
 * search); this file only encodes and decodes.
 */
import { DomainError } from './errors.js';

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argumentPath: string[] = ['after']): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key)) return key;
  } catch {
    // fall through
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API gave out', { argumentPath });
}
