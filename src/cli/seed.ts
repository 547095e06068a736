/**
 * Migrates DATABASE_URL, loads the catalog and, with --demo, the demo data set.
 * Usage: npm run seed -- [--demo] [--seed N]
 *        node dist/src/cli/seed.js [--demo] [--seed N]
 * The demo is skipped when the database already holds individuals.
 * The seed defaults to DEMO_SEED (1333).
 */
import { withDatabase, fail, parseCommandLine } from './with-database.js';
import { migrate } from '../db/orm.js';
import { seedCatalog } from '../seed/catalog.js';
import { seedDemo } from '../seed/demo.js';

const USAGE = 'Usage: node dist/src/cli/seed.js [--demo] [--seed N]\n  --demo    also load the demo data set (skipped if the database holds individuals)\n  --seed N  demo seed (default: DEMO_SEED or 1333)';

const args = parseCommandLine(USAGE, {
  options: { demo: { type: 'boolean', default: false }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  strict: true,
}).values;

const seedOption = args.seed === undefined ? undefined : Number(args.seed);
if (seedOption !== undefined && (!Number.isInteger(seedOption) || seedOption < 0 || seedOption > 2 ** 31 - 1)) {
  fail(`--seed must be an integer between 0 and ${2 ** 31 - 1}, got "${args.seed}"`, 2);
}

await withDatabase(async (orm, config) => {
  const seed = seedOption ?? config.demoSeed;
  const applied = await migrate(orm);
  console.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Migrations: up to date.');
  const catalog = await seedCatalog(orm.em.fork());
  console.log('Catalog:', catalog);
  if (args.demo) {
    const result = await seedDemo(orm.em.fork(), { seed, files: { dataDir: config.dataDir, count: config.demoSignedFiles } });
    if (result.skipped) console.log('Demo data: skipped (the database already holds individuals).');
    else {
      const { skipped: _skipped, durationMs, ...counts } = result;
      console.log(`Demo data (seed ${seed}) loaded in ${durationMs} ms:`, counts);
    }
  }
  return 0;
});
