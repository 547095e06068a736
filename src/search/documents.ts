/**
 * Index documents: what one searchable object looks like in the index, built by
 * pure functions from the rows `sources.ts` reads. Both backends store what these
 * functions return (Elasticsearch as is, PostgreSQL as a `search_entry` row), and
 * `mappings.ts` is typed against these shapes.
 */
import { foldedSearchText, normalizeIdentifier } from './text.js';

/** The four kinds of hit (GraphQL `SearchKind`). */
export const SEARCH_KINDS = ['INDIVIDUAL', 'ORGANIZATION', 'DOCUMENT', 'DOSSIER'] as const;
export type SearchKindName = (typeof SEARCH_KINDS)[number];

/** Entity names carried by outbox rows (`outbox_event.entity`), and the kind of hit each becomes. */
export const KIND_OF_ENTITY = {
  Individual: 'INDIVIDUAL',
  Organization: 'ORGANIZATION',
  DigitizedDocument: 'DOCUMENT',
  Dossier: 'DOSSIER',
} as const satisfies Record<string, SearchKindName>;
export type IndexedEntityName = keyof typeof KIND_OF_ENTITY;

export function isIndexedEntity(name: string): name is IndexedEntityName {
  return Object.hasOwn(KIND_OF_ENTITY, name);
}

/** Fields every index document has; the query and the filters only use these. */
export interface CommonSearchFields {
  kind: SearchKindName;
  entityId: string;
  /** Name or title as written (NFC), for highlights. */
  display: string;
  /** `display` folded into words (`foldedSearchText`): what text queries match. */
  text: string;
  /** The same folded words as one term: a query equal to the whole name ranks higher. */
  textExact: string;
  /** Identifiers matched exactly, upper-case: personal ID, social insurance, unit, tax and document codes. */
  identifiers: string[];
  provinceCode: string | null;
  documentTypeCode: string | null;
  /** The hit's date (document issued, dossier received; Vietnam-local), YYYY-MM-DD: date filters and the year facet. */
  date: string | null;
  year: number | null;
  /** Owner (documents) or applicant (dossiers): routing, so one person's papers sit on one shard. */
  ownerId: string | null;
  /** The row's optimistic-lock version: Elasticsearch's external version, `search_entry.source_version`. */
  sourceVersion: number;
}

export interface IndividualSearchDocument extends CommonSearchFields {
  kind: 'INDIVIDUAL';
  fullName: string;
}

export interface OrganizationSearchDocument extends CommonSearchFields {
  kind: 'ORGANIZATION';
  name: string;
  unitCode: string;
}

/** Metadata fields worth finding a paper by (Article 9 document number, health insurance card number). */
export const SEARCHABLE_METADATA = ['documentNumber', 'cardNumber'] as const;
export type SearchableMetadata = Partial<Record<(typeof SEARCHABLE_METADATA)[number], string>>;

export interface DigitizedDocumentSearchDocument extends CommonSearchFields {
  kind: 'DOCUMENT';
  code: string;
  title: string;
  status: string;
  source: string;
  issuedBy: string | null;
  documentTypeName: string;
  ownerKind: 'INDIVIDUAL' | 'ORGANIZATION';
  ownerName: string;
  metadata: SearchableMetadata;
}

export interface DossierSearchDocument extends CommonSearchFields {
  kind: 'DOSSIER';
  code: string;
  status: string;
  procedureCode: string;
  procedureName: string;
  applicantKind: 'INDIVIDUAL' | 'ORGANIZATION';
  applicantName: string;
  receivedAt: string;
}

export type SearchDocument = IndividualSearchDocument | OrganizationSearchDocument | DigitizedDocumentSearchDocument | DossierSearchDocument;

// Rows as sources.ts selects them (dates already as text).

export interface IndividualRow {
  id: string;
  personal_id: string;
  social_insurance_code: string | null;
  household_code: string | null;
  full_name: string;
  province_code: string | null;
  version: number;
}

export interface OrganizationRow {
  id: string;
  unit_code: string;
  tax_code: string | null;
  name: string;
  province_code: string | null;
  version: number;
}

export interface DocumentRow {
  id: string;
  code: string;
  title: string;
  status: string;
  source: string;
  issued_by: string | null;
  /** YYYY-MM-DD. */
  issued_on: string | null;
  metadata: Record<string, unknown>;
  version: number;
  document_type_code: string;
  document_type_name: string;
  owner_individual_id: string | null;
  owner_organization_id: string | null;
  owner_name: string;
  /** The digitizing agency's province, else the owner's. */
  province_code: string | null;
}

export interface DossierRow {
  id: string;
  code: string;
  status: string;
  /** ISO instant. */
  received_at: string;
  /** YYYY-MM-DD, Vietnam-local. */
  received_on: string;
  province_code: string;
  version: number;
  procedure_code: string;
  procedure_name: string;
  applicant_individual_id: string | null;
  applicant_organization_id: string | null;
  applicant_name: string;
  result_code: string | null;
}

function identifiers(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)).map(normalizeIdentifier))];
}

function common<K extends SearchKindName>(
  kind: K,
  row: { id: string; version: number },
  display: string,
  fields: { identifiers: (string | null | undefined)[]; provinceCode: string | null; documentTypeCode?: string; date?: string | null; ownerId?: string | null },
): CommonSearchFields & { kind: K } {
  const text = foldedSearchText(display);
  const date = fields.date ?? null;
  return {
    kind,
    entityId: row.id,
    display,
    text,
    textExact: text,
    identifiers: identifiers(fields.identifiers),
    provinceCode: fields.provinceCode,
    documentTypeCode: fields.documentTypeCode ?? null,
    date,
    year: date ? Number(date.slice(0, 4)) : null,
    ownerId: fields.ownerId ?? null,
    sourceVersion: Number(row.version),
  };
}

export function individualDocument(row: IndividualRow): IndividualSearchDocument {
  return {
    ...common('INDIVIDUAL', row, row.full_name, {
      identifiers: [row.personal_id, row.social_insurance_code, row.household_code],
      provinceCode: row.province_code,
    }),
    fullName: row.full_name,
  };
}

export function organizationDocument(row: OrganizationRow): OrganizationSearchDocument {
  return {
    ...common('ORGANIZATION', row, row.name, { identifiers: [row.unit_code, row.tax_code], provinceCode: row.province_code }),
    name: row.name,
    unitCode: row.unit_code,
  };
}

export function digitizedDocumentDocument(row: DocumentRow): DigitizedDocumentSearchDocument {
  const metadata: SearchableMetadata = {};
  for (const key of SEARCHABLE_METADATA) {
    const value = row.metadata?.[key];
    if (typeof value === 'string' && value) metadata[key] = value;
  }
  return {
    ...common('DOCUMENT', row, row.title, {
      identifiers: [row.code, ...Object.values(metadata)],
      provinceCode: row.province_code,
      documentTypeCode: row.document_type_code,
      date: row.issued_on,
      ownerId: row.owner_individual_id ?? row.owner_organization_id,
    }),
    code: row.code,
    title: row.title,
    status: row.status,
    source: row.source,
    issuedBy: row.issued_by,
    documentTypeName: row.document_type_name,
    ownerKind: row.owner_individual_id ? 'INDIVIDUAL' : 'ORGANIZATION',
    ownerName: row.owner_name,
    metadata,
  };
}

export function dossierDocument(row: DossierRow): DossierSearchDocument {
  return {
    // A dossier is found by its code or by what it asks for, e.g. "Hưởng chế độ thai sản".
    ...common('DOSSIER', row, row.procedure_name, {
      identifiers: [row.code, row.result_code],
      provinceCode: row.province_code,
      date: row.received_on,
      ownerId: row.applicant_individual_id ?? row.applicant_organization_id,
    }),
    code: row.code,
    status: row.status,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    applicantKind: row.applicant_individual_id ? 'INDIVIDUAL' : 'ORGANIZATION',
    applicantName: row.applicant_name,
    receivedAt: row.received_at,
  };
}
