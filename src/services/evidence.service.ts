/**
 * Evidence: what the warehouse already holds that can stand in for a new paper
 * (Decree 45/2020: no agency asks again for what the State holds), and how a
 * connected system puts an electronic document into it.
 */
import { QueryOrder, raw } from '@mikro-orm/postgresql';
import type { Context } from '../context.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import type { RequiredComponent } from '../entities/procedure.entity.js';
import { Agency } from '../entities/agency.entity.js';
import { DocumentSource, DocumentStatus, OfficerRole } from '../entities/enums.js';
import { CENTRAL_AGENCY } from '../catalog/agencies.js';
import { vietnamDate } from '../domain/dates.js';
import { DomainError, badInput } from '../domain/errors.js';
import { getProcedure } from './catalog.service.js';
import { getParty, ownerColumns, type PartyIdentifier } from './party.service.js';
import { checkMetadata } from './core/metadata-validation.js';
import { currentOfficer, requireRole } from './core/officers.js';
import { inTransaction } from './core/transactions.js';
import {
  checkApplicantKind, checkPaperDescription, checkValidityPeriod, defaultValidUntil, documentStatusOn, getDocumentType, getStoredFile, issueDocumentCode, partyKind,
  type PaperDescription,
} from './core/documents.js';

/** For one required component: the warehouse documents that can stand in for a new paper, best first. */
export interface ReusableEvidence {
  requirement: RequiredComponent;
  candidates: DigitizedDocument[];
}

/** Share a document ("chia sẻ"): an electronic paper a connected system puts into the warehouse for its owner. */
export interface ShareDocumentCommand extends PaperDescription {
  owner: PartyIdentifier;
  documentTypeCode: string;
  /** CONNECTED_SYSTEM, NATIONAL_PORTAL or ELECTRONIC. */
  source: DocumentSource;
  /** Default: issuedOn (or today) plus the type's validityMonths. */
  validUntil?: string | null;
  fileId?: string | null;
}

/**
 * For each required component of a procedure, the owner's documents that can be
 * reused: same type, VALID, not past validUntil (Vietnam day), any source; best
 * first (newest issued, then signed, then most reused, then newest digitized).
 * One query fetches the candidates of every component, grouped here.
 */
export async function reusableEvidence(ctx: Context, procedureCode: string, ownerRef: PartyIdentifier): Promise<ReusableEvidence[]> {
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
  return requirements.map((requirement) => ({ requirement, candidates: documents.filter((d) => d.documentType.id === requirement.documentType.id) }));
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
export async function share(ctx: Context, input: ShareDocumentCommand): Promise<DigitizedDocument> {
  checkPaperDescription(input, ['input']);
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
