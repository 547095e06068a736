/**
 * An upload staged under `${DATA_DIR}/tmp` while it is checked. Its SHA-256 and
 * size are computed as the bytes stream to disk, so the file is read from the
 * network once and never held in memory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class TempFile {
  /** Only `write` makes one, so `sha256` and `byteSize` always describe the bytes at `path`. */
  private constructor(
    readonly path: string,
    readonly sha256: string,
    readonly byteSize: number,
  ) {}

  /** Writes `stream` to a new file in `dir`, hashing on the way; leaves nothing behind when it fails. */
  static async write(stream: Readable, dir: string): Promise<TempFile> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let byteSize = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        byteSize += chunk.length;
        done(null, chunk);
      },
    });
    try {
      // `flush`: the bytes are on disk before the file is renamed into the store.
      await pipeline(stream, meter, createWriteStream(path, { flags: 'wx', mode: 0o600, flush: true }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return new TempFile(path, hash.digest('hex'), byteSize);
  }

  /** Removes the staged bytes; nothing happens once the store has moved them. */
  discard(): Promise<void> {
    return rm(this.path, { force: true });
  }
}
