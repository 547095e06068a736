/**
 * Bulk import of one JSON Lines file (optionally .gz) into DATABASE_URL.
 * Usage: npm run import -- <individuals|organizations|documents> <file.jsonl[.gz]>
 *          [--batch-size N] [--reindex-after] [--restart] [--legacy-encodings convert|reject] [--stop-after-batches N]
 * Import parties before their documents: a document's owner must already be there.
 * Prints one JSON summary line last; exit code 1 on failure, 3 when stopped on purpose.
 */
import 'reflect-metadata';
import cliProgress from 'cli-progress';
import { IMPORT_KINDS, type ImportKind } from '../import/records.js';
import { importFile } from '../import/importer.js';
import { fail, loadCommandConfig, parseCommandLine } from './with-database.js';

const USAGE = `Usage: npm run import -- <${IMPORT_KINDS.join('|')}> <file.jsonl[.gz]> [options]
  --batch-size N          lines per batch, one transaction each (default 5000)
  --connections N         connections moving document batches side by side (default 2)
  --reindex-after         write no search outbox rows; run \`npm run reindex\` afterwards (very large loads)
  --restart               ignore an unfinished earlier run of this file and start from line 1
  --legacy-encodings convert|reject
                          lines in TCVN3 (ABC) or VNI-Windows: converted to Unicode (default) or refused
  --stop-after-batches N  stop (as if killed) after N committed batches, to try resuming`;

function nonNegativeInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) fail(`--${name} must be a non-negative integer, got "${value}"\n${USAGE}`, 2);
  return n;
}

const parsed = parseCommandLine(USAGE, {
  allowPositionals: true,
  options: {
    'batch-size': { type: 'string' },
    connections: { type: 'string' },
    'reindex-after': { type: 'boolean', default: false },
    restart: { type: 'boolean', default: false },
    'legacy-encodings': { type: 'string', default: 'convert' },
    'stop-after-batches': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
const [kind, file] = parsed.positionals;
if (!kind || !file || parsed.positionals.length !== 2) fail(USAGE, 2);
if (!IMPORT_KINDS.includes(kind as ImportKind)) fail(`Unknown kind "${kind}"\n${USAGE}`, 2);
const batchSize = nonNegativeInteger('batch-size', parsed.values['batch-size']);
const legacyEncodings = parsed.values['legacy-encodings'];
if (legacyEncodings !== 'convert' && legacyEncodings !== 'reject') fail(`--legacy-encodings is convert or reject, got "${legacyEncodings}"\n${USAGE}`, 2);
if (batchSize === 0) fail('--batch-size must be at least 1', 2);

const config = loadCommandConfig();

const bar = new cliProgress.SingleBar(
  { format: '{bar} {percentage}% | {records} records | {rate} records/s | ETA {eta_formatted}', etaBuffer: 20, hideCursor: true },
  cliProgress.Presets.shades_classic,
);
const started = performance.now();
bar.start(1, 0, { records: 0, rate: 0 });

try {
  const summary = await importFile({
    databaseUrl: config.databaseUrl,
    kind: kind as ImportKind,
    file,
    batchSize,
    connections: nonNegativeInteger('connections', parsed.values.connections),
    reindexAfter: parsed.values['reindex-after'],
    restart: parsed.values.restart,
    legacyEncodings,
    crashAfterBatches: nonNegativeInteger('stop-after-batches', parsed.values['stop-after-batches']),
    onProgress: (p) => {
      const seconds = (performance.now() - started) / 1000;
      bar.setTotal(p.totalBytes);
      bar.update(p.bytesRead, { records: p.records, rate: Math.round(p.records / Math.max(seconds, 0.001)) });
    },
  });
  bar.stop();
  if (summary.resumedAfterLine > 0) console.log(`Resumed after line ${summary.resumedAfterLine} (the last committed batch of an earlier run).`);
  console.log(
    `${summary.kind}: ${summary.inserted} inserted, ${summary.existing} already present, ${summary.rejected} rejected` +
      ` (${summary.recordsThisRun} records in ${(summary.durationMs / 1000).toFixed(1)} s, ` +
      `${Math.round(summary.recordsThisRun / Math.max(summary.durationMs / 1000, 0.001))} records/s).`,
  );
  const legacy = Object.entries(summary.legacyLines).filter(([, n]) => n > 0);
  if (legacy.length > 0) {
    console.log(`Lines in legacy encodings (${summary.legacyEncodings === 'convert' ? 'converted to Unicode' : 'refused'}): ${legacy.map(([e, n]) => `${e} ${n}`).join(', ')}.`);
  }
  if (summary.rejected > 0) console.log(`Rejected lines and reasons: ${summary.reportFile}`);
  if (parsed.values['reindex-after'] && summary.status === 'completed') {
    console.log('No search outbox rows were written: run `npm run reindex` to index the imported records.');
  }
  console.log(JSON.stringify(summary));
  if (summary.status === 'crashed') process.exit(3);
} catch (error) {
  bar.stop();
  fail(`Import failed: ${(error as Error).message}`, 1);
}
