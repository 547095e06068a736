/**
 * Reads the current state of searchable objects from PostgreSQL, the source of
 * truth: by id (the indexer, for the rows an outbox batch names) or in id order
 * (reindex). One statement per kind and batch; documents come out of the pure
 * functions of `documents.ts`.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  digitizedDocumentDocument, dossierDocument, individualDocument, organizationDocument,
  type DocumentRow, type DossierRow, type IndividualRow, type OrganizationRow, type SearchDocument, type SearchKindName,
} from './documents.js';

interface Source {
  /** Select list and joins; `t` is the kind's table. */
  select: string;
  build: (row: never) => SearchDocument;
}

const SOURCES: Record<SearchKindName, Source> = {
  INDIVIDUAL: {
    select: `select t.id, t.personal_id, t.social_insurance_code, t.household_code, t.full_name, t.province_code, t.version
      from individual t`,
    build: (row: IndividualRow) => individualDocument(row),
  },
  ORGANIZATION: {
    select: `select t.id, t.unit_code, t.tax_code, t.name, t.province_code, t.version from organization t`,
    build: (row: OrganizationRow) => organizationDocument(row),
  },
  DOCUMENT: {
    select: `select t.id, t.code, t.title, t.status, t.source, t.issued_by, t.issued_on::text as issued_on, t.metadata, t.version,
        dt.code as document_type_code, dt.name as document_type_name,
        t.owner_individual_id, t.owner_organization_id,
        coalesce(i.full_name, o.name) as owner_name,
        coalesce(a.province_code, i.province_code, o.province_code) as province_code
      from digitized_document t
      join document_type dt on dt.id = t.document_type_id
      left join individual i on i.id = t.owner_individual_id
      left join organization o on o.id = t.owner_organization_id
      left join agency a on a.id = t.agency_id`,
    build: (row: DocumentRow) => digitizedDocumentDocument(row),
  },
  DOSSIER: {
    select: `select t.id, t.code, t.status, t.province_code, t.version,
        to_char(t.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as received_at,
        to_char(t.received_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as received_on,
        p.code as procedure_code, p.name as procedure_name,
        t.applicant_individual_id, t.applicant_organization_id,
        coalesce(i.full_name, o.name) as applicant_name,
        r.code as result_code
      from dossier t
      join administrative_procedure p on p.id = t.procedure_id
      left join individual i on i.id = t.applicant_individual_id
      left join organization o on o.id = t.applicant_organization_id
      left join procedure_result r on r.dossier_id = t.id`,
    build: (row: DossierRow) => dossierDocument(row),
  },
};

const TABLE: Record<SearchKindName, string> = {
  INDIVIDUAL: 'individual',
  ORGANIZATION: 'organization',
  DOCUMENT: 'digitized_document',
  DOSSIER: 'dossier',
};

async function select(em: EntityManager, kind: SearchKindName, rest: string, params: unknown[]): Promise<SearchDocument[]> {
  const source = SOURCES[kind];
  const rows = await em.execute<never[]>(`${source.select} ${rest}`, params);
  return rows.map((row) => source.build(row));
}

/** The documents of the given ids that still exist; a missing id was deleted. */
export function loadDocuments(em: EntityManager, kind: SearchKindName, ids: readonly string[]): Promise<SearchDocument[]> {
  return ids.length === 0 ? Promise.resolve([]) : select(em, kind, `where t.id in (${ids.map(() => '?').join(', ')})`, [...ids]);
}

/** The next `limit` documents after `afterId` in id order (null: from the start). */
export function scanDocuments(em: EntityManager, kind: SearchKindName, afterId: string | null, limit: number): Promise<SearchDocument[]> {
  return afterId === null
    ? select(em, kind, 'order by t.id limit ?', [limit])
    : select(em, kind, 'where t.id > ? order by t.id limit ?', [afterId, limit]);
}

/** How many rows a kind has (the reindex progress bar's total; an estimate for big tables would do). */
export async function countRows(em: EntityManager, kind: SearchKindName): Promise<number> {
  const [row] = await em.execute<{ n: string }[]>(`select count(*) as n from ${TABLE[kind]}`);
  return Number(row.n);
}
