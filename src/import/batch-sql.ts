/**
 * The SQL side of one import batch, per kind: a temporary staging table that
 * COPY fills, and one statement that moves the staged rows into the warehouse.
 *
 * That statement resolves what only the database knows (a document's owner by
 * personal ID or unit code, an identifier already held by someone else) with one
 * index probe per staged row (scalar subqueries: a join would hash the whole
 * individual table for every batch), inserts
 * with `ON CONFLICT DO NOTHING` on the natural key (personal ID, unit code,
 * document code), so a record already there is left as it is, writes a `search`
 * outbox row for each row it inserted (unless the run reindexes at the end), and
 * answers with the number inserted and the staged lines it refused, with reasons.
 */
import type { DocumentRow, ImportKind, IndividualRow, OrganizationRow } from './records.js';

export type CopyValue = string | number | boolean | Date | null;

export interface KindSql<Row> {
  /** Staging table, created once per connection; emptied at each commit. */
  stageTable: string;
  createStage: string;
  /** Columns COPY fills, in the order of `values`; the first is always the line number. */
  columns: readonly string[];
  values(line: number, row: Row): CopyValue[];
  /** The move statement: one row `{ inserted: number, rejects: { line, reason }[] }`. */
  move(outbox: boolean): string;
}

/** Entity names of the outbox contract (drained by the search indexer). */
const OUTBOX_ENTITY: Record<ImportKind, string> = {
  individuals: 'Individual',
  organizations: 'Organization',
  documents: 'DigitizedDocument',
};

function outboxCte(kind: ImportKind, outbox: boolean): string {
  return outbox
    ? `, outbox as (insert into outbox_event (topic, entity, entity_id, operation) select 'search', '${OUTBOX_ENTITY[kind]}', id, 'UPSERT' from ins)`
    : '';
}

const answer = (rejects: string) =>
  `select (select count(*) from ins)::int as inserted, coalesce((${rejects}), '[]'::json) as rejects`;

const stage = (table: string, columns: string) => `create temp table if not exists ${table} (${columns}) on commit delete rows`;

export const INDIVIDUAL_SQL: KindSql<IndividualRow> = {
  stageTable: 'import_stage_individual',
  createStage: stage(
    'import_stage_individual',
    `line bigint, id uuid, personal_id text, social_insurance_code text, full_name text, date_of_birth date, gender text,
     household_code text, province_code text, commune_code text, has_portal_account boolean`,
  ),
  columns: ['line', 'id', 'personal_id', 'social_insurance_code', 'full_name', 'date_of_birth', 'gender', 'household_code', 'province_code', 'commune_code', 'has_portal_account'],
  values: (line, r) => [line, r.id, r.personalId, r.socialInsuranceCode, r.fullName, r.dateOfBirth, r.gender, r.householdCode, r.provinceCode, r.communeCode, r.hasPortalAccount],
  move: (outbox) => `
    with r as (
      select s.*, exists (select from individual x where x.social_insurance_code = s.social_insurance_code and x.personal_id <> s.personal_id) as si_taken
      from import_stage_individual s
    ), ins as (
      insert into individual (id, personal_id, social_insurance_code, full_name, date_of_birth, gender, household_code, province_code, commune_code, has_portal_account)
      select id, personal_id, social_insurance_code, full_name, date_of_birth, gender, household_code, province_code, commune_code, has_portal_account
      from r where not si_taken
      on conflict (personal_id) do nothing
      returning id
    )${outboxCte('individuals', outbox)}
    ${answer(`select json_agg(json_build_object('line', line, 'reason', 'socialInsuranceCode: ' || social_insurance_code || ' is already recorded for someone else')) from r where si_taken`)}`,
};

export const ORGANIZATION_SQL: KindSql<OrganizationRow> = {
  stageTable: 'import_stage_organization',
  createStage: stage(
    'import_stage_organization',
    'line bigint, id uuid, unit_code text, tax_code text, name text, address text, province_code text, has_transaction_account boolean',
  ),
  columns: ['line', 'id', 'unit_code', 'tax_code', 'name', 'address', 'province_code', 'has_transaction_account'],
  values: (line, r) => [line, r.id, r.unitCode, r.taxCode, r.name, r.address, r.provinceCode, r.hasTransactionAccount],
  move: (outbox) => `
    with r as (
      select s.*, exists (select from organization x where x.tax_code = s.tax_code and x.unit_code <> s.unit_code) as tax_taken
      from import_stage_organization s
    ), ins as (
      insert into organization (id, unit_code, tax_code, name, address, province_code, has_transaction_account)
      select id, unit_code, tax_code, name, address, province_code, has_transaction_account
      from r where not tax_taken
      on conflict (unit_code) do nothing
      returning id
    )${outboxCte('organizations', outbox)}
    ${answer(`select json_agg(json_build_object('line', line, 'reason', 'taxCode: ' || tax_code || ' is already recorded for another unit')) from r where tax_taken`)}`,
};

/**
 * Documents: the owner is joined by natural key in the batch; a scan's file row
 * is written only for a document actually inserted, so a rerun adds no file row.
 */
export const DOCUMENT_SQL: KindSql<DocumentRow> = {
  stageTable: 'import_stage_document',
  createStage: stage(
    'import_stage_document',
    `line bigint, id uuid, code text, document_type_id uuid, owner_personal_id text, owner_unit_code text, title text,
     issued_by text, issued_on date, valid_until date, status text, source text, metadata jsonb, digitized_at timestamptz,
     digitized_by_id uuid, agency_id uuid, origin_dossier_code text,
     file_id uuid, file_sha256 text, file_media_type text, file_byte_size bigint, file_page_count int`,
  ),
  columns: [
    'line', 'id', 'code', 'document_type_id', 'owner_personal_id', 'owner_unit_code', 'title', 'issued_by', 'issued_on', 'valid_until',
    'status', 'source', 'metadata', 'digitized_at', 'digitized_by_id', 'agency_id', 'origin_dossier_code',
    'file_id', 'file_sha256', 'file_media_type', 'file_byte_size', 'file_page_count',
  ],
  values: (line, r) => [
    line, r.id, r.code, r.documentTypeId, r.ownerPersonalId, r.ownerUnitCode, r.title, r.issuedBy, r.issuedOn, r.validUntil,
    r.status, r.source, r.metadata, r.digitizedAt, r.digitizedById, r.agencyId, r.originDossierCode,
    r.file?.id ?? null, r.file?.sha256 ?? null, r.file?.mediaType ?? null, r.file?.byteSize ?? null, r.file?.pageCount ?? null,
  ],
  move: (outbox) => `
    with r as (
      select s.*,
        (select i.id from individual i where i.personal_id = s.owner_personal_id) as owner_individual_id,
        (select o.id from organization o where o.unit_code = s.owner_unit_code) as owner_organization_id,
        (select d.id from dossier d where d.code = s.origin_dossier_code) as origin_dossier_id
      from import_stage_document s
    ), ins as (
      insert into digitized_document (id, code, document_type_id, owner_individual_id, owner_organization_id, title, issued_by, issued_on,
        valid_until, status, source, metadata, file_id, digitized_at, digitized_by_id, agency_id, origin_dossier_id)
      select id, code, document_type_id, owner_individual_id, owner_organization_id, title, issued_by, issued_on,
        valid_until, status, source, metadata, file_id, digitized_at, digitized_by_id, agency_id, origin_dossier_id
      from r
      where num_nonnulls(owner_individual_id, owner_organization_id) = 1 and (origin_dossier_code is null or origin_dossier_id is not null)
      on conflict (code) do nothing
      returning id, file_id
    ), files as (
      insert into stored_file (id, sha256, media_type, byte_size, page_count)
      select s.file_id, s.file_sha256, s.file_media_type, s.file_byte_size, s.file_page_count from import_stage_document s join ins on ins.file_id = s.file_id
    )${outboxCte('documents', outbox)}
    ${answer(`select json_agg(json_build_object('line', line, 'reason',
        case when num_nonnulls(owner_individual_id, owner_organization_id) = 0
          then case when owner_personal_id is not null then 'owner.personalId: no individual has the personal ID ' || owner_personal_id
                    else 'owner.unitCode: no organization has the unit code ' || owner_unit_code end
          else 'originDossierCode: no dossier has the code ' || origin_dossier_code end))
      from r where num_nonnulls(owner_individual_id, owner_organization_id) = 0 or (origin_dossier_code is not null and origin_dossier_id is null)`)}`,
};

export const KIND_SQL = { individuals: INDIVIDUAL_SQL, organizations: ORGANIZATION_SQL, documents: DOCUMENT_SQL } as const;

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for null, backslash escapes for the separators. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]!) : value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** One row in COPY's text format, newline-terminated. */
export function copyRow(values: readonly CopyValue[]): string {
  return `${values.map(copyField).join('\t')}\n`;
}
