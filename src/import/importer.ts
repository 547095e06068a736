/**
 * Bulk import of master data and digitized documents from JSON Lines files
 * (optionally gzip-compressed): the backlog of scanned results and the population
 * and enterprise registers.
 *
 * One pass over the file, in batches: each line is parsed and checked in Node
 * (records.ts); the good ones are written with COPY into a staging table, then
 * moved into the warehouse by one statement (batch-sql.ts), and the checkpoint
 * row advances, all in the batch's transaction. So:
 * - memory stays constant: at most two batches are held (one being parsed, one in the database);
 * - a rerun of the same file changes nothing (ON CONFLICT DO NOTHING on natural keys);
 * - a crashed run resumes after the last committed batch (checkpoint keyed by file SHA-256 and kind);
 * - refused lines go to `<file>.rejected.jsonl` beside the input, with line numbers and reasons.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DocumentType } from '../entities/document-type.entity.js';
import { vietnamDate } from '../domain/dates.js';
import { KIND_SQL, copyRow, type KindSql } from './batch-sql.js';
import { byteLines } from './line-reader.js';
import { ENCODING_NAMES, LegacyEncoding, readLine, type LineText } from './legacy-encoding.js';
import {
  checkDocument,
  checkIndividual,
  checkOrganization,
  type Checked,
  type ImportCatalog,
  type ImportKind,
} from './records.js';

export interface ImportOptions {
  databaseUrl: string;
  kind: ImportKind;
  file: string;
  /** Lines per batch (one transaction each). Default 5,000. */
  batchSize?: number;
  /** No outbox rows: the caller reindexes search at the end (`npm run reindex`). */
  reindexAfter?: boolean;
  /** Connections that move document batches side by side (default 2; parties always use one). */
  connections?: number;
  /** Ignore an unfinished checkpoint and start from the first line. */
  restart?: boolean;
  /**
   * Lines found in TCVN3 or VNI (legacy-encoding.ts): converted to Unicode NFC and
   * checked like the others (default), or refused with a reason naming the encoding.
   */
  legacyEncodings?: 'convert' | 'reject';
  /**
   * Simulates a crash, for tests: after this many committed batches, the next
   * one is staged and moved but the connection is dropped before its commit.
   */
  crashAfterBatches?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  /** Lines read so far in this run (skipped ones included). */
  lines: number;
  /** Records committed in this run (inserted, existing or rejected). */
  records: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportSummary {
  kind: ImportKind;
  file: string;
  fileSha256: string;
  status: 'completed' | 'crashed';
  /** Line the run started after (0 unless it resumed). */
  resumedAfterLine: number;
  /** Last committed line. */
  lines: number;
  /** Totals over the whole file (earlier interrupted runs included). */
  inserted: number;
  existing: number;
  rejected: number;
  /** Records committed by this run, and how long it took. */
  recordsThisRun: number;
  /** Lines of this run found in a legacy encoding (a Windows-1252 reading of one included), converted or refused per `legacyEncodings`. */
  legacyLines: Record<LegacyEncoding, number>;
  legacyEncodings: 'convert' | 'reject';
  durationMs: number;
  reportFile: string;
}

interface Reject {
  line: number;
  reasons: string[];
}

/** "TCVN3 (ABC)", or "TCVN3 (ABC) read as Windows-1252" for text that went through that reading once already. */
function encodingOf(line: Extract<LineText, { encoding: LegacyEncoding }>): string {
  return `${ENCODING_NAMES[line.encoding]}${line.viaWindows1252 ? ' read as Windows-1252 once already' : ''}`;
}

/** `<dir>/<name>.rejected.jsonl` for `<dir>/<name>.jsonl[.gz]`. */
export function reportPathFor(file: string): string {
  return `${file.replace(/\.gz$/, '').replace(/\.jsonl?$/, '')}.rejected.jsonl`;
}

/** SHA-256 of the file as stored (compressed or not). */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** The catalog rows records refer to, by code. */
export async function loadImportCatalog(client: pg.ClientBase): Promise<ImportCatalog> {
  const provinces = await client.query<{ code: string }>('select code from province');
  const communes = await client.query<{ code: string; province_code: string }>('select code, province_code from commune');
  const types = await client.query<{ id: string; code: string; name: string; owner_kind: string; metadata_schema: Record<string, unknown>; validity_months: number | null }>(
    'select id, code, name, owner_kind, metadata_schema, validity_months from document_type',
  );
  const agencies = await client.query<{ id: string; code: string }>('select id, code from agency');
  const officers = await client.query<{ id: string; code: string }>('select id, code from officer');
  return {
    provinces: new Set(provinces.rows.map((r) => r.code)),
    communeProvince: new Map(communes.rows.map((r) => [r.code, r.province_code])),
    documentTypes: new Map(
      types.rows.map((r) => [
        r.code,
        Object.assign(new DocumentType(), {
          id: r.id,
          code: r.code,
          name: r.name,
          ownerKind: r.owner_kind,
          metadataSchema: r.metadata_schema,
          validityMonths: r.validity_months,
        }),
      ]),
    ),
    agencies: new Map(agencies.rows.map((r) => [r.code, r.id])),
    officers: new Map(officers.rows.map((r) => [r.code, r.id])),
  };
}

type Checker = (value: unknown) => Checked<object>;

function checkerFor(kind: ImportKind, catalog: ImportCatalog): Checker {
  const today = vietnamDate(new Date());
  switch (kind) {
    case 'individuals':
      return (v) => checkIndividual(v, catalog, today);
    case 'organizations':
      return (v) => checkOrganization(v, catalog);
    case 'documents':
      return (v) => checkDocument(v, catalog);
  }
}

/**
 * A second identifier that must be unique (social insurance code, tax code), seen
 * twice in one batch for two different records: the later line is refused (across
 * batches, the move statement finds the committed one).
 */
function secondaryKey(kind: ImportKind, row: object): { key: string; unique: string; field: string } | null {
  if (kind === 'individuals') {
    const r = row as { personalId: string; socialInsuranceCode: string | null };
    return r.socialInsuranceCode ? { key: r.personalId, unique: r.socialInsuranceCode, field: 'socialInsuranceCode' } : null;
  }
  if (kind === 'organizations') {
    const r = row as { unitCode: string; taxCode: string | null };
    return r.taxCode ? { key: r.unitCode, unique: r.taxCode, field: 'taxCode' } : null;
  }
  return null;
}

class Batch {
  copyText: string[] = [];
  staged = 0;
  rejects: Reject[] = [];
  lastLine = 0;
  /** Document codes of this batch, by line. */
  readonly codes = new Map<string, number>();
  private readonly secondary = new Map<string, { key: string; line: number }>();

  /**
   * @param inFlight codes of the batches that may still be moving beside this one: a code
   * given twice there would make one batch wait for the other's commit while the other
   * waits for its turn to commit, so the later line is refused instead.
   */
  constructor(
    private readonly kind: ImportKind,
    private readonly inFlight: readonly Map<string, number>[] = [],
  ) {}

  get size(): number {
    return this.staged + this.rejects.length;
  }

  add(line: number, row: object, sql: KindSql<any>): void {
    if (this.kind === 'documents') {
      const { code } = row as { code: string };
      const earlier = this.codes.get(code) ?? this.inFlight.map((codes) => codes.get(code)).find((l) => l !== undefined);
      if (earlier !== undefined) {
        this.rejects.push({ line, reasons: [`code: ${code} is also given on line ${earlier}`] });
        return;
      }
      this.codes.set(code, line);
    }
    const second = secondaryKey(this.kind, row);
    if (second) {
      const seen = this.secondary.get(second.unique);
      if (seen && seen.key !== second.key) {
        this.rejects.push({ line, reasons: [`${second.field}: ${second.unique} is also given on line ${seen.line} for another record`] });
        return;
      }
      this.secondary.set(second.unique, { key: second.key, line });
    }
    this.copyText.push(copyRow(sql.values(line, row)));
    this.staged++;
  }
}

/** Keeps the report's entries up to `line` (the committed part) and opens it for appending. */
async function openReport(path: string, keepUpToLine: number): Promise<FileHandle> {
  if (keepUpToLine === 0) {
    await rm(path, { force: true });
    return open(path, 'a');
  }
  let kept = '';
  try {
    // The report holds only refused lines: small next to the input.
    for (const text of (await readFile(path, 'utf8')).split('\n')) {
      if (text && (JSON.parse(text) as Reject).line <= keepUpToLine) kept += `${text}\n`;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await writeFile(`${path}.tmp`, kept);
  await rename(`${path}.tmp`, path);
  return open(path, 'a');
}

interface CheckpointRow {
  line: string;
  inserted: string;
  existing: string;
  rejected: string;
  completed_at: Date | null;
}

class CrashSimulated extends Error {}

/** A connection that moves batches, and when it is free for the next one. */
interface Lane {
  client: pg.Client;
  idle: Promise<void>;
}

/**
 * Imports one file of one kind. Resumes after the last committed batch when an
 * earlier run of the same file (same SHA-256) and kind did not finish; a file
 * already imported completely is gone through again, changing nothing.
 */
export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { kind, file } = options;
  const batchSize = options.batchSize ?? 5_000;
  const sql = KIND_SQL[kind] as KindSql<any>;
  const sha256 = await fileSha256(file);
  const totalBytes = (await stat(file)).size;
  const reportFile = reportPathFor(file);

  // Documents move on several connections, each batch committing after the one before it:
  // their only unique key is the conflict target. Parties have a second unique identifier
  // (social insurance code, tax code) that a concurrent batch could not see, so one connection.
  const laneCount = kind === 'documents' ? Math.max(1, options.connections ?? 2) : 1;
  const lanes: Lane[] = [];
  let report: FileHandle | undefined;
  try {
    for (let i = 0; i < laneCount; i++) {
      const client = new pg.Client({ connectionString: options.databaseUrl, application_name: `vss-import:${kind}` });
      // A connection lost between two queries fails the next one; unheard, its error event would end the process.
      client.on('error', () => undefined);
      lanes.push({ client, idle: Promise.resolve() });
      await client.connect();
    }
    const client = lanes[0]!.client;
    const exists = await client.query(`select to_regclass('import_checkpoint') is not null as ok`);
    if (!exists.rows[0].ok) throw new Error('The database has no import_checkpoint table: run `npm run migrate` first.');
    const catalog = await loadImportCatalog(client);
    const check = checkerFor(kind, catalog);

    const previous = await client.query<CheckpointRow>(
      'select line, inserted, existing, rejected, completed_at from import_checkpoint where file_sha256 = $1 and kind = $2',
      [sha256, kind],
    );
    const resume = previous.rows[0] && !previous.rows[0].completed_at && !options.restart ? previous.rows[0] : undefined;
    const resumedAfterLine = resume ? Number(resume.line) : 0;
    await client.query(
      `insert into import_checkpoint (file_sha256, kind, file_name) values ($1, $2, $3)
       on conflict (file_sha256, kind) do update set file_name = excluded.file_name, updated_at = now(),
         line = case when $4 then import_checkpoint.line else 0 end,
         inserted = case when $4 then import_checkpoint.inserted else 0 end,
         existing = case when $4 then import_checkpoint.existing else 0 end,
         rejected = case when $4 then import_checkpoint.rejected else 0 end,
         started_at = case when $4 then import_checkpoint.started_at else now() end,
         completed_at = null`,
      [sha256, kind, file, resume !== undefined],
    );
    report = await openReport(reportFile, resumedAfterLine);
    for (const lane of lanes) {
      await lane.client.query(sql.createStage);
      // A batch's rows and its checkpoint commit together, so a server crash that loses
      // the last commits only sends the next run back to an earlier checkpoint.
      await lane.client.query('set synchronous_commit = off');
      // Another process writing the same codes could wait on a batch that waits for its
      // turn here, which PostgreSQL cannot see as a deadlock: give up rather than hang.
      await lane.client.query("set lock_timeout = '2min'");
    }

    const totals = {
      inserted: resume ? Number(resume.inserted) : 0,
      existing: resume ? Number(resume.existing) : 0,
      rejected: resume ? Number(resume.rejected) : 0,
    };
    let committedLine = resumedAfterLine;
    let recordsThisRun = 0;
    const legacyEncodings = options.legacyEncodings ?? 'convert';
    const legacy: Record<LegacyEncoding, number> = { [LegacyEncoding.TCVN3]: 0, [LegacyEncoding.VNI]: 0 };
    let batchesCommitted = 0;

    const input = createReadStream(file);
    const progress = (lines: number) =>
      options.onProgress?.({ lines, records: recordsThisRun, bytesRead: input.bytesRead, totalBytes });
    /**
     * Stages and moves one batch on its lane, then, once the batch before it has
     * committed, advances the checkpoint and commits; a failure before it rolls this
     * one back. So the checkpoint only ever covers a prefix of the file.
     */
    const writeBatch = async (batch: Batch, lane: Lane, before: Promise<void>): Promise<void> => {
      const db = lane.client;
      let crashHere = false;
      try {
        await db.query('begin');
        let moved = { inserted: 0, rejects: [] as { line: number; reason: string }[] };
        if (batch.staged > 0) {
          const copy = db.query(copyFrom(`copy ${sql.stageTable} (${sql.columns.join(', ')}) from stdin`));
          await pipeline(Readable.from([batch.copyText.join('')]), copy);
          moved = (await db.query(sql.move(!options.reindexAfter))).rows[0];
        }
        const rejects = [...batch.rejects, ...moved.rejects.map((r) => ({ line: Number(r.line), reasons: [r.reason] }))].sort((a, b) => a.line - b.line);
        const existing = batch.staged - moved.inserted - moved.rejects.length;
        await before;
        await db.query(
          `update import_checkpoint set line = $3, inserted = inserted + $4, existing = existing + $5, rejected = rejected + $6, updated_at = now()
           where file_sha256 = $1 and kind = $2`,
          [sha256, kind, batch.lastLine, moved.inserted, existing, rejects.length],
        );
        if (rejects.length > 0) await report!.appendFile(rejects.map((r) => `${JSON.stringify(r)}\n`).join(''));
        crashHere = options.crashAfterBatches !== undefined && batchesCommitted >= options.crashAfterBatches;
        if (crashHere) throw new CrashSimulated();
        await db.query('commit');
        batchesCommitted++;
        committedLine = batch.lastLine;
        totals.inserted += moved.inserted;
        totals.existing += existing;
        totals.rejected += rejects.length;
        recordsThisRun += batch.size;
      } catch (error) {
        // A simulated crash drops the connection with the transaction open, as a killed process would.
        if (crashHere) await db.end();
        else await db.query('rollback').catch(() => undefined);
        // A failure in an earlier batch is the one to report.
        await before;
        throw error;
      }
    };

    let status: ImportSummary['status'] = 'completed';
    try {
      const source: Readable = /\.gz$/.test(file) ? input.pipe(createGunzip()) : input;
      let lineNo = 0;
      let inFlightCodes: Map<string, number>[] = [];
      let batch = new Batch(kind);
      let batches = 0;
      // Batches in the database (one per lane) while the next one is parsed.
      let last: Promise<void> = Promise.resolve();
      let failed = false;
      const dispatch = async (full: Batch) => {
        const lane = lanes[batches++ % lanes.length]!;
        await lane.idle;
        if (failed) return;
        const written = writeBatch(full, lane, last).then(() => progress(lineNo));
        written.catch(() => {
          failed = true;
        });
        lane.idle = written.catch(() => undefined);
        last = written;
      };
      /** The legacy encoding most earlier lines had: a tie between TCVN3 and VNI goes to it. */
      const prior = () => (legacy.TCVN3 === legacy.VNI ? null : legacy.TCVN3 > legacy.VNI ? LegacyEncoding.TCVN3 : LegacyEncoding.VNI);
      read: for await (const chunk of byteLines(source)) {
        for (const bytes of chunk) {
          lineNo++;
          if (lineNo <= resumedAfterLine) continue;
          const line = readLine(bytes, prior());
          let checked: Checked<object>;
          if (line.text === null) {
            checked = { reasons: [line.reason] };
          } else if (line.text.trim() === '') {
            continue;
          } else if (line.encoding && legacyEncodings === 'reject') {
            legacy[line.encoding]++;
            checked = { reasons: [`encoding: the line is ${encodingOf(line)}, not UTF-8; convert it to UTF-8, or import with --legacy-encodings convert`] };
          } else {
            if (line.encoding) legacy[line.encoding]++;
            try {
              checked = check(JSON.parse(line.text));
            } catch (error) {
              checked = { reasons: [`the line is not valid JSON: ${(error as Error).message}`] };
            }
            if (line.encoding && checked.reasons) checked.reasons.push(`encoding: the line was converted from ${encodingOf(line)}`);
          }
          if (checked.row) batch.add(lineNo, checked.row, sql);
          else batch.rejects.push({ line: lineNo, reasons: checked.reasons });
          batch.lastLine = lineNo;
          if (batch.size >= batchSize) {
            await dispatch(batch);
            inFlightCodes = [batch.codes, ...inFlightCodes].slice(0, lanes.length - 1);
            batch = new Batch(kind, inFlightCodes);
            if (failed) break read;
          }
        }
      }
      if (batch.size > 0 && !failed) await dispatch(batch);
      await last;
      committedLine = Math.max(committedLine, lineNo);
      await client.query('update import_checkpoint set completed_at = now(), line = $3 where file_sha256 = $1 and kind = $2', [sha256, kind, committedLine]);
      progress(lineNo);
    } catch (error) {
      if (!(error instanceof CrashSimulated)) throw error;
      status = 'crashed';
      input.destroy();
    }

    return {
      kind,
      file,
      fileSha256: sha256,
      status,
      resumedAfterLine,
      lines: committedLine,
      ...totals,
      recordsThisRun,
      legacyLines: legacy,
      legacyEncodings,
      durationMs: Math.round(performance.now() - started),
      reportFile,
    };
  } finally {
    await report?.close();
    await Promise.all(lanes.map((lane) => lane.idle));
    await Promise.all(lanes.map((lane) => lane.client.end().catch(() => undefined)));
  }
}
