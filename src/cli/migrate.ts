/** Applies pending migrations to DATABASE_URL. Usage: npm run migrate */
import { migrate } from '../db/orm.js';
import { withDatabase } from './with-database.js';

await withDatabase(async (orm) => {
  const applied = await migrate(orm);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Up to date: no pending migration.');
  return 0;
});
