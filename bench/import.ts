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
import { sampleBackendCpu } from './lib/backend-cpu.js';
import { importFile, type ImportSummary } from '../src/import/importer.js';
import type { ImportKind } from '../src/import/records.js';

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
interface KindResult {
  records: number;
  inserted: number;
  rejected: number;
  seconds: number;
  recordsPerSecond: number;
  /** CPU time spent per record by this Node process and by its PostgreSQL backend (µs). */
  importerCpuMicros: number;
  databaseCpuMicros: number | null;
}
const results: Record<string, KindResult> = {};
try {
  for (const kind of ['organizations', 'individuals', 'documents'] as ImportKind[]) {
    const backend = sampleBackendCpu(url, `vss-import:${kind}`);
    const cpu = process.cpuUsage();
    const summary: ImportSummary = await importFile({
      databaseUrl: url,
      kind,
      file: files[kind],
      batchSize: values['batch-size'] ? count(values['batch-size']) : undefined,
      connections: values.connections ? count(values.connections) : undefined,
      reindexAfter: values['reindex-after'],
    });
    const importerCpu = process.cpuUsage(cpu);
    const databaseCpuMs = await backend.stop();
    const seconds = summary.durationMs / 1000;
    const records = Math.max(summary.recordsThisRun, 1);
    const result: KindResult = {
      records: summary.recordsThisRun,
      inserted: summary.inserted,
      rejected: summary.rejected,
      seconds: Number(seconds.toFixed(2)),
      recordsPerSecond: Math.round(summary.recordsThisRun / seconds),
      importerCpuMicros: Math.round((importerCpu.user + importerCpu.system) / records),
      databaseCpuMicros: databaseCpuMs === null ? null : Math.round((databaseCpuMs * 1000) / records),
    };
    results[kind] = result;
    console.log(
      `${kind.padEnd(14)} ${String(result.records).padStart(9)} records ${seconds.toFixed(1).padStart(7)} s ${String(result.recordsPerSecond).padStart(7)} records/s` +
        `   CPU per record: importer ${result.importerCpuMicros} µs, PostgreSQL ${result.databaseCpuMicros ?? '?'} µs   (${result.rejected} rejected)`,
    );
  }
} finally {
  if (!values.keep) await dropWarehouseDatabase(values.database);
  if (!values.data) await rm(generatedDir, { recursive: true, force: true });
}
console.log(
  JSON.stringify({
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    outbox: !values['reindex-after'],
    gzip: values.gzip,
    generateSeconds: generateSeconds === null ? null : Number(generateSeconds.toFixed(1)),
    import: results,
  }),
);
