/**
 * Verification and consultation (Decision 1333, Art. 13.4: "trường hợp cần xác minh,
 * lấy ý kiến của cơ quan, đơn vị có liên quan"): while a dossier is processed, the
 * processing officer asks another agency to verify something or give an opinion, by
 * a day. The answer — a paper an officer scans, or a document the agency's connected
 * system pushes — is digitized into the dossier as its own warehouse document, shown
 * to the approver with the dossier. A NEGATIVE answer is grounds for a rejection
 * (`resolve` with `verificationCode`); an open one holds the approval back.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ref } from '@mikro-orm/core';
import type { Context } from '../context.js';
import { Verification, type Dossier } from '../entities/dossier.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import type { Officer } from '../entities/officer.entity.js';
import { DocumentSource, DossierStatus, OfficerRole, type VerificationOutcome } from '../entities/enums.js';
import { VERIFICATION_ANSWER_TYPE } from '../catalog/document-types.js';
import { formatVerificationCode } from '../domain/codes.js';
import { vietnamDate } from '../domain/dates.js';
import { DomainError, badInput } from '../domain/errors.js';
import { checkText } from '../domain/text.js';
import { signScan } from '../pki/scan-signing.js';
import { inTransaction } from './core/transactions.js';
import { writeDossier } from './core/dossier-write.js';
import { CLOSED } from './core/dossier-lifecycle.js';
import { getDocumentType, getStoredFile, issueDocumentCode } from './core/documents.js';
import { checkMetadata } from './core/metadata-validation.js';

/** Partners holding this scope push answers to the verifications addressed to their system. */
export const VERIFICATION_SCOPE = 'verifications:answer';

/** Ask another agency to verify or give an opinion. */
export interface RequestVerificationCommand {
  dossierCode: string;
  /** The agency asked. */
  agency: string;
  /** Name of that agency's connected system (a registered partner) that may push the answer; none: a paper answer. */
  connectedSystem?: string | null;
  question: string;
  /** Last day (Vietnam time) the answer is awaited; today or later. */
  dueOn: string;
}

/** The answer to a verification: what the agency concluded, and the paper or document that says it. */
export interface AnswerVerificationCommand {
  verificationCode: string;
  outcome: VerificationOutcome;
  /** The agency's conclusion. */
  answer: string;
  /** The uploaded answer (POST /files): required when an officer scans a paper answer; optional for a connected system. */
  fileId?: string | null;
  /** Number and date of the answering letter, when it has them. */
  documentNumber?: string | null;
  issuedOn?: string | null;
}

function nonBlank(value: string, kind: 'line' | 'paragraph', path: (string | number)[], what: string): string {
  checkText(value, kind, path);
  const trimmed = value.trim();
  if (!trimmed) throw badInput(path, `${what} must not be blank`);
  return trimmed;
}

/** The processing officer asks, while the dossier is PROCESSING; the dossier keeps its status. */
export function requestVerification(ctx: Context, input: RequestVerificationCommand): Promise<Verification> {
  const agency = nonBlank(input.agency, 'line', ['input', 'agency'], 'The agency');
  const question = nonBlank(input.question, 'paragraph', ['input', 'question'], 'The question');
  const connectedSystem = input.connectedSystem?.trim() || null;
  if (connectedSystem) checkText(connectedSystem, 'code', ['input', 'connectedSystem']);
  const write = { roles: [OfficerRole.PROCESSING_OFFICER], action: 'ask other agencies for verifications', argumentPath: ['input', 'dossierCode'] };
  return writeDossier(ctx, input.dossierCode, write, async (em, dossier, officer, now) => {
    if (dossier.status !== DossierStatus.PROCESSING) {
      throw new DomainError('INVALID_TRANSITION', `Dossier ${dossier.code} is ${dossier.status}: verifications are asked while it is PROCESSING`, {
        currentStatus: dossier.status,
        argumentPath: ['input', 'dossierCode'],
      });
    }
    if (input.dueOn < vietnamDate(now)) throw badInput(['input', 'dueOn'], `The answer cannot be due before today (${vietnamDate(now)})`, 'INVALID_DATE');
    const asked = await em.count(Verification, { dossier });
    // Written so that two officers asking at once do not get the same number: the version check stops one.
    dossier.updatedAt = now;
    return em.create(Verification, {
      dossier,
      code: formatVerificationCode(dossier.code, asked + 1),
      agency,
      connectedSystem,
      question,
      dueOn: input.dueOn,
      requestedBy: officer,
      requestedAt: now,
    });
  });
}

function checkAnswer(input: AnswerVerificationCommand): string {
  const answer = nonBlank(input.answer, 'paragraph', ['input', 'answer'], 'The answer');
  if (input.documentNumber) checkText(input.documentNumber, 'code', ['input', 'documentNumber']);
  return answer;
}

/** Records the answer on the verification and digitizes it into the dossier as its own document. */
async function recordAnswer(
  ctx: Context,
  em: EntityManager,
  verification: Verification,
  dossier: Dossier,
  input: AnswerVerificationCommand,
  answer: string,
  officer: Officer | null,
  now: Date,
): Promise<Verification> {
  if (verification.answeredAt) {
    throw new DomainError('VERIFICATION_ANSWERED', `Verification ${verification.code} was answered on ${verification.answeredAt.toISOString()}`, { argumentPath: ['input', 'verificationCode'] });
  }
  // Taken until the decision: an answer arriving while the applicant supplements papers is not lost.
  if (CLOSED.includes(dossier.status)) {
    throw new DomainError('INVALID_TRANSITION', `Dossier ${dossier.code} is ${dossier.status}: it was decided, answers are no longer taken`, { currentStatus: dossier.status });
  }
  const type = await getDocumentType(em, VERIFICATION_ANSWER_TYPE[dossier.applicantIndividual ? 'INDIVIDUAL' : 'ORGANIZATION'], ['input']);
  const upload = input.fileId ? await getStoredFile(em, input.fileId, ['input', 'fileId']) : null;
  const agency = await dossier.agency.loadOrFail();
  const metadata: Record<string, unknown> = {
    verificationCode: verification.code,
    outcome: input.outcome,
    conclusion: answer,
    issuingAgency: verification.agency,
    ...(input.documentNumber ? { documentNumber: input.documentNumber.trim() } : {}),
    ...(input.issuedOn ? { issueDate: input.issuedOn } : {}),
  };
  checkMetadata(type, metadata, ['input']);
  // A paper answer is scanned and signed by the officer like any scan; a connected system's document is kept as it came.
  const file = officer && upload ? await signScan(ctx, em, upload, officer, now, ['input', 'fileId']) : { file: upload };
  const document = em.create(DigitizedDocument, {
    code: await issueDocumentCode(em, agency.code, type.code, now),
    documentType: type,
    ownerIndividual: dossier.applicantIndividual ?? null,
    ownerOrganization: dossier.applicantOrganization ?? null,
    title: `${type.name}: ${verification.code}`,
    issuedBy: verification.agency,
    issuedOn: input.issuedOn ?? null,
    validUntil: null,
    source: officer ? DocumentSource.SCANNED : DocumentSource.CONNECTED_SYSTEM,
    metadata,
    ...file,
    digitizedAt: now,
    digitizedBy: officer,
    agency,
    originDossier: dossier,
  });
  verification.outcome = input.outcome;
  verification.answer = answer;
  verification.answeredAt = now;
  verification.answerRecordedBy = officer ? ref(officer) : null;
  verification.document = ref(document);
  dossier.updatedAt = now;
  return verification;
}

async function loadVerification(em: EntityManager, code: string): Promise<Verification> {
  const verification = await em.findOne(Verification, { code: code.trim() }, { populate: ['dossier'] });
  if (!verification) throw new DomainError('VERIFICATION_NOT_FOUND', `No verification has the code ${code}`, { argumentPath: ['input', 'verificationCode'] });
  return verification;
}

/**
 * The answer arrives: an officer of the dossier's agency scans a paper answer (a file is
 * required), or the agency's connected system pushes it (a partner holding
 * `verifications:answer` whose name the verification gives as its connected system).
 */
export async function answerVerification(ctx: Context, input: AnswerVerificationCommand): Promise<Verification> {
  const answer = checkAnswer(input);
  const code = input.verificationCode;
  if (ctx.viewer.kind === 'partner') {
    const partner = ctx.viewer;
    if (!partner.scopes.includes(VERIFICATION_SCOPE)) throw new DomainError('FORBIDDEN', `Only partners with the ${VERIFICATION_SCOPE} scope may answer verifications`);
    return inTransaction(ctx, async (em) => {
      const verification = await loadVerification(em, code);
      // Another system's request is not this partner's to answer: it is told no more than that it does not exist.
      if (verification.connectedSystem !== partner.name) {
        throw new DomainError('VERIFICATION_NOT_FOUND', `No verification has the code ${code}`, { argumentPath: ['input', 'verificationCode'] });
      }
      const dossier = verification.dossier.getEntity();
      return recordAnswer(ctx, em, verification, dossier, input, answer, null, new Date());
    });
  }
  if (!input.fileId) throw badInput(['input', 'fileId'], 'An officer records a paper answer by its scan: give the fileId of the upload');
  const asked = await ctx.em.findOne(Verification, { code: code.trim() }, { populate: ['dossier'] });
  if (!asked) throw new DomainError('VERIFICATION_NOT_FOUND', `No verification has the code ${code}`, { argumentPath: ['input', 'verificationCode'] });
  const write = { roles: [OfficerRole.RECEIVING_OFFICER, OfficerRole.PROCESSING_OFFICER], action: 'record answers to verifications', argumentPath: ['input', 'verificationCode'] };
  return writeDossier(ctx, asked.dossier.getEntity().code, write, async (em, dossier, officer, now) => {
    const verification = await loadVerification(em, code);
    if (verification.dossier.id !== dossier.id) throw new DomainError('VERIFICATION_NOT_FOUND', `No verification has the code ${code}`, { argumentPath: ['input', 'verificationCode'] });
    return recordAnswer(ctx, em, verification, dossier, input, answer, officer, now);
  });
}
