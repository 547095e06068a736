/**
 * Warehouse documents as the steps of the process make them: the document type
 * and uploaded file they name, their digitization result code, how long they
 * stay valid, and whether one can stand in for a paper.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DigitizedDocument } from '../../entities/digitized-document.entity.js';
import { DocumentType } from '../../entities/document-type.entity.js';
import { Individual } from '../../entities/individual.entity.js';
import { StoredFile } from '../../entities/stored-file.entity.js';
import type { AdministrativeProcedure } from '../../entities/procedure.entity.js';
import { DocumentStatus, PartyKind } from '../../entities/enums.js';
import { formatDigitizationCode } from '../../domain/codes.js';
import { addMonths } from '../../domain/dates.js';
import { documentSequenceScope } from '../../domain/sequence-scopes.js';
import { isUuid } from '../../domain/ids.js';
import { DomainError, badInput } from '../../domain/errors.js';
import type { Party } from '../party.service.js';
import { checkText } from '../../domain/text.js';
import { nextSequence } from './sequences.js';

/** What describes a paper entering the warehouse, scanned or shared. */
export interface PaperDescription {
  title: string;
  issuedBy?: string | null;
  /** Calendar day. */
  issuedOn?: string | null;
  /** Extracted data; checked against the document type's metadataSchema. */
  metadata: Record<string, unknown>;
}

/** The text rules of a paper's description (src/domain/text.ts): its title and issuer are lines. */
export function checkPaperDescription(paper: PaperDescription, argumentPath: (string | number)[]): void {
  checkText(paper.title, 'line', [...argumentPath, 'title']);
  if (paper.issuedBy) checkText(paper.issuedBy, 'line', [...argumentPath, 'issuedBy']);
}

/** Whether a document can stand in for a paper on `today` (a Vietnam day): VALID and not past its validUntil. */
export function isReusable(document: DigitizedDocument, today: string): boolean {
  return document.status === DocumentStatus.VALID && (!document.validUntil || document.validUntil >= today);
}

export function partyKind(party: Party): PartyKind {
  return party instanceof Individual ? PartyKind.INDIVIDUAL : PartyKind.ORGANIZATION;
}

/** A procedure is filed by an individual or by an organization, never by the other. */
export function checkApplicantKind(procedure: AdministrativeProcedure, party: Party, argumentPath: (string | number)[]): void {
  if (procedure.applicantKind !== partyKind(party)) {
    throw new DomainError('PARTY_KIND_MISMATCH', `Procedure ${procedure.code} is filed by an ${procedure.applicantKind.toLowerCase()}, not an ${partyKind(party).toLowerCase()}`, { argumentPath });
  }
}

export async function getDocumentType(em: EntityManager, code: string, argumentPath: (string | number)[]): Promise<DocumentType> {
  const type = await em.findOne(DocumentType, { code: code.trim() });
  if (!type) throw new DomainError('DOCUMENT_TYPE_NOT_FOUND', `No document type has the code ${code}`, { argumentPath });
  return type;
}

/** An uploaded file by the id `POST /files` answered. */
export async function getStoredFile(em: EntityManager, id: string, argumentPath: (string | number)[]): Promise<StoredFile> {
  const key = id.trim().toLowerCase();
  const file = isUuid(key) ? await em.findOne(StoredFile, { id: key }) : null;
  if (!file) throw new DomainError('FILE_NOT_FOUND', `No uploaded file has the id ${id}`, { argumentPath });
  return file;
}

/** Digitization result code ("mã kết quả số hóa") from the agency's counter of the day. */
export async function issueDocumentCode(em: EntityManager, agencyCode: string, typeCode: string, at: Date): Promise<string> {
  return formatDigitizationCode(agencyCode, typeCode, at, await nextSequence(em, documentSequenceScope(agencyCode, at)));
}

/** How long a new document stays valid: its type's validityMonths from issue; null when the type does not expire. */
export function defaultValidUntil(type: DocumentType, issuedOn: string): string | null {
  return type.validityMonths ? addMonths(issuedOn, type.validityMonths) : null;
}

/**
 * The end of validity printed on the paper (its `validTo` field, e.g. a health
 * insurance card's) wins over its type's default counted from `issuedOn`.
 */
export function printedValidUntil(type: DocumentType, metadata: Record<string, unknown>, issuedOn: string): string | null {
  return typeof metadata.validTo === 'string' ? metadata.validTo : defaultValidUntil(type, issuedOn);
}

/** A document that entered the warehouse after its end date is kept, for the record, but never offered for reuse. */
export function documentStatusOn(validUntil: string | null, today: string): DocumentStatus {
  return validUntil && validUntil < today ? DocumentStatus.EXPIRED : DocumentStatus.VALID;
}

export function checkValidityPeriod(issuedOn: string | null, validUntil: string | null, argumentPath: (string | number)[]): void {
  if (issuedOn && validUntil && validUntil < issuedOn) {
    throw badInput(argumentPath, `A document cannot expire (${validUntil}) before it is issued (${issuedOn})`);
  }
}
