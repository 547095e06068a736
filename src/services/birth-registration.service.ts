/**
 * Birth registration → social insurance code → health insurance card for a child
 * under six, with no officer and no paper (Decision 3509/QĐ-BHXH pilot). When the
 * Ministry of Justice registers a birth it pushes the electronic birth certificate;
 * from that one call the system, acting under its own account:
 *   1. registers the child: an individual in the family's household (or the commune's
 *      common list), a social insurance code from our sequence, the birth certificate;
 *   2. receives a dossier of the procedure "health insurance card for a child under six";
 *   3. reuses the birth certificate for its one component;
 *   4. checks the rules and submits it for processing, the outcome in the history note;
 *   5. approves it when the rules hold, issuing the card (a warehouse document owned
 *      by the child). Otherwise the dossier waits at PROCESSING for an officer.
 * One transaction per step. Every step first looks for what an earlier attempt made
 * (by personal ID, certificate number, idempotency key, status), so a retried push
 * creates nothing twice and resumes where an interrupted one stopped.
 */
import { OptimisticLockError, UniqueConstraintViolationException, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context.js';
import { Individual } from '../entities/individual.entity.js';
import { Officer } from '../entities/officer.entity.js';
import { Agency } from '../entities/agency.entity.js';
import { Commune } from '../entities/administrative-area.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { Dossier } from '../entities/dossier.entity.js';
import { AdministrativeProcedure } from '../entities/procedure.entity.js';
import { Decision, DocumentSource, DossierStatus, OfficerRole, SubmissionChannel, type Gender } from '../entities/enums.js';
import { SYSTEM_OFFICER, provinceAgencyCode } from '../catalog/agencies.js';
import { formerProvinceByPersonalIdPrefix } from '../catalog/provinces.js';
import { normalizeDigits, normalizeOpaqueCode, validatePersonalId } from '../domain/identifiers.js';
import { normalizeName } from '../search/fold-vietnamese.js';
import { DomainError, badInput } from '../domain/errors.js';
import { moveDossier } from './core/dossier-lifecycle.js';
import { componentToProvide, decide, linkDocument, openDossier, type DecideCommand } from './core/dossier-write.js';
import { getDocumentType, issueDocumentCode } from './core/documents.js';
import { SHARE_SCOPE } from './evidence.service.js';
import { TEXT_MAX_LENGTH, checkText } from '../domain/text.js';
import { checkCalendarDate, vietnamDate } from '../domain/dates.js';
import { checkMetadata } from './core/metadata-validation.js';
import { requireRole } from './core/officers.js';
import { inTransaction } from './core/transactions.js';
import { childCardNumber, childCardValidTo, commonHouseholdCode, unmetRules } from './birth-registration.rules.js';

/** The child as registered ("người được khai sinh"). */
export interface BirthChild {
  /** Personal identification number issued at registration (12 digits). */
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  gender: Gender;
  placeOfBirth?: string | null;
  ethnicity?: string | null;
  nationality?: string | null;
}

/** A parent as written on the birth certificate. */
export interface BirthParent {
  fullName: string;
  personalId?: string | null;
}

/** Register a birth: the electronic birth certificate the Ministry of Justice pushes, with the family's declaration (form 01). */
export interface RegisterBirthCommand {
  /** "Số giấy khai sinh": the same number never registers twice. */
  birthCertificateNumber: string;
  registeredOn: string;
  /** "Nơi đăng ký khai sinh", e.g. "UBND phường Ba Đình". */
  registrationAuthority: string;
  child: BirthChild;
  father?: BirthParent | null;
  mother?: BirthParent | null;
  /** "Mã hộ gia đình" the family declared. */
  householdCode?: string | null;
  /** Commune of permanent residence ("nơi thường trú"). */
  communeCode?: string | null;
  /** Initial health-care facility chosen for the child; default: the commune health station. */
  initialClinic?: string | null;
}

export enum ChildCardStatus {
  /** The card is issued. */
  ISSUED = 'ISSUED',
  /** An automatic rule failed: an officer must act (see `waitingReason`). */
  WAITING_FOR_OFFICER = 'WAITING_FOR_OFFICER',
  /** An officer rejected the dossier. */
  REJECTED = 'REJECTED',
}

/** A child's health insurance card issued from the birth registration, or why it waits. */
export interface ChildCard {
  /** The child, for the masking of the card number. */
  childId: string;
  birthCertificateNumber: string;
  status: ChildCardStatus;
  /** TE1<province><social insurance code>. */
  cardNumber: string | null;
  validFrom: string | null;
  /** The day before the sixth birthday. */
  validTo: string | null;
  waitingReason: string | null;
  child: Individual;
  birthCertificate: DigitizedDocument;
  dossier: Dossier;
  card: DigitizedDocument | null;
}

/**
 * What the birth certificate and form 01 allow, narrower than the text kinds of
 * src/domain/text.ts; the GraphQL input's decorators read the same numbers.
 */
export const BIRTH_FORM_MAX_LENGTH = {
  birthCertificateNumber: 100,
  registrationAuthority: 300,
  initialClinic: 300,
  placeOfBirth: 500,
  ethnicity: 100,
  nationality: 100,
} as const;

/** "Cấp thẻ BHYT cho trẻ em dưới 6 tuổi (liên thông đăng ký khai sinh)", a demo code of the catalog. */
const CHILD_CARD_PROCEDURE = '9.000002';
/** Its one component: the birth certificate. */
const BIRTH_CERTIFICATE_COMPONENT = 'TP01';
const BIRTH_CERTIFICATE_TYPE = 'GKS';
/** Notes of the system's PROCESSING entry: the automatic check's outcome. */
const CHECK_PASSED = 'Automatic check passed: child under six, residence and household known.';
const WAITING_PREFIX = 'Waiting for an officer: ';
/** Concurrent pushes of one birth: the losers start again, and find the work done. */
const MAX_ATTEMPTS = 3;
/** First key of the advisory locks that serialize the steps of one birth certificate number. */
const BIRTH_LOCK_SPACE = 3509;

/** A birth, checked: normalized identifiers and names. */
interface Birth {
  number: string;
  registeredOn: string;
  authority: string;
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  gender: RegisterBirthCommand['child']['gender'];
  householdCode: string | null;
  communeCode: string | null;
  parentIds: string[];
  input: RegisterBirthCommand;
}

const idempotencyKey = (number: string) => `birth-registration:${number}`;

/**
 * The pushed birth registration, carried through every step (see the file comment).
 * Partners with `documents:share` (the Ministry of Justice) or administrators.
 * Malformed data fails the call with nothing written; a rule that fails does not:
 * the dossier waits for an officer, and the answer says why.
 */
export async function registerBirth(ctx: Context, input: RegisterBirthCommand): Promise<ChildCard> {
  checkBirthForm(input);
  const partner = ctx.viewer.kind === 'partner' && ctx.viewer.scopes.includes(SHARE_SCOPE);
  if (!partner) requireRole(ctx, [OfficerRole.ADMIN], 'register births');
  const birth = checkBirth(input);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await carryThrough(ctx, birth);
    } catch (error) {
      // A concurrent push of the same birth won a unique key (personal ID, dossier key) or moved
      // the dossier first: its work is done, so start again and resume after it.
      const lost = error instanceof UniqueConstraintViolationException || error instanceof OptimisticLockError;
      if (!lost || attempt === MAX_ATTEMPTS) throw error;
    }
  }
}

async function carryThrough(ctx: Context, birth: Birth): Promise<ChildCard> {
  // Each step on a fresh EntityManager, so it reads what is committed, not what an earlier step remembered.
  const step = (work: (em: EntityManager, tx: Context) => Promise<void>) => {
    const tx = { ...ctx, em: ctx.em.fork() };
    return inTransaction(tx, async (em) => {
      // Pushes of one birth take their steps one at a time: a retry waits for the attempt it repeats, then finds its work.
      await em.getConnection().execute('select pg_advisory_xact_lock(?, hashtext(?))', [BIRTH_LOCK_SPACE, birth.number], 'all', em.getTransactionContext());
      await work(em, tx);
    });
  };
  await step((em) => registerChild(em, birth));
  await step((em) => receiveCardDossier(em, birth));
  await step((em) => reuseBirthCertificate(em, birth));
  await step((em) => checkAndSubmit(em, birth));
  await step((em, tx) => approveWhenRulesHold(tx, em, birth));
  return (await cardView(ctx.em.fork(), birth.number))!;
}

/** The form's own limits, checked first, as the input decorators do for the graph: required texts not empty, and BIRTH_FORM_MAX_LENGTH. */
function checkBirthForm(input: RegisterBirthCommand): void {
  const within = (value: string | null | undefined, max: number, argumentPath: (string | number)[], required = false) => {
    if (value === null || value === undefined) return;
    if (value.length > max || (required && value.length === 0)) {
      throw badInput(argumentPath, `${argumentPath.join('.')} must be ${required ? `1 to ${max}` : `at most ${max}`} characters long`, 'INVALID_ARGUMENT', { maxLength: max });
    }
  };
  within(input.birthCertificateNumber, BIRTH_FORM_MAX_LENGTH.birthCertificateNumber, ['input', 'birthCertificateNumber'], true);
  within(input.registrationAuthority, BIRTH_FORM_MAX_LENGTH.registrationAuthority, ['input', 'registrationAuthority'], true);
  within(input.initialClinic, BIRTH_FORM_MAX_LENGTH.initialClinic, ['input', 'initialClinic']);
  within(input.child.fullName, TEXT_MAX_LENGTH.personName, ['input', 'child', 'fullName'], true);
  within(input.child.placeOfBirth, BIRTH_FORM_MAX_LENGTH.placeOfBirth, ['input', 'child', 'placeOfBirth']);
  within(input.child.ethnicity, BIRTH_FORM_MAX_LENGTH.ethnicity, ['input', 'child', 'ethnicity']);
  within(input.child.nationality, BIRTH_FORM_MAX_LENGTH.nationality, ['input', 'child', 'nationality']);
  for (const role of ['father', 'mother'] as const) within(input[role]?.fullName, TEXT_MAX_LENGTH.personName, ['input', role, 'fullName'], true);
}

/** The text and date rules of every input (src/domain/text.ts, dates.ts): the same whether the call came through the graph or not. */
function checkBirthText(input: RegisterBirthCommand, today: string): void {
  checkText(input.birthCertificateNumber, 'key', ['input', 'birthCertificateNumber']);
  checkText(input.child.fullName, 'personName', ['input', 'child', 'fullName']);
  checkText(input.child.personalId, 'code', ['input', 'child', 'personalId']);
  checkText(input.registrationAuthority, 'line', ['input', 'registrationAuthority']);
  for (const role of ['father', 'mother'] as const) {
    const parent = input[role];
    if (parent) checkText(parent.fullName, 'personName', ['input', role, 'fullName']);
    if (parent?.personalId) checkText(parent.personalId, 'code', ['input', role, 'personalId']);
  }
  for (const key of ['householdCode', 'communeCode', 'initialClinic'] as const) {
    const value = input[key];
    if (value) checkText(value, key === 'initialClinic' ? 'line' : 'code', ['input', key]);
  }
  checkCalendarDate(input.child.dateOfBirth, 'past', ['input', 'child', 'dateOfBirth'], today);
  checkCalendarDate(input.registeredOn, 'past', ['input', 'registeredOn'], today);
}

function checkBirth(input: RegisterBirthCommand): Birth {
  checkBirthText(input, vietnamDate(new Date()));
  const number = input.birthCertificateNumber.trim();
  if (!number) throw badInput(['input', 'birthCertificateNumber'], 'The birth certificate number must not be blank');
  const child = input.child;
  const personalId = normalizeDigits(child.personalId);
  const problem = validatePersonalId(personalId, { dateOfBirth: child.dateOfBirth, gender: child.gender });
  if (problem) throw new DomainError('INVALID_IDENTIFIER', `Invalid personal ID: ${problem}`, { argumentPath: ['input', 'child', 'personalId'] });
  const today = vietnamDate(new Date());
  if (input.registeredOn < child.dateOfBirth || input.registeredOn > today) {
    throw badInput(['input', 'registeredOn'], `A child born on ${child.dateOfBirth} is registered between that day and today`);
  }
  const fullName = normalizeName(child.fullName);
  const authority = normalizeName(input.registrationAuthority);
  if (!fullName) throw badInput(['input', 'child', 'fullName'], 'The name must not be blank');
  if (!authority) throw badInput(['input', 'registrationAuthority'], 'The registering authority must not be blank');
  const householdCode = input.householdCode ? normalizeOpaqueCode(input.householdCode) : null;
  if (input.householdCode && !householdCode) {
    throw new DomainError('INVALID_IDENTIFIER', 'Invalid household code: 1–20 letters, digits, dots or hyphens', { argumentPath: ['input', 'householdCode'] });
  }
  const parentIds = (['father', 'mother'] as const).flatMap((role) => {
    const id = input[role]?.personalId && normalizeDigits(input[role].personalId);
    if (!id) return [];
    const invalid = validatePersonalId(id);
    if (invalid) throw new DomainError('INVALID_IDENTIFIER', `Invalid personal ID of the ${role}: ${invalid}`, { argumentPath: ['input', role, 'personalId'] });
    return [id];
  });
  return {
    number, registeredOn: input.registeredOn, authority, personalId, fullName, dateOfBirth: child.dateOfBirth, gender: child.gender,
    householdCode, communeCode: input.communeCode?.trim() || null, parentIds, input,
  };
}

function systemOfficer(em: EntityManager): Promise<Officer> {
  return em.findOneOrFail(Officer, { code: SYSTEM_OFFICER.code }, { populate: ['agency'] });
}

/** A social insurance code from the sequence the warehouse owns (10 digits, never reused). */
async function issueSocialInsuranceCode(em: EntityManager): Promise<string> {
  const [row] = await em.getConnection().execute<{ code: string }[]>(
    `select nextval('social_insurance_code_seq')::text as code`, [], 'all', em.getTransactionContext(),
  );
  return row!.code;
}

/**
 * Where the child belongs: the declared household when the household database knows
 * it, else a parent's household; the declared commune, else the household's.
 */
async function placeChild(em: EntityManager, birth: Birth): Promise<{ household: string | null; commune: Commune | null }> {
  const declared = birth.householdCode ? await em.findOne(Individual, { householdCode: birth.householdCode }) : null;
  const parent = declared ?? (birth.parentIds.length
    ? await em.findOne(Individual, { personalId: { $in: birth.parentIds }, householdCode: { $ne: null } })
    : null);
  const commune = birth.communeCode ? await em.findOne(Commune, { code: birth.communeCode }) : (parent?.commune ? await parent.commune.loadOrFail() : null);
  return { household: parent?.householdCode ?? null, commune };
}

/** The receiving agency: the province office of the residence, else of the province of birth registration (personal ID). */
async function receivingAgency(em: EntityManager, child: Individual): Promise<Agency> {
  const provinceCode = child.province?.unwrap().code ?? formerProvinceByPersonalIdPrefix(child.personalId.slice(0, 3))!.mergedInto;
  return em.findOneOrFail(Agency, { code: provinceAgencyCode(provinceCode) }, { populate: ['province'] });
}

/** Step 1: the child in the warehouse, with a social insurance code and the pushed birth certificate. */
async function registerChild(em: EntityManager, birth: Birth): Promise<void> {
  let child = await em.findOne(Individual, { personalId: birth.personalId });
  if (child && (child.dateOfBirth !== birth.dateOfBirth || child.gender !== birth.gender)) {
    throw new DomainError('DUPLICATE', `Personal ID ${birth.personalId} is already recorded for someone born ${child.dateOfBirth ?? '(unknown)'}`, {
      argumentPath: ['input', 'child', 'personalId'],
    });
  }
  if (!child) {
    const place = await placeChild(em, birth);
    child = Object.assign(new Individual(), {
      personalId: birth.personalId,
      fullName: birth.fullName,
      dateOfBirth: birth.dateOfBirth,
      gender: birth.gender,
      // The commune's common list when the family's household is unknown (Decision 3509, step 3).
      householdCode: place.household ?? (place.commune ? commonHouseholdCode(place.commune.code) : null),
      commune: place.commune ? ref(place.commune) : null,
      province: place.commune ? place.commune.province : null,
      hasPortalAccount: false,
    });
    em.persist(child);
  }
  child.socialInsuranceCode ??= await issueSocialInsuranceCode(em);
  if (await birthCertificateOf(em, child, birth.number)) return;
  const type = await getDocumentType(em, BIRTH_CERTIFICATE_TYPE, ['input']);
  const father = birth.input.father;
  const mother = birth.input.mother;
  const metadata = withoutEmpty({
    documentNumber: birth.number,
    issueDate: birth.registeredOn,
    issuingAgency: birth.authority,
    summary: 'Giấy khai sinh điện tử (liên thông)',
    personalId: birth.personalId,
    socialInsuranceCode: child.socialInsuranceCode,
    fullName: birth.fullName,
    dateOfBirth: birth.dateOfBirth,
    gender: birth.gender,
    placeOfBirth: birth.input.child.placeOfBirth?.trim(),
    ethnicity: birth.input.child.ethnicity?.trim(),
    nationality: birth.input.child.nationality?.trim(),
    fatherName: father ? normalizeName(father.fullName) : undefined,
    fatherPersonalId: father?.personalId ? normalizeDigits(father.personalId) : undefined,
    motherName: mother ? normalizeName(mother.fullName) : undefined,
    motherPersonalId: mother?.personalId ? normalizeDigits(mother.personalId) : undefined,
    placeOfRegistration: birth.authority,
  });
  checkMetadata(type, metadata, ['input']);
  const agency = await receivingAgency(em, child);
  const now = new Date();
  em.create(DigitizedDocument, {
    code: await issueDocumentCode(em, agency.code, type.code, now),
    documentType: type,
    ownerIndividual: child,
    title: `${type.name} số ${birth.number}`,
    issuedBy: birth.authority,
    issuedOn: birth.registeredOn,
    validUntil: null,
    source: DocumentSource.CONNECTED_SYSTEM,
    metadata,
    digitizedAt: now,
    digitizedBy: null,
    agency,
  });
}

function withoutEmpty(values: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

function birthCertificateOf(em: EntityManager, child: Individual, number: string): Promise<DigitizedDocument | null> {
  return em.findOne(DigitizedDocument, {
    ownerIndividual: child,
    documentType: { code: BIRTH_CERTIFICATE_TYPE },
    source: DocumentSource.CONNECTED_SYSTEM,
    metadata: { documentNumber: number },
  });
}

/** Step 2: the dossier, received by the system at the residence's province office ("tiếp nhận"). */
async function receiveCardDossier(em: EntityManager, birth: Birth): Promise<void> {
  if (await em.findOne(Dossier, { idempotencyKey: idempotencyKey(birth.number) })) return;
  const child = await em.findOneOrFail(Individual, { personalId: birth.personalId });
  const procedure = await em.findOneOrFail(AdministrativeProcedure, { code: CHILD_CARD_PROCEDURE });
  await openDossier(em, {
    procedure,
    applicant: child,
    channel: SubmissionChannel.ONLINE,
    agency: await receivingAgency(em, child),
    by: await systemOfficer(em),
    idempotencyKey: idempotencyKey(birth.number),
    at: new Date(),
  });
}

function loadDossier(em: EntityManager, birth: Birth): Promise<Dossier> {
  return em.findOneOrFail(Dossier, { idempotencyKey: idempotencyKey(birth.number) }, { populate: ['components', 'components.requirement', 'applicantIndividual'] });
}

/** Step 3: the birth certificate component provided by reuse, not by paper. */
async function reuseBirthCertificate(em: EntityManager, birth: Birth): Promise<void> {
  const dossier = await loadDossier(em, birth);
  if (dossier.status !== DossierStatus.RECEIVED) return;
  const child = dossier.applicantIndividual!.getEntity();
  const certificate = (await birthCertificateOf(em, child, birth.number))!;
  const component = componentToProvide(dossier, BIRTH_CERTIFICATE_COMPONENT, ['input']);
  await linkDocument(em, dossier, component, certificate, await systemOfficer(em), new Date(), ['input', 'birthCertificateNumber']);
}

/** Why the child's card cannot be issued automatically today (empty: it can). */
async function unmetFor(em: EntityManager, child: Individual): Promise<string[]> {
  const commune = child.commune ? await child.commune.loadOrFail() : null;
  return unmetRules({ dateOfBirth: child.dateOfBirth!, communeCode: commune?.code ?? null, householdCode: child.householdCode ?? null }, vietnamDate(new Date()));
}

/** Step 4: submitted for processing; the note says whether the rules hold, or what the officer must do. */
async function checkAndSubmit(em: EntityManager, birth: Birth): Promise<void> {
  const dossier = await loadDossier(em, birth);
  if (dossier.status !== DossierStatus.DIGITIZING) return;
  const unmet = await unmetFor(em, dossier.applicantIndividual!.getEntity());
  const note = unmet.length === 0 ? CHECK_PASSED : `${WAITING_PREFIX}${unmet.join('; ')}.`;
  moveDossier(em, dossier, DossierStatus.PROCESSING, await systemOfficer(em), note);
}

/**
 * Step 5: approved by the system when its own check passed, issuing the card. A
 * dossier an officer has taken over (any later step) is theirs.
 */
async function approveWhenRulesHold(ctx: Context, em: EntityManager, birth: Birth): Promise<void> {
  const dossier = await loadDossier(em, birth);
  if (dossier.status !== DossierStatus.PROCESSING) return;
  // Untouched since the system's own steps (RECEIVED, DIGITIZING, PROCESSING), whose check passed.
  const history = (await dossier.history.load()).getItems();
  if (history.length !== 3 || !history.some((c) => c.to === DossierStatus.PROCESSING && c.note === CHECK_PASSED)) return;
  const system = await systemOfficer(em);
  const child = dossier.applicantIndividual!.getEntity();
  const agency = await dossier.agency.loadOrFail({ populate: ['province'] });
  const commune = child.commune ? await child.commune.loadOrFail() : null;
  const province = commune ? await commune.province.loadOrFail() : null;
  const today = vietnamDate(new Date());
  const cardNumber = childCardNumber(agency.province.unwrap().code, child.socialInsuranceCode!);
  const input: DecideCommand = {
    decision: Decision.APPROVED,
    reason: null,
    resultFileId: null,
    resultMetadata: withoutEmpty({
      cardNumber,
      documentNumber: cardNumber,
      issueDate: today,
      issuingAgency: agency.name,
      summary: 'Thẻ bảo hiểm y tế trẻ em dưới 6 tuổi (liên thông đăng ký khai sinh)',
      personalId: child.personalId,
      socialInsuranceCode: child.socialInsuranceCode!,
      fullName: child.fullName,
      dateOfBirth: child.dateOfBirth!,
      gender: child.gender ?? undefined,
      address: commune && province ? `${commune.name}, ${province.name}` : undefined,
      // Form 01 lets the family choose; the commune health station is the usual first clinic of a newborn.
      initialClinic: birth.input.initialClinic?.trim() || `Trạm y tế ${commune!.name}`,
      validFrom: child.dateOfBirth!,
      validTo: childCardValidTo(child.dateOfBirth!),
      validityScope: 'Toàn quốc',
    }),
  };
  await decide(ctx, em, dossier, system, input, new Date());
}

/** The card of a birth certificate number, for the portal (partners with `documents:read`) or any officer; null when unknown. */
export async function childHealthInsuranceCard(ctx: Context, birthCertificateNumber: string): Promise<ChildCard | null> {
  const partner = ctx.viewer.kind === 'partner' && ctx.viewer.scopes.includes('documents:read');
  if (!partner) requireRole(ctx, Object.values(OfficerRole), 'read health insurance cards');
  return cardView(ctx.em, birthCertificateNumber.trim());
}

async function cardView(em: EntityManager, number: string): Promise<ChildCard | null> {
  const dossier = await em.findOne(Dossier, { idempotencyKey: idempotencyKey(number) }, { populate: ['applicantIndividual', 'history', 'result', 'result.document'] });
  if (!dossier) return null;
  const child = dossier.applicantIndividual!.getEntity();
  const card = dossier.result?.getEntity().document?.getEntity() ?? null;
  const check = dossier.history.getItems().find((c) => c.to === DossierStatus.PROCESSING && c.note?.startsWith(WAITING_PREFIX));
  const status = card ? ChildCardStatus.ISSUED : dossier.status === DossierStatus.REJECTED ? ChildCardStatus.REJECTED : ChildCardStatus.WAITING_FOR_OFFICER;
  return {
    childId: child.id,
    birthCertificateNumber: number,
    status,
    cardNumber: card ? String(card.metadata.cardNumber) : null,
    validFrom: card ? String(card.metadata.validFrom) : null,
    validTo: card?.validUntil ?? null,
    waitingReason: status === ChildCardStatus.WAITING_FOR_OFFICER && check ? check.note!.slice(WAITING_PREFIX.length) : null,
    child,
    birthCertificate: (await birthCertificateOf(em, child, number))!,
    dossier,
    card,
  };
}
