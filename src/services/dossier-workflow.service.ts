/**
 * A dossier's path at the one-stop shop (Decision 1333, Art. 13; Circular 01/2023,
 * Art. 7): receive, provide each component (reuse or digitize), submit, request a
 * supplement, resolve, return. Statuses change only through `moveDossier`; the
 * dossier's version column makes two concurrent writes to one dossier fail one of them.
 */
import { UniqueConstraintViolationException, ref } from '@mikro-orm/core';
import type { Context } from '../context.js';
import { Dossier, type DossierComponent } from '../entities/dossier.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { Decision, DossierStatus, OfficerRole, ResultChannel, type SubmissionChannel } from '../entities/enums.js';
import type { AdministrativeProcedure } from '../entities/procedure.entity.js';
import { DomainError, badInput } from '../domain/errors.js';
import { checkText } from '../domain/text.js';
import { loadOptional } from '../db/refs.js';
import { getProcedure } from './catalog.service.js';
import { getParty, loadParty, type Party, type PartyIdentifier } from './party.service.js';
import { currentOfficer, requireRole } from './core/officers.js';
import { DossierStep, STEP_ROLES, missingMandatory, moveDossier } from './core/dossier-lifecycle.js';
import { inTransaction } from './core/transactions.js';
import { checkApplicantKind } from './core/documents.js';
import { componentToProvide, decide, linkDocument, openDossier, writeDossier, type DecideCommand } from './core/dossier-write.js';

const IDEMPOTENCY_KEY_CONSTRAINT = 'dossier_idempotency_key_unique';

/** Receive a dossier: the procedure, who files it, how it came in. */
export interface ReceiveDossierCommand {
  procedureCode: string;
  applicant: PartyIdentifier;
  channel: SubmissionChannel;
  /** Same key, same dossier: a retried request never creates a second one. */
  idempotencyKey: string;
  /**
   * How the applicant receives the result (Decision 1333, Art. 13.5): ELECTRONIC (where the
   * procedure allows it and the applicant has a portal account), DESK or POST, or ELECTRONIC
   * with one paper way. Default: DESK.
   */
  resultChannels?: ResultChannel[] | null;
  /** Where the result is posted; required with POST, refused without it. */
  postalAddress?: string | null;
}

/** Reuse a warehouse document for a component instead of asking for the paper. */
export interface ReuseDocumentCommand {
  dossierCode: string;
  requirementCode: string;
  /** Digitization result code of the warehouse document to link. */
  documentCode: string;
}

/** Resolve a dossier in processing: approve (issuing the result) or reject. */
export interface ResolveDossierCommand extends DecideCommand {
  dossierCode: string;
}

/** A step that names only its dossier: submit for processing. */
export interface DossierCommand {
  dossierCode: string;
}

/** Hand the paper result over (Decision 1333, Art. 13.5): who received it; the officer and the time are the call's. */
export interface ReturnResultCommand extends DossierCommand {
  /** Who received the paper: the applicant or their representative at the desk, the addressee by post. Default: the applicant. */
  handedOverTo?: string | null;
}

/** Request a supplement: the note says what the applicant must bring. */
export interface RequestSupplementCommand extends DossierCommand {
  note: string;
}

/**
 * Receives a dossier at the one-stop shop ("tiếp nhận hồ sơ"): a nationwide-unique
 * code from the agency's counter of the day, the due date, one pending component
 * per required component and the first history entry. The same idempotency key
 * returns the same dossier, also when retries race each other.
 */
export async function receive(ctx: Context, input: ReceiveDossierCommand): Promise<Dossier> {
  checkText(input.idempotencyKey, 'key', ['input', 'idempotencyKey']);
  requireRole(ctx, [OfficerRole.RECEIVING_OFFICER], 'receive dossiers');
  const key = input.idempotencyKey.trim();
  if (!key) throw badInput(['input', 'idempotencyKey'], 'The idempotency key must not be blank');
  const delivery = checkResultChannels(input);
  try {
    return await receiveOnce(ctx, input, key, delivery);
  } catch (error) {
    // A concurrent retry committed the key first: this attempt rolled back; the next one finds its dossier.
    if (error instanceof UniqueConstraintViolationException && (error as { constraint?: string }).constraint === IDEMPOTENCY_KEY_CONSTRAINT) {
      return receiveOnce(ctx, input, key, delivery);
    }
    throw error;
  }
}

interface ResultDelivery {
  resultChannels: ResultChannel[];
  postalAddress: string | null;
}

/** The ways chosen, in a stable order: one paper way at most; POST exactly with an address. */
function checkResultChannels(input: ReceiveDossierCommand): ResultDelivery {
  const path = ['input', 'resultChannels'];
  const chosen = input.resultChannels ?? [ResultChannel.DESK];
  const resultChannels = Object.values(ResultChannel).filter((c) => chosen.includes(c));
  if (resultChannels.length === 0) throw badInput(path, 'Choose how the applicant receives the result: ELECTRONIC, DESK or POST');
  if (resultChannels.includes(ResultChannel.DESK) && resultChannels.includes(ResultChannel.POST)) {
    throw badInput(path, 'One paper way: DESK or POST (either may go with ELECTRONIC)');
  }
  if (input.postalAddress != null) checkText(input.postalAddress, 'line', ['input', 'postalAddress']);
  const postalAddress = input.postalAddress?.trim() || null;
  if (resultChannels.includes(ResultChannel.POST) !== (postalAddress !== null)) {
    throw badInput(['input', 'postalAddress'], resultChannels.includes(ResultChannel.POST) ? 'A result sent by post needs the postal address' : 'A postal address goes only with POST');
  }
  return { resultChannels, postalAddress };
}

/** ELECTRONIC only where the procedure allows it and the applicant holds an account to receive it in. */
function checkElectronicResult(procedure: AdministrativeProcedure, applicant: Party, delivery: ResultDelivery): void {
  if (!delivery.resultChannels.includes(ResultChannel.ELECTRONIC)) return;
  const argumentPath = ['input', 'resultChannels'];
  if (!procedure.electronicResult) {
    throw new DomainError('RESULT_CHANNEL_NOT_ALLOWED', `Procedure ${procedure.code} returns its result on paper only`, { argumentPath });
  }
  const account = 'hasPortalAccount' in applicant ? applicant.hasPortalAccount : applicant.hasTransactionAccount;
  if (!account) {
    throw new DomainError('RESULT_CHANNEL_NOT_ALLOWED', 'The applicant has no National Public Service Portal account to receive the result in', { argumentPath });
  }
}

function receiveOnce(ctx: Context, input: ReceiveDossierCommand, key: string, delivery: ResultDelivery): Promise<Dossier> {
  return inTransaction(ctx, async (em) => {
    const tx = { ...ctx, em };
    const officer = await currentOfficer(tx, em);
    const procedure = await getProcedure(tx, input.procedureCode, ['input', 'procedureCode']);
    const applicant = await getParty(tx, input.applicant, ['input', 'applicant']);
    checkApplicantKind(procedure, applicant, ['input', 'applicant']);
    checkElectronicResult(procedure, applicant, delivery);
    const agency = officer.agency.getEntity();

    const earlier = await em.findOne(Dossier, { idempotencyKey: key });
    if (earlier) {
      const same = earlier.procedure.id === procedure.id && applicantOf(earlier) === applicant.id && earlier.channel === input.channel && earlier.agency.id === agency.id;
      if (!same) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', `Idempotency key "${key}" was used for another dossier (${earlier.code})`, { argumentPath: ['input', 'idempotencyKey'] });
      }
      return earlier;
    }
    return openDossier(em, { procedure, applicant, channel: input.channel, agency, by: officer, idempotencyKey: key, at: new Date(), ...delivery });
  });
}

function applicantOf(dossier: Dossier): string {
  return (dossier.applicantIndividual ?? dossier.applicantOrganization)!.id;
}

/**
 * Links a warehouse document to a component instead of asking for the paper
 * ("tái sử dụng"): same owner, same type, still valid. Counts the reuse.
 */
export function reuse(ctx: Context, input: ReuseDocumentCommand): Promise<DossierComponent> {
  const write = { roles: STEP_ROLES[DossierStep.PROVIDE_COMPONENT], action: 'link warehouse documents to dossiers', argumentPath: ['input', 'dossierCode'] };
  return writeDossier(ctx, input.dossierCode, write, async (em, dossier, officer, now) => {
    const component = componentToProvide(dossier, input.requirementCode, ['input', 'requirementCode']);
    const argumentPath = ['input', 'documentCode'];
    const document = await em.findOne(DigitizedDocument, { code: input.documentCode.trim() });
    if (!document) throw new DomainError('DOCUMENT_NOT_FOUND', `No warehouse document has the code ${input.documentCode}`, { argumentPath });
    await linkDocument(em, dossier, component, document, officer, now, argumentPath);
    await em.refresh(document);
    return component;
  });
}

/** Hands the dossier to processing ("chuyển xử lý"): every mandatory component must be provided. */
export function submit(ctx: Context, { dossierCode }: DossierCommand): Promise<Dossier> {
  const write = { roles: STEP_ROLES[DossierStep.SUBMIT], action: 'submit dossiers for processing', argumentPath: ['dossierCode'] };
  return writeDossier(ctx, dossierCode, write, (em, dossier, officer, now) => {
    const missing = missingMandatory(dossier);
    if (missing.length > 0) {
      throw new DomainError('COMPONENTS_MISSING', `Dossier ${dossier.code} still lacks the mandatory components ${missing.join(', ')}`, {
        argumentPath: ['dossierCode'],
        missing,
        currentStatus: dossier.status,
      });
    }
    moveDossier(em, dossier, DossierStatus.PROCESSING, officer, null, now);
    return dossier;
  });
}

/** Returns the dossier to the applicant for more papers ("yêu cầu bổ sung"); the note says what is missing. */
export function requestSupplement(ctx: Context, { dossierCode, note }: RequestSupplementCommand): Promise<Dossier> {
  const write = { roles: STEP_ROLES[DossierStep.REQUEST_SUPPLEMENT], action: 'request supplements', argumentPath: ['dossierCode'] };
  return writeDossier(ctx, dossierCode, write, (em, dossier, officer, now) => {
    const said = note.trim();
    if (!said) throw badInput(['note'], 'Say what the applicant must supplement');
    moveDossier(em, dossier, DossierStatus.NEEDS_SUPPLEMENT, officer, said, now);
    return dossier;
  });
}

/**
 * Decides the dossier ("giải quyết"). An approval issues the procedure's result:
 * a ProcedureResult with its code and, when the procedure's result is a paper, a
 * warehouse document owned by the applicant (source PROCEDURE_RESULT), reusable by
 * later dossiers at once. A rejection needs its reason.
 */
export function resolve(ctx: Context, input: ResolveDossierCommand): Promise<Dossier> {
  if (input.reason) checkText(input.reason, 'paragraph', ['input', 'reason']);
  const step = input.decision === Decision.APPROVED ? DossierStep.APPROVE : DossierStep.REJECT;
  const write = { roles: STEP_ROLES[step], action: 'resolve dossiers', argumentPath: ['input', 'dossierCode'] };
  return writeDossier(ctx, input.dossierCode, write, (em, dossier, officer, now) => decide(ctx, em, dossier, officer, input, now));
}

/**
 * Hands the paper result to the applicant ("trả kết quả", Decision 1333, Art. 13.5): at the
 * desk, or by post, as chosen at reception; records who handed it over, to whom and when.
 * At the one-stop shop the desk that received the dossier returns it, so receiving officers
 * may, as may the approver. A result returned only electronically was returned with its decision.
 */
export function returnResult(ctx: Context, input: ReturnResultCommand): Promise<Dossier> {
  if (input.handedOverTo != null) checkText(input.handedOverTo, 'personName', ['handedOverTo']);
  const write = { roles: STEP_ROLES[DossierStep.RETURN_RESULT], action: 'return results', argumentPath: ['dossierCode'] };
  return writeDossier(ctx, input.dossierCode, write, async (em, dossier, officer, now) => {
    moveDossier(em, dossier, DossierStatus.RESULT_RETURNED, officer, null, now);
    const result = await loadOptional(dossier.result);
    if (result) {
      const paper = dossier.resultChannels.find((c) => c !== ResultChannel.ELECTRONIC) ?? ResultChannel.DESK;
      const applicant = await loadParty(dossier.applicantIndividual, dossier.applicantOrganization);
      result.returnedAt = now;
      result.returnChannel = paper;
      result.returnedBy = ref(officer);
      result.returnedTo = input.handedOverTo?.trim() || ('fullName' in applicant ? applicant.fullName : applicant.name);
    }
    return dossier;
  });
}
