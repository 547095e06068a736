import 'reflect-metadata';
/**
 * Starts the API: the embedded database when DATABASE_URL is unset, migrations,
 * the catalog, demo data on an empty embedded database, then HTTP. Stops within
 * SHUTDOWN_TIMEOUT_MS, draining requests and workers first (src/shutdown.ts).
 */
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
import { createDrainingServer } from './http/draining-server.js';
import { SealKeyError } from './pki/seal-signer.js';
import { shutdownGracefully, startWatchdog, WATCHDOG_GRACE_MS, type BackgroundWorker } from './shutdown.js';

const config = loadConfigOrExit();
const logger = createLogger(config);

let embedded: EmbeddedDatabase | undefined;
if (!config.databaseUrl) {
  embedded = await startEmbeddedDatabase(config.dataDir);
  logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL (PGlite) started');
}
const databaseUrl = config.databaseUrl ?? embedded!.url;

const app = await createApp({ config, logger, databaseUrl }).catch(async (error: unknown) => {
  // A missing or unusable seal key is configuration: say which file, no stack.
  if (!(error instanceof SealKeyError)) throw error;
  console.error(`Invalid configuration: ${error.message}`);
  await embedded?.close();
  process.exit(2);
});
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

const http = createDrainingServer(app.express);
http.server.listen(config.port, () => {
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, 'listening');
  console.log(`VSS Data Warehouse API ready: http://localhost:${port}/graphql`);
});

// A bounded, draining shutdown (src/shutdown.ts); a second signal exits at once.
let stopping = false;
function onSignal(signal: NodeJS.Signals) {
  if (stopping) {
    logger.warn({ signal }, 'second signal: exiting now');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  }
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // The main thread's own deadline, and a watchdog thread's shortly after it in case the main thread is stuck.
  setTimeout(() => {
    logger.error({ deadlineMs: config.shutdownTimeoutMs }, 'shutdown deadline passed: exiting');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  startWatchdog(config.shutdownTimeoutMs + WATCHDOG_GRACE_MS);
  const workers: BackgroundWorker[] = [];
  if (portalSync) workers.push({ name: 'portal-sync relay', stop: () => portalSync.stop() });
  if (indexer) workers.push({ name: 'search indexer', stop: () => indexer.stop() });
  void shutdownGracefully({
    http,
    workers,
    deadlineMs: config.shutdownTimeoutMs,
    logger,
    async close() {
      await app.close();
      await embedded?.close();
    },
  }).then((code) => process.exit(code));
}
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
