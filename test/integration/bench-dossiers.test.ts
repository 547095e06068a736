/**
 * The bench data set's dossiers end to end: a small data set generated (bench/lib/dataset.ts),
 * imported, and its dossiers.jsonl loaded (bench/lib/dossiers.ts). Checks the file against
 * the documents written with it, the database against the file, that the generator gives
 * the same bytes for the same seed, that a record naming an unknown code fails the load,
 * and the heavy holders.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { generateDataset, type DatasetSummary } from '../../bench/lib/dataset.js';
import { createWarehouseDatabase, dropWarehouseDatabase } from '../../bench/lib/database.js';
import { addHeavyHolders, loadDossiers, type DossierLoad } from '../../bench/lib/dossiers.js';
import { procedureByCode } from '../../src/catalog/procedures.js';
import { importFile } from '../../src/import/importer.js';
import { formatResultCode, parseDigitizationCode, parseDossierCode } from '../../src/domain/codes.js';
import type { DocumentRecord, DossierRecord } from '../../src/seed/generate/index.js';
import { TEST_SERVER_URL, fileDatabaseName } from '../helpers/database.js';

const DATABASE = fileDatabaseName('bench_dossiers');
// Gzipped, so the loader's gunzip path is the one tested.
const OPTIONS = { individuals: 1_000, documents: 5_000, seed: 7, gzip: true };
let url: string;
let db: pg.Client;
let dir: string;
let data: DatasetSummary;
let dossiers: DossierRecord[];
let documents: Map<string, DocumentRecord>;
let load: DossierLoad;

async function readJsonLines<T>(file: string): Promise<T[]> {
  return gunzipSync(await readFile(file)).toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as T);
}

beforeAll(async () => {
  url = await createWarehouseDatabase(DATABASE, TEST_SERVER_URL);
  dir = await mkdtemp(path.join(os.tmpdir(), 'vss-bench-dossiers-'));
  data = await generateDataset({ ...OPTIONS, out: path.join(dir, 'a') });
  dossiers = await readJsonLines<DossierRecord>(data.files.dossiers);
  documents = new Map((await readJsonLines<DocumentRecord>(data.files.documents)).map((d) => [d.code, d]));
  for (const kind of ['organizations', 'individuals', 'documents'] as const) await importFile({ databaseUrl: url, kind, file: data.files[kind], reindexAfter: true });
  load = await loadDossiers(url, data.files.dossiers);
  db = new pg.Client({ connectionString: url });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await db?.end();
  await dropWarehouseDatabase(DATABASE, TEST_SERVER_URL);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bench dossiers: generated file', () => {
  it('gives every fifth individual a dossier with a valid, unique code and one component per required component', () => {
    expect(data.counts.dossiers).toBe(200);
    expect(dossiers).toHaveLength(200);
    expect(new Set(dossiers.map((d) => d.code)).size).toBe(200);
    for (const d of dossiers) {
      expect(parseDossierCode(d.code)?.agencyCode).toBe(d.agencyCode);
      expect(d.components.map((c) => c.requirementCode)).toEqual(procedureByCode(d.procedureCode)!.components.map((r) => r.code));
    }
  });

  it('reuses only documents written with it, held by the applicant, of the required type', () => {
    let reused = 0;
    for (const d of dossiers) {
      const requirements = new Map(procedureByCode(d.procedureCode)!.components.map((r) => [r.code, r]));
      for (const c of d.components) {
        expect(c.provision === 'REUSED').toBe(c.documentCode !== null);
        if (c.documentCode === null) continue;
        reused++;
        const doc = documents.get(c.documentCode);
        expect(doc?.owner).toEqual(d.applicant);
        expect(doc?.documentTypeCode).toBe(requirements.get(c.requirementCode)!.documentTypeCode);
        expect(doc!.digitizedAt <= d.receivedAt).toBe(true);
      }
    }
    // About a sixth of the components, as the SQL derivation gave.
    const components = dossiers.reduce((n, d) => n + d.components.length, 0);
    expect(reused / components).toBeGreaterThan(0.08);
    expect(reused).toBe(load.withDocument);
  });

  it('gives decided dossiers, and only them, a result, and a history ending at the status', () => {
    const decided = dossiers.filter((d) => ['APPROVED', 'REJECTED', 'RESULT_RETURNED'].includes(d.status));
    expect(decided.length).toBe(100);
    for (const d of dossiers) {
      expect(d.result !== null).toBe(decided.includes(d));
      if (d.result) expect(d.result.code).toBe(formatResultCode(d.code));
      expect(d.history[0]).toMatchObject({ from: null, to: 'RECEIVED', at: d.receivedAt });
      expect(d.history.at(-1)!.to).toBe(d.status);
    }
  });

  it('is the same bytes for the same seed, and differs for another seed', async () => {
    const again = await generateDataset({ ...OPTIONS, out: path.join(dir, 'b') });
    const other = await generateDataset({ ...OPTIONS, seed: 8, out: path.join(dir, 'c') });
    for (const kind of ['organizations', 'individuals', 'documents', 'dossiers'] as const) {
      expect((await readFile(again.files[kind])).equals(await readFile(data.files[kind]))).toBe(true);
    }
    expect((await readFile(other.files.dossiers)).equals(await readFile(data.files.dossiers))).toBe(false);
  }, 60_000);
});

describe('bench dossiers: loaded into PostgreSQL', () => {
  it('writes every record of the file', async () => {
    const { rows } = await db.query<{ dossiers: number; components: number; steps: number; results: number }>(
      `select (select count(*)::int from dossier) as dossiers, (select count(*)::int from dossier_component) as components,
              (select count(*)::int from dossier_status_change) as steps, (select count(*)::int from procedure_result) as results`,
    );
    const components = dossiers.reduce((n, d) => n + d.components.length, 0);
    expect(rows[0]).toEqual({
      dossiers: 200,
      components,
      steps: dossiers.reduce((n, d) => n + d.history.length, 0),
      results: dossiers.filter((d) => d.result).length,
    });
    expect(load).toMatchObject({ dossiers: 200, components, results: rows[0]!.results });
    const codes = await db.query<{ code: string }>('select code from dossier order by code');
    expect(codes.rows.map((r) => r.code)).toEqual(dossiers.map((d) => d.code).sort());
  });

  it('links components to the applicant\'s own documents of the required type', async () => {
    const { rows } = await db.query<{ reused: number; wrong: number }>(
      `select count(*) filter (where c.provision = 'REUSED')::int as reused,
              count(*) filter (where (c.document_id is null) <> (c.provision = 'PENDING')
                 or (x.id is not null and (x.owner_individual_id <> d.applicant_individual_id or x.document_type_id <> r.document_type_id)))::int as wrong
       from dossier_component c join dossier d on d.id = c.dossier_id
       join required_component r on r.id = c.requirement_id left join digitized_document x on x.id = c.document_id`,
    );
    expect(rows[0]).toEqual({ reused: load.withDocument, wrong: 0 });
  });

  it('gives each decided dossier exactly one result, coded after the dossier, and no result to the others', async () => {
    const { rows } = await db.query<{ status: string; code: string; results: number; result_code: string | null }>(
      `select d.status, d.code, count(p.id)::int as results, min(p.code) as result_code
       from dossier d left join procedure_result p on p.dossier_id = d.id group by d.id`,
    );
    for (const r of rows) {
      const decided = ['APPROVED', 'REJECTED', 'RESULT_RETURNED'].includes(r.status);
      expect(r.results).toBe(decided ? 1 : 0);
      if (decided) expect(r.result_code).toBe(formatResultCode(r.code));
    }
  });

  it('fails, writing nothing, when a record names a code the database does not know', async () => {
    const bad = path.join(dir, 'bad-dossiers.jsonl');
    const record = { ...dossiers[0]!, code: '000.00.01.H41-200101-0001', result: null };
    await writeFile(bad, `${JSON.stringify(record)}\n${JSON.stringify({ ...record, code: '000.00.01.H41-200101-0002', procedureCode: '9.999999' })}\n`);
    await expect(loadDossiers(url, bad)).rejects.toThrow(/dossiers: 1 written for 2/);
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from dossier');
    expect(rows[0]!.n).toBe(200);
  });

  it('gives heavy holders 50 more documents each, under valid digitization codes', async () => {
    const holders = await addHeavyHolders(url, { people: 20, documents: 50 });
    expect(holders).toHaveLength(20);
    const { rows } = await db.query<{ personal_id: string; documents: number }>(
      `select i.personal_id, count(*)::int as documents from individual i join digitized_document d on d.owner_individual_id = i.id
       where i.personal_id = any($1) group by i.personal_id`,
      [holders],
    );
    expect(rows).toHaveLength(20);
    for (const r of rows) expect(r.documents).toBeGreaterThanOrEqual(50);
    const codes = await db.query<{ code: string }>(`select code from digitized_document where code ~ '\\.9[0-9]{5}$'`);
    expect(codes.rows).toHaveLength(1_000);
    for (const { code } of codes.rows) expect(parseDigitizationCode(code)).not.toBeNull();
  });
});
