import 'reflect-metadata';
/**
 * Starts the API: the embedded database when DATABASE_URL is unset, migrations,
 * the catalog, demo data on an empty embedded database, then HTTP. Stops gracefully.
 */
import http from 'node:http';
import { loadConfigOrExit } from './config.js';
import { createLogger } from './logger.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded.js';
import { createApp } from './app.js';
import { migrate } from './db/orm.js';
import { seedCatalog } from './seed/catalog.js';
import { seedDemo } from './seed/demo.js';
import { signerFor } from './pki/development-signer.js';
import { startPortalSyncRelay } from './portal-sync/relay.js';
import { createIndexer } from './search/runtime.js';
import { enqueueEverything } from './search/outbox.js';
import { registerIndexerMetrics } from './search/metrics.js';

const config = loadConfigOrExit();
const logger = createLogger(config);

let embedded: EmbeddedDatabase | undefined;
if (!config.databaseUrl) {
  embedded = await startEmbeddedDatabase(config.dataDir);
  logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL (PGlite) started');
}
const databaseUrl = config.databaseUrl ?? embedded!.url;

const app = await createApp({ config, logger, databaseUrl });
const applied = await migrate(app.orm);
if (applied.length) logger.info({ applied }, 'migrations applied');
await seedCatalog(app.orm.em.fork());
// Development keys: the CA under DATA_DIR/pki is created here on first start, not on the first scan.
await signerFor(config.dataDir).ready();
if (config.seedDemo) {
  const result = await seedDemo(app.orm.em.fork(), { seed: config.demoSeed, files: { dataDir: config.dataDir, count: config.demoSignedFiles } });
  if (!('skipped' in result && result.skipped)) {
    logger.info({ result }, 'demo data loaded');
    // The demo loads with multi-row inserts, past the unit of work: queue it all for the search index.
    await enqueueEverything(app.orm.em.fork());
  }
}

// In the API by default; PORTAL_SYNC_IN_API=false when `npm run portal-sync` processes deliver instead.
const portalSync = config.portalSync.inApi ? startPortalSyncRelay(app.orm.em.fork(), config.portalSync, logger, app.metrics) : undefined;

// In the API by default; SEARCH_INDEXER_IN_API=false when `npm run indexer` processes index instead.
// The embedded database serves one connection at a time: no LISTEN there, the timer and this process's flushes wake it.
const indexer = config.searchIndexerInApi ? createIndexer(app.search, app.orm, logger, { listenUrl: config.databaseUrl }) : undefined;
if (indexer) {
  registerIndexerMetrics(app.metrics, indexer);
  indexer.start();
}

const server = http.createServer(app.express);
server.listen(config.port, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, 'listening');
  console.log(`VSS Data Warehouse API ready: http://localhost:${port}/graphql`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  server.close();
  server.closeIdleConnections();
  await portalSync?.stop();
  await indexer?.stop();
  await app.close();
  await embedded?.close();
  clearTimeout(force);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
