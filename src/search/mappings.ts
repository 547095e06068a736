/**
 * Explicit Elasticsearch mappings, typed against the index documents: a field
 * added to a document without a mapping (or the reverse) does not compile, and
 * `dynamic: strict` refuses anything else at index time.
 *
 * The integ-test-zip has no analysis-common module (no asciifolding, no custom
 * filters): text fields hold words already folded by our own `foldVietnamese`
 * and use the built-in standard analyzer.
 */
import type { estypes } from '@elastic/elasticsearch';
import type {
  CommonSearchFields, DigitizedDocumentSearchDocument, DossierSearchDocument, IndividualSearchDocument,
  OrganizationSearchDocument, SearchKindName, SearchableMetadata,
} from './documents.js';

type FieldMappings<T> = { [K in keyof T]-?: estypes.MappingProperty };

const keyword: estypes.MappingProperty = { type: 'keyword' };
/** Kept in `_source` for display, not searchable. */
const stored: estypes.MappingProperty = { type: 'keyword', index: false, doc_values: false };

const COMMON: FieldMappings<CommonSearchFields> = {
  kind: keyword,
  entityId: keyword,
  display: stored,
  text: { type: 'text', analyzer: 'standard' },
  textExact: { type: 'keyword', ignore_above: 512 },
  identifiers: keyword,
  provinceCode: keyword,
  documentTypeCode: keyword,
  date: { type: 'date', format: 'strict_date' },
  year: { type: 'short' },
  ownerId: keyword,
  sourceVersion: { type: 'long', index: false },
};

const METADATA: FieldMappings<SearchableMetadata> = { documentNumber: keyword, cardNumber: keyword };

const INDIVIDUAL: FieldMappings<IndividualSearchDocument> = { ...COMMON, fullName: stored };
const ORGANIZATION: FieldMappings<OrganizationSearchDocument> = { ...COMMON, name: stored, unitCode: keyword };
const DOCUMENT: FieldMappings<DigitizedDocumentSearchDocument> = {
  ...COMMON,
  code: keyword,
  title: stored,
  status: keyword,
  source: keyword,
  issuedBy: stored,
  documentTypeName: stored,
  ownerKind: keyword,
  ownerName: stored,
  metadata: { type: 'object', properties: METADATA },
};
const DOSSIER: FieldMappings<DossierSearchDocument> = {
  ...COMMON,
  code: keyword,
  status: keyword,
  procedureCode: keyword,
  procedureName: stored,
  applicantKind: keyword,
  applicantName: stored,
  receivedAt: { type: 'date' },
};

export interface IndexSpec {
  kind: SearchKindName;
  /** Alias name without the prefix, e.g. `individuals`. */
  name: string;
  mappings: estypes.MappingTypeMapping;
  /** Documents and dossiers are routed by owner id: one person's papers on one shard. */
  routedByOwner: boolean;
}

const spec = (kind: SearchKindName, name: string, properties: Record<string, estypes.MappingProperty>, routedByOwner: boolean): IndexSpec => ({
  kind,
  name,
  routedByOwner,
  mappings: { dynamic: 'strict', properties, ...(routedByOwner ? { _routing: { required: true } } : {}) },
});

export const INDEX_SPECS: Record<SearchKindName, IndexSpec> = {
  INDIVIDUAL: spec('INDIVIDUAL', 'individuals', INDIVIDUAL, false),
  ORGANIZATION: spec('ORGANIZATION', 'organizations', ORGANIZATION, false),
  DOCUMENT: spec('DOCUMENT', 'documents', DOCUMENT, true),
  DOSSIER: spec('DOSSIER', 'dossiers', DOSSIER, true),
};

/** Settings of a new index: one shard on this machine; refreshed every second. */
export const INDEX_SETTINGS: estypes.IndicesIndexSettings = {
  number_of_shards: 1,
  number_of_replicas: 0,
  refresh_interval: '1s',
};

/** The alias of a kind's index: `<prefix>-<name>`, e.g. `vss-individuals`. */
export function aliasName(prefix: string, kind: SearchKindName): string {
  return `${prefix}-${INDEX_SPECS[kind].name}`;
}
