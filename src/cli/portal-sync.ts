/**
 * Runs a portal-sync relay as its own process, beside (or instead of) the one in
 * the API (set PORTAL_SYNC_IN_API=false there). Start as many as the backlog
 * needs: they share the outbox through SKIP LOCKED. Stops on SIGTERM or SIGINT.
 * Usage: npm run portal-sync
 */
import { createLogger } from '../logger.js';
import { startPortalSyncRelay } from '../portal-sync/relay.js';
import { withDatabase } from './with-database.js';

await withDatabase(async (orm, config) => {
  if (!config.portalSync.url) {
    console.error('PORTAL_SYNC_URL is not set: nothing to deliver to.');
    return 2;
  }
  const logger = createLogger(config);
  const relay = startPortalSyncRelay(orm.em.fork(), config.portalSync, logger)!;
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal }, 'portal sync stopping');
  await relay.stop();
  return 0;
});
