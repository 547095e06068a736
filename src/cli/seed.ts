/**
 * Migrates DATABASE_URL, loads the catalog and, with --demo, the demo data set.
 * Usage: npm run seed -- [--demo] [--seed N]
 *        node dist/src/cli/seed.js [--demo] [--seed N]
 * The demo is skipped when the database already holds individuals.
 * The seed defaults to DEMO_SEED (1333).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { createOrm, migrate } from '../db/orm.js';
import { seedCatalog } from '../seed/catalog.js';
import { seedDemo } from '../seed/demo.js';

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: { demo: { type: 'boolean', default: false }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }).values;
} catch (error) {
  fail(`${(error as Error).message}\nUsage: node dist/src/cli/seed.js [--demo] [--seed N]`, 2);
}
if (args.help) {
  console.log('Usage: node dist/src/cli/seed.js [--demo] [--seed N]\n  --demo    also load the demo data set (skipped if the database holds individuals)\n  --seed N  demo seed (default: DEMO_SEED or 1333)');
  process.exit(0);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 2);
  throw error;
}
if (!config.databaseUrl) {
  fail('DATABASE_URL is not set: the embedded database is migrated and seeded by `npm start` itself.', 1);
}
let seed = config.demoSeed;
if (args.seed !== undefined) {
  seed = Number(args.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) fail(`--seed must be an integer between 0 and ${2 ** 31 - 1}, got "${args.seed}"`, 2);
}

const orm = await createOrm({ clientUrl: config.databaseUrl, poolSize: 2 });
try {
  const applied = await migrate(orm);
  console.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Migrations: up to date.');
  const catalog = await seedCatalog(orm.em.fork());
  console.log('Catalog:', catalog);
  if (args.demo) {
    const result = await seedDemo(orm.em.fork(), { seed });
    if (result.skipped) console.log('Demo data: skipped (the database already holds individuals).');
    else {
      const { skipped: _skipped, durationMs, ...counts } = result;
      console.log(`Demo data (seed ${seed}) loaded in ${durationMs} ms:`, counts);
    }
  }
} finally {
  await orm.close(true);
}
