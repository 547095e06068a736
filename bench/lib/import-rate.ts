/**
 * Import rate per kind, for bench scripts: imports organizations, individuals, then
 * documents (the order owners must exist in) into a warehouse database and measures
 * wall time and CPU time per record, of this process and of its PostgreSQL backends.
 */
import { importFile, type ImportOptions } from '../../src/import/importer.js';
import type { ImportKind } from '../../src/import/records.js';
import { sampleBackendCpu } from './backend-cpu.js';
import type { DatasetFiles } from './dataset.js';

export interface KindRate {
  records: number;
  inserted: number;
  rejected: number;
  seconds: number;
  recordsPerSecond: number;
  /** CPU time per record of the importing Node process (µs). */
  importerCpuMicros: number;
  /** CPU time per record of its PostgreSQL backends (µs); null when /proc could not tell. */
  databaseCpuMicros: number | null;
}

export type ImportRates = Record<ImportKind, KindRate>;

export const IMPORT_ORDER: readonly ImportKind[] = ['organizations', 'individuals', 'documents'];

export async function measureImportRates(
  databaseUrl: string,
  files: DatasetFiles,
  options: Pick<ImportOptions, 'batchSize' | 'connections' | 'reindexAfter'> = {},
  onKind?: (kind: ImportKind, rate: KindRate) => void,
): Promise<ImportRates> {
  const rates = {} as ImportRates;
  for (const kind of IMPORT_ORDER) {
    const backend = sampleBackendCpu(databaseUrl, `vss-import:${kind}`);
    const cpu = process.cpuUsage();
    const summary = await importFile({ databaseUrl, kind, file: files[kind], ...options });
    const importerCpu = process.cpuUsage(cpu);
    const databaseCpuMs = await backend.stop();
    const seconds = summary.durationMs / 1000;
    const records = Math.max(summary.recordsThisRun, 1);
    rates[kind] = {
      records: summary.recordsThisRun,
      inserted: summary.inserted,
      rejected: summary.rejected,
      seconds: Number(seconds.toFixed(2)),
      recordsPerSecond: Math.round(summary.recordsThisRun / seconds),
      importerCpuMicros: Math.round((importerCpu.user + importerCpu.system) / records),
      databaseCpuMicros: databaseCpuMs === null ? null : Math.round((databaseCpuMs * 1000) / records),
    };
    onKind?.(kind, rates[kind]);
  }
  return rates;
}
