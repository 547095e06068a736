/**
 * The personal-data policy ("dữ liệu cá nhân", Decree 13/2023/NĐ-CP): the one
 * place that says which output fields of the graph — and which keys inside its
 * JSON values, search highlights and file downloads — hold personal data, how
 * each is masked, whose data it is, and who reads it in clear.
 *
 * Masking (src/auth/personal-data.ts), the access log (what a clear read
 * records) and partner scopes (src/partners/scopes.ts) all read this file. Every
 * output field of the schema has an entry here — personal, or explicitly not —
 * and the keys of every document type's metadata carry an `x-personal-data`
 * keyword in its JSON Schema (src/catalog/document-types.ts); tests fail when a
 * field or a key is added without one (test/unit/personal-data-policy.test.ts).
 *
 * Entries are data about GraphQL types by name, and their functions read plain
 * properties, so the same declaration applies to entities (today's resolvers)
 * and to plain rows (a read path without the ORM): `personalView` in
 * personal-data.ts masks one object at a time.
 */
import { OfficerRole } from '../entities/enums.js';
import type { PartnerScope } from '../partners/scopes.js';
import type { SearchKindName } from '../search/documents.js';
import type { SubjectKind } from './access-recorder.js';
import { jsonPolicyOf, UNDECLARED, type JsonPolicy, type Mask } from './masks.js';

/** Whose personal data a value is: the person (or unit) the access log records as the subject. */
export interface SubjectRef {
  kind: SubjectKind;
  id: string;
}

/** Reference data the policy reads: the catalog's document types, with their metadata schemas. */
export interface PolicyEnv {
  /** By id (a document's `documentType`). */
  documentType(id: string): CatalogDocumentType | undefined;
  documentTypeByCode(code: string): CatalogDocumentType | undefined;
  documentTypes(): Iterable<CatalogDocumentType>;
}

export interface CatalogDocumentType {
  code: string;
  metadataSchema: Record<string, unknown>;
}

/** An object of the graph: an entity, a view, or a plain row with the same property names. */
export type Row = any;

export type FieldPolicy =
  /** Not personal data; `why` where a reader might think otherwise. */
  | { kind: 'public'; why?: string }
  /**
   * A field whose value is an object (or list of objects) of the graph: nothing
   * personal by itself, the target type's entries decide. `partners` is the scope
   * a partner's operation needs to select it; `closed`: partners may not select
   * it. Root fields without a scope are closed to partners; nested ones without
   * one are open.
   */
  | { kind: 'edge'; partners?: PartnerScope | 'closed' }
  /** A personal leaf (string, date, enum, number): clear for viewers with the right, else masked. */
  | { kind: 'personal'; mask: Mask; logAs?: string }
  /** A JSON object whose keys each have a policy (a document type's metadata schema). */
  | { kind: 'json'; keys: (row: Row, env: PolicyEnv) => JsonPolicy; logAs?: string }
  /** A text holding the value of some key (a discrepancy's declared or stored value): masked as that key. */
  | { kind: 'keyed'; keyPolicy: (row: Row, subject: SubjectRef | null, env: PolicyEnv) => JsonPolicy; logAs?: string }
  /** Texts cut from another field (search highlights): shown as that field is. */
  | { kind: 'derived'; source: (row: Row) => { type: string; field: string }; logAs?: string };

export interface TypePolicy {
  /**
   * Whose data the type's personal fields are. `null`: nobody's (or not known from
   * this object: personal fields are then masked for everyone, fail closed).
   */
  subject?: (row: Row) => SubjectRef | null;
  /** Prefix of the access log's field names (`document.` → `document.metadata`); none for a person's own fields. */
  logPrefix?: string;
  fields: Readonly<Record<string, FieldPolicy>>;
}

// --- Who reads personal data in clear -----------------------------------------------------------

/**
 * Officers whose work needs personal data (Decree 13/2023: purpose-bound
 * processing) read it in clear; auditors and administrators see it masked.
 * Partners read it in clear with the `personal-data:read` scope, within the
 * fields their other scopes open.
 */
export const CLEAR_READERS = {
  roles: [OfficerRole.RECEIVING_OFFICER, OfficerRole.PROCESSING_OFFICER, OfficerRole.APPROVER, OfficerRole.ARCHIVIST] as readonly OfficerRole[],
  partnerScope: 'personal-data:read' as PartnerScope,
};

// --- Helpers for the declaration ----------------------------------------------------------------

const PUBLIC: FieldPolicy = { kind: 'public' };
const notPersonal = (why: string): FieldPolicy => ({ kind: 'public', why });
const edge = (partners?: PartnerScope | 'closed'): FieldPolicy => ({ kind: 'edge', partners });
const personal = (mask: Mask, logAs?: string): FieldPolicy => ({ kind: 'personal', mask, logAs });

/** A type with nothing personal: every field listed, none personal. */
function publicType(fields: string[], edges: string[] = []): TypePolicy {
  return { fields: Object.fromEntries([...fields.map((f) => [f, PUBLIC] as const), ...edges.map((f) => [f, edge()] as const)]) };
}

/** An id from a relation (entity or reference), or a plain row's id column. */
function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return null;
}

/** The party of an owner or applicant pair (an individual or an organization). */
function partyOf(individual: unknown, organization: unknown): SubjectRef | null {
  const person = idOf(individual);
  if (person) return { kind: 'INDIVIDUAL', id: person };
  const unit = idOf(organization);
  return unit ? { kind: 'ORGANIZATION', id: unit } : null;
}

/** A relation's target when it is in memory (a loaded entity or a plain nested row); undefined when only its id is. */
function loaded(value: unknown): Row | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const ref = value as { isInitialized?: () => boolean; unwrap?: () => unknown };
  if (typeof ref.unwrap === 'function') return ref.isInitialized?.() ? ref.unwrap() : undefined;
  const entity = value as { __helper?: { __initialized?: boolean } };
  if (entity.__helper && entity.__helper.__initialized === false) return undefined;
  return value;
}

const dossierApplicant = (dossier: Row): SubjectRef | null => {
  const d = loaded(dossier);
  return d ? partyOf(d.applicantIndividual, d.applicantOrganization) : null;
};

// --- Keys inside JSON values --------------------------------------------------------------------

const schemaPolicies = new WeakMap<object, JsonPolicy>();

/** A document type's metadata policy, from the `x-personal-data` keywords of its JSON Schema (compiled once per schema). */
export function metadataPolicy(schema: Record<string, unknown> | undefined): JsonPolicy {
  if (!schema) return UNDECLARED;
  let policy = schemaPolicies.get(schema);
  if (!policy) {
    policy = jsonPolicyOf(schema);
    schemaPolicies.set(schema, policy);
  }
  return policy;
}

/** The policy of one top-level metadata key of a schema; undefined when the schema does not name it. */
function keyOf(schema: Record<string, unknown> | undefined, key: string): JsonPolicy | undefined {
  const policy = metadataPolicy(schema);
  return 'properties' in policy && Object.hasOwn(policy.properties, key) ? policy.properties[key] : undefined;
}

/** The policy of a master-data field of a person or a unit, as a JSON leaf. */
function masterDataPolicy(subjectKind: SubjectKind, field: string): JsonPolicy | undefined {
  const type = PERSONAL_DATA_POLICY[subjectKind === 'INDIVIDUAL' ? 'Individual' : 'Organization'];
  const entry = Object.hasOwn(type.fields, field) ? type.fields[field] : undefined;
  if (!entry) return undefined;
  if (entry.kind === 'public') return { leaf: false };
  if (entry.kind === 'personal') return { leaf: entry.mask };
  return undefined;
}

/**
 * What a discrepancy's value is, from the key it was declared under
 * (src/services/consistency.service.ts): a master-data field of the applicant
 * (`personalId`), a field of the documents of one type (`GKS.fatherName`), or a
 * field of any linked document (`fatherName`: as the catalog declares that key,
 * the same way in every type that has it). Anything else is free text.
 */
export function discrepancyKeyPolicy(field: string, subject: SubjectRef | null, env: PolicyEnv): JsonPolicy {
  const dot = field.indexOf('.');
  if (dot > 0) return keyOf(env.documentTypeByCode(field.slice(0, dot))?.metadataSchema, field.slice(dot + 1)) ?? UNDECLARED;
  const master = subject ? masterDataPolicy(subject.kind, field) : undefined;
  if (master) return master;
  const declared = new Set<string>();
  let found: JsonPolicy | undefined;
  for (const type of env.documentTypes()) {
    const policy = keyOf(type.metadataSchema, field);
    if (policy) {
      declared.add(JSON.stringify(policy));
      found = policy;
    }
  }
  return found && declared.size === 1 ? found : UNDECLARED;
}

// --- Search highlights and downloads ------------------------------------------------------------

/** A search hit's highlights are cut from this field of the hit (src/search/documents.ts `display`). */
export const HIGHLIGHT_SOURCES: Readonly<Record<SearchKindName, { type: string; field: string }>> = {
  INDIVIDUAL: { type: 'Individual', field: 'fullName' },
  ORGANIZATION: { type: 'Organization', field: 'name' },
  DOCUMENT: { type: 'DigitizedDocument', field: 'title' },
  DOSSIER: { type: 'AdministrativeProcedure', field: 'name' },
};

/** GraphQL type of each kind of hit. */
export const HIT_TYPES: Readonly<Record<SearchKindName, string>> = {
  INDIVIDUAL: 'Individual',
  ORGANIZATION: 'Organization',
  DOCUMENT: 'DigitizedDocument',
  DOSSIER: 'Dossier',
};

export interface DownloadPolicy {
  /** GraphQL type of the object whose bytes are served; its subject is the subject of the download. */
  type: string;
  /** Access log field name. */
  logAs: string;
  /** Scopes a partner needs besides `personal-data:read`: those that open the object in the graph. */
  partnerScopes: readonly PartnerScope[];
}

/**
 * Files served over HTTP. A scan is the paper itself, all of it personal: it
 * has no masked form, so only a viewer who reads the document's personal data
 * in clear downloads it, and every download is recorded.
 */
export const DOWNLOADS: Readonly<Record<string, DownloadPolicy>> = {
  'GET /files/documents/:code': { type: 'DigitizedDocument', logAs: 'document.file', partnerScopes: ['documents:read'] },
};

// --- The declaration ----------------------------------------------------------------------------

const CONNECTION = publicType(['totalCount'], ['edges', 'pageInfo']);
const INDICATORS = [
  'dossiersReceived', 'componentsReused', 'componentsScanned', 'componentsScannedFromCopy', 'componentsNotDigitized', 'reuseRate', 'dossiersOverdue',
  'dossiersAwaitingOverdueVerification',
];
const EDGE = publicType(['cursor'], ['node']);

export const PERSONAL_DATA_POLICY: Readonly<Record<string, TypePolicy>> = {
  Query: {
    fields: {
      accessEvents: edge('access-log:read'),
      childHealthInsuranceCard: edge('documents:read'),
      digitizationStats: edge('closed'),
      document: edge('documents:read'),
      documentTypes: edge('closed'),
      dossier: edge('closed'),
      errorReference: edge('closed'),
      dossiers: edge('closed'),
      individual: edge('individuals:read'),
      node: edge('closed'),
      organization: edge('organizations:read'),
      portalSyncStatus: edge('closed'),
      procedure: edge('closed'),
      procedureResult: edge('documents:read'),
      procedures: edge('closed'),
      reusableEvidence: edge('closed'),
      search: edge('closed'),
      workingCalendar: edge('closed'),
    },
  },
  Mutation: {
    fields: {
      amendWorkingCalendar: edge('closed'),
      // A connected system pushes the answer to a verification addressed to it (Decision 1333, Art. 13.4).
      answerVerification: edge('verifications:answer'),
      checkConsistency: edge('closed'),
      decideNotDigitizing: edge('closed'),
      digitizeComponent: edge('closed'),
      proposeNotDigitizing: edge('closed'),
      receiveDossier: edge('closed'),
      // Birth registration interlinked with the child's health insurance card (Decision 3509/QĐ-BHXH).
      registerBirth: edge('documents:share'),
      requestSupplement: edge('closed'),
      requestVerification: edge('closed'),
      resolveDossier: edge('closed'),
      returnResult: edge('closed'),
      reuseDocument: edge('closed'),
      shareDocument: edge('documents:share'),
      submitForProcessing: edge('closed'),
      upsertIndividual: edge('closed'),
      upsertOrganization: edge('closed'),
    },
  },

  // A citizen: basic personal data (Decree 13/2023, Art. 2.3).
  Individual: {
    subject: (i) => (idOf(i) ? { kind: 'INDIVIDUAL', id: idOf(i)! } : null),
    fields: {
      id: notPersonal('an opaque row id, meaningless outside the warehouse'),
      personalId: personal('identifier'),
      socialInsuranceCode: personal('code'),
      fullName: personal('name'),
      dateOfBirth: personal('withheld'),
      gender: personal('withheld'),
      householdCode: personal('code'),
      hasPortalAccount: notPersonal('whether a portal account exists, nothing of the account'),
      residence: edge(),
      documents: edge('documents:read'),
      // A person's dossiers link papers of every kind: partners read them only through a root field that opens them.
      dossiers: edge('closed'),
    },
  },
  // A unit (legal person): its register data is public (enterprise and tax registers); the people in its papers are not.
  Organization: {
    subject: (o) => (idOf(o) ? { kind: 'ORGANIZATION', id: idOf(o)! } : null),
    fields: {
      id: PUBLIC,
      unitCode: PUBLIC,
      taxCode: notPersonal("a unit's tax code is published by the tax register"),
      name: PUBLIC,
      address: notPersonal("a unit's registered address"),
      hasTransactionAccount: PUBLIC,
      residence: edge(),
      documents: edge('documents:read'),
      dossiers: edge('closed'),
    },
  },
  // Where a party lives: the province is coarse and reported on; the commune is the person's address.
  AdministrativeArea: {
    subject: (a) => a.subject ?? null,
    fields: {
      provinceCode: notPersonal('province of residence: reporting level, not an address'),
      provinceName: notPersonal('province of residence: reporting level, not an address'),
      communeCode: personal('withheld', 'residence'),
      communeName: personal('withheld', 'residence'),
    },
  },
  DigitizedDocument: {
    subject: (d) => partyOf(d.ownerIndividual, d.ownerOrganization),
    logPrefix: 'document.',
    fields: {
      id: PUBLIC,
      code: notPersonal('the digitization result code: a reference, not the paper number'),
      title: personal('prose'),
      issuedBy: notPersonal('the issuing authority'),
      issuedOn: notPersonal("the paper's date, for validity and reuse"),
      validUntil: notPersonal("the paper's validity, for reuse"),
      status: PUBLIC,
      source: PUBLIC,
      digitizedAt: PUBLIC,
      reuseCount: PUBLIC,
      metadata: { kind: 'json', keys: (d, env) => metadataPolicy(env.documentType(idOf(d.documentType) ?? '')?.metadataSchema) },
      documentType: edge(),
      owner: edge(),
      file: edge(),
      signature: edge(),
      digitizedBy: edge(),
      originDossier: edge(),
    },
  },
  StoredFile: publicType(['sha256', 'mediaType', 'byteSize', 'pageCount', 'downloadUrl']),
  DocumentSignature: publicType(['format', 'signedAt', 'certificateFingerprint', 'valid'], ['signedBy']),
  Dossier: {
    subject: (d) => partyOf(d.applicantIndividual, d.applicantOrganization),
    fields: {
      id: PUBLIC,
      code: notPersonal("agency, day and sequence: nothing of the applicant"),
      channel: PUBLIC,
      status: PUBLIC,
      receivedAt: PUBLIC,
      dueAt: PUBLIC,
      dueOn: PUBLIC,
      reuseRate: PUBLIC,
      allowedTransitions: edge(),
      resultChannels: notPersonal('how the result is returned: the portal, the desk or the post'),
      // Where the applicant (or someone for them) receives mail.
      postalAddress: personal('withheld', 'dossier.postalAddress'),
      applicant: edge(),
      procedure: edge(),
      receivedBy: edge(),
      components: edge(),
      discrepancies: edge(),
      history: edge(),
      verifications: edge(),
      result: edge(),
    },
  },
  DossierComponent: {
    fields: {
      provision: PUBLIC,
      providedAt: PUBLIC,
      originalAlsoScanned: PUBLIC,
      paperKeptAt: notPersonal("the agency's archive or shelf that keeps the paper"),
      requirement: edge(),
      document: edge(),
      providedBy: edge(),
      nonDigitizationProposals: edge(),
    },
  },
  // Why a paper stays on paper: written about the applicant's paper, it may name them or what it says.
  NonDigitizationProposal: {
    subject: (p) => {
      const component = loaded(p.component);
      return component ? dossierApplicant(component.dossier) : null;
    },
    logPrefix: 'dossier.nonDigitization.',
    fields: {
      status: PUBLIC,
      reason: personal('text'),
      paperKeptAt: notPersonal("the agency's archive or shelf that keeps the paper"),
      proposedAt: PUBLIC,
      decidedAt: PUBLIC,
      decisionReason: personal('text'),
      proposedBy: edge(),
      decidedBy: edge(),
      component: edge(),
    },
  },
  // A question to another agency about the applicant, and its answer (Decision 1333, Art. 13.4).
  Verification: {
    subject: (v) => dossierApplicant(v.dossier),
    logPrefix: 'dossier.verification.',
    fields: {
      code: notPersonal('the dossier code and a number'),
      agency: notPersonal('the agency asked'),
      connectedSystem: notPersonal("the name of that agency's system"),
      question: personal('text'),
      dueOn: PUBLIC,
      requestedAt: PUBLIC,
      outcome: notPersonal('confirmed or not: reached only through the dossier or by the answering system'),
      answer: personal('text'),
      answeredAt: PUBLIC,
      requestedBy: edge(),
      answerRecordedBy: edge(),
      document: edge(),
    },
  },
  DossierStatusChange: {
    subject: (c) => dossierApplicant(c.dossier),
    logPrefix: 'dossier.history.',
    fields: { from: PUBLIC, to: PUBLIC, at: PUBLIC, note: personal('text'), by: edge() },
  },
  ProcedureResult: {
    subject: (r) => dossierApplicant(r.dossier),
    logPrefix: 'result.',
    fields: {
      code: PUBLIC,
      decision: notPersonal('approved or rejected: reached only through the result code or the dossier'),
      reason: personal('text'),
      decidedAt: PUBLIC,
      returnedAt: PUBLIC,
      deliveredElectronicallyAt: PUBLIC,
      returnChannel: PUBLIC,
      // Who took the paper: the applicant, a representative, an addressee.
      returnedTo: personal('name'),
      document: edge(),
      decidedBy: edge(),
      returnedBy: edge(),
    },
  },
  // Finding A of issue 11: declared and stored values are masked as the field they belong to.
  Discrepancy: {
    subject: (d) => dossierApplicant(d.dossier),
    logPrefix: 'discrepancy.',
    fields: {
      field: notPersonal('the name of the compared field'),
      declared: { kind: 'keyed', keyPolicy: (d, subject, env) => discrepancyKeyPolicy(String(d.field), subject, env) },
      stored: { kind: 'keyed', keyPolicy: (d, subject, env) => discrepancyKeyPolicy(String(d.field), subject, env) },
      document: edge(),
    },
  },
  ChildHealthInsuranceCard: {
    subject: (c) => (typeof c.childId === 'string' ? { kind: 'INDIVIDUAL', id: c.childId } : null),
    logPrefix: 'healthInsuranceCard.',
    fields: {
      birthCertificateNumber: personal('code'),
      status: PUBLIC,
      cardNumber: personal('code'),
      // A child's card runs from birth to the day before the sixth birthday: both dates tell the birth date.
      validFrom: personal('withheld'),
      validTo: personal('withheld'),
      waitingReason: personal('text'),
      child: edge(),
      birthCertificate: edge(),
      dossier: edge(),
      card: edge(),
    },
  },
  Officer: {
    fields: {
      id: PUBLIC,
      code: notPersonal('the code an officer acts under: recorded on every act they sign'),
      fullName: notPersonal('an officer acting in office is named on the acts they sign'),
      agencyCode: PUBLIC,
    },
  },
  AccessEvent: publicType(['at', 'actor', 'operation', 'purpose', 'fields'], ['subject']),
  AccessEventConnection: CONNECTION,
  AccessEventEdge: EDGE,
  DigitizedDocumentConnection: CONNECTION,
  DigitizedDocumentEdge: EDGE,
  DossierConnection: CONNECTION,
  DossierEdge: EDGE,
  PageInfo: publicType(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']),
  AdministrativeProcedure: publicType(['id', 'code', 'name', 'field', 'processingDays', 'processingDaysKind', 'applicantKind', 'electronicResult'], ['requiredComponents', 'resultDocumentType']),
  ErrorReasonReference: publicType(['reason', 'code', 'httpStatus', 'vi', 'en', 'fields']),
  DossierTransition: publicType(['to', 'step', 'mutations', 'decision']),
  RequiredComponent: publicType(['code', 'name', 'mandatory'], ['documentType']),
  DocumentType: publicType(['id', 'code', 'name', 'metadataSchema', 'validityMonths']),
  EvidenceMatch: publicType([], ['requirement', 'candidates']),
  DigitizationStats: publicType([...INDICATORS], ['breakdown']),
  DigitizationStatsBucket: publicType(['key', 'label', ...INDICATORS]),
  PortalSyncStatus: publicType(['dossierCode', 'delivered', 'waiting'], ['events']),
  PortalSyncDelivery: publicType(['eventId', 'from', 'to', 'at', 'attempts', 'deliveredAt', 'nextAttemptAt', 'lastError']),
  SearchResultConnection: publicType(['totalCount', 'totalCountExact', 'indexedThrough', 'fromFallback'], ['edges', 'pageInfo', 'facets']),
  SearchResultEdge: {
    subject: (e) => (e.kind && e.node ? subjectOf(HIT_TYPES[e.kind as SearchKindName], e.node) : null),
    logPrefix: 'search.',
    fields: {
      cursor: PUBLIC,
      score: PUBLIC,
      node: edge(),
      // Cut from the hit's name or title: shown as that field is shown.
      highlights: { kind: 'derived', source: (e) => HIGHLIGHT_SOURCES[e.kind as SearchKindName] },
    },
  },
  // The working calendar: days of the year and who amended them (an administrator acting in office).
  WorkingCalendarYear: publicType(['year', 'stored', 'origin', 'note', 'workingDays'], ['days', 'amendments']),
  CalendarDay: publicType(['date', 'working', 'kind', 'name', 'origin', 'source']),
  CalendarDayChange: publicType(['date'], ['before', 'after']),
  CalendarAmendment: {
    fields: {
      reason: notPersonal("why the calendar changed: an announcement or a correction, about days, not people"),
      source: notPersonal('the announcement changed days come from'),
      amendedAt: PUBLIC,
      amendedBy: edge(),
      changes: edge(),
    },
  },
  Facet: publicType(['field'], ['buckets']),
  FacetBucket: publicType(['key', 'count']),
};

/** The subject of an object of a GraphQL type, by the type's policy. */
export function subjectOf(typeName: string, row: Row): SubjectRef | null {
  const type = Object.hasOwn(PERSONAL_DATA_POLICY, typeName) ? PERSONAL_DATA_POLICY[typeName] : undefined;
  return type?.subject ? type.subject(row) : null;
}

/** The entry of `Type.field`, if the policy has one. */
export function fieldPolicy(typeName: string, field: string): FieldPolicy | undefined {
  const type = Object.hasOwn(PERSONAL_DATA_POLICY, typeName) ? PERSONAL_DATA_POLICY[typeName] : undefined;
  return type && Object.hasOwn(type.fields, field) ? type.fields[field] : undefined;
}

/** The access log's name of a personal field. */
export function logNameOf(typeName: string, field: string): string {
  const entry = fieldPolicy(typeName, field);
  const explicit = entry && 'logAs' in entry ? entry.logAs : undefined;
  return explicit ?? `${PERSONAL_DATA_POLICY[typeName]?.logPrefix ?? ''}${field}`;
}

/** `Type.field` → the scope a partner needs to select it (root fields not listed are closed to partners). */
export function partnerFieldScopes(): Record<string, PartnerScope> {
  const scopes: Record<string, PartnerScope> = {};
  for (const [typeName, type] of Object.entries(PERSONAL_DATA_POLICY)) {
    for (const [field, entry] of Object.entries(type.fields)) {
      if (entry.kind === 'edge' && entry.partners && entry.partners !== 'closed') scopes[`${typeName}.${field}`] = entry.partners;
    }
  }
  return scopes;
}

/** Nested fields partners may never select (root fields are closed unless a scope opens them). */
export function partnerClosedFields(): Set<string> {
  const closed = new Set<string>();
  for (const [typeName, type] of Object.entries(PERSONAL_DATA_POLICY)) {
    for (const [field, entry] of Object.entries(type.fields)) {
      if (entry.kind === 'edge' && entry.partners === 'closed') closed.add(`${typeName}.${field}`);
    }
  }
  return closed;
}
