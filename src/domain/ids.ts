import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KiB at a time: one system call per 256 ids, not one per id (bulk imports make millions). */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function random16(): Buffer {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  // A view, not a copy: each 16 bytes are handed out once.
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return bytes;
}

/**
 * UUID version 7 (RFC 9562): a millisecond timestamp first, then randomness.
 * Keys generated in the application let bulk loads build rows without a round
 * trip, and time order keeps B-tree inserts at the right edge of the index.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = random16();
  bytes[0] = Math.floor(now / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(now / 2 ** 32) & 0xff;
  bytes[2] = (now >>> 24) & 0xff;
  bytes[3] = (now >>> 16) & 0xff;
  bytes[4] = (now >>> 8) & 0xff;
  bytes[5] = now & 0xff;
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A PostgreSQL bigint key as JavaScript holds it (a string): 1 to 2^63−1, no sign, no leading zero. */
const BIGINT_KEY = /^[1-9]\d{0,18}$/;
const MAX_BIGINT = 9223372036854775807n;

/** What a table's primary key is: a UUID (every warehouse entity) or a bigint (the access log, outboxes). */
export type KeyKind = 'uuid' | 'bigint';

/** A UUID as the database gives it out: lower-case, hyphenated. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A positive bigint key that fits PostgreSQL's bigint. */
export function isBigintKey(value: string): boolean {
  return BIGINT_KEY.test(value) && BigInt(value) <= MAX_BIGINT;
}

/** Whether `value` is a key of the given kind. */
export function isKey(kind: KeyKind, value: unknown): value is string {
  return typeof value === 'string' && (kind === 'uuid' ? isUuid(value) : isBigintKey(value));
}
