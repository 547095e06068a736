/**
 * The embedded default: PostgreSQL compiled to WebAssembly (PGlite), kept under
 * DATA_DIR, served on a loopback port so MikroORM uses its normal driver.
 * One machine, one query at a time: for trying the product, not for running a province.
 *
 * While it runs, DATA_DIR/embedded-database.json names its address and the process, so the
 * commands (`npm run partner`, `persisted:publish`, `audit:verify`...) started without
 * DATABASE_URL work on the database of the running `npm start` (PGlite's files belong to one process).
 */
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  url: string;
  close(): Promise<void>;
}

/** The API's pool (1) plus a few commands at once; PGlite still runs one query, and one transaction, at a time. */
const MAX_CONNECTIONS = 8;

/** Where a running embedded database announces itself. */
export function embeddedDatabaseFile(dataDir: string): string {
  return path.join(dataDir, 'embedded-database.json');
}

export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = path.join(dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const db = await PGlite.create({ dataDir: dir, extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_CONNECTIONS });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  const announcement = embeddedDatabaseFile(dataDir);
  await writeFile(announcement, `${JSON.stringify({ url, pid: process.pid })}\n`, { mode: 0o600 });
  return {
    url,
    async close() {
      rmSync(announcement, { force: true });
      await server.stop();
      await db.close();
    },
  };
}

/**
 * The address of the embedded database a running process serves from `dataDir`, or
 * undefined when none runs (no announcement, or its process has ended).
 */
export function runningEmbeddedDatabase(dataDir: string): string | undefined {
  let announced: { url?: unknown; pid?: unknown };
  try {
    announced = JSON.parse(readFileSync(embeddedDatabaseFile(dataDir), 'utf8')) as typeof announced;
  } catch {
    return undefined;
  }
  if (typeof announced.url !== 'string' || typeof announced.pid !== 'number') return undefined;
  try {
    process.kill(announced.pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return announced.url;
}
