/**
 * Dossiers and heavy document holders for the benchmarks, derived in SQL from the
 * people and documents already imported (the generator writes parties and papers;
 * a million dossiers through the ORM would take longer than the import itself).
 *
 * Dossiers: every k-th individual by personal ID applies for one of the procedures an
 * individual applies for, at the agency of their province, received on a day of 2024–25.
 * Codes follow formatDossierCode (`<agency>-<YYMMDD>-<sequence per agency and day>`);
 * one component per required component of the procedure, REUSED with the applicant's
 * latest document of that type when they hold one, PENDING otherwise. Decided dossiers
 * get a procedure result (`KQ.<dossier code>`, decided by the system officer); each
 * dossier gets its RECEIVED history step. Deterministic: the same data gives the same rows.
 *
 * Heavy holders: `people` individuals get `documents` more papers each (types in turn,
 * metadata copied from another paper of the type, so it is valid against the type's
 * schema, with the holder's name), under digitization codes whose sequences (900000+)
 * the generator never reaches.
 */
import pg from 'pg';
import { SYSTEM_OFFICER } from '../../src/catalog/agencies.js';

export interface DossierLoad {
  dossiers: number;
  components: number;
  withDocument: number;
  results: number;
  seconds: number;
}

/** Loads about one dossier per `every` individuals (at most `limit`); returns what was written. */
export async function loadDossiers(databaseUrl: string, options: { every: number; limit?: number }): Promise<DossierLoad> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'vss-bench:dossiers' });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(
      `create temporary table bench_dossier on commit drop as
       with procedures as (
         select id, processing_days, row_number() over (order by code) - 1 as k, count(*) over () as n
         from administrative_procedure where applicant_kind = 'INDIVIDUAL'
       ), agencies as (
         select distinct on (province_code) id, code, province_code from agency order by province_code, code
       ), picked as (
         select id, province_code, n from (select id, province_code, row_number() over (order by personal_id) as n from individual) s
         where n % $1 = 0 order by n limit $2
       ), placed as (
         select p.id as applicant_id, p.n, a.id as agency_id, a.code as agency_code, a.province_code,
                timestamptz '2024-01-01 01:00+00' + ((p.n * 7919) % (730 * 24 * 60)) * interval '1 minute' as received_at
         from picked p join agencies a on a.province_code = coalesce(p.province_code, '01')
       )
       select gen_random_uuid() as id, placed.*, pr.id as procedure_id, pr.processing_days,
              (array['RECEIVED','DIGITIZING','PROCESSING','NEEDS_SUPPLEMENT','APPROVED','REJECTED','RESULT_RETURNED','RESULT_RETURNED','APPROVED','PROCESSING'])[placed.n % 10 + 1] as status,
              (array['IN_PERSON','ONLINE','POSTAL'])[placed.n % 3 + 1] as channel,
              row_number() over (partition by agency_id, to_char(received_at at time zone 'Asia/Ho_Chi_Minh', 'YYMMDD') order by received_at, placed.n) as sequence
       from placed join procedures pr on pr.k = placed.n % pr.n`,
      [options.every, options.limit ?? 2 ** 31 - 1],
    );
    const dossiers = await client.query(
      `insert into dossier (id, code, procedure_id, applicant_individual_id, channel, status, agency_id, province_code, received_at, due_at)
       select id, agency_code || '-' || to_char(received_at at time zone 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' ||
                case when sequence > 9999 then sequence::text else lpad(sequence::text, 4, '0') end,
              procedure_id, applicant_id, channel, status, agency_id, province_code, received_at, received_at + processing_days * interval '1 day'
       from bench_dossier`,
    );
    const components = await client.query(
      `insert into dossier_component (id, dossier_id, requirement_id, position, provision, document_id, provided_at)
       select gen_random_uuid(), d.id, rc.id, rc.position, case when doc.id is null then 'PENDING' else 'REUSED' end, doc.id,
              case when doc.id is null then null else d.received_at end
       from bench_dossier d join required_component rc on rc.procedure_id = d.procedure_id
       left join lateral (
         select x.id from digitized_document x
         where x.owner_individual_id = d.applicant_id and x.document_type_id = rc.document_type_id
         order by x.issued_on desc nulls last, x.code limit 1
       ) doc on true`,
    );
    await client.query(
      `insert into dossier_status_change (id, dossier_id, "from", "to", at) select gen_random_uuid(), id, null, 'RECEIVED', received_at from bench_dossier`,
    );
    const results = await client.query(
      `insert into procedure_result (id, dossier_id, code, decision, decided_by_id, decided_at, returned_at)
       select gen_random_uuid(), d.id, 'KQ.' || x.code, case when d.status = 'REJECTED' then 'REJECTED' else 'APPROVED' end,
              (select id from officer where code = $1), d.received_at + interval '1 day',
              case when d.status = 'RESULT_RETURNED' then d.received_at + interval '2 days' end
       from bench_dossier d join dossier x on x.id = d.id where d.status in ('APPROVED', 'REJECTED', 'RESULT_RETURNED')`,
      [SYSTEM_OFFICER.code],
    );
    const withDocument = await client.query<{ n: string }>(
      `select count(*) as n from dossier_component c join bench_dossier d on d.id = c.dossier_id where c.document_id is not null`,
    );
    await client.query('commit');
    return {
      dossiers: dossiers.rowCount ?? 0,
      components: components.rowCount ?? 0,
      withDocument: Number(withDocument.rows[0]!.n),
      results: results.rowCount ?? 0,
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
