/**
 * The bench suite's SQL loader (bench/lib/dossiers.ts) on a small generated and
 * imported data set: dossiers with valid codes, components holding the applicant's
 * documents, results for decided dossiers, and people with 50 more documents.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateDataset } from '../../bench/lib/dataset.js';
import { createWarehouseDatabase, dropWarehouseDatabase } from '../../bench/lib/database.js';
import { addHeavyHolders, loadDossiers, type DossierLoad } from '../../bench/lib/dossiers.js';
import { importFile } from '../../src/import/importer.js';
import { parseDigitizationCode, parseDossierCode } from '../../src/domain/codes.js';
import { TEST_SERVER_URL, fileDatabaseName } from '../helpers/database.js';

const DATABASE = fileDatabaseName('bench_dossiers');
let url: string;
let db: pg.Client;
let dir: string;
let load: DossierLoad;
let holders: string[];

beforeAll(async () => {
  url = await createWarehouseDatabase(DATABASE, TEST_SERVER_URL);
  dir = await mkdtemp(path.join(os.tmpdir(), 'vss-bench-dossiers-'));
  const data = await generateDataset({ individuals: 1_000, documents: 5_000, seed: 7, out: dir });
  for (const kind of ['organizations', 'individuals', 'documents'] as const) await importFile({ databaseUrl: url, kind, file: data.files[kind], reindexAfter: true });
  load = await loadDossiers(url, { every: 5 });
  holders = await addHeavyHolders(url, { people: 20, documents: 50 });
  db = new pg.Client({ connectionString: url });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await db?.end();
  await dropWarehouseDatabase(DATABASE, TEST_SERVER_URL);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bench dossier loader', () => {
  it('gives every fifth individual a dossier with a valid, unique code and one component per requirement', async () => {
    expect(load.dossiers).toBe(200);
    const { rows } = await db.query<{ code: string; components: number; required: number }>(
      `select d.code, (select count(*)::int from dossier_component c where c.dossier_id = d.id) as components,
              (select count(*)::int from required_component r where r.procedure_id = d.procedure_id) as required
       from dossier d`,
    );
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.code)).size).toBe(200);
    for (const r of rows) {
      expect(parseDossierCode(r.code)).not.toBeNull();
      expect(r.components).toBe(r.required);
    }
    expect(load.components).toBe(rows.reduce((n, r) => n + r.components, 0));
  });

  it('fills components with the applicant\'s own documents of the required type', async () => {
    expect(load.withDocument).toBeGreaterThan(0);
    const { rows } = await db.query<{ wrong: number }>(
      `select count(*)::int as wrong from dossier_component c join dossier d on d.id = c.dossier_id
       join required_component r on r.id = c.requirement_id left join digitized_document x on x.id = c.document_id
       where (c.document_id is null) <> (c.provision = 'PENDING')
          or (x.id is not null and (x.owner_individual_id <> d.applicant_individual_id or x.document_type_id <> r.document_type_id))`,
    );
    expect(rows[0]!.wrong).toBe(0);
  });

  it('records a result for each decided dossier and the RECEIVED step for every dossier', async () => {
    const { rows } = await db.query<{ decided: number; results: number; steps: number; bad_codes: number }>(
      `select (select count(*)::int from dossier where status in ('APPROVED', 'REJECTED', 'RESULT_RETURNED')) as decided,
              (select count(*)::int from procedure_result) as results,
              (select count(*)::int from dossier_status_change where "to" = 'RECEIVED') as steps,
              (select count(*)::int from procedure_result p join dossier d on d.id = p.dossier_id where p.code <> 'KQ.' || d.code) as bad_codes`,
    );
    expect(rows[0]).toEqual({ decided: load.results, results: load.results, steps: 200, bad_codes: 0 });
    expect(load.results).toBeGreaterThan(0);
  });

  it('gives heavy holders 50 more documents each, under valid digitization codes', async () => {
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
