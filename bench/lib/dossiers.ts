/**
 * Dossiers and heavy document holders for the benchmarks, loaded in SQL after the
 * import of the people and documents (a million dossiers through the ORM would take
 * longer than the import itself).
 *
 * Dossiers: the generator's `dossiers.jsonl[.gz]` (bench/lib/dataset.ts, one
 * DossierRecord a line) is streamed by COPY into a staging table, one jsonb a line, then
 * moved set-based into dossier, dossier_component, dossier_status_change and
 * procedure_result, resolving natural keys: procedure, agency, personal ID or unit code,
 * requirement, document and officer codes. One transaction; a record naming something
 * the database lacks fails the load instead of being dropped.
 *
 * Heavy holders: `people` individuals get `documents` more papers each (types in turn,
 * metadata copied from another paper of the type, so it is valid against the type's
 * schema, with the holder's name), under digitization codes whose sequences (900000+)
 * the generator never reaches.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyRow } from '../../src/import/batch-sql.js';

export interface DossierLoad {
  dossiers: number;
  components: number;
  withDocument: number;
  results: number;
  seconds: number;
}

/** The file's lines as COPY text, in chunks of about 64 KiB. */
async function* copyChunks(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const lines = createInterface({ input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  let chunk = '';
  for await (const line of lines) {
    if (line.trim() === '') continue;
    chunk += copyRow([line]);
    if (chunk.length >= 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Fails the load when a statement wrote fewer rows than the file holds. */
function expectRows(what: string, written: number | null, expected: number): void {
  if (written !== expected) throw new Error(`${what}: ${written ?? 0} written for ${expected} in the file (a code the database does not know?)`);
}

/** Loads the dossiers of a `dossiers.jsonl[.gz]` file; returns what was written. */
export async function loadDossiers(databaseUrl: string, file: string): Promise<DossierLoad> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'vss-bench:dossiers' });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('create temporary table bench_dossier (id uuid not null default gen_random_uuid(), r jsonb not null) on commit drop');
    await pipeline(Readable.from(copyChunks(file)), client.query(copyFrom('copy bench_dossier (r) from stdin')));
    // Row estimates for the joins below (temporary tables are not auto-analyzed).
    await client.query('analyze bench_dossier');
    const staged = await client.query<{ dossiers: number; components: number; steps: number; results: number; with_document: number }>(
      `select count(*)::int as dossiers, coalesce(sum(jsonb_array_length(r->'components')), 0)::int as components,
              coalesce(sum(jsonb_array_length(r->'history')), 0)::int as steps,
              count(*) filter (where jsonb_typeof(r->'result') = 'object')::int as results,
              (select count(*)::int from bench_dossier, jsonb_array_elements(r->'components') c where c->>'documentCode' is not null) as with_document
       from bench_dossier`,
    );
    const expected = staged.rows[0]!;
    const dossiers = await client.query(
      `insert into dossier (id, code, procedure_id, applicant_individual_id, applicant_organization_id, channel, status, agency_id, province_code,
                            received_at, received_by_id, due_at)
       select d.id, r->>'code', p.id, i.id, o.id, r->>'channel', r->>'status', a.id, a.province_code,
              (r->>'receivedAt')::timestamptz, rb.id, (r->>'dueAt')::timestamptz
       from bench_dossier d
       join administrative_procedure p on p.code = r->>'procedureCode'
       join agency a on a.code = r->>'agencyCode'
       left join individual i on i.personal_id = r#>>'{applicant,personalId}'
       left join organization o on o.unit_code = r#>>'{applicant,unitCode}'
       left join officer rb on rb.code = r->>'receivedByCode'`,
    );
    expectRows('dossiers', dossiers.rowCount, expected.dossiers);
    const components = await client.query(
      `insert into dossier_component (id, dossier_id, requirement_id, position, provision, document_id, provided_at, provided_by_id)
       select gen_random_uuid(), d.id, rc.id, rc.position, c->>'provision', doc.id, (c->>'providedAt')::timestamptz, pb.id
       from bench_dossier d
       join administrative_procedure p on p.code = r->>'procedureCode'
       cross join jsonb_array_elements(r->'components') c
       join required_component rc on rc.procedure_id = p.id and rc.code = c->>'requirementCode'
       left join digitized_document doc on doc.code = c->>'documentCode'
       left join officer pb on pb.code = c->>'providedByCode'`,
    );
    expectRows('components', components.rowCount, expected.components);
    const steps = await client.query(
      `insert into dossier_status_change (id, dossier_id, "from", "to", at, by_id, note)
       select gen_random_uuid(), d.id, h->>'from', h->>'to', (h->>'at')::timestamptz, o.id, h->>'note'
       from bench_dossier d cross join jsonb_array_elements(r->'history') h left join officer o on o.code = h->>'byCode'`,
    );
    expectRows('history steps', steps.rowCount, expected.steps);
    const results = await client.query(
      `insert into procedure_result (id, dossier_id, code, decision, reason, document_id, decided_by_id, decided_at, returned_at)
       select gen_random_uuid(), d.id, x->>'code', x->>'decision', x->>'reason', doc.id, o.id, (x->>'decidedAt')::timestamptz, (x->>'returnedAt')::timestamptz
       from bench_dossier d cross join lateral (select r->'result' as x) res
       left join digitized_document doc on doc.code = x->>'documentCode'
       left join officer o on o.code = x->>'decidedByCode'
       where jsonb_typeof(x) = 'object'`,
    );
    expectRows('results', results.rowCount, expected.results);
    const withDocument = await client.query<{ n: number }>(
      `select count(*)::int as n from dossier_component c join bench_dossier d on d.id = c.dossier_id where c.document_id is not null`,
    );
    expectRows('components with a document', withDocument.rows[0]!.n, expected.with_document);
    await client.query('commit');
    return {
      dossiers: expected.dossiers,
      components: expected.components,
      withDocument: expected.with_document,
      results: expected.results,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    await client.end();
  }
}

/** Gives `people` individuals (spread over the table) `documents` more papers each; returns their personal IDs. */
export async function addHeavyHolders(databaseUrl: string, options: { people: number; documents: number }): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'vss-bench:holders' });
  await client.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ personal_id: string }>(
      `with total as (select count(*) as n from individual),
       holders as (
         select id, personal_id, full_name, province_code, k - 1 as h from (
           select i.*, row_number() over (order by personal_id) as k from individual i
         ) s, total where s.k % greatest(total.n / $1, 1) = 0 order by s.k limit $1
       ), types as (
         select t.id, t.code, t.validity_months, row_number() over (order by t.code) - 1 as k, count(*) over () as n,
                (select d.metadata from digitized_document d where d.document_type_id = t.id order by d.code limit 1) as metadata
         from document_type t where t.owner_kind = 'INDIVIDUAL'
           and exists (select 1 from digitized_document d where d.document_type_id = t.id)
       ), agencies as (
         select distinct on (province_code) id, code, province_code from agency order by province_code, code
       ), papers as (
         select h.*, g.j, t.id as type_id, t.code as type_code, t.validity_months, t.metadata, a.id as agency_id, a.code as agency_code,
                timestamptz '2016-01-01 03:00+00' + (g.j * 73) * interval '1 day' as issued_at
         from holders h cross join generate_series(0, $2 - 1) g(j)
         join types t on t.k = g.j % t.n
         join agencies a on a.province_code = coalesce(h.province_code, '01')
       ), inserted as (
         insert into digitized_document (id, code, document_type_id, owner_individual_id, title, issued_on, valid_until, status, source, metadata, digitized_at, agency_id)
         select gen_random_uuid(),
                agency_code || '.' || type_code || '.' || to_char(issued_at at time zone 'Asia/Ho_Chi_Minh', 'YYMMDD') || '.' || (900000 + h * $2 + j),
                type_id, id, type_code || ' ' || (j + 1), (issued_at at time zone 'Asia/Ho_Chi_Minh')::date,
                case when validity_months is null then null else (issued_at at time zone 'Asia/Ho_Chi_Minh')::date + validity_months * interval '1 month' end,
                case j % 10 when 3 then 'EXPIRED' when 7 then 'REVOKED' else 'VALID' end,
                (array['ELECTRONIC','NATIONAL_PORTAL','CONNECTED_SYSTEM'])[j % 3 + 1],
                case when metadata ? 'fullName' then jsonb_set(metadata, '{fullName}', to_jsonb(full_name)) else metadata end,
                issued_at, agency_id
         from papers
         returning owner_individual_id
       )
       select distinct h.personal_id from holders h join inserted i on i.owner_individual_id = h.id order by h.personal_id`,
      [options.people, options.documents],
    );
    await client.query('commit');
    return rows.map((r) => r.personal_id);
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    await client.end();
  }
}
