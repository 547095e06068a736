/**
 * Rebuilds the search index from PostgreSQL: new versioned Elasticsearch indexes
 * filled with bulk requests, an atomic alias swap, the old ones dropped; and
 * `search_entry` (the PostgreSQL backend and fallback). Safe to rerun, and writes
 * made meanwhile are kept (the indexer writes them to the new index too).
 *
 * Usage: npm run reindex -- [--kind individuals|organizations|documents|dossiers]... [--batch-size N] [--only elasticsearch|postgres]
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../config.js';
import { createOrm } from '../db/orm.js';
import { SEARCH_KINDS, type SearchKindName } from '../search/documents.js';
import { INDEX_SPECS } from '../search/mappings.js';
import { createSearchRuntime } from '../search/runtime.js';
import { reindex } from '../search/reindex.js';

const USAGE = 'Usage: npm run reindex -- [--kind individuals|organizations|documents|dossiers]... [--batch-size N] [--only elasticsearch|postgres]';

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: {
      kind: { type: 'string', multiple: true },
      'batch-size': { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 2);
  throw error;
}
if (!config.databaseUrl) fail('DATABASE_URL is not set: point it at the PostgreSQL server the API uses.', 2);

const byName = new Map(SEARCH_KINDS.map((kind) => [INDEX_SPECS[kind].name, kind]));
const kinds: SearchKindName[] = (args.kind ?? []).map((name) => byName.get(name) ?? fail(`Unknown --kind "${name}"\n${USAGE}`, 2));
const batchSize = Number(args['batch-size'] ?? 2_000);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000) fail(`--batch-size must be an integer between 1 and 20000\n${USAGE}`, 2);
if (args.only && args.only !== 'elasticsearch' && args.only !== 'postgres') fail(`--only must be elasticsearch or postgres\n${USAGE}`, 2);

const runtime = createSearchRuntime(config);
if (args.only === 'elasticsearch' && !runtime.elasticsearch) fail('--only elasticsearch needs ELASTICSEARCH_URL', 2);
const orm = await createOrm({ clientUrl: config.databaseUrl, poolSize: 4 });

const bars = new cliProgress.MultiBar(
  { format: ' {kind} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}', hideCursor: true, clearOnComplete: false },
  cliProgress.Presets.shades_classic,
);
const started = new Map<SearchKindName, { bar: cliProgress.SingleBar; at: number }>();
let exitCode = 0;
try {
  const reports = await reindex({
    em: orm.em.fork(),
    elasticsearch: args.only === 'postgres' ? null : runtime.elasticsearch,
    postgres: args.only !== 'elasticsearch',
    kinds: kinds.length ? kinds : SEARCH_KINDS,
    batchSize,
    onProgress(kind, done, total) {
      let entry = started.get(kind);
      if (!entry) {
        entry = { bar: bars.create(total, 0, { kind: INDEX_SPECS[kind].name.padEnd(13), rate: 0 }), at: performance.now() };
        started.set(kind, entry);
      }
      const seconds = (performance.now() - entry.at) / 1000;
      entry.bar.setTotal(total);
      entry.bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    },
  });
  bars.stop();
  for (const r of reports) {
    const rate = r.ms > 0 ? Math.round((r.documents / r.ms) * 1000) : r.documents;
    console.log(`${INDEX_SPECS[r.kind].name}: ${r.documents} documents in ${(r.ms / 1000).toFixed(1)} s (${rate}/s)${r.index ? ` → ${r.index}` : ''}${r.dropped.length ? `, dropped ${r.dropped.join(', ')}` : ''}`);
  }
} catch (error) {
  bars.stop();
  console.error(`reindex failed: ${(error as Error).message}\nThe live index is untouched; run it again.`);
  exitCode = 1;
} finally {
  await orm.close(true);
  await runtime.close();
}
process.exit(exitCode);
