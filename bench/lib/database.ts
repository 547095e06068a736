/** A throw-away warehouse database for a benchmark: created, migrated and given the catalog; dropped afterwards. */
import 'reflect-metadata';
import { dropDatabase, recreateDatabase, withDatabase } from '../../src/db/admin.js';
import { createOrm, migrate } from '../../src/db/orm.js';
import { seedCatalog } from '../../src/seed/catalog.js';

/** The PostgreSQL server benchmarks create their databases on. */
export const BENCH_SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** (Re)creates `name` on the server, migrates it and loads the catalog; returns its URL. */
export async function createWarehouseDatabase(name: string, serverUrl: string = BENCH_SERVER_URL): Promise<string> {
  await recreateDatabase(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  const orm = await createOrm({ clientUrl: url, poolSize: 1 });
  try {
    await migrate(orm);
    await seedCatalog(orm.em.fork());
  } finally {
    await orm.close(true);
  }
  return url;
}

export async function dropWarehouseDatabase(name: string, serverUrl: string = BENCH_SERVER_URL): Promise<void> {
  await dropDatabase(serverUrl, name);
}
