/**
 * Import rate of each kind into PostgreSQL: generates a data set (or uses --data DIR),
 * imports organizations, individuals, then documents into a fresh database, prints
 * records per second per kind, and drops the database unless --keep.
 * Usage: npm run bench:import -- --individuals N --documents M [--seed S] [--data DIR] [--gzip]
 *          [--batch-size N] [--connections N] [--reindex-after] [--database NAME] [--keep]
 * Prints a table, then one JSON line with every figure.
 */
import { parseArgs } from 'node:util';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateDataset, type DatasetFiles } from './lib/dataset.js';
import { createWarehouseDatabase, dropWarehouseDatabase } from './lib/database.js';
import { measureImportRates, type ImportRates } from './lib/import-rate.js';

const { values } = parseArgs({
  options: {
    individuals: { type: 'string', default: '20000' },
    documents: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1333' },
    data: { type: 'string' },
    gzip: { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    connections: { type: 'string' },
    'reindex-after': { type: 'boolean', default: false },
    database: { type: 'string', default: 'vss_bench_import' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});

const count = (value: string) => Number(value.replace(/_/g, ''));
const generatedDir = path.join(os.tmpdir(), `vss-bench-import-${process.pid}`);
const dataDir = values.data ?? generatedDir;

let files: DatasetFiles;
let generateSeconds: number | null = null;
if (values.data) {
  const ext = values.gzip ? '.jsonl.gz' : '.jsonl';
  files = { organizations: path.join(dataDir, `organizations${ext}`), individuals: path.join(dataDir, `individuals${ext}`), documents: path.join(dataDir, `documents${ext}`) };
} else {
  const t = performance.now();
  files = (await generateDataset({ individuals: count(values.individuals), documents: count(values.documents), seed: count(values.seed), out: dataDir, gzip: values.gzip })).files;
  generateSeconds = (performance.now() - t) / 1000;
}

const url = await createWarehouseDatabase(values.database);
// The machine may be shared: the load around the run says how much of it was ours.
const loadBefore = os.loadavg()[0]!;
let rates: ImportRates;
try {
  rates = await measureImportRates(
    url,
    files,
    {
      batchSize: values['batch-size'] ? count(values['batch-size']) : undefined,
      connections: values.connections ? count(values.connections) : undefined,
      reindexAfter: values['reindex-after'],
    },
    (kind, r) =>
      console.log(
        `${kind.padEnd(14)} ${String(r.records).padStart(9)} records ${r.seconds.toFixed(1).padStart(7)} s ${String(r.recordsPerSecond).padStart(7)} records/s` +
          `   CPU per record: importer ${r.importerCpuMicros} µs, PostgreSQL ${r.databaseCpuMicros ?? '?'} µs   (${r.rejected} rejected)`,
      ),
  );
} finally {
  if (!values.keep) await dropWarehouseDatabase(values.database);
  if (!values.data) await rm(generatedDir, { recursive: true, force: true });
}
console.log(
  JSON.stringify({
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverage: [loadBefore, os.loadavg()[0]!].map((l) => Number(l.toFixed(1))) },
    outbox: !values['reindex-after'],
    gzip: values.gzip,
    generateSeconds: generateSeconds === null ? null : Number(generateSeconds.toFixed(1)),
    import: rates,
  }),
);
