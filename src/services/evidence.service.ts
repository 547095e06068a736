/**
 * Evidence: what the warehouse already holds that can stand in for a new paper
 * (Decree 45/2020: no agency asks again for what the State holds), and how a
 * connected system puts an electronic document into it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { QueryOrder, raw } from '@mikro-orm/postgresql';
import type { Context } from '../context.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { DocumentType } from '../entities/document-type.entity.js';
import { Individual } from '../entities/individual.entity.js';
import { Agency } from '../entities/agency.entity.js';
import { StoredFile } from '../entities/stored-file.entity.js';
import type { AdministrativeProcedure } from '../entities/procedure.entity.js';
import { DocumentSource, DocumentStatus, OfficerRole, PartyKind } from '../entities/enums.js';
import { CENTRAL_AGENCY } from '../catalog/agencies.js';
import { formatDigitizationCode } from '../domain/codes.js';
import { addMonths, vietnamDate } from '../domain/dates.js';
import { documentSequenceScope } from '../domain/sequence-scopes.js';
import { DomainError, badInput } from '../domain/errors.js';
import type { PartyRef } from '../schema/types.js';
import { EvidenceMatch, type ShareDocumentInput } from '../schema/process-types.js';
import { getProcedure } from './catalog.service.js';
import { getParty, ownerColumns, type Party } from './party.service.js';
import { checkMetadata } from './metadata-validation.js';
import { currentOfficer, requireRole } from './officers.js';
import { nextSequence } from './sequences.js';
import { inTransaction } from './transactions.js';

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

/**
 * For each required component of a procedure, the owner's documents that can be
 * reused: same type, VALID, not past validUntil (Vietnam day), any source; best
 * first (newest issued, then signed, then most reused, then newest digitized).
 * One query fetches the candidates of every component, grouped here.
 */
export async function reusableEvidence(ctx: Context, procedureCode: string, ownerRef: PartyRef): Promise<EvidenceMatch[]> {
  const procedure = await getProcedure(ctx, procedureCode, ['procedureCode']);
  const owner = await getParty(ctx, ownerRef, ['owner']);
  checkApplicantKind(procedure, owner, ['owner']);
  const requirements = (await procedure.requiredComponents.load()).getItems();
  const typeIds = [...new Set(requirements.map((r) => r.documentType.id))];
  const today = vietnamDate(new Date());
  const documents = typeIds.length === 0 ? [] : await ctx.em.find(
    DigitizedDocument,
    {
      ...ownerColumns(owner, 'owner'),
      documentType: { $in: typeIds },
      status: DocumentStatus.VALID,
      $or: [{ validUntil: null }, { validUntil: { $gte: today } }],
    },
    {
      orderBy: [
        { issuedOn: QueryOrder.DESC_NULLS_LAST },
        { [raw((alias) => `(${alias}.signed_at is not null)`)]: QueryOrder.DESC },
        { reuseCount: QueryOrder.DESC },
        { digitizedAt: QueryOrder.DESC },
        { id: QueryOrder.DESC },
      ],
    },
  );
  return requirements.map((requirement) =>
    Object.assign(new EvidenceMatch(), { requirement, candidates: documents.filter((d) => d.documentType.id === requirement.documentType.id) }),
  );
}

export async function getDocumentType(em: EntityManager, code: string, argumentPath: (string | number)[]): Promise<DocumentType> {
  const type = await em.findOne(DocumentType, { code: code.trim() });
  if (!type) throw new DomainError('DOCUMENT_TYPE_NOT_FOUND', `No document type has the code ${code}`, { argumentPath });
  return type;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An uploaded file by the id `POST /files` answered. */
export async function getStoredFile(em: EntityManager, id: string, argumentPath: (string | number)[]): Promise<StoredFile> {
  const file = UUID.test(id.trim()) ? await em.findOne(StoredFile, { id: id.trim().toLowerCase() }) : null;
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

/** Sources a connected system may share; scans and procedure results enter only through the dossier process. */
const SHAREABLE_SOURCES: readonly DocumentSource[] = [DocumentSource.CONNECTED_SYSTEM, DocumentSource.NATIONAL_PORTAL, DocumentSource.ELECTRONIC];

/** Partners holding this scope may share documents (partner clients: see the partner authentication). */
export const SHARE_SCOPE = 'documents:share';

/**
 * A connected ministry system or the national portal puts an electronic document
 * into the warehouse for its owner, so later dossiers reuse it instead of asking
 * for the paper. Administrators may do it by hand; partners with `documents:share`
 * share under the central office's code, administrators under their agency's.
 */
export async function share(ctx: Context, input: ShareDocumentInput): Promise<DigitizedDocument> {
  const partner = ctx.viewer.kind === 'partner' && ctx.viewer.scopes.includes(SHARE_SCOPE);
  if (!partner) requireRole(ctx, [OfficerRole.ADMIN], 'share documents into the warehouse');
  if (!SHAREABLE_SOURCES.includes(input.source)) {
    throw badInput(['input', 'source'], `Only ${SHAREABLE_SOURCES.join(', ')} documents are shared; scans and results enter through a dossier`);
  }
  const title = input.title.trim();
  if (!title) throw badInput(['input', 'title'], 'The title must not be blank');
  return inTransaction(ctx, async (em) => {
    const tx = { ...ctx, em };
    const officer = partner ? null : await currentOfficer(tx, em);
    const agency = officer ? officer.agency.getEntity() : await em.findOneOrFail(Agency, { code: CENTRAL_AGENCY.code });
    const owner = await getParty(tx, input.owner, ['input', 'owner']);
    const type = await getDocumentType(em, input.documentTypeCode, ['input', 'documentTypeCode']);
    if (type.ownerKind !== partyKind(owner)) {
      throw new DomainError('PARTY_KIND_MISMATCH', `Documents of type ${type.code} belong to an ${type.ownerKind.toLowerCase()}`, { argumentPath: ['input', 'owner'] });
    }
    checkMetadata(type, input.metadata, ['input', 'metadata']);
    const file = input.fileId ? await getStoredFile(em, input.fileId, ['input', 'fileId']) : null;
    const now = new Date();
    const today = vietnamDate(now);
    const issuedOn = input.issuedOn ?? null;
    const validUntil = input.validUntil ?? defaultValidUntil(type, issuedOn ?? today);
    checkValidityPeriod(issuedOn, validUntil, ['input', 'validUntil']);
    return em.create(DigitizedDocument, {
      code: await issueDocumentCode(em, agency.code, type.code, now),
      documentType: type,
      ...ownerColumns(owner, 'owner'),
      title,
      issuedBy: input.issuedBy?.trim() || null,
      issuedOn,
      validUntil,
      status: documentStatusOn(validUntil, today),
      source: input.source,
      metadata: input.metadata,
      file,
      digitizedAt: now,
      digitizedBy: officer,
      agency,
    });
  });
}
