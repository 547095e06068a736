/**
 * The dossier-write core: what every step that changes a dossier shares, whoever
 * takes it (an officer through the graph, the system's account in
 * interconnected procedures). One write on one dossier in one transaction
 * (`writeDossier`), opening a dossier, providing a component (by a linked
 * warehouse document or a scan), and deciding. The steps themselves live in
 * the *.service.ts files beside this folder; none of them imports another.
 */
import { raw, type EntityManager } from '@mikro-orm/postgresql';
import { ref } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { Dossier, DossierComponent, DossierStatusChange, ProcedureResult, type Verification } from '../../entities/dossier.entity.js';
import { DigitizedDocument } from '../../entities/digitized-document.entity.js';
import type { Officer } from '../../entities/officer.entity.js';
import type { Agency } from '../../entities/agency.entity.js';
import type { AdministrativeProcedure } from '../../entities/procedure.entity.js';
import { ComponentProvision, Decision, DocumentSource, DossierStatus, ResultChannel, VerificationOutcome, type OfficerRole, type SubmissionChannel } from '../../entities/enums.js';
import { formatDossierCode, formatResultCode } from '../../domain/codes.js';
import { vietnamDate } from '../../domain/dates.js';
import { dossierSequenceScope } from '../../domain/sequence-scopes.js';
import { DomainError, badInput } from '../../domain/errors.js';
import { loadOptional } from '../../db/refs.js';
import { SIGNING_REASON, signNewPdf, signScan } from '../../pki/scan-signing.js';
import { renderResultPdf } from '../../files/result-pdf.js';
import { loadParty, ownerColumns, type Party } from '../party.service.js';
import { currentOfficer, requireRole } from './officers.js';
import { PROVIDING, componentFor, loadDossierForWrite, moveDossier } from './dossier-lifecycle.js';
import { nextSequence } from './sequences.js';
import { inTransaction } from './transactions.js';
import { checkMetadata } from './metadata-validation.js';
import { dueDate } from '../working-calendar.service.js';
import { checkValidityPeriod, getStoredFile, isReusable, issueDocumentCode, printedValidUntil } from './documents.js';

/** A decision on a dossier in processing ("giải quyết"), by an approver or the system's account. */
export interface DecideCommand {
  decision: Decision;
  /** Why the dossier is rejected (required for REJECTED). */
  reason?: string | null;
  /** Id of the uploaded, signed result paper, when the result is a document. */
  resultFileId?: string | null;
  /** Data of the result paper; checked against the result type's metadataSchema. */
  resultMetadata?: Record<string, unknown> | null;
  /**
   * A rejection grounded on another agency's NEGATIVE answer (Decision 1333, Art. 13.4):
   * the code of that verification; its answer is written into the reason the applicant is told.
   */
  verificationCode?: string | null;
}

interface DossierWrite {
  roles: readonly OfficerRole[];
  /** What the officer tries to do, for the FORBIDDEN message. */
  action: string;
  /** Where the dossier code is in the arguments. */
  argumentPath: (string | number)[];
}

/**
 * Runs one write on one dossier, in one transaction: the officer must hold one of
 * the roles (FORBIDDEN otherwise) and belong to the agency that received the dossier.
 */
export async function writeDossier<T>(
  ctx: Context,
  dossierCode: string,
  write: DossierWrite,
  work: (em: EntityManager, dossier: Dossier, officer: Officer, now: Date) => T | Promise<T>,
): Promise<T> {
  requireRole(ctx, write.roles, write.action);
  return inTransaction(ctx, async (em) => {
    const officer = await currentOfficer(ctx, em);
    const dossier = await loadDossierForWrite(ctx, em, dossierCode, officer, write.argumentPath);
    return work(em, dossier, officer, new Date());
  });
}

/**
 * Opens a dossier at an agency: its code from the agency's counter of the day, the
 * due date, one pending component per required component and the RECEIVED entry.
 * `by` is the receiving officer, or the system's account for interconnected procedures.
 */
export async function openDossier(
  em: EntityManager,
  args: {
    procedure: AdministrativeProcedure;
    applicant: Party;
    channel: SubmissionChannel;
    agency: Agency;
    by: Officer;
    idempotencyKey: string;
    at: Date;
    /** How the applicant receives the result; default: on paper at the desk. */
    resultChannels?: ResultChannel[];
    postalAddress?: string | null;
  },
): Promise<Dossier> {
  const { procedure, agency, at } = args;
  const requirements = (await procedure.requiredComponents.load()).getItems();
  const dossier = em.create(Dossier, {
    code: formatDossierCode(agency.code, at, await nextSequence(em, dossierSequenceScope(agency.code, at))),
    procedure,
    ...ownerColumns(args.applicant, 'applicant'),
    channel: args.channel,
    agency,
    province: agency.province,
    receivedAt: at,
    receivedBy: args.by,
    // The catalog's processing days are working days (src/domain/working-days.ts for how they are counted).
    dueAt: (await dueDate(em, at, procedure.processingDays)).dueAt,
    idempotencyKey: args.idempotencyKey,
    resultChannels: args.resultChannels ?? [ResultChannel.DESK],
    postalAddress: args.postalAddress ?? null,
  });
  for (const requirement of requirements) {
    em.create(DossierComponent, { dossier, requirement, position: requirement.position });
  }
  em.create(DossierStatusChange, { dossier, from: null, to: DossierStatus.RECEIVED, at, by: args.by });
  return dossier;
}

function sameParty(dossier: Dossier, document: DigitizedDocument): boolean {
  return (dossier.applicantIndividual?.id ?? null) === (document.ownerIndividual?.id ?? null)
    && (dossier.applicantOrganization?.id ?? null) === (document.ownerOrganization?.id ?? null);
}

/**
 * The component an officer is about to provide. CONFLICT when the dossier no longer
 * takes papers, or when the component is already provided (a supplement may replace it).
 */
export function componentToProvide(dossier: Dossier, requirementCode: string, argumentPath: (string | number)[]): DossierComponent {
  if (!PROVIDING.includes(dossier.status)) {
    throw new DomainError('INVALID_TRANSITION', `Dossier ${dossier.code} is ${dossier.status}: components are provided only while it is ${PROVIDING.join(', ')}`, {
      currentStatus: dossier.status,
    });
  }
  const component = componentFor(dossier, requirementCode, argumentPath);
  if (component.provision !== ComponentProvision.PENDING && dossier.status !== DossierStatus.NEEDS_SUPPLEMENT) {
    throw new DomainError('COMPONENT_ALREADY_PROVIDED', `Component ${requirementCode} of dossier ${dossier.code} is already ${component.provision}`, {
      argumentPath,
      provision: component.provision,
    });
  }
  return component;
}

/** Adds `delta` to a document's reuse count in one statement, so concurrent reuses of a popular document all count. */
async function countReuse(em: EntityManager, documentId: string, delta: 1 | -1): Promise<void> {
  await em.nativeUpdate(DigitizedDocument, { id: documentId }, { reuseCount: raw(`reuse_count + ${delta}`) });
}

/**
 * Records how a component was provided; the first provision starts digitizing.
 * A reused document that a supplement replaces gives its reuse back.
 */
export async function provideComponent(
  em: EntityManager,
  dossier: Dossier,
  component: DossierComponent,
  provision: ComponentProvision,
  document: DigitizedDocument | null,
  officer: Officer,
  at: Date,
  paper: { originalAlsoScanned?: boolean | null; paperKeptAt?: string | null } = {},
): Promise<void> {
  if (component.provision === ComponentProvision.REUSED && component.document) await countReuse(em, component.document.id, -1);
  component.provision = provision;
  component.document = document ? ref(document) : null;
  // Art. 13.3: a copy scanned says whether the original was too; a paper kept says where.
  component.originalAlsoScanned = provision === ComponentProvision.SCANNED_FROM_COPY ? (paper.originalAlsoScanned ?? false) : null;
  component.paperKeptAt = provision === ComponentProvision.NOT_DIGITIZED ? paper.paperKeptAt! : null;
  component.providedAt = at;
  component.providedBy = ref(officer);
  if (dossier.status !== DossierStatus.DIGITIZING) moveDossier(em, dossier, DossierStatus.DIGITIZING, officer, null, at);
  // Written even when the status stays, so the version check stops two officers providing one dossier at once.
  dossier.updatedAt = at;
}

/**
 * Provides a component with a warehouse document (REUSED) after checking that it
 * can stand in for the paper: the applicant's, of the required type, still valid.
 */
export async function linkDocument(
  em: EntityManager,
  dossier: Dossier,
  component: DossierComponent,
  document: DigitizedDocument,
  officer: Officer,
  now: Date,
  argumentPath: (string | number)[],
): Promise<void> {
  if (!sameParty(dossier, document)) {
    throw new DomainError('DOCUMENT_OWNER_MISMATCH', `Document ${document.code} belongs to someone else than the applicant of dossier ${dossier.code}`, { argumentPath });
  }
  const requirement = component.requirement.getEntity();
  if (document.documentType.id !== requirement.documentType.id) {
    const [given, required] = await Promise.all([document.documentType.loadOrFail(), requirement.documentType.loadOrFail()]);
    throw new DomainError('DOCUMENT_TYPE_MISMATCH', `Document ${document.code} is a ${given.code}; component ${requirement.code} needs a ${required.code}`, { argumentPath });
  }
  if (!isReusable(document, vietnamDate(now))) {
    throw new DomainError('DOCUMENT_NOT_REUSABLE', `Document ${document.code} is ${document.status}${document.validUntil ? `, valid until ${document.validUntil}` : ''}: it cannot stand in for a paper`, {
      argumentPath,
      status: document.status,
      validUntil: document.validUntil ?? null,
    });
  }
  await provideComponent(em, dossier, component, ComponentProvision.REUSED, document, officer, now);
  await countReuse(em, document.id, 1);
}

/** The decision itself, by an approver or (interconnected procedures) the system's account. */
export async function decide(ctx: Context, em: EntityManager, dossier: Dossier, officer: Officer, input: DecideCommand, now: Date): Promise<Dossier> {
  const approved = input.decision === Decision.APPROVED;
  const verifications = (await dossier.verifications.load()).getItems();
  let reason = input.reason?.trim() || null;
  if (approved) {
    if (input.verificationCode) throw badInput(['input', 'verificationCode'], 'A verification grounds a rejection, not an approval');
    const open = verifications.filter((v) => !v.answeredAt).map((v) => v.code);
    if (open.length > 0) {
      throw new DomainError('VERIFICATION_PENDING', `Dossier ${dossier.code} waits for the answer to ${open.join(', ')}: it cannot be approved before`, { argumentPath: ['input', 'decision'], open });
    }
  } else if (input.verificationCode) {
    reason = rejectionOnVerification(verifications, input.verificationCode, reason);
  }
  moveDossier(em, dossier, approved ? DossierStatus.APPROVED : DossierStatus.REJECTED, officer, reason, now);
  let document: DigitizedDocument | null = null;
  if (approved) {
    document = await issueResultDocument(ctx, em, dossier, officer, input, now);
  } else {
    if (!reason) throw badInput(['input', 'reason'], 'A rejection needs its reason');
    if (input.resultMetadata || input.resultFileId) throw badInput(['input', 'resultMetadata'], 'A rejection issues no result paper');
  }
  const result = em.create(ProcedureResult, { dossier, code: formatResultCode(dossier.code), decision: input.decision, reason, document, decidedBy: officer, decidedAt: now });
  deliverElectronically(em, dossier, result, officer, now);
  return dossier;
}

/**
 * The reason of a rejection grounded on a verification: the approver's words, then what
 * the agency answered, so the applicant's notice (the portal's REJECTED event) says it.
 */
function rejectionOnVerification(verifications: Verification[], code: string, given: string | null): string {
  const verification = verifications.find((v) => v.code === code.trim());
  const argumentPath = ['input', 'verificationCode'];
  if (!verification) throw new DomainError('VERIFICATION_NOT_FOUND', `Dossier has no verification ${code}`, { argumentPath });
  if (verification.outcome !== VerificationOutcome.NEGATIVE) {
    throw badInput(argumentPath, `Verification ${verification.code} is ${verification.outcome ?? 'not answered yet'}: only a NEGATIVE answer grounds a rejection`);
  }
  return `${given ?? 'Kết quả xác minh không xác nhận nội dung hồ sơ'} (xác minh ${verification.code}, ${verification.agency}: ${verification.answer})`;
}

/**
 * Electronic return (Decision 1333, Art. 13.5): the decision's portal event carries the
 * result to the applicant's National Public Service Portal account, in the same outbox
 * (src/portal-sync) and transaction. When the portal is the only way chosen, the result
 * is returned with it; otherwise the paper return follows (`returnResult`).
 */
function deliverElectronically(em: EntityManager, dossier: Dossier, result: ProcedureResult, officer: Officer, now: Date): void {
  if (!dossier.resultChannels.includes(ResultChannel.ELECTRONIC)) return;
  result.deliveredElectronicallyAt = now;
  if (dossier.resultChannels.length === 1) {
    moveDossier(em, dossier, DossierStatus.RESULT_RETURNED, officer, 'Trả kết quả điện tử vào tài khoản Cổng Dịch vụ công quốc gia', now);
    result.returnedAt = now;
  }
}

function applicantName(party: Party): string {
  return 'fullName' in party ? party.fullName : party.name;
}

async function issueResultDocument(ctx: Context, em: EntityManager, dossier: Dossier, officer: Officer, input: DecideCommand, now: Date): Promise<DigitizedDocument | null> {
  const procedure = await dossier.procedure.loadOrFail();
  const type = await loadOptional(procedure.resultDocumentType);
  if (!type) {
    if (input.resultMetadata || input.resultFileId) {
      throw badInput(['input', 'resultMetadata'], `Procedure ${procedure.code} issues no result paper: leave resultMetadata and resultFileId out`);
    }
    return null;
  }
  if (!input.resultMetadata) throw badInput(['input', 'resultMetadata'], `Approving procedure ${procedure.code} issues a ${type.code}: give its resultMetadata`);
  checkMetadata(type, input.resultMetadata, ['input', 'resultMetadata']);
  const upload = input.resultFileId ? await getStoredFile(em, input.resultFileId, ['input', 'resultFileId']) : null;
  // The receiving agency issues the result (for an approver, their own agency).
  const agency = await dossier.agency.loadOrFail();
  const issuedOn = vietnamDate(now);
  const validUntil = printedValidUntil(type, input.resultMetadata, issuedOn);
  checkValidityPeriod(issuedOn, validUntil, ['input', 'resultMetadata', 'validTo']);
  const code = await issueDocumentCode(em, agency.code, type.code, now);
  const resultCode = formatResultCode(dossier.code);
  const reason = SIGNING_REASON.result(resultCode);
  // The approver signs the result paper as the officer signs a scan (PAdES, stamp top left): an
  // uploaded paper when one is given, otherwise the paper drawn from the result's metadata.
  const signed = upload
    ? await signScan(ctx, em, upload, officer, now, ['input', 'resultFileId'], reason)
    : await signNewPdf(ctx, em, await renderResultPdf({
        typeCode: type.code,
        typeName: type.name,
        metadataSchema: type.metadataSchema,
        metadata: input.resultMetadata,
        documentCode: code,
        dossierCode: dossier.code,
        resultCode,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        agencyName: agency.name,
        applicantName: applicantName(await loadParty(dossier.applicantIndividual, dossier.applicantOrganization)),
        issuedOn,
        validUntil,
        approverName: officer.fullName,
      }), officer, now, reason);
  return em.create(DigitizedDocument, {
    code,
    documentType: type,
    ownerIndividual: dossier.applicantIndividual ?? null,
    ownerOrganization: dossier.applicantOrganization ?? null,
    title: type.name,
    issuedBy: agency.name,
    issuedOn,
    validUntil,
    source: DocumentSource.PROCEDURE_RESULT,
    metadata: input.resultMetadata,
    ...signed,
    digitizedAt: now,
    digitizedBy: officer,
    agency,
    originDossier: dossier,
  });
}
