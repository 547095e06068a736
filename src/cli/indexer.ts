/**
 * Runs the search outbox indexer as its own process (set SEARCH_INDEXER_IN_API=false
 * on the API processes then). Several may run at once: rows are claimed with SKIP LOCKED.
 * Usage: npm run indexer
 */
import 'reflect-metadata';
import { createLogger } from '../logger.js';
import { createIndexer, createSearchRuntime } from '../search/runtime.js';
import { withDatabase } from './with-database.js';

await withDatabase(async (orm, config) => {
  const logger = createLogger(config);
  const runtime = createSearchRuntime(config);
  const indexer = createIndexer(runtime, orm, logger, { listenUrl: config.embedded ? undefined : config.databaseUrl });
  indexer.start();
  logger.info({ elasticsearch: Boolean(runtime.elasticsearch), prefix: config.searchIndexPrefix }, 'search indexer running');
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal }, 'search indexer stopping');
  await indexer.stop();
  await runtime.close();
  return 0;
});
