/**
 * Runs the search outbox indexer as its own process (set SEARCH_INDEXER_IN_API=false
 * on the API processes then). Several may run at once: rows are claimed with SKIP LOCKED.
 * Usage: npm run indexer
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createOrm } from '../db/orm.js';
import { createIndexer, createSearchRuntime } from '../search/runtime.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
if (!config.databaseUrl) {
  console.error('DATABASE_URL is not set: the embedded database runs its indexer inside `npm start`.');
  process.exit(2);
}
const logger = createLogger(config);
const orm = await createOrm({ clientUrl: config.databaseUrl, poolSize: 2 });
const runtime = createSearchRuntime(config);
const indexer = createIndexer(runtime, orm, logger, { listenUrl: config.databaseUrl });
indexer.start();
logger.info({ elasticsearch: Boolean(runtime.elasticsearch), prefix: config.searchIndexPrefix }, 'search indexer running');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'search indexer stopping');
  await indexer.stop();
  await orm.close(true);
  await runtime.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
