/**
 * Runs a portal-sync relay as its own process, beside (or instead of) the one in
 * the API (set PORTAL_SYNC_IN_API=false there). Start as many as the backlog
 * needs: they share the outbox through SKIP LOCKED. Usage: npm run portal-sync
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createOrm } from '../db/orm.js';
import { startPortalSyncRelay } from '../portal-sync/relay.js';

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
  console.error('DATABASE_URL is not set: point it at the PostgreSQL server the API uses.');
  process.exit(2);
}
if (!config.portalSync.url) {
  console.error('PORTAL_SYNC_URL is not set: nothing to deliver to.');
  process.exit(2);
}
const logger = createLogger(config);
const orm = await createOrm({ clientUrl: config.databaseUrl, poolSize: 2 });
const relay = startPortalSyncRelay(orm.em.fork(), config.portalSync, logger)!;

async function shutdown(signal: string) {
  logger.info({ signal }, 'portal sync stopping');
  await relay.stop();
  await orm.close(true);
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
