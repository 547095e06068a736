/**
 * The default file store: `${DATA_DIR}/files/<aa>/<bb>/<sha256>`, where `aa` and
 * `bb` are the first two byte pairs of the address (no directory grows past 65,536
 * entries). Uploads are staged in `${DATA_DIR}/tmp` (same file system) and renamed
 * into place, so a reader sees a whole file or none. A copy already at the address
 * is kept only when its bytes still hash to it: a damaged or altered copy is replaced
 * by the intact bytes being stored, instead of being adopted by every later document
 * whose bytes are the same (signing the same scan twice in one second gives the
 * same signed PDF).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, open, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertSha256, type FileStore, type StoredBytes } from './file-store.js';
import { TempFile } from './temp-file.js';

export class LocalFileStore implements FileStore {
  readonly root: string;
  readonly stagingDir: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
    this.stagingDir = join(dataDir, 'tmp');
  }

  /** Where the bytes of `sha256` live on disk. */
  pathOf(sha256: string): string {
    assertSha256(sha256);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: TempFile | Readable): Promise<StoredBytes> {
    const staged = source instanceof TempFile ? source : await TempFile.write(source, this.stagingDir);
    try {
      if (!(await this.intact(staged.sha256, staged.byteSize))) {
        const target = this.pathOf(staged.sha256);
        await mkdir(dirname(target), { recursive: true, mode: 0o700 });
        await rename(staged.path, target);
      }
    } finally {
      await staged.discard();
    }
    return { sha256: staged.sha256, byteSize: staged.byteSize };
  }

  async open(sha256: string): Promise<Readable | null> {
    try {
      const handle = await open(this.pathOf(sha256), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Whether the copy at the address exists and its bytes still hash to it (size first, then the hash). */
  private async intact(sha256: string, byteSize: number): Promise<boolean> {
    const path = this.pathOf(sha256);
    try {
      if ((await stat(path)).size !== byteSize) return false;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex') === sha256;
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await access(this.pathOf(sha256));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}

/** One store per data directory in a process (the local disk is the default store). */
const stores = new Map<string, FileStore>();

export function fileStoreFor(dataDir: string): FileStore {
  let store = stores.get(dataDir);
  if (!store) {
    store = new LocalFileStore(dataDir);
    stores.set(dataDir, store);
  }
  return store;
}
