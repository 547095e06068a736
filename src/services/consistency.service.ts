/**
 * Checking what the applicant declared against what the warehouse holds
 * ("đối chiếu thông tin"): the master data of the applicant and the extracted data
 * of the documents linked to the dossier. Where they differ, the paper prevails:
 * the difference is recorded as a discrepancy and nothing in the warehouse changes.
 */
import type { Context } from '../context.js';
import { Discrepancy, type Dossier } from '../entities/dossier.entity.js';
import type { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { Individual } from '../entities/individual.entity.js';
import type { Organization } from '../entities/organization.entity.js';
import { OfficerRole } from '../entities/enums.js';
import { DomainError, badInput } from '../domain/errors.js';
import { foldVietnamese } from '../search/fold-vietnamese.js';
import { loadParty, type Party } from './party.service.js';
import { CLOSED } from './core/dossier-lifecycle.js';
import { writeDossier } from './core/dossier-write.js';

/** Check a declaration: field → value as the applicant declared it (see `comparisons` for the field names). */
export interface CheckConsistencyCommand {
  dossierCode: string;
  declared: Record<string, unknown>;
}

/**
 * Master-data fields an individual's declaration may state. Maps, not objects:
 * a declared key is looked up among these fields only, never on a prototype
 * (`constructor`, `__proto__`, `toString` name nothing here).
 */
const INDIVIDUAL_FIELDS = new Map<string, (i: Individual) => unknown>([
  ['fullName', (i) => i.fullName],
  ['dateOfBirth', (i) => i.dateOfBirth],
  ['gender', (i) => i.gender],
  ['personalId', (i) => i.personalId],
  ['socialInsuranceCode', (i) => i.socialInsuranceCode],
  ['householdCode', (i) => i.householdCode],
]);

/** Master-data fields an organization's declaration may state. */
const ORGANIZATION_FIELDS = new Map<string, (o: Organization) => unknown>([
  ['name', (o) => o.name],
  ['taxCode', (o) => o.taxCode],
  ['address', (o) => o.address],
]);

/** Own properties only: a JSON key never reaches Object.prototype. */
const owns = (object: object, key: string): boolean => Object.hasOwn(object, key);

/** One declared value set against one stored value. */
interface Comparison {
  field: string;
  declared: unknown;
  stored: unknown;
  document: DigitizedDocument | null;
}

/** Names ("fullName", "name", "motherName", "employerName"...) match accent- and case-insensitively. */
function isNameField(field: string): boolean {
  return /(^n|N)ame$/.test(field.slice(field.lastIndexOf('.') + 1));
}

/** A value as text for comparing and recording: trimmed strings, dates as YYYY-MM-DD, JSON for anything else. */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.normalize('NFC').trim();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function same(field: string, declared: string | null, stored: string | null): boolean {
  if (declared === null || stored === null) return declared === stored;
  return isNameField(field) ? foldVietnamese(declared) === foldVietnamese(stored) : declared === stored;
}

function schemaFields(document: DigitizedDocument): Record<string, unknown> {
  return (document.documentType.getEntity().metadataSchema.properties ?? {}) as Record<string, unknown>;
}

/**
 * What each declared field is compared with. `<type code>.<field>` names a field of
 * the linked documents of that type (any field of the type's schema); a plain name is
 * a master-data field of the applicant and/or a field present in linked documents.
 */
function comparisons(declared: Record<string, unknown>, applicant: Party, documents: DigitizedDocument[]): Comparison[] {
  const masterData = (applicant instanceof Individual ? INDIVIDUAL_FIELDS : ORGANIZATION_FIELDS) as Map<string, (p: Party) => unknown>;
  const all: Comparison[] = [];
  const unknown: string[] = [];
  for (const [field, value] of Object.entries(declared)) {
    const found: Comparison[] = [];
    const dot = field.indexOf('.');
    if (dot > 0) {
      const [typeCode, name] = [field.slice(0, dot), field.slice(dot + 1)];
      for (const document of documents) {
        if (document.documentType.getEntity().code === typeCode && (owns(document.metadata, name) || owns(schemaFields(document), name))) {
          found.push({ field, declared: value, stored: owns(document.metadata, name) ? document.metadata[name] : undefined, document });
        }
      }
    } else {
      const read = masterData.get(field);
      if (read) found.push({ field, declared: value, stored: read(applicant), document: null });
      for (const document of documents) {
        if (owns(document.metadata, field)) found.push({ field, declared: value, stored: document.metadata[field], document });
      }
    }
    if (found.length === 0) unknown.push(field);
    all.push(...found);
  }
  if (unknown.length > 0) {
    throw badInput(['declared', unknown[0]], `Nothing in the warehouse answers the declared fields ${unknown.join(', ')}`, 'UNKNOWN_FIELD', {
      unknownFields: unknown,
      knownFields: [...masterData.keys(), ...new Set(documents.flatMap((d) => Object.keys(schemaFields(d)).map((f) => `${d.documentType.getEntity().code}.${f}`)))],
    });
  }
  return all;
}

function linkedDocuments(dossier: Dossier): DigitizedDocument[] {
  return dossier.components.getItems().flatMap((c) => (c.document ? [c.document.getEntity()] : []));
}

/**
 * Compares the declared values with the warehouse and records every difference on
 * the dossier (once: a difference already recorded is returned, not repeated).
 * Returns the differences found by this check.
 */
export function checkConsistency(ctx: Context, { dossierCode, declared }: CheckConsistencyCommand): Promise<Discrepancy[]> {
  const write = { roles: [OfficerRole.RECEIVING_OFFICER], action: 'check declared values', argumentPath: ['dossierCode'] };
  return writeDossier(ctx, dossierCode, write, async (em, dossier, officer) => {
    if (CLOSED.includes(dossier.status)) {
      throw new DomainError('INVALID_TRANSITION', `Dossier ${dossier.code} is ${dossier.status}: declarations are checked before the decision`, { currentStatus: dossier.status });
    }
    await em.populate(dossier, ['components.document.documentType', 'discrepancies']);
    const applicant = await loadParty(dossier.applicantIndividual, dossier.applicantOrganization);
    const recorded = dossier.discrepancies.getItems();
    const differences = comparisons(declared, applicant, linkedDocuments(dossier))
      .map((c) => ({ ...c, declared: asText(c.declared), stored: asText(c.stored) }))
      .filter((c) => !same(c.field, c.declared, c.stored));
    // Showing `declared` and `stored` is what reveals: the personal-data policy records it when the fields are resolved.
    return differences.map((d) =>
      recorded.find((r) => r.field === d.field && r.declared === d.declared && r.stored === d.stored && (r.document?.id ?? null) === (d.document?.id ?? null))
      ?? em.create(Discrepancy, { dossier, field: d.field, declared: d.declared, stored: d.stored, document: d.document, recordedBy: officer }),
    );
  });
}
