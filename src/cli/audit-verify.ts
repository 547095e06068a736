/**
 * Walks the access log's hash chain on DATABASE_URL and reports the first broken link.
 * Usage: npm run audit:verify   (exit code 0: intact, 1: broken)
 */
import { withDatabase } from './with-database.js';
import { verifyAccessLog } from '../services/access-log.service.js';

await withDatabase(async (orm) => {
  const result = await verifyAccessLog(orm.em.fork());
  if (result.intact) {
    console.log(`Access log intact: ${result.events} events verified.`);
    return 0;
  }
  console.log(`Access log BROKEN at event ${result.brokenAt}: ${result.problem}. ${result.events} events before it verified.`);
  return 1;
});
