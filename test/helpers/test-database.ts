/**
 * The run's database, built by the migrations (never by schema sync) with the
 * catalog and the deterministic demo data. The first test file to ask does
 * the work under an advisory lock; later ones find it done.
 */
import 'reflect-metadata';
import { createOrm, migrate } from '../../src/db/orm.js';
import { seedCatalog } from '../../src/seed/catalog.js';
import { seedDemo } from '../../src/seed/demo.js';
import { testDatabaseUrl } from './database.js';

/** The demo data's clock, so the run is the same on any day. */
export const DEMO_NOW = new Date('2026-11-20T03:00:00Z');

let prepared: Promise<void> | undefined;

export function ensureTestDatabase(): Promise<void> {
  prepared ??= (async () => {
    // One connection, so the session-level lock covers everything below.
    const orm = await createOrm({ clientUrl: testDatabaseUrl(), poolSize: 1 });
    try {
      const em = orm.em.fork();
      await em.getConnection().execute('select pg_advisory_lock(1333001)');
      try {
        await migrate(orm);
        await seedCatalog(orm.em.fork());
        await seedDemo(orm.em.fork(), { seed: 1333, now: DEMO_NOW });
      } finally {
        await em.getConnection().execute('select pg_advisory_unlock(1333001)');
      }
    } finally {
      await orm.close(true);
    }
  })();
  return prepared;
}
