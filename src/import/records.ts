/**
 * What one line of an import file may hold, checked by the same rules the graph
 * applies to the same data (identifiers, names, the catalog, metadata schemas):
 * each function takes the parsed JSON of a line and returns the row to stage, or
 * every reason it is refused ("field: reason").
 *
 * The line formats are the generator's records (seed/generate.ts): IndividualRecord,
 * OrganizationRecord and DocumentRecord, a document optionally with `file`, the
 * scan it was digitized from (a file already in the content-addressed store).
 */
import { uuidv7 } from '../domain/ids.js';
import { parseDigitizationCode } from '../domain/codes.js';
import {
  isSocialInsuranceCode,
  normalizeDigits,
  normalizeOpaqueCode,
  validatePersonalId,
  validateTaxCode,
} from '../domain/identifiers.js';
import type { DocumentType } from '../entities/document-type.entity.js';
import { DocumentSource, DocumentStatus, Gender, PartyKind } from '../entities/enums.js';
import { FILE_EXTENSION } from '../files/media-type.js';
import { calendarDateProblem, instantProblem, parseInstant, vietnamDate, type DateRule } from '../domain/dates.js';
import { checkJsonValue, textProblem, type TextKind } from '../domain/text.js';
import { normalizeName } from '../search/fold-vietnamese.js';
import { checkValidityPeriod } from '../services/core/documents.js';
import { metadataViolations } from '../services/core/metadata-validation.js';

export type ImportKind = 'individuals' | 'organizations' | 'documents';
export const IMPORT_KINDS: readonly ImportKind[] = ['individuals', 'organizations', 'documents'];

/** The catalog as the importer needs it, loaded once per run from the warehouse. */
export interface ImportCatalog {
  provinces: ReadonlySet<string>;
  /** Commune code → its province code. */
  communeProvince: ReadonlyMap<string, string>;
  documentTypes: ReadonlyMap<string, DocumentType>;
  /** Agency code → id. */
  agencies: ReadonlyMap<string, string>;
  /** Officer code → id. */
  officers: ReadonlyMap<string, string>;
}

export type Checked<Row> = { row: Row; reasons?: undefined } | { row?: undefined; reasons: string[] };

export interface IndividualRow {
  id: string;
  personalId: string;
  socialInsuranceCode: string | null;
  fullName: string;
  dateOfBirth: string | null;
  gender: Gender | null;
  householdCode: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  hasPortalAccount: boolean;
}

export interface OrganizationRow {
  id: string;
  unitCode: string;
  taxCode: string | null;
  name: string;
  address: string | null;
  provinceCode: string | null;
  hasTransactionAccount: boolean;
}

export interface StoredFileRef {
  id: string;
  sha256: string;
  mediaType: string;
  byteSize: number;
  pageCount: number | null;
}

export interface DocumentRow {
  id: string;
  code: string;
  documentTypeId: string;
  /** Exactly one of the two owner keys; the batch resolves it to the owner's id. */
  ownerPersonalId: string | null;
  ownerUnitCode: string | null;
  title: string;
  issuedBy: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  status: DocumentStatus;
  source: DocumentSource;
  /** The metadata as JSON text (validated, stored as jsonb). */
  metadata: string;
  digitizedAt: Date;
  digitizedById: string | null;
  agencyId: string;
  originDossierCode: string | null;
  file: StoredFileRef | null;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Collects reasons while reading one record's fields. */
class Fields {
  readonly reasons: string[] = [];

  constructor(private readonly record: Record<string, unknown>) {}

  fail(field: string, reason: string): null {
    this.reasons.push(`${field}: ${reason}`);
    return null;
  }

  /** A string field, or null when absent/null; a wrong type, a refused character or too long a text is a reason (the graph's text rules). */
  text(field: string, required = false, kind: TextKind = 'code'): string | null {
    const value = this.record[field];
    if (value === undefined || value === null) return required ? this.fail(field, 'is required') : null;
    if (typeof value !== 'string') return this.fail(field, `must be a string, got ${typeof value}`);
    const problem = textProblem(value, kind);
    return problem ? this.fail(field, problem) : value;
  }

  /** A name or line of text as stored (NFC, single spaces); blank is refused when required. */
  name(field: string, required = false, kind: TextKind = 'line'): string | null {
    const value = this.text(field, required, kind);
    if (value === null) return null;
    const name = normalizeName(value);
    if (!name) return required ? this.fail(field, 'must not be blank') : null;
    return name;
  }

  /** A calendar day in its plausible range (the graph's date rules). */
  date(field: string, rule: DateRule, today = vietnamDate(new Date())): string | null {
    const value = this.text(field);
    if (value === null) return null;
    const problem = calendarDateProblem(value, rule, today);
    return problem ? this.fail(field, problem) : value;
  }

  boolean(field: string): boolean {
    const value = this.record[field];
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean') return this.fail(field, 'must be true or false') ?? false;
    return value;
  }

  oneOf<T extends string>(field: string, values: Record<string, T>, required = false): T | null {
    const value = this.text(field, required);
    if (value === null) return null;
    const allowed = Object.values(values);
    return allowed.includes(value as T) ? (value as T) : this.fail(field, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }

  province(field: string, catalog: ImportCatalog): string | null {
    const code = this.text(field);
    if (code === null) return null;
    return catalog.provinces.has(code) ? code : this.fail(field, `no province has the code ${JSON.stringify(code)} (two digits, e.g. "01")`);
  }

  raw(field: string): unknown {
    return this.record[field];
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function done<Row>(fields: Fields, build: () => Row): Checked<Row> {
  return fields.reasons.length > 0 ? { reasons: fields.reasons } : { row: build() };
}

/** A citizen: the rules of `upsertIndividual` (master-data.service.ts). */
export function checkIndividual(value: unknown, catalog: ImportCatalog, today: string): Checked<IndividualRow> {
  const record = asObject(value);
  if (!record) return { reasons: ['the line is not a JSON object'] };
  const f = new Fields(record);
  const rawId = f.text('personalId', true);
  const personalId = rawId === null ? null : normalizeDigits(rawId);
  const fullName = f.name('fullName', true, 'personName');
  const dateOfBirth = f.date('dateOfBirth', 'past', today);
  const gender = f.oneOf('gender', Gender);
  if (personalId !== null) {
    const problem = validatePersonalId(personalId, { dateOfBirth: dateOfBirth ?? undefined, gender: gender ?? undefined });
    if (problem) f.fail('personalId', problem);
  }
  const rawSi = f.text('socialInsuranceCode');
  const socialInsuranceCode = rawSi === null ? null : normalizeDigits(rawSi);
  if (socialInsuranceCode !== null && !isSocialInsuranceCode(socialInsuranceCode)) f.fail('socialInsuranceCode', 'must be exactly 10 digits');
  const rawHousehold = f.text('householdCode');
  const householdCode = rawHousehold ? normalizeOpaqueCode(rawHousehold) : null;
  if (rawHousehold && !householdCode) f.fail('householdCode', 'must be 1–20 letters, digits, dots or hyphens');
  let provinceCode = f.province('provinceCode', catalog);
  const communeCode = f.text('communeCode');
  if (communeCode !== null) {
    const communeProvince = catalog.communeProvince.get(communeCode);
    if (!communeProvince) f.fail('communeCode', `no commune has the code ${JSON.stringify(communeCode)}`);
    else if (provinceCode === null && record.provinceCode === undefined) provinceCode = communeProvince;
    else if (communeProvince !== provinceCode) f.fail('communeCode', `commune ${communeCode} is not in province ${provinceCode ?? '(none)'}`);
  }
  const hasPortalAccount = f.boolean('hasPortalAccount');
  return done(f, () => ({
    id: uuidv7(),
    personalId: personalId!,
    socialInsuranceCode: socialInsuranceCode || null,
    fullName: fullName!,
    dateOfBirth,
    gender,
    householdCode,
    provinceCode,
    communeCode,
    hasPortalAccount,
  }));
}

/** A unit: the rules of `upsertOrganization` (master-data.service.ts). */
export function checkOrganization(value: unknown, catalog: ImportCatalog): Checked<OrganizationRow> {
  const record = asObject(value);
  if (!record) return { reasons: ['the line is not a JSON object'] };
  const f = new Fields(record);
  const rawUnit = f.text('unitCode', true);
  const unitCode = rawUnit === null ? null : normalizeOpaqueCode(rawUnit);
  if (rawUnit !== null && !unitCode) f.fail('unitCode', 'must be 1–20 letters, digits, dots or hyphens');
  const rawTax = f.text('taxCode');
  const taxCode = rawTax ? normalizeDigits(rawTax) : null;
  if (taxCode) {
    const problem = validateTaxCode(taxCode);
    if (problem) f.fail('taxCode', problem);
  }
  const name = f.name('name', true, 'organizationName');
  const address = f.name('address');
  const provinceCode = f.province('provinceCode', catalog);
  const hasTransactionAccount = f.boolean('hasTransactionAccount');
  return done(f, () => ({ id: uuidv7(), unitCode: unitCode!, taxCode, name: name!, address, provinceCode, hasTransactionAccount }));
}

function checkFile(f: Fields): StoredFileRef | null {
  const value = f.raw('file');
  if (value === undefined || value === null) return null;
  const file = asObject(value);
  if (!file) return f.fail('file', 'must be an object { sha256, mediaType, byteSize, pageCount? }');
  const { sha256, mediaType, byteSize, pageCount } = file;
  let ok = true;
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) ok = f.fail('file.sha256', 'must be 64 lower-case hexadecimal digits') ?? false;
  if (typeof mediaType !== 'string' || !(mediaType in FILE_EXTENSION)) {
    ok = f.fail('file.mediaType', `must be one of ${Object.keys(FILE_EXTENSION).join(', ')}`) ?? false;
  }
  if (!Number.isSafeInteger(byteSize) || (byteSize as number) <= 0) ok = f.fail('file.byteSize', 'must be a positive integer') ?? false;
  if (pageCount !== undefined && pageCount !== null && (!Number.isSafeInteger(pageCount) || (pageCount as number) <= 0)) {
    ok = f.fail('file.pageCount', 'must be a positive integer') ?? false;
  }
  if (!ok) return null;
  return { id: uuidv7(), sha256: sha256 as string, mediaType: mediaType as string, byteSize: byteSize as number, pageCount: (pageCount as number | undefined) ?? null };
}

/**
 * A digitized document: a well-formed code, a catalog type whose owner kind
 * matches the owner, metadata valid against the type's schema, a validity
 * period that does not end before it starts (the rules of `share` and of the
 * dossier process). The owner is checked to exist by the batch.
 */
export function checkDocument(value: unknown, catalog: ImportCatalog): Checked<DocumentRow> {
  const record = asObject(value);
  if (!record) return { reasons: ['the line is not a JSON object'] };
  const f = new Fields(record);
  const code = f.text('code', true);
  const parsedCode = code === null ? null : parseDigitizationCode(code);
  if (code !== null && !parsedCode) f.fail('code', 'is not a digitization result code <agency>.<type>.<YYMMDD>.<sequence>');

  const typeCode = f.text('documentTypeCode', true);
  const type = typeCode === null ? undefined : catalog.documentTypes.get(typeCode);
  if (typeCode !== null && !type) f.fail('documentTypeCode', `no document type has the code ${JSON.stringify(typeCode)}`);

  const owner = asObject(record.owner);
  let ownerPersonalId: string | null = null;
  let ownerUnitCode: string | null = null;
  if (!owner) f.fail('owner', 'is required: { personalId } or { unitCode }');
  else if (typeof owner.personalId === 'string' && owner.unitCode === undefined) {
    ownerPersonalId = normalizeDigits(owner.personalId);
    const problem = validatePersonalId(ownerPersonalId);
    if (problem) f.fail('owner.personalId', problem);
  } else if (typeof owner.unitCode === 'string' && owner.personalId === undefined) {
    ownerUnitCode = normalizeOpaqueCode(owner.unitCode);
    if (!ownerUnitCode) f.fail('owner.unitCode', 'must be 1–20 letters, digits, dots or hyphens');
  } else f.fail('owner', 'give exactly one of personalId, unitCode');
  const ownerKind = ownerPersonalId !== null ? PartyKind.INDIVIDUAL : ownerUnitCode !== null ? PartyKind.ORGANIZATION : null;
  if (type && ownerKind && type.ownerKind !== ownerKind) {
    f.fail('owner', `documents of type ${type.code} belong to an ${type.ownerKind.toLowerCase()}`);
  }

  const title = f.name('title', true);
  const issuedBy = f.name('issuedBy');
  const issuedOn = f.date('issuedOn', 'past');
  const validUntil = f.date('validUntil', 'any');
  try {
    checkValidityPeriod(issuedOn, validUntil, []);
  } catch (error) {
    f.fail('validUntil', (error as Error).message);
  }
  const status = f.oneOf('status', DocumentStatus) ?? DocumentStatus.VALID;
  const source = f.oneOf('source', DocumentSource, true);

  const metadata = record.metadata;
  try {
    checkJsonValue(metadata, ['metadata']);
  } catch (error) {
    f.fail('metadata', (error as Error).message);
  }
  if (type) {
    for (const v of metadataViolations(type, metadata)) f.fail(`metadata${v.path === '/' ? '' : v.path}`, v.message);
  }

  let digitizedAt: Date | null = null;
  try {
    digitizedAt = parseInstant(record.digitizedAt);
    const problem = instantProblem(digitizedAt);
    if (problem) digitizedAt = f.fail('digitizedAt', problem);
  } catch (error) {
    f.fail('digitizedAt', (error as Error).message);
  }

  const agencyCode = f.text('agencyCode', true);
  const agencyId = agencyCode === null ? undefined : catalog.agencies.get(agencyCode);
  if (agencyCode !== null && !agencyId) f.fail('agencyCode', `no agency has the code ${JSON.stringify(agencyCode)}`);
  else if (parsedCode && agencyCode !== null && parsedCode.agencyCode !== agencyCode) {
    f.fail('code', `names agency ${parsedCode.agencyCode}, but agencyCode is ${agencyCode}`);
  }
  const officerCode = f.text('officerCode');
  const digitizedById = officerCode === null ? null : (catalog.officers.get(officerCode) ?? null);
  if (officerCode !== null && !digitizedById) f.fail('officerCode', `no officer has the code ${JSON.stringify(officerCode)}`);
  const originDossierCode = f.text('originDossierCode');
  const file = checkFile(f);

  return done(f, () => ({
    id: uuidv7(),
    code: code!,
    documentTypeId: type!.id,
    ownerPersonalId,
    ownerUnitCode,
    title: title!,
    issuedBy,
    issuedOn,
    validUntil,
    status,
    source: source!,
    metadata: JSON.stringify(metadata),
    digitizedAt: digitizedAt!,
    digitizedById,
    agencyId: agencyId!,
    originDossierCode,
    file,
  }));
}

