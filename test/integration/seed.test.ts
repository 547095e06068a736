/**
 * The catalog and demo seeds against a real PostgreSQL. Uses a database of its own
 * (on the tests' server), because it must start from an empty warehouse and the
 * shared test database already holds the demo.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOrm, migrate, type MikroORM } from '../../src/db/orm.js';
import { dropDatabase, recreateDatabase, withDatabase } from '../../src/db/admin.js';
import { seedCatalog } from '../../src/seed/catalog.js';
import { seedDemo, type DemoSeedResult } from '../../src/seed/demo.js';
import { DOSSIER_STATUSES } from '../../src/seed/generate/index.js';
import { TEST_SERVER_URL, fileDatabaseName } from '../helpers/database.js';

const NOW = new Date('2026-11-20T03:00:00Z');
const database = fileDatabaseName('seed');
let orm: MikroORM;

const CATALOG_TABLES = [
  'province',
  'former_province',
  'commune',
  'document_type',
  'administrative_procedure',
  'required_component',
  'agency',
  'officer',
  'calendar_year',
  'calendar_day',
] as const;

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.fork().getConnection().execute<T[]>(sql, params);
}

async function count(table: string, where = 'true'): Promise<number> {
  const [row] = await rows<{ n: string }>(`select count(*) as n from ${table} where ${where}`);
  return Number(row!.n);
}

/** Every catalog row, ordered: equal snapshots mean nothing was written. */
async function catalogSnapshot(): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of CATALOG_TABLES) snapshot[table] = await rows(`select * from ${table} order by 1, 2`);
  return snapshot;
}

beforeAll(async () => {
  await recreateDatabase(TEST_SERVER_URL, database);
  orm = await createOrm({ clientUrl: withDatabase(TEST_SERVER_URL, database), poolSize: 2 });
  await migrate(orm);
});

afterAll(async () => {
  await orm?.close(true);
  await dropDatabase(TEST_SERVER_URL, database);
});

describe('seedCatalog', () => {
  it('loads the catalog, and a second run changes nothing', async () => {
    const first = await seedCatalog(orm.em.fork());
    expect(await count('province')).toBe(34);
    expect(await count('former_province')).toBe(63);
    expect(await count('commune')).toBe(first.communes);
    expect(await count('document_type')).toBe(first.documentTypes);
    expect(await count('administrative_procedure')).toBeGreaterThanOrEqual(10);
    expect(await count('required_component')).toBe(first.requiredComponents);
    expect(await count('agency')).toBe(35);
    expect(await count('officer')).toBe(first.officers);
    expect(await count('calendar_year')).toBe(first.calendarYears);
    expect(await count('calendar_day', "date between '2026-01-01' and '2026-12-31'")).toBe(16);

    const before = await catalogSnapshot();
    const second = await seedCatalog(orm.em.fork());
    expect(second).toEqual(first);
    expect(await catalogSnapshot()).toEqual(before);
  });

  it('orders required components by their position in the procedure', async () => {
    const positions = await rows<{ code: string; position: number; component: string }>(
      `select p.code, c.position, c.code as component from required_component c
         join administrative_procedure p on p.id = c.procedure_id where p.code = '1.001656' order by c.position`,
    );
    expect(positions.map((r) => [r.position, r.component])).toEqual([
      [0, 'TP01'],
      [1, 'TP02'],
      [2, 'TP03'],
      [3, 'TP04'],
    ]);
  });
});

describe('seedDemo', () => {
  let result: DemoSeedResult;

  beforeAll(async () => {
    result = await seedDemo(orm.em.fork(), { seed: 1333, now: NOW });
  });

  it('loads the default demo and reports what it wrote', async () => {
    if (result.skipped) throw new Error('the first demo seed was skipped');
    expect(result.individuals).toBe(2_000);
    expect(result.organizations).toBe(200);
    expect(result.dossiers).toBe(600);
    expect(await count('individual')).toBe(result.individuals);
    expect(await count('organization')).toBe(result.organizations);
    expect(await count('dossier')).toBe(result.dossiers);
    expect(await count('digitized_document')).toBe(result.documents);
    expect(await count('dossier_component')).toBe(result.dossierComponents);
    expect(await count('dossier_status_change')).toBe(result.statusChanges);
    expect(await count('procedure_result')).toBe(result.procedureResults);
    expect(await count('code_sequence')).toBe(result.codeSequences);
    expect(result.documents).toBeGreaterThan(2_000);
    console.log(`demo seed: ${result.durationMs} ms`, result);
  });

  it('has dossiers at every status, each with its history and agency province', async () => {
    const statuses = (await rows<{ status: string }>('select distinct status from dossier')).map((r) => r.status);
    expect(statuses.sort()).toEqual([...DOSSIER_STATUSES].sort());
    expect(await count('dossier d', 'not exists (select 1 from dossier_status_change h where h.dossier_id = d.id)')).toBe(0);
    expect(await count('dossier d join agency a on a.id = d.agency_id', 'a.province_code <> d.province_code')).toBe(0);
    expect(await count('dossier d', `d.status in ('APPROVED', 'REJECTED', 'RESULT_RETURNED')
      and not exists (select 1 from procedure_result r where r.dossier_id = d.id)`)).toBe(0);
  });

  it('links reused components to valid documents of the applicant and counts the reuse', async () => {
    const reused = await count(
      'dossier_component c join dossier d on d.id = c.dossier_id join digitized_document doc on doc.id = c.document_id',
      "c.provision = 'REUSED'",
    );
    expect(reused).toBeGreaterThan(0);
    expect(
      await count(
        'dossier_component c join dossier d on d.id = c.dossier_id join digitized_document doc on doc.id = c.document_id join required_component r on r.id = c.requirement_id',
        `c.provision = 'REUSED' and (doc.status <> 'VALID' or doc.document_type_id <> r.document_type_id
           or doc.owner_individual_id is distinct from d.applicant_individual_id
           or doc.owner_organization_id is distinct from d.applicant_organization_id)`,
      ),
    ).toBe(0);
    const [sum] = await rows<{ n: string }>('select coalesce(sum(reuse_count), 0) as n from digitized_document');
    expect(Number(sum!.n)).toBe(reused);
  });

  it('sets code sequences at the highest seeded sequence of each agency and day', async () => {
    const [dossierScope] = await rows<{ scope: string; value: string }>(
      `select scope, value from code_sequence where scope like 'dossier:%' order by value desc, scope limit 1`,
    );
    const [, agencyCode, day] = dossierScope!.scope.split(':');
    const [max] = await rows<{ n: string }>(
      `select max(split_part(code, '-', 3)::int) as n from dossier where code like ?`,
      [`${agencyCode}-${day}-%`],
    );
    expect(Number(dossierScope!.value)).toBe(Number(max!.n));
    expect(await count('code_sequence', "scope like 'document:%'")).toBeGreaterThan(0);
  });

  it('skips a second run instead of loading the demo twice', async () => {
    await expect(seedDemo(orm.em.fork(), { seed: 1333, now: NOW })).resolves.toEqual({ skipped: true });
    expect(await count('individual')).toBe(2_000);
  });
});
