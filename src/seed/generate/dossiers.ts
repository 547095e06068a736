/** Dossiers at every step of the process, with their papers and results. */
import { AGENCIES } from '../../catalog/agencies.js';
import { PROCEDURES } from '../../catalog/procedures.js';
import type { ProcedureSeed, RequiredComponentSeed } from '../../catalog/types.js';
import { DAY_MS, addDays, addMonths, addYears, ageOn, vietnamDate, vietnamMidnight } from '../../domain/dates.js';
import { formatResultCode } from '../../domain/codes.js';
import type { Random } from '../random.js';
import { seededWorkingCalendar } from '../../catalog/working-calendar.js';
import { agencyName, documentType, officer, officersByAgency } from './catalog.js';
import { HOUR_MS, MINUTE_MS, dateBetween, maxDate, minDate } from './days.js';
import { PROCEDURE_BENEFIT } from './document-metadata.js';
import { type DocumentContext, type HoldingsIndex, createDocument, issuerOf } from './documents.js';
import {
  type ChannelValue, DOSSIER_STATUSES, type DocumentRecord, type DossierComponentRecord, type DossierRecord,
  type DossierStatusChangeRecord, type DossierStatusValue, type IndividualRecord, type OrganizationRecord,
  type OwnerRef, type Party, type ProcedureResultRecord, ownerRefOf,
} from './records.js';

export interface DossierContext extends DocumentContext {
  /** Who may apply: dossiers draw applicants from these. */
  applicants: { individuals: readonly IndividualRecord[]; organizations: readonly OrganizationRecord[] };
  /** What the warehouse holds; dossiers add the papers they scan and the results they produce. */
  holdings: HoldingsIndex;
  /** Start of the receipt period; default 90 days before `now`. */
  from?: Date;
}

export interface GeneratedDossier {
  dossier: DossierRecord;
  /** Papers scanned or received electronically for it, and its result paper. */
  documents: DocumentRecord[];
}

/** Relative yearly volume of each procedure (demo). Unknown procedures: 5. */
const PROCEDURE_VOLUME: Readonly<Record<string, number>> = {
  '1.001667': 18,
  '2.000693': 12,
  '1.001939': 10,
  '1.002759': 14,
  '1.001656': 8,
  '1.001632': 3,
  '9.000001': 8,
  '9.000002': 10,
  '9.000003': 7,
  '9.000004': 4,
  '9.000005': 6,
};

/** Who can file a procedure (age on the day of receipt, sex, what they already hold). */
function eligible(procedureCode: string, p: IndividualRecord, age: number, holdings: HoldingsIndex): boolean {
  if (!p.socialInsuranceCode) return false;
  const ref: OwnerRef = { kind: 'INDIVIDUAL', personalId: p.personalId };
  switch (procedureCode) {
    case '1.001667':
    case '1.001632':
      return age >= 18 && age <= 60;
    case '2.000693':
      return p.gender === 'FEMALE' && age >= 18 && age <= 45;
    case '1.001939':
      return !holdings.holdsValid(ref, 'BHYT');
    case '1.002759':
    case '1.001656':
      return true;
    case '9.000001':
      return age >= 18 && age <= 40 && !holdings.holdsValid(ref, 'SBHXH');
    case '9.000002':
      return age < 6 && !holdings.holdsValid(ref, 'BHYT');
    case '9.000003':
      return age >= 25 && age <= 60;
    case '9.000004':
      return age >= 55 && age <= 80;
    default:
      return age >= 18;
  }
}

/**
 * Papers that stand for a lasting fact (identity, card, book, contract, registration)
 * can be reused by later dossiers; papers about one event (a leave certificate, a
 * discharge, a bill, a declaration, a period's list) belong to the claim that brought them.
 */
const REUSABLE_TYPES = new Set(['GKS', 'CCCD', 'BHYT', 'SBHXH', 'HDLD', 'QDNV', 'GKH', 'GCT', 'BBGDYK', 'GCNDKDN']);

/** Whether a held document answers this requirement for this applicant. */
function answers(procedureCode: string, typeCode: string, doc: DocumentRecord, applicant: Party): boolean {
  if (!REUSABLE_TYPES.has(typeCode)) return false;
  if (typeCode === 'GKS' && applicant.kind === 'INDIVIDUAL') {
    // Maternity needs the child's certificate; everything else the applicant's own.
    return procedureCode === '2.000693'
      ? doc.metadata.motherName === applicant.record.fullName
      : doc.metadata.fullName === applicant.record.fullName;
  }
  return true;
}

/** When, before receipt, the applicant's paper of this type was issued. */
function paperIssuedOn(rng: Random, procedureCode: string, typeCode: string, party: Party, receivedOn: string): string {
  const dayBefore = addDays(receivedOn, -1);
  const dob = party.kind === 'INDIVIDUAL' ? party.record.dateOfBirth : '1990-01-01';
  const notBeforeBirth = (d: string) => maxDate(d, dob);
  switch (typeCode) {
    case 'TK1TS':
    case 'D02LT':
      return receivedOn;
    case 'C65':
    case 'GRV':
    case 'HDKCB':
      return notBeforeBirth(addDays(receivedOn, -rng.int(1, 40)));
    case 'BBTNLD':
    case 'BBGDYK':
    case 'QDNV':
      return notBeforeBirth(addDays(receivedOn, -rng.int(7, 120)));
    case 'BHYT':
      return notBeforeBirth(dateBetween(rng, addMonths(receivedOn, -11), dayBefore));
    case 'GKS':
      // Maternity: the newborn's certificate; otherwise the applicant's own.
      if (procedureCode === '2.000693') return addDays(receivedOn, -rng.int(5, 150));
      return minDate(addDays(dob, rng.int(3, 60)), dayBefore);
    case 'CCCD':
      return dateBetween(rng, maxDate(addYears(dob, 14), '2021-01-01'), dayBefore);
    case 'SBHXH':
    case 'HDLD':
      return dateBetween(rng, maxDate(addYears(dob, 18), addYears(receivedOn, -10)), dayBefore);
    case 'GCNDKDN':
      return dateBetween(rng, addYears(receivedOn, -15), dayBefore);
    default:
      return notBeforeBirth(dateBetween(rng, addYears(receivedOn, -3), dayBefore));
  }
}

/**
 * Receipt instants spread over weekday office hours (07:30–17:00 Vietnam time) of
 * the period, in increasing order: the i-th of n dossiers falls in the i-th slice.
 */
class ReceiptClock {
  private readonly windows: Array<[number, number]> = [];
  private readonly total: number;
  private cursor = 0;
  private consumed = 0;

  constructor(from: Date, to: Date) {
    for (let day = vietnamDate(from); vietnamMidnight(day).getTime() < to.getTime(); day = addDays(day, 1)) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const start = Math.max(vietnamMidnight(day).getTime() + 7.5 * HOUR_MS, from.getTime());
      const end = Math.min(vietnamMidnight(day).getTime() + 17 * HOUR_MS, to.getTime());
      if (end > start) this.windows.push([start, end]);
    }
    if (this.windows.length === 0) this.windows.push([from.getTime(), Math.max(from.getTime() + 1, to.getTime())]);
    this.total = this.windows.reduce((sum, [a, b]) => sum + (b - a), 0);
  }

  /** The instant at this fraction [0, 1) of the office time; fractions must not decrease. */
  at(fraction: number): Date {
    let offset = fraction * this.total - this.consumed;
    while (this.cursor < this.windows.length - 1 && offset >= this.windows[this.cursor]![1] - this.windows[this.cursor]![0]) {
      const [a, b] = this.windows[this.cursor]!;
      this.consumed += b - a;
      offset -= b - a;
      this.cursor++;
    }
    const [a, b] = this.windows[this.cursor]!;
    return new Date(Math.min(b - 1, a + Math.max(0, Math.floor(offset))));
  }
}

/** Status weights by how far the dossier is into its processing time (age ÷ processing days). */
function targetStatus(rng: Random, ageRatio: number): DossierStatusValue {
  if (ageRatio < 0.05) {
    return rng.weighted<DossierStatusValue>([['RECEIVED', 50], ['DIGITIZING', 35], ['PROCESSING', 15]]);
  }
  if (ageRatio < 0.3) {
    return rng.weighted<DossierStatusValue>([
      ['RECEIVED', 8], ['DIGITIZING', 15], ['PROCESSING', 50], ['NEEDS_SUPPLEMENT', 12], ['APPROVED', 8], ['REJECTED', 2], ['RESULT_RETURNED', 5],
    ]);
  }
  if (ageRatio < 1) {
    return rng.weighted<DossierStatusValue>([
      ['RECEIVED', 2], ['DIGITIZING', 5], ['PROCESSING', 30], ['NEEDS_SUPPLEMENT', 13], ['APPROVED', 20], ['REJECTED', 5], ['RESULT_RETURNED', 25],
    ]);
  }
  return rng.weighted<DossierStatusValue>([
    ['RECEIVED', 0.5], ['DIGITIZING', 0.5], ['PROCESSING', 3], ['NEEDS_SUPPLEMENT', 4], ['APPROVED', 4], ['REJECTED', 3], ['RESULT_RETURNED', 85],
  ]);
}

/**
 * The statuses a dossier walks through to reach its target, along the allowed
 * transitions: RECEIVED → DIGITIZING → PROCESSING → (NEEDS_SUPPLEMENT → DIGITIZING →
 * PROCESSING) → APPROVED | REJECTED → RESULT_RETURNED.
 */
function pathTo(rng: Random, target: DossierStatusValue): DossierStatusValue[] {
  const path: DossierStatusValue[] = ['RECEIVED'];
  if (target === 'RECEIVED') return path;
  const loop = target === 'NEEDS_SUPPLEMENT' || rng.chance(target === 'DIGITIZING' ? 0.2 : 0.15);
  path.push('DIGITIZING');
  if (target === 'DIGITIZING' && !loop) return path;
  path.push('PROCESSING');
  if (loop) {
    path.push('NEEDS_SUPPLEMENT');
    if (target === 'NEEDS_SUPPLEMENT') return path;
    path.push('DIGITIZING');
    if (target === 'DIGITIZING') return path;
    path.push('PROCESSING');
  }
  if (target === 'PROCESSING') return path;
  const decision: DossierStatusValue =
    target === 'APPROVED' || target === 'REJECTED' ? target : rng.chance(0.88) ? 'APPROVED' : 'REJECTED';
  path.push(decision);
  if (target === decision) return path;
  path.push('RESULT_RETURNED');
  return path;
}

const REJECTION_REASONS = [
  'Không đủ điều kiện hưởng theo quy định',
  'Chưa đủ thời gian đóng bảo hiểm xã hội theo quy định',
  'Thông tin trên giấy tờ không khớp với dữ liệu đang quản lý',
  'Đã giải quyết hưởng chế độ cho cùng thời gian nghỉ',
  'Hồ sơ bổ sung quá thời hạn theo quy định',
] as const;

const RECEIPT_NOTES: Record<ChannelValue, string> = {
  IN_PERSON: 'Tiếp nhận trực tiếp tại Bộ phận Một cửa',
  POSTAL: 'Tiếp nhận qua dịch vụ bưu chính công ích',
  ONLINE: 'Tiếp nhận trực tuyến từ Cổng Dịch vụ công quốc gia',
};

/** Agencies that receive dossiers: those with officers, the two big cities first. */
function receivingAgencies(): ReadonlyArray<readonly [string, number]> {
  const weights: Array<[string, number]> = [];
  for (const agencyCode of officersByAgency.keys()) {
    const provinceCode = AGENCIES.find((a) => a.code === agencyCode)?.provinceCode;
    const central = agencyCode === '000.00.00.H41';
    weights.push([agencyCode, central ? 10 : provinceCode === '01' || provinceCode === '79' ? 45 : 20]);
  }
  if (weights.length === 0) throw new Error('no agency has officers: dossiers cannot be received');
  return weights;
}

/**
 * Dossiers in order of receipt over the period, at every status, with components
 * provided as the process requires: reused from the warehouse when the applicant
 * already holds a valid paper of the type, otherwise scanned (in person, by post) or
 * received electronically (online); approved dossiers produce their result paper.
 * Each dossier comes with the new documents it created; they also join `holdings`,
 * so a later dossier can reuse an earlier one's result.
 *
 * When the dossiers left are as few as the statuses not yet produced, the rest take
 * those statuses, so that every status appears whenever n ≥ 7.
 */
export function* generateDossiers(rng: Random, n: number, ctx: DossierContext): Generator<GeneratedDossier> {
  const now = ctx.now;
  const from = ctx.from ?? new Date(now.getTime() - 90 * DAY_MS);
  const clock = new ReceiptClock(from, new Date(now.getTime() - 10 * MINUTE_MS));
  const agencies = receivingAgencies();
  const agencyProvince = new Map(AGENCIES.map((a) => [a.code, a.provinceCode]));
  const pools: ApplicantPools = {
    individualsByProvince: groupByProvince(ctx.applicants.individuals),
    organizationsByProvince: groupByProvince(ctx.applicants.organizations),
  };
  const procedures = PROCEDURES.filter((p) =>
    p.applicantKind === 'INDIVIDUAL' ? ctx.applicants.individuals.length > 0 : ctx.applicants.organizations.length > 0,
  );
  if (n > 0 && procedures.length === 0) throw new Error('dossiers need applicants: no individuals and no organizations given');
  const procedureWeights = procedures.map((p) => [p, PROCEDURE_VOLUME[p.code] ?? 5] as const);
  const seen = new Set<DossierStatusValue>();
  // The calendar the warehouse holds for these years, unamended: the due dates the service would give.
  const calendar = seededWorkingCalendar(from.getUTCFullYear() - 1, now.getUTCFullYear() + 1);

  for (let i = 0; i < n; i++) {
    const receivedAt = clock.at((i + rng.next()) / n);
    const receivedOn = vietnamDate(receivedAt);
    const agencyCode = rng.weighted(agencies);
    const localProvince = agencyCode === '000.00.00.H41' ? undefined : agencyProvince.get(agencyCode);

    // Procedure and an applicant who can file it.
    let procedure: ProcedureSeed | undefined;
    let applicant: Party | undefined;
    for (let attempt = 0; attempt < 20 && !applicant; attempt++) {
      procedure = rng.weighted(procedureWeights);
      applicant = pickApplicant(rng, procedure, receivedOn, ctx, pools, localProvince);
    }
    if (!procedure || !applicant) throw new Error('no applicant in the pool can file any procedure');

    const missing = DOSSIER_STATUSES.filter((s) => !seen.has(s));
    const { dueAt } = calendar.dueDate(receivedAt, procedure.processingDays);
    const ageRatio = (now.getTime() - receivedAt.getTime()) / (dueAt.getTime() - receivedAt.getTime());
    const target = missing.length > 0 && n - i <= missing.length ? missing[0]! : targetStatus(rng, ageRatio);
    seen.add(target);

    yield buildDossier(rng, ctx, { procedure, applicant, agencyCode, receivedAt, dueAt, target });
  }
}

interface ApplicantPools {
  individualsByProvince: Map<string, IndividualRecord[]>;
  organizationsByProvince: Map<string, OrganizationRecord[]>;
}

function groupByProvince<T extends { provinceCode: string }>(records: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of records) {
    const list = groups.get(r.provinceCode);
    if (list) list.push(r);
    else groups.set(r.provinceCode, [r]);
  }
  return groups;
}

/** An applicant who can file the procedure, 70% of the time from the receiving agency's province. */
function pickApplicant(
  rng: Random,
  procedure: ProcedureSeed,
  receivedOn: string,
  ctx: DossierContext,
  pools: ApplicantPools,
  localProvince: string | undefined,
): Party | undefined {
  if (procedure.applicantKind === 'ORGANIZATION') {
    const orgs = ctx.applicants.organizations;
    if (orgs.length === 0) return undefined;
    const local = (localProvince && pools.organizationsByProvince.get(localProvince)) || [];
    return { kind: 'ORGANIZATION', record: rng.pick(local.length > 0 && rng.chance(0.7) ? local : orgs) };
  }
  const all = ctx.applicants.individuals;
  if (all.length === 0) return undefined;
  const local = (localProvince && pools.individualsByProvince.get(localProvince)) || [];
  const ok = (p: IndividualRecord) =>
    p.dateOfBirth <= receivedOn && eligible(procedure.code, p, ageOn(p.dateOfBirth, receivedOn), ctx.holdings);
  for (let attempt = 0; attempt < 40; attempt++) {
    const p = rng.pick(local.length > 0 && rng.chance(0.7) ? local : all);
    if (ok(p)) return { kind: 'INDIVIDUAL', record: p };
  }
  // Rare procedures (a pension, a child's card): scan from a random place.
  const start = rng.int(0, all.length - 1);
  for (let k = 0; k < all.length; k++) {
    const p = all[(start + k) % all.length]!;
    if (ok(p)) return { kind: 'INDIVIDUAL', record: p };
  }
  return undefined;
}

interface DossierPlan {
  procedure: ProcedureSeed;
  applicant: Party;
  agencyCode: string;
  receivedAt: Date;
  dueAt: Date;
  target: DossierStatusValue;
}

/** Typical time from the previous step to this one (before fitting into the time available); `processing` is receipt to due date. */
function stepDuration(rng: Random, to: DossierStatusValue, previous: DossierStatusValue, processing: number): number {
  switch (to) {
    case 'DIGITIZING':
      return previous === 'NEEDS_SUPPLEMENT' ? rng.float(1, 7) * DAY_MS : rng.int(5, 90) * MINUTE_MS;
    case 'PROCESSING':
      return rng.int(20, 240) * MINUTE_MS;
    case 'NEEDS_SUPPLEMENT':
      return rng.float(0.5, 3) * DAY_MS;
    case 'APPROVED':
    case 'REJECTED':
      return (rng.chance(0.08) ? rng.float(1.05, 1.5) : rng.float(0.3, 0.9)) * processing;
    case 'RESULT_RETURNED':
      return rng.float(0.2, 4) * DAY_MS;
    default:
      return HOUR_MS;
  }
}

function buildDossier(rng: Random, ctx: DossierContext, plan: DossierPlan): GeneratedDossier {
  const { procedure, applicant, agencyCode, receivedAt, dueAt, target } = plan;
  const now = ctx.now;
  const applicantRef = ownerRefOf(applicant);
  const code = ctx.sequences.dossierCode(agencyCode, receivedAt);
  const receiving = officer(rng, agencyCode, 'RECEIVING_OFFICER');
  if (!receiving) throw new Error(`agency ${agencyCode} has no officer to receive dossiers`);
  const processing = officer(rng, agencyCode, 'PROCESSING_OFFICER') ?? receiving;
  const approver = officer(rng, agencyCode, 'APPROVER') ?? processing;
  const channel: ChannelValue =
    applicant.kind === 'ORGANIZATION' && applicant.record.hasTransactionAccount
      ? rng.weighted<ChannelValue>([['ONLINE', 70], ['IN_PERSON', 20], ['POSTAL', 10]])
      : rng.weighted<ChannelValue>([['IN_PERSON', 45], ['ONLINE', 42], ['POSTAL', 13]]);

  // Times of each step, fitted into the time between receipt and now.
  const path = pathTo(rng, target);
  const offsets = [0];
  for (let k = 1; k < path.length; k++) {
    offsets.push(offsets[k - 1]! + stepDuration(rng, path[k]!, path[k - 1]!, dueAt.getTime() - receivedAt.getTime()));
  }
  const available = now.getTime() - receivedAt.getTime() - MINUTE_MS;
  const last = offsets[offsets.length - 1]!;
  const scale = last > available ? Math.max(0, available) / last : 1;
  const times = offsets.map((o) => new Date(receivedAt.getTime() + Math.floor(o * scale)));
  const endOf = (k: number) => (k + 1 < times.length ? times[k + 1]! : new Date(now.getTime() - MINUTE_MS));

  // Which components the dossier carries: every mandatory one, some optional ones.
  const requirements = procedure.components.filter((c) => c.mandatory || rng.chance(0.45));
  const supplementAt = path.indexOf('NEEDS_SUPPLEMENT');
  const supplemented: RequiredComponentSeed | undefined = supplementAt >= 0 ? rng.pick(requirements) : undefined;

  const documents: DocumentRecord[] = [];
  const provide = (req: RequiredComponentSeed, at: Date): DossierComponentRecord => {
    const held = ctx.holdings.reusable(applicantRef, req.documentTypeCode, at, (d) => answers(procedure.code, req.documentTypeCode, d, applicant));
    if (held && rng.chance(0.95)) {
      return { requirementCode: req.code, provision: 'REUSED', documentCode: held.code, providedAt: at.toISOString(), providedByCode: receiving };
    }
    const provision: 'SCANNED' | 'ELECTRONIC' =
      channel === 'ONLINE' ? (rng.chance(0.85) ? 'ELECTRONIC' : 'SCANNED') : rng.chance(0.95) ? 'SCANNED' : 'ELECTRONIC';
    const type = documentType(req.documentTypeCode);
    const doc = createDocument(rng, ctx, {
      type,
      party: applicant,
      issuedOn: paperIssuedOn(rng, procedure.code, type.code, applicant, vietnamDate(plan.receivedAt)),
      issuedBy: issuerOf(rng, type.code, applicant, agencyCode, ctx),
      source: provision,
      agencyCode,
      officerCode: receiving,
      digitizedAt: at,
      originDossierCode: code,
      purpose: { procedureCode: procedure.code },
    });
    documents.push(doc);
    if (doc.status === 'VALID') ctx.holdings.add(doc);
    return { requirementCode: req.code, provision, documentCode: doc.code, providedAt: at.toISOString(), providedByCode: receiving };
  };
  const pending = (req: RequiredComponentSeed): DossierComponentRecord => ({
    requirementCode: req.code,
    provision: 'PENDING',
    documentCode: null,
    providedAt: null,
    providedByCode: null,
  });

  // First digitization phase; a component asked for in a supplement comes in the second.
  const firstDigitizing = path.indexOf('DIGITIZING');
  const secondDigitizing = path.lastIndexOf('DIGITIZING') > firstDigitizing ? path.lastIndexOf('DIGITIZING') : -1;
  const components: DossierComponentRecord[] = [];
  const currentlyDigitizing = path[path.length - 1] === 'DIGITIZING';
  requirements.forEach((req, k) => {
    const share = (k + 1) / (requirements.length + 1);
    if (firstDigitizing < 0) {
      components.push(pending(req));
    } else if (req === supplemented) {
      if (secondDigitizing < 0 || (currentlyDigitizing && rng.chance(0.5))) components.push(pending(req));
      else components.push(provide(req, between(times[secondDigitizing]!, endOf(secondDigitizing), share)));
    } else if (currentlyDigitizing && secondDigitizing < 0 && rng.chance(0.5)) {
      components.push(pending(req));
    } else {
      components.push(provide(req, between(times[firstDigitizing]!, endOf(firstDigitizing), share)));
    }
  });

  // History, one entry per step.
  const history: DossierStatusChangeRecord[] = path.map((to, k) => {
    const from = k === 0 ? null : path[k - 1]!;
    let byCode: string | null = receiving;
    let note: string | null = null;
    if (k === 0) note = RECEIPT_NOTES[channel];
    else if (to === 'PROCESSING') note = 'Chuyển bộ phận giải quyết';
    else if (to === 'NEEDS_SUPPLEMENT') {
      byCode = processing;
      note = `Đề nghị bổ sung: ${supplemented?.name ?? 'thành phần hồ sơ'}`;
    } else if (to === 'DIGITIZING' && from === 'NEEDS_SUPPLEMENT') note = 'Đã nhận hồ sơ bổ sung';
    else if (to === 'APPROVED' || to === 'REJECTED') byCode = approver;
    else if (to === 'RESULT_RETURNED') note = 'Đã trả kết quả cho người nộp';
    return { from, to, at: times[k]!.toISOString(), byCode, note };
  });

  // Decision and result.
  let result: ProcedureResultRecord | null = null;
  const decisionAt = path.findIndex((s) => s === 'APPROVED' || s === 'REJECTED');
  if (decisionAt >= 0) {
    const decision = path[decisionAt] as 'APPROVED' | 'REJECTED';
    const decidedAt = times[decisionAt]!;
    const reason = decision === 'REJECTED' ? rng.pick(REJECTION_REASONS) : null;
    if (reason) history[decisionAt]!.note = reason;
    let documentCode: string | null = null;
    if (decision === 'APPROVED' && procedure.resultDocumentTypeCode) {
      const type = documentType(procedure.resultDocumentTypeCode);
      const doc = createDocument(rng, ctx, {
        type,
        party: applicant,
        issuedOn: vietnamDate(decidedAt),
        issuedBy: agencyName(agencyCode),
        source: 'PROCEDURE_RESULT',
        agencyCode,
        officerCode: approver,
        digitizedAt: decidedAt,
        originDossierCode: code,
        purpose: { procedureCode: procedure.code, benefitKind: PROCEDURE_BENEFIT[procedure.code] },
      });
      documents.push(doc);
      if (doc.status === 'VALID') ctx.holdings.add(doc);
      documentCode = doc.code;
    }
    const returnedAt = path.indexOf('RESULT_RETURNED');
    result = {
      code: formatResultCode(code),
      decision,
      reason,
      documentCode,
      decidedByCode: approver,
      decidedAt: decidedAt.toISOString(),
      returnedAt: returnedAt >= 0 ? times[returnedAt]!.toISOString() : null,
    };
  }

  return {
    dossier: {
      code,
      procedureCode: procedure.code,
      applicant: applicantRef,
      channel,
      agencyCode,
      receivedAt: receivedAt.toISOString(),
      receivedByCode: receiving,
      dueAt: dueAt.toISOString(),
      status: target,
      components,
      history,
      result,
    },
    documents,
  };
}

/** The instant at `share` (0–1) of the way from a to b. */
function between(a: Date, b: Date, share: number): Date {
  return new Date(a.getTime() + Math.floor(Math.max(0, b.getTime() - a.getTime()) * share));
}
