/** Applies pending migrations to DATABASE_URL. Usage: npm run migrate */
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { createOrm, migrate } from '../db/orm.js';

const config = loadConfig();
if (!config.databaseUrl) {
  console.error('DATABASE_URL is not set: the embedded database is migrated by `npm start` itself.');
  process.exit(2);
}
const orm = await createOrm({ clientUrl: config.databaseUrl, poolSize: 1 });
try {
  const applied = await migrate(orm);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Up to date: no pending migration.');
} finally {
  await orm.close(true);
}
