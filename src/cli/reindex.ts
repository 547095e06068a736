/**
 * Rebuilds the search index from PostgreSQL: new versioned Elasticsearch indexes
 * filled with bulk requests, an atomic alias swap, the old ones dropped; and
 * `search_entry` (the PostgreSQL backend and fallback). Safe to rerun, and writes
 * made meanwhile are kept (the indexer writes them to the new index too).
 *
 * Usage: npm run reindex -- [--kind individuals|organizations|documents|dossiers]... [--batch-size N] [--only elasticsearch|postgres]
 */
import 'reflect-metadata';
import cliProgress from 'cli-progress';
import { SEARCH_KINDS, type SearchKindName } from '../search/documents.js';
import { INDEX_SPECS } from '../search/mappings.js';
import { createSearchRuntime } from '../search/runtime.js';
import { reindex } from '../search/reindex.js';
import { fail, parseCommandLine, withDatabase } from './with-database.js';

const USAGE = 'Usage: npm run reindex -- [--kind individuals|organizations|documents|dossiers]... [--batch-size N] [--only elasticsearch|postgres]';

const args = parseCommandLine(USAGE, {
  options: {
    kind: { type: 'string', multiple: true },
    'batch-size': { type: 'string' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
}).values;

const byName = new Map(SEARCH_KINDS.map((kind) => [INDEX_SPECS[kind].name, kind]));
const kinds: SearchKindName[] = (args.kind ?? []).map((name) => byName.get(name) ?? fail(`Unknown --kind "${name}"\n${USAGE}`, 2));
const batchSize = Number(args['batch-size'] ?? 2_000);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000) fail(`--batch-size must be an integer between 1 and 20000\n${USAGE}`, 2);
if (args.only && args.only !== 'elasticsearch' && args.only !== 'postgres') fail(`--only must be elasticsearch or postgres\n${USAGE}`, 2);

await withDatabase(async (orm, config) => {
  const runtime = createSearchRuntime(config);
  if (args.only === 'elasticsearch' && !runtime.elasticsearch) fail('--only elasticsearch needs ELASTICSEARCH_URL', 2);
  const bars = new cliProgress.MultiBar(
    { format: ' {kind} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const started = new Map<SearchKindName, { bar: cliProgress.SingleBar; at: number }>();
  try {
    const reports = await reindex({
      em: orm.em.fork(),
      elasticsearch: args.only === 'postgres' ? null : runtime.elasticsearch,
      postgres: args.only !== 'elasticsearch',
      kinds: kinds.length ? kinds : SEARCH_KINDS,
      batchSize,
      onProgress(kind, done, total) {
        const name = INDEX_SPECS[kind].name.padEnd(13);
        let entry = started.get(kind);
        if (!entry) {
          entry = { bar: bars.create(total, 0, { kind: name, rate: 0 }), at: performance.now() };
          started.set(kind, entry);
        }
        const seconds = (performance.now() - entry.at) / 1000;
        entry.bar.setTotal(total);
        entry.bar.update(done, { kind: name, rate: seconds > 0 ? Math.round(done / seconds) : 0 });
      },
    });
    bars.stop();
    for (const r of reports) {
      const rate = r.ms > 0 ? Math.round((r.documents / r.ms) * 1000) : r.documents;
      console.log(`${INDEX_SPECS[r.kind].name}: ${r.documents} documents in ${(r.ms / 1000).toFixed(1)} s (${rate}/s)${r.index ? ` → ${r.index}` : ''}${r.dropped.length ? `, dropped ${r.dropped.join(', ')}` : ''}`);
    }
    return 0;
  } catch (error) {
    bars.stop();
    console.error(`reindex failed: ${(error as Error).message}\nThe live index is untouched; run it again.`);
    return 1;
  } finally {
    await runtime.close();
  }
});
