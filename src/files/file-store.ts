/**
 * Where the bytes of scanned papers live: a content-addressed store, keyed by
 * the SHA-256 of the bytes, so the same bytes stored twice are one object and a
 * key always names the same content.
 *
 * The local-disk store (`LocalFileStore`) is the default. An S3-compatible
 * object store can implement the same interface later: `put` uploads the staged
 * file under its SHA-256 key (a conditional `If-None-Match: *` PUT keeps one
 * copy, `x-amz-checksum-sha256` lets the store check the bytes), `open` is a
 * GET, `exists` a HEAD. Nothing outside `src/files` knows which one runs.
 */
import type { Readable } from 'node:stream';
import type { TempFile } from './temp-file.js';

export interface StoredBytes {
  /** Lower-case hex SHA-256 of the bytes: their address in the store. */
  sha256: string;
  byteSize: number;
}

export interface FileStore {
  /** Local directory where uploads are staged (hashed, checked) before `put`. */
  readonly stagingDir: string;
  /** Stores bytes (a staged upload, or a stream staged first) and answers their address. Idempotent. */
  put(source: TempFile | Readable): Promise<StoredBytes>;
  /** The stored bytes, or null when the store has none under this address. */
  open(sha256: string): Promise<Readable | null>;
  exists(sha256: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Addresses come from rows and URLs: anything but 64 lower-case hex digits is refused before it reaches a path. */
export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new RangeError(`not a SHA-256 address: ${JSON.stringify(sha256)}`);
}
