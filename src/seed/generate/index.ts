/**
 * A pure, deterministic generator of warehouse data: individuals in households,
 * organizations, the documents the warehouse already holds for them, and dossiers
 * at every step of the process (DESIGN.md, "The process it serves"), with the new
 * papers they scanned and the results they produced. No database: plain records,
 * loaded by `seed/demo.ts` (small demo) or streamed by a bulk import.
 *
 * Same seed and same `now` ⇒ the same records, byte for byte.
 *
 * Underneath are generator functions (`generateIndividuals`, `generateOrganizations`,
 * `generateHoldings`, `generateDossiers`, `generateDemoStream`) that keep memory per
 * record small: identifiers are made unique by construction (bijective scrambles of
 * per-prefix counters), not by remembering every value; only the applicant pool that
 * dossiers draw from (bounded by `applicantPoolSize`) and the per-agency-per-day
 * sequence counters are kept.
 *
 * Simplifications, said once: due dates add the procedure's processing days as
 * calendar days (the catalog counts working days); one-stop reception happens
 * 07:30–17:00 Vietnam time on weekdays, later steps at any hour.
 */
import { AGENCIES, OFFICERS, provinceAgencyCode } from '../../catalog/agencies.js';
import { BENEFIT_KINDS, DOCUMENT_TYPES, type BenefitKind } from '../../catalog/document-types.js';
import { PROCEDURES } from '../../catalog/procedures.js';
import { COMMUNES, FORMER_PROVINCES, PROVINCES } from '../../catalog/provinces.js';
import type { CommuneSeed, DocumentTypeSeed, FormerProvinceSeed, OfficerRole, ProcedureSeed, RequiredComponentSeed } from '../../catalog/types.js';
import { DAY_MS, addDays, addMonths, addYears, ageOn, vietnamDate, vietnamMidnight } from '../../domain/dates.js';
import {
  formatDigitizationCode,
  formatDossierCode,
  formatHealthInsuranceCardNumber,
  formatResultCode,
} from '../../domain/codes.js';
import { buildPersonalId, taxCodeCheckDigit } from '../../domain/identifiers.js';
import { documentSequenceScope, dossierSequenceScope } from '../../domain/sequence-scopes.js';
import { createRandom, type Random } from '../random.js';
import {
  familyName,
  familyNameOf,
  hospitalName,
  minorityPersonName,
  organizationName,
  personName,
  streetAddress,
  type Gender,
} from '../vietnamese-names.js';

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

export type { Gender };
export type DocumentStatusValue = 'VALID' | 'EXPIRED' | 'REVOKED' | 'SUPERSEDED';
export type DocumentSourceValue = 'SCANNED' | 'ELECTRONIC' | 'NATIONAL_PORTAL' | 'CONNECTED_SYSTEM' | 'PROCEDURE_RESULT';
export type DossierStatusValue =
  | 'RECEIVED'
  | 'DIGITIZING'
  | 'PROCESSING'
  | 'NEEDS_SUPPLEMENT'
  | 'APPROVED'
  | 'REJECTED'
  | 'RESULT_RETURNED';
export type ChannelValue = 'IN_PERSON' | 'POSTAL' | 'ONLINE';
export type ProvisionValue = 'PENDING' | 'REUSED' | 'SCANNED' | 'ELECTRONIC';

export const DOSSIER_STATUSES: readonly DossierStatusValue[] = [
  'RECEIVED',
  'DIGITIZING',
  'PROCESSING',
  'NEEDS_SUPPLEMENT',
  'APPROVED',
  'REJECTED',
  'RESULT_RETURNED',
];

export interface IndividualRecord {
  personalId: string;
  socialInsuranceCode: string | null;
  fullName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  gender: Gender;
  householdCode: string | null;
  /** Current (post-2025) province of residence. */
  provinceCode: string;
  communeCode: string;
  hasPortalAccount: boolean;
}

export interface OrganizationRecord {
  unitCode: string;
  taxCode: string;
  name: string;
  address: string;
  provinceCode: string;
  hasTransactionAccount: boolean;
}

export type OwnerRef = { kind: 'INDIVIDUAL'; personalId: string } | { kind: 'ORGANIZATION'; unitCode: string };

export interface DocumentRecord {
  /** Digitization result code, `<agency>.<type>.<YYMMDD>.<sequence>`. */
  code: string;
  documentTypeCode: string;
  owner: OwnerRef;
  title: string;
  issuedBy: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
  /** YYYY-MM-DD, from the type's validityMonths; null: no expiry. */
  validUntil: string | null;
  status: DocumentStatusValue;
  source: DocumentSourceValue;
  /** Valid against the type's metadataSchema. */
  metadata: Record<string, unknown>;
  /** ISO instant. */
  digitizedAt: string;
  agencyCode: string;
  officerCode: string | null;
  /** The dossier that scanned or produced it. */
  originDossierCode: string | null;
}

export interface DossierComponentRecord {
  requirementCode: string;
  provision: ProvisionValue;
  documentCode: string | null;
  providedAt: string | null;
  providedByCode: string | null;
}

export interface DossierStatusChangeRecord {
  from: DossierStatusValue | null;
  to: DossierStatusValue;
  at: string;
  byCode: string | null;
  note: string | null;
}

export interface ProcedureResultRecord {
  /** `KQ.<dossier code>`. */
  code: string;
  decision: 'APPROVED' | 'REJECTED';
  reason: string | null;
  documentCode: string | null;
  decidedByCode: string;
  decidedAt: string;
  returnedAt: string | null;
}

export interface DossierRecord {
  code: string;
  procedureCode: string;
  applicant: OwnerRef;
  channel: ChannelValue;
  agencyCode: string;
  receivedAt: string;
  receivedByCode: string;
  /** receivedAt + processingDays calendar days. */
  dueAt: string;
  status: DossierStatusValue;
  components: DossierComponentRecord[];
  history: DossierStatusChangeRecord[];
  result: ProcedureResultRecord | null;
}

export interface DemoData {
  individuals: IndividualRecord[];
  organizations: OrganizationRecord[];
  documents: DocumentRecord[];
  dossiers: DossierRecord[];
}

export interface DemoOptions {
  seed: number;
  individuals: number;
  organizations: number;
  dossiers: number;
  now: Date;
}

/** One record of the stream, in an order a loader can follow (see generateDemoStream). */
export type DemoItem =
  | { kind: 'individual'; record: IndividualRecord }
  | { kind: 'organization'; record: OrganizationRecord }
  | { kind: 'document'; record: DocumentRecord }
  | { kind: 'dossier'; record: DossierRecord };

/** A party the warehouse knows, with its record (documents are generated from it). */
export type Party = { kind: 'INDIVIDUAL'; record: IndividualRecord } | { kind: 'ORGANIZATION'; record: OrganizationRecord };

export function ownerRefOf(party: Party): OwnerRef {
  return party.kind === 'INDIVIDUAL'
    ? { kind: 'INDIVIDUAL', personalId: party.record.personalId }
    : { kind: 'ORGANIZATION', unitCode: party.record.unitCode };
}

export function ownerKey(owner: OwnerRef): string {
  return owner.kind === 'INDIVIDUAL' ? `I:${owner.personalId}` : `O:${owner.unitCode}`;
}

// ---------------------------------------------------------------------------
// Dates (calendar dates are strings YYYY-MM-DD; instants are Date)
// ---------------------------------------------------------------------------

// vietnamDate, addDays, addMonths, addYears, ageOn: src/domain/dates.ts.

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** A date in [from, to]; `to` when the range is empty. */
function dateBetween(rng: Random, from: string, to: string): string {
  return from > to ? to : rng.date(from, to);
}

function monthOf(date: string): string {
  return date.slice(0, 7);
}

// ---------------------------------------------------------------------------
// Identifiers, unique by construction
// ---------------------------------------------------------------------------

/** FNV-1a, for per-key offsets of the scrambles. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A bijection of [0, modulus): (index × multiplier + offset) mod modulus, with the
 * multiplier coprime to the modulus. Distinct counters give distinct, scattered values.
 */
function scramble(index: number, modulus: number, multiplier: number, offset: number): number {
  if (index >= modulus) throw new RangeError(`identifier space of ${modulus} exhausted`);
  return (index * multiplier + (offset % modulus)) % modulus;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Tax-code province prefixes (demo): "01" Hà Nội and "03" TP HCM as in real codes; elsewhere the province code. */
function taxCodePrefix(provinceCode: string): string {
  return provinceCode === '79' ? '03' : provinceCode;
}

const UNIT_CODE_SPACE = 26 * 26 * 10_000 * 26;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Hands out identifiers that never repeat within one allocator: personal IDs,
 * social insurance codes, household codes, unit codes, tax codes. Memory: one
 * counter per prefix (at most a few tens of thousands), not one entry per value.
 * Share one allocator across calls that must not collide.
 */
export class IdentifierAllocator {
  private readonly counters = new Map<string, number>();

  private take(key: string): number {
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    return n;
  }

  /** 12 digits: birth-registration prefix, century-and-sex digit, two-digit year, six scrambled digits. */
  personalId(prefix: string, birthYear: number, gender: Gender): string {
    const key = `pid:${prefix}:${birthYear}:${gender}`;
    const six = scramble(this.take(key), 1_000_000, 389_117, hash32(key));
    return buildPersonalId(prefix, birthYear, gender, pad(six, 6));
  }

  /** 10 digits: the province of first registration, then eight scrambled digits (demo layout). */
  socialInsuranceCode(provinceCode: string): string {
    const key = `si:${provinceCode}`;
    return `${provinceCode}${pad(scramble(this.take(key), 100_000_000, 27_644_437, hash32(key)), 8)}`;
  }

  /** `HG<province><8 digits>` (demo; the real format is unknown, domain.md). */
  householdCode(provinceCode: string): string {
    const key = `hh:${provinceCode}`;
    return `HG${provinceCode}${pad(scramble(this.take(key), 100_000_000, 30_000_007, hash32(key)), 8)}`;
  }

  /** Shaped like `TA1234A`: two letters, four digits, one letter (demo; opaque upper-case). */
  unitCode(): string {
    let v = scramble(this.take('unit'), UNIT_CODE_SPACE, 48_271, 7_777_777);
    const a = LETTERS[v % 26]!;
    v = Math.floor(v / 26);
    const b = LETTERS[v % 26]!;
    v = Math.floor(v / 26);
    const digits = pad(v % 10_000, 4);
    v = Math.floor(v / 10_000);
    return `${a}${b}${digits}${LETTERS[v % 26]!}`;
  }

  /** 10 digits with a valid check digit; candidates whose check digit would be 10 are skipped. */
  taxCode(provinceCode: string): string {
    const prefix = taxCodePrefix(provinceCode);
    const key = `tax:${prefix}`;
    for (;;) {
      const first9 = `${prefix}${pad(scramble(this.take(key), 10_000_000, 1_234_567, hash32(key)), 7)}`;
      const check = taxCodeCheckDigit(first9);
      if (check !== null) return `${first9}${check}`;
    }
  }
}

/**
 * Per-scope counters behind dossier and digitization codes, one per agency and
 * Vietnam-local day (scopes from domain/sequence-scopes.ts, as the services use).
 */
export class SequenceBook {
  private readonly last = new Map<string, number>();

  next(scope: string): number {
    const n = (this.last.get(scope) ?? 0) + 1;
    this.last.set(scope, n);
    return n;
  }

  dossierCode(agencyCode: string, instant: Date): string {
    return formatDossierCode(agencyCode, instant, this.next(dossierSequenceScope(agencyCode, instant)));
  }

  documentCode(agencyCode: string, documentTypeCode: string, instant: Date): string {
    return formatDigitizationCode(agencyCode, documentTypeCode, instant, this.next(documentSequenceScope(agencyCode, instant)));
  }

  /** Every scope used, with the highest sequence handed out. */
  entries(): IterableIterator<[string, number]> {
    return this.last.entries();
  }
}

// ---------------------------------------------------------------------------
// Catalog lookups
// ---------------------------------------------------------------------------

/**
 * Approximate population of the 34 provinces (millions, after the 2025 merger).
 * Used as weights for where people live; organizations lean further to the two big cities.
 */
const POPULATION: Readonly<Record<string, number>> = {
  '01': 8.7, '04': 0.57, '08': 1.9, '11': 0.65, '12': 0.5, '14': 1.3, '15': 1.8, '19': 1.8, '20': 0.8,
  '22': 1.4, '24': 3.6, '25': 4.0, '31': 4.7, '33': 3.6, '37': 4.4, '38': 4.3, '40': 3.8, '42': 1.6,
  '44': 1.9, '46': 1.4, '48': 3.1, '51': 2.2, '52': 3.6, '56': 2.2, '66': 3.3, '68': 3.9, '75': 4.5,
  '79': 14.0, '80': 3.3, '82': 4.4, '86': 4.3, '91': 4.9, '92': 4.2, '96': 2.6,
};

const PROVINCE_WEIGHTS: ReadonlyArray<readonly [string, number]> = PROVINCES.map((p) => [p.code, POPULATION[p.code] ?? 1]);
const ORGANIZATION_PROVINCE_WEIGHTS: ReadonlyArray<readonly [string, number]> = PROVINCES.map((p) => [
  p.code,
  (POPULATION[p.code] ?? 1) * (p.code === '79' || p.code === '01' ? 2.5 : 1),
]);

const provinceNames = new Map(PROVINCES.map((p) => [p.code, p.name]));
const communesByProvince = new Map<string, CommuneSeed[]>();
for (const c of COMMUNES) {
  const list = communesByProvince.get(c.provinceCode) ?? [];
  list.push(c);
  communesByProvince.set(c.provinceCode, list);
}
const communeNames = new Map(COMMUNES.map((c) => [c.code, c.name]));
const formerByCurrent = new Map<string, FormerProvinceSeed[]>();
for (const f of FORMER_PROVINCES) {
  const list = formerByCurrent.get(f.mergedInto) ?? [];
  list.push(f);
  formerByCurrent.set(f.mergedInto, list);
}
const agencyNames = new Map(AGENCIES.map((a) => [a.code, a.name]));
const documentTypes = new Map(DOCUMENT_TYPES.map((t) => [t.code, t]));

function provinceName(code: string): string {
  return provinceNames.get(code) ?? code;
}

function communeOf(rng: Random, provinceCode: string): CommuneSeed {
  const list = communesByProvince.get(provinceCode);
  if (!list || list.length === 0) throw new Error(`no commune in the catalog for province ${provinceCode}`);
  return rng.pick(list);
}

/** The agency that serves a province (its province office). */
function agencyOfProvince(provinceCode: string): string {
  const code = provinceAgencyCode(provinceCode);
  return agencyNames.has(code) ? code : AGENCIES[0]!.code;
}

function agencyName(agencyCode: string): string {
  return agencyNames.get(agencyCode) ?? 'Bảo hiểm xã hội Việt Nam';
}

function documentType(code: string): DocumentTypeSeed {
  const t = documentTypes.get(code);
  if (!t) throw new Error(`document type ${code} is not in the catalog`);
  return t;
}

/** Officer codes by agency and role. Only some agencies have officers (Hà Nội, TP HCM, central). */
const officersByAgency = new Map<string, Map<OfficerRole, string[]>>();
for (const o of OFFICERS) {
  const byRole = officersByAgency.get(o.agencyCode) ?? new Map<OfficerRole, string[]>();
  for (const role of o.roles) byRole.set(role, [...(byRole.get(role) ?? []), o.code]);
  officersByAgency.set(o.agencyCode, byRole);
}

/** An officer of the agency with this role, else any officer of the agency, else null. */
function officer(rng: Random, agencyCode: string, role: OfficerRole): string | null {
  const byRole = officersByAgency.get(agencyCode);
  if (!byRole) return null;
  const withRole = byRole.get(role);
  if (withRole && withRole.length > 0) return rng.pick(withRole);
  const all = [...byRole.values()].flat();
  return all.length > 0 ? rng.pick(all) : null;
}

// ---------------------------------------------------------------------------
// Individuals, in households
// ---------------------------------------------------------------------------

export interface PartyOptions {
  now: Date;
  /** Share one allocator between calls whose identifiers must not collide. */
  allocator?: IdentifierAllocator;
}

interface MemberSpec {
  age: number;
  gender: Gender;
  /** Family name to keep; undefined: a name of their own. */
  family?: string;
  /** Minority household: names that do not follow family-middle-given. */
  minority: boolean;
  /** Born where the household lives (children), or anywhere (adults who moved). */
  bornLocally: boolean;
}

type HouseholdShape = 'SINGLE' | 'COUPLE' | 'FAMILY' | 'THREE_GENERATIONS' | 'SINGLE_PARENT';

const clampAge = (age: number) => Math.max(0, Math.min(90, age));

function householdMembers(rng: Random): MemberSpec[] {
  const shape = rng.weighted<HouseholdShape>([
    ['SINGLE', 15],
    ['COUPLE', 12],
    ['FAMILY', 50],
    ['THREE_GENERATIONS', 15],
    ['SINGLE_PARENT', 8],
  ]);
  const minority = rng.chance(0.01);
  const family = minority ? undefined : familyName(rng);
  const adultBornLocally = () => rng.chance(0.75);

  if (shape === 'SINGLE') {
    return [{ age: rng.int(18, 88), gender: rng.chance(0.5) ? 'MALE' : 'FEMALE', minority, family, bornLocally: adultBornLocally() }];
  }

  const members: MemberSpec[] = [];
  const children = (parentAge: number, count: number, childFamily: string | undefined) => {
    for (let i = 0; i < count; i++) {
      const age = parentAge - rng.int(20, 38);
      if (age < 0) continue;
      members.push({ age, gender: rng.chance(0.51) ? 'MALE' : 'FEMALE', family: childFamily, minority, bornLocally: true });
    }
  };

  if (shape === 'SINGLE_PARENT') {
    const mother = rng.chance(0.8);
    const age = rng.int(24, 58);
    members.push({ age, gender: mother ? 'FEMALE' : 'MALE', family, minority, bornLocally: adultBornLocally() });
    children(age, rng.weighted([[1, 60], [2, 40]]), mother ? (minority ? undefined : familyName(rng)) : family);
    if (members.length === 1) members.push({ age: rng.int(0, Math.max(0, age - 20)), gender: 'FEMALE', family, minority, bornLocally: true });
    return members;
  }

  const husbandAge = shape === 'COUPLE' ? rng.int(20, 85) : rng.int(26, 62);
  const wifeAge = clampAge(Math.max(18, husbandAge - rng.int(-2, 6)));
  members.push({ age: husbandAge, gender: 'MALE', family, minority, bornLocally: adultBornLocally() });
  // Vietnamese women keep their own family name.
  members.push({ age: wifeAge, gender: 'FEMALE', minority, bornLocally: adultBornLocally() });
  if (shape === 'COUPLE') return members;

  children(wifeAge, rng.weighted([[1, 30], [2, 50], [3, 20]]), family);
  if (members.length === 2) {
    members.push({ age: rng.int(0, Math.max(0, wifeAge - 20)), gender: rng.chance(0.5) ? 'MALE' : 'FEMALE', family, minority, bornLocally: true });
  }
  if (shape === 'THREE_GENERATIONS') {
    const grandparents = rng.weighted([[1, 60], [2, 40]]);
    for (let i = 0; i < grandparents; i++) {
      const age = husbandAge + rng.int(22, 32);
      if (age > 90) continue;
      const gender: Gender = grandparents === 2 ? (i === 0 ? 'MALE' : 'FEMALE') : rng.chance(0.4) ? 'MALE' : 'FEMALE';
      // The paternal grandfather shares the family name; a grandmother has her own.
      members.push({ age, gender, family: gender === 'MALE' ? family : undefined, minority, bornLocally: adultBornLocally() });
    }
  }
  return members;
}

/** A birth date giving exactly this age (in whole years) on `today`. */
function birthDateForAge(rng: Random, age: number, today: string): string {
  const latest = addYears(today, -age);
  const earliest = addDays(addYears(today, -(age + 1)), 1);
  return dateBetween(rng, earliest, latest);
}

/**
 * Individuals, generated household by household: a household shares a residence,
 * usually a household code, and the father's family name for the children.
 * Personal IDs encode the birth year, sex and a pre-2025 province of birth
 * registration consistent with where the person was born; ages run from 0 to 90.
 */
export function* generateIndividuals(rng: Random, n: number, options: PartyOptions): Generator<IndividualRecord> {
  const allocator = options.allocator ?? new IdentifierAllocator();
  const today = vietnamDate(options.now);
  let produced = 0;
  while (produced < n) {
    const provinceCode = rng.weighted(PROVINCE_WEIGHTS);
    const commune = communeOf(rng, provinceCode);
    const householdCode = rng.chance(0.92) ? allocator.householdCode(provinceCode) : null;
    const localFormer = formerByCurrent.get(provinceCode) ?? FORMER_PROVINCES;
    for (const m of householdMembers(rng)) {
      if (produced >= n) return;
      const dateOfBirth = birthDateForAge(rng, m.age, today);
      const birthYear = Number(dateOfBirth.slice(0, 4));
      const birthPlace = m.bornLocally ? rng.pick(localFormer) : rng.pick(FORMER_PROVINCES);
      const fullName = m.minority
        ? minorityPersonName(rng, m.gender)
        : personName(rng, m.gender, m.family ?? familyName(rng));
      yield {
        personalId: allocator.personalId(birthPlace.personalIdPrefix, birthYear, m.gender),
        socialInsuranceCode: rng.chance(0.94) ? allocator.socialInsuranceCode(provinceCode) : null,
        fullName,
        dateOfBirth,
        gender: m.gender,
        householdCode,
        provinceCode,
        communeCode: commune.code,
        hasPortalAccount: m.age >= 15 && rng.chance(m.age < 60 ? 0.6 : 0.25),
      };
      produced++;
    }
  }
}

/** Employers and other units, with valid tax codes and `TA1234A`-shaped unit codes. */
export function* generateOrganizations(rng: Random, n: number, options: PartyOptions): Generator<OrganizationRecord> {
  const allocator = options.allocator ?? new IdentifierAllocator();
  for (let i = 0; i < n; i++) {
    const provinceCode = rng.weighted(ORGANIZATION_PROVINCE_WEIGHTS);
    const pName = provinceName(provinceCode);
    const commune = communeOf(rng, provinceCode);
    yield {
      unitCode: allocator.unitCode(),
      taxCode: allocator.taxCode(provinceCode),
      name: organizationName(rng, pName),
      address: streetAddress(rng, commune.name, pName),
      provinceCode,
      hasTransactionAccount: rng.chance(0.85),
    };
  }
}

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

/** What document generation needs besides the random source. */
export interface DocumentContext {
  now: Date;
  sequences: SequenceBook;
  /** Employers to name on contracts and books; invented names when empty. */
  employers?: readonly OrganizationRecord[];
}

/** Extra facts a dossier passes when it scans or produces a paper. */
interface DocumentPurpose {
  procedureCode?: string;
  benefitKind?: BenefitKind;
}

interface NewDocument {
  type: DocumentTypeSeed;
  party: Party;
  issuedOn: string;
  issuedBy: string;
  source: DocumentSourceValue;
  agencyCode: string;
  officerCode: string | null;
  digitizedAt: Date;
  originDossierCode: string | null;
  /** REVOKED or SUPERSEDED; otherwise VALID or EXPIRED from validUntil. */
  statusOverride?: DocumentStatusValue;
  purpose?: DocumentPurpose;
}

const DIAGNOSES: ReadonlyArray<readonly [string, string]> = [
  ['Viêm phổi', 'J18.9'],
  ['Viêm phế quản cấp', 'J20.9'],
  ['Viêm dạ dày cấp', 'K29.1'],
  ['Sốt xuất huyết Dengue', 'A91'],
  ['Tăng huyết áp vô căn', 'I10'],
  ['Viêm ruột thừa cấp', 'K35.8'],
  ['Đái tháo đường týp 2', 'E11.9'],
  ['Cúm', 'J11.1'],
  ['Viêm họng cấp', 'J02.9'],
  ['Sỏi thận', 'N20.0'],
];
const INJURIES: ReadonlyArray<readonly [string, string]> = [
  ['Gãy xương cẳng tay', 'S52.5'],
  ['Gãy xương cẳng chân', 'S82.2'],
  ['Chấn thương đầu', 'S09.9'],
  ['Bỏng độ II bàn tay', 'T23.2'],
  ['Vết thương phần mềm cẳng chân', 'S81.8'],
];
const PREGNANCY: ReadonlyArray<readonly [string, string]> = [
  ['Sinh thường một thai', 'O80'],
  ['Sinh mổ', 'O82.0'],
  ['Khám thai', 'Z34.9'],
  ['Sẩy thai', 'O03.9'],
];
const POSITIONS = ['Công nhân', 'Nhân viên kinh doanh', 'Kế toán', 'Kỹ sư', 'Giáo viên', 'Lái xe', 'Nhân viên văn phòng', 'Thợ may', 'Điều dưỡng', 'Bảo vệ'] as const;
const ETHNICITY_DEFAULT = 'Kinh';

function roundTo(n: number, step: number): number {
  return Math.round(n / step) * step;
}

function salary(rng: Random): number {
  return roundTo(rng.int(4_960_000, 40_000_000), 10_000);
}

function employerFor(rng: Random, ctx: DocumentContext, provinceCode: string): { name: string; taxCode?: string } {
  if (ctx.employers && ctx.employers.length > 0) {
    const e = rng.pick(ctx.employers);
    return { name: e.name, taxCode: e.taxCode };
  }
  return { name: organizationName(rng, provinceName(provinceCode)) };
}

/** Health insurance card category and benefit level by age (demo rules). */
function cardCategory(rng: Random, age: number): [string, number] {
  if (age < 6) return ['TE', 1];
  if (age < 18) return ['HS', 4];
  if (age < 23) return rng.chance(0.6) ? ['SV', 4] : ['DN', 4];
  if (age >= 60) return rng.chance(0.6) ? ['HT', 2] : ['GD', 4];
  return rng.weighted<[string, number]>([
    [['DN', 4], 55],
    [['HC', 4], 10],
    [['GD', 4], 28],
    [['HN', 1], 7],
  ]);
}

function cardNumber(rng: Random, person: IndividualRecord, today: string): string | undefined {
  if (!person.socialInsuranceCode) return undefined;
  const [category, level] = cardCategory(rng, ageOn(person.dateOfBirth, today));
  return formatHealthInsuranceCardNumber(category, level, person.provinceCode, person.socialInsuranceCode);
}

/** Next milestone (25, 40, 60) at which a citizen identity card must be renewed; undefined after 58. */
function cardExpiry(dateOfBirth: string, issuedOn: string): string | undefined {
  const age = ageOn(dateOfBirth, issuedOn);
  if (age < 23) return addYears(dateOfBirth, 25);
  if (age < 38) return addYears(dateOfBirth, 40);
  if (age < 58) return addYears(dateOfBirth, 60);
  return undefined;
}

function benefitAmount(rng: Random, kind: BenefitKind): number {
  switch (kind) {
    case 'SICKNESS':
      return roundTo(rng.int(800_000, 9_000_000), 1_000);
    case 'MATERNITY':
      return roundTo(rng.int(18_000_000, 65_000_000), 1_000);
    case 'OCCUPATIONAL_ACCIDENT':
      return roundTo(rng.int(5_000_000, 60_000_000), 1_000);
    case 'ONE_TIME_SOCIAL_INSURANCE':
      return roundTo(rng.int(20_000_000, 350_000_000), 1_000);
    case 'PENSION':
      return roundTo(rng.int(3_500_000, 18_000_000), 1_000);
    case 'HEALTH_INSURANCE_REIMBURSEMENT':
      return roundTo(rng.int(300_000, 25_000_000), 1_000);
  }
}

const BENEFIT_NAMES: Record<BenefitKind, string> = {
  SICKNESS: 'chế độ ốm đau',
  MATERNITY: 'chế độ thai sản',
  OCCUPATIONAL_ACCIDENT: 'trợ cấp tai nạn lao động',
  ONE_TIME_SOCIAL_INSURANCE: 'bảo hiểm xã hội một lần',
  PENSION: 'lương hưu hằng tháng',
  HEALTH_INSURANCE_REIMBURSEMENT: 'thanh toán trực tiếp chi phí khám bệnh, chữa bệnh BHYT',
};

/** The benefit a procedure's decision grants (QDH results). */
const PROCEDURE_BENEFIT: Readonly<Record<string, BenefitKind>> = {
  '1.001667': 'SICKNESS',
  '2.000693': 'MATERNITY',
  '1.001656': 'HEALTH_INSURANCE_REIMBURSEMENT',
  '1.001632': 'OCCUPATIONAL_ACCIDENT',
  '9.000003': 'ONE_TIME_SOCIAL_INSURANCE',
  '9.000004': 'PENSION',
};

/**
 * Metadata extracted from a paper, valid against its type's metadataSchema: the
 * Article 9 fields, the owner's identifiers, and the type's own fields.
 */
function buildMetadata(rng: Random, ctx: DocumentContext, doc: NewDocument, validUntil: string | null): Record<string, unknown> {
  const today = vietnamDate(ctx.now);
  const { type, party, issuedOn, issuedBy } = doc;
  const year = issuedOn.slice(0, 4);
  const meta: Record<string, unknown> = { issueDate: issuedOn, issuingAgency: issuedBy, validityScope: 'Toàn quốc' };
  if (validUntil) {
    meta.validFrom = issuedOn;
    meta.validTo = validUntil;
  }

  if (party.kind === 'ORGANIZATION') {
    const org = party.record;
    meta.taxCode = org.taxCode;
    meta.unitCode = org.unitCode;
    switch (type.code) {
      case 'GCNDKDN': {
        const registered = dateBetween(rng, '2000-01-01', issuedOn);
        Object.assign(meta, {
          documentNumber: org.taxCode,
          enterpriseName: org.name,
          registrationDate: registered,
          ...(registered < issuedOn ? { lastChangeDate: issuedOn } : {}),
          headOfficeAddress: org.address,
          legalRepresentative: personName(rng, rng.chance(0.7) ? 'MALE' : 'FEMALE'),
          charterCapital: roundTo(rng.int(100_000_000, 50_000_000_000), 1_000_000),
          summary: `Đăng ký doanh nghiệp ${org.name}`,
        });
        break;
      }
      case 'D02LT': {
        const employees = Array.from({ length: rng.int(1, 5) }, () => {
          const gender: Gender = rng.chance(0.5) ? 'MALE' : 'FEMALE';
          return {
            fullName: personName(rng, gender),
            dateOfBirth: birthDateForAge(rng, rng.int(18, 55), issuedOn),
            gender,
            position: rng.pick(POSITIONS),
            salary: salary(rng),
            change: rng.weighted([['INCREASE', 6], ['DECREASE', 2], ['ADJUST', 2]] as const),
            fromMonth: monthOf(issuedOn),
          };
        });
        Object.assign(meta, {
          documentNumber: `${rng.int(1, 999)}/D02-LT`,
          unitName: org.name,
          reportingMonth: monthOf(issuedOn),
          employees,
          summary: `Danh sách lao động tham gia BHXH, BHYT, BHTN tháng ${issuedOn.slice(5, 7)}/${year}`,
        });
        break;
      }
      default:
        Object.assign(meta, { summary: type.name });
    }
    return fillRequired(meta, type, issuedOn, org.name);
  }

  const person = party.record;
  const pName = provinceName(person.provinceCode);
  const commune = communeNames.get(person.communeCode) ?? pName;
  meta.personalId = person.personalId;
  if (person.socialInsuranceCode) meta.socialInsuranceCode = person.socialInsuranceCode;
  const identity = { fullName: person.fullName, dateOfBirth: person.dateOfBirth, gender: person.gender };
  const hiCard = cardNumber(rng, person, today);
  const procedure = doc.purpose?.procedureCode;

  switch (type.code) {
    case 'GKS': {
      if (procedure === '2.000693') {
        // Maternity: the child's birth certificate, filed by the mother.
        delete meta.personalId;
        const childGender: Gender = rng.chance(0.51) ? 'MALE' : 'FEMALE';
        const fatherName = personName(rng, 'MALE');
        Object.assign(meta, {
          documentNumber: `${rng.int(1, 999)}/${year}`,
          fullName: personName(rng, childGender, familyNameOf(fatherName)),
          dateOfBirth: addDays(issuedOn, -rng.int(1, 30)),
          gender: childGender,
          placeOfBirth: hospitalName(rng, pName),
          nationality: 'Việt Nam',
          ethnicity: ETHNICITY_DEFAULT,
          fatherName,
          motherName: person.fullName,
          motherPersonalId: person.personalId,
          placeOfRegistration: `Ủy ban nhân dân ${commune}, ${pName}`,
          summary: 'Khai sinh cho con',
        });
      } else {
        Object.assign(meta, {
          documentNumber: `${rng.int(1, 999)}/${year}`,
          ...identity,
          placeOfBirth: rng.chance(0.7) ? hospitalName(rng, pName) : `${commune}, ${pName}`,
          nationality: 'Việt Nam',
          ethnicity: ETHNICITY_DEFAULT,
          fatherName: personName(rng, 'MALE', familyNameOf(person.fullName)),
          motherName: personName(rng, 'FEMALE'),
          placeOfRegistration: `Ủy ban nhân dân ${commune}, ${pName}`,
          summary: `Khai sinh cho ${person.fullName}`,
        });
      }
      break;
    }
    case 'CCCD': {
      const expiry = cardExpiry(person.dateOfBirth, issuedOn);
      Object.assign(meta, {
        documentNumber: person.personalId,
        ...identity,
        nationality: 'Việt Nam',
        placeOfOrigin: `${commune}, ${pName}`,
        placeOfResidence: streetAddress(rng, commune, pName),
        ...(expiry ? { expiryDate: expiry } : {}),
        summary: `Thẻ căn cước của ${person.fullName}`,
      });
      break;
    }
    case 'BHYT': {
      const number = hiCard ?? person.personalId.slice(2);
      Object.assign(meta, {
        documentNumber: number,
        cardNumber: number,
        ...identity,
        address: streetAddress(rng, commune, pName),
        initialClinic: hospitalName(rng, pName),
        initialClinicCode: `${person.provinceCode}${rng.digits(3)}`,
        validFrom: issuedOn,
        summary: `Thẻ BHYT của ${person.fullName}`,
      });
      break;
    }
    case 'SBHXH': {
      const start = maxDate(addYears(person.dateOfBirth, 18), '1995-01-01');
      const from = dateBetween(rng, minDate(start, issuedOn), issuedOn);
      const employer = employerFor(rng, ctx, person.provinceCode);
      const months = Math.max(0, (Number(today.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + rng.int(0, 11));
      Object.assign(meta, {
        documentNumber: person.socialInsuranceCode ?? person.personalId.slice(2),
        socialInsuranceCode: person.socialInsuranceCode ?? person.personalId.slice(2),
        ...identity,
        totalContributionMonths: months,
        contributionPeriods: [{ from, employerName: employer.name, position: rng.pick(POSITIONS), salary: salary(rng) }],
        summary: `Sổ BHXH của ${person.fullName}`,
      });
      break;
    }
    case 'HDLD': {
      const employer = employerFor(rng, ctx, person.provinceCode);
      const indefinite = rng.chance(0.5);
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 999)}/${year}/HĐLĐ`,
        fullName: person.fullName,
        employerName: employer.name,
        ...(employer.taxCode ? { employerTaxCode: employer.taxCode } : {}),
        position: rng.pick(POSITIONS),
        contractKind: indefinite ? 'INDEFINITE' : 'FIXED_TERM',
        startDate: issuedOn,
        ...(indefinite ? {} : { endDate: addDays(addMonths(issuedOn, rng.pick([12, 24, 36])), -1) }),
        salary: salary(rng),
        summary: `Hợp đồng lao động với ${employer.name}`,
      });
      break;
    }
    case 'GRV': {
      const [diagnosis, icd] = rng.pick(procedure === '2.000693' ? PREGNANCY : procedure === '1.001632' ? INJURIES : DIAGNOSES);
      const admission = addDays(issuedOn, -rng.int(1, 14));
      Object.assign(meta, {
        documentNumber: rng.digits(6),
        ...identity,
        ...(hiCard ? { healthInsuranceCardNumber: hiCard } : {}),
        hospitalName: issuedBy,
        admissionDate: admission,
        dischargeDate: issuedOn,
        diagnosis,
        icd10Codes: [icd],
        treatment: rng.pick(['Điều trị nội khoa', 'Phẫu thuật', 'Điều trị nội trú, theo dõi']),
        summary: `Ra viện ngày ${issuedOn}`,
      });
      break;
    }
    case 'C65': {
      const [diagnosis] = rng.pick(procedure === '2.000693' ? PREGNANCY : DIAGNOSES);
      const leaveDays = rng.int(1, 14);
      const leaveFrom = addDays(issuedOn, -leaveDays + 1);
      Object.assign(meta, {
        documentNumber: `${rng.digits(5)}/C65`,
        fullName: person.fullName,
        dateOfBirth: person.dateOfBirth,
        ...(hiCard ? { healthInsuranceCardNumber: hiCard } : {}),
        employerName: employerFor(rng, ctx, person.provinceCode).name,
        diagnosis,
        leaveDays,
        leaveFrom,
        leaveTo: issuedOn,
        summary: `Nghỉ việc ${leaveDays} ngày hưởng BHXH`,
      });
      break;
    }
    case 'BBGDYK':
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 9999)}/GĐYK`,
        fullName: person.fullName,
        dateOfBirth: person.dateOfBirth,
        assessmentCouncil: issuedBy,
        assessmentReason: procedure === '1.001632' ? 'Tai nạn lao động' : rng.pick(['Nghỉ hưu trước tuổi', 'Tai nạn lao động', 'Bệnh nghề nghiệp']),
        diagnosis: rng.pick(procedure === '1.001632' ? INJURIES : DIAGNOSES)[0],
        workCapacityLossPercent: rng.int(5, 81),
        summary: 'Giám định mức suy giảm khả năng lao động',
      });
      break;
    case 'TK1TS':
      Object.assign(meta, {
        request: procedure === '1.002759' ? 'ADJUST' : procedure ? 'REGISTER' : rng.pick(['REGISTER', 'ADJUST']),
        ...identity,
        nationality: 'Việt Nam',
        ethnicity: ETHNICITY_DEFAULT,
        placeOfBirthRegistration: pName,
        ...(person.householdCode ? { householdCode: person.householdCode } : {}),
        residenceAddress: streetAddress(rng, commune, pName),
        phone: `0${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(8)}`,
        initialClinic: hospitalName(rng, pName),
        ...(procedure === '1.002759' ? { requestedChanges: rng.pick(['Điều chỉnh họ tên', 'Điều chỉnh ngày sinh', 'Thay đổi nơi đăng ký KCB ban đầu', 'Điều chỉnh số định danh cá nhân']) } : {}),
        summary: 'Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT',
      });
      break;
    case 'QDNV': {
      const employer = employerFor(rng, ctx, person.provinceCode);
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 500)}/QĐ-NS`,
        fullName: person.fullName,
        employerName: employer.name,
        ...(employer.taxCode ? { employerTaxCode: employer.taxCode } : {}),
        position: rng.pick(POSITIONS),
        terminationDate: addDays(issuedOn, rng.int(0, 30)),
        reason: rng.pick(['Hết hạn hợp đồng lao động', 'Người lao động đơn phương chấm dứt hợp đồng', 'Nghỉ hưu', 'Thỏa thuận chấm dứt hợp đồng']),
        summary: `Chấm dứt hợp đồng lao động với ${person.fullName}`,
      });
      break;
    }
    case 'GKH': {
      const husband = person.gender === 'MALE';
      const spouse = personName(rng, husband ? 'FEMALE' : 'MALE');
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 300)}/${year}`,
        husbandName: husband ? person.fullName : spouse,
        wifeName: husband ? spouse : person.fullName,
        ...(husband
          ? { husbandDateOfBirth: person.dateOfBirth, husbandPersonalId: person.personalId }
          : { wifeDateOfBirth: person.dateOfBirth, wifePersonalId: person.personalId }),
        placeOfRegistration: issuedBy,
        summary: 'Đăng ký kết hôn',
      });
      break;
    }
    case 'GCT':
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 300)}/${year}`,
        ...identity,
        dateOfDeath: addDays(issuedOn, -rng.int(0, 5)),
        placeOfDeath: `${commune}, ${pName}`,
        summary: `Khai tử cho ${person.fullName}`,
      });
      break;
    case 'HDKCB': {
      const to = addDays(issuedOn, -rng.int(0, 2));
      Object.assign(meta, {
        documentNumber: rng.digits(7),
        fullName: person.fullName,
        ...(hiCard ? { healthInsuranceCardNumber: hiCard } : {}),
        serviceFrom: addDays(to, -rng.int(0, 10)),
        serviceTo: to,
        totalAmount: roundTo(rng.int(150_000, 30_000_000), 1_000),
        summary: 'Chi phí khám bệnh, chữa bệnh',
      });
      break;
    }
    case 'BBTNLD': {
      const [injury] = rng.pick(INJURIES);
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 200)}/BB-ĐTTNLĐ`,
        fullName: person.fullName,
        employerName: employerFor(rng, ctx, person.provinceCode).name,
        accidentDate: addDays(issuedOn, -rng.int(3, 60)),
        accidentPlace: rng.pick(['Tại xưởng sản xuất', 'Trên đường đi làm', 'Tại công trường', 'Tại kho hàng']),
        description: `${injury} trong khi làm việc`,
        conclusion: rng.pick(['Tai nạn lao động do nguyên nhân khách quan', 'Người lao động vi phạm quy trình an toàn', 'Do thiết bị không bảo đảm an toàn']),
        summary: 'Điều tra tai nạn lao động',
      });
      break;
    }
    case 'QDH': {
      const kind = doc.purpose?.benefitKind ?? rng.pick(BENEFIT_KINDS);
      const periodTo = kind === 'PENSION' ? undefined : addDays(issuedOn, rng.int(0, 30));
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 9999)}/QĐ-BHXH`,
        fullName: person.fullName,
        benefitKind: kind,
        amount: benefitAmount(rng, kind),
        periodFrom: kind === 'PENSION' ? addDays(issuedOn, 1) : addDays(issuedOn, -rng.int(5, 60)),
        ...(periodTo ? { periodTo } : {}),
        summary: `Hưởng ${BENEFIT_NAMES[kind]}`,
      });
      break;
    }
    default:
      Object.assign(meta, { fullName: person.fullName, summary: type.name });
  }
  return fillRequired(meta, type, issuedOn, person.fullName);
}

/**
 * Fills required fields a builder did not set (a type added to the catalog later),
 * from the field's schema: dates, enums, numbers and plain text. Patterned fields
 * cannot be guessed; the metadata test catches them.
 */
function fillRequired(meta: Record<string, unknown>, type: DocumentTypeSeed, issuedOn: string, ownerName: string): Record<string, unknown> {
  const schema = type.metadataSchema as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  for (const field of schema.required ?? []) {
    if (meta[field] !== undefined) continue;
    const prop = schema.properties?.[field] ?? {};
    if (prop.format === 'date') meta[field] = issuedOn;
    else if (Array.isArray(prop.enum)) meta[field] = prop.enum[0];
    else if (prop.type === 'integer' || prop.type === 'number') meta[field] = typeof prop.minimum === 'number' ? prop.minimum : 1;
    else if (prop.type === 'string' && prop.pattern === undefined) meta[field] = field === 'fullName' ? ownerName : type.name;
  }
  return meta;
}

function titleOf(type: DocumentTypeSeed, ownerName: string, metadata: Record<string, unknown>): string {
  if (type.code === 'QDH' && typeof metadata.benefitKind === 'string') {
    return `Quyết định hưởng ${BENEFIT_NAMES[metadata.benefitKind as BenefitKind] ?? 'chế độ'} - ${ownerName}`;
  }
  const short = type.name.split(' (')[0]!;
  return `${short} - ${ownerName}`;
}

function createDocument(rng: Random, ctx: DocumentContext, doc: NewDocument): DocumentRecord {
  const today = vietnamDate(ctx.now);
  const validUntil = doc.type.validityMonths ? addDays(addMonths(doc.issuedOn, doc.type.validityMonths), -1) : null;
  const metadata = buildMetadata(rng, ctx, doc, validUntil);
  const expiry = validUntil ?? (typeof metadata.expiryDate === 'string' ? metadata.expiryDate : null);
  const status: DocumentStatusValue = doc.statusOverride ?? (expiry !== null && expiry < today ? 'EXPIRED' : 'VALID');
  const ownerName = doc.party.kind === 'INDIVIDUAL' ? doc.party.record.fullName : doc.party.record.name;
  return {
    code: ctx.sequences.documentCode(doc.agencyCode, doc.type.code, doc.digitizedAt),
    documentTypeCode: doc.type.code,
    owner: ownerRefOf(doc.party),
    title: titleOf(doc.type, ownerName, metadata),
    issuedBy: doc.issuedBy,
    issuedOn: doc.issuedOn,
    validUntil,
    status,
    source: doc.source,
    metadata,
    digitizedAt: doc.digitizedAt.toISOString(),
    agencyCode: doc.agencyCode,
    officerCode: doc.officerCode,
    originDossierCode: doc.originDossierCode,
  };
}

/** Who issues a paper of this type for this owner (and, for some, the dossier's agency). */
function issuerOf(rng: Random, typeCode: string, party: Party, agencyCode: string, ctx: DocumentContext): string {
  const provinceCode = party.record.provinceCode;
  const pName = provinceName(provinceCode);
  const commune = party.kind === 'INDIVIDUAL' ? (communeNames.get(party.record.communeCode) ?? pName) : pName;
  switch (typeCode) {
    case 'GKS':
    case 'GKH':
    case 'GCT':
      return `Ủy ban nhân dân ${commune}, ${pName}`;
    case 'CCCD':
      return 'Cục Cảnh sát quản lý hành chính về trật tự xã hội';
    case 'BHYT':
    case 'SBHXH':
    case 'QDH':
      return agencyName(agencyCode);
    case 'HDLD':
    case 'QDNV':
      return employerFor(rng, ctx, provinceCode).name;
    case 'GRV':
    case 'C65':
    case 'HDKCB':
      return hospitalName(rng, pName);
    case 'BBGDYK':
      return `Hội đồng Giám định y khoa ${pName}`;
    case 'BBTNLD':
      return `Đoàn điều tra tai nạn lao động ${pName}`;
    case 'GCNDKDN':
      return `Phòng Đăng ký kinh doanh - Sở Tài chính ${pName}`;
    case 'TK1TS':
    case 'D02LT':
      return party.kind === 'INDIVIDUAL' ? party.record.fullName : party.record.name;
    default:
      return agencyName(agencyCode);
  }
}

/** When a paper the warehouse already holds was loaded: within the last five years, after its issue. */
function holdingDigitizedAt(rng: Random, issuedOn: string, now: Date): Date {
  const lo = Math.max(vietnamMidnight(issuedOn).getTime() + DAY_MS + 8 * HOUR_MS, now.getTime() - 5 * 365 * DAY_MS);
  const hi = now.getTime() - HOUR_MS;
  return lo >= hi ? new Date(now.getTime() - MINUTE_MS) : rng.instant(new Date(lo), new Date(hi));
}

const HOLDING_SOURCES: Readonly<Record<string, ReadonlyArray<readonly [DocumentSourceValue, number]>>> = {
  GKS: [['CONNECTED_SYSTEM', 5], ['SCANNED', 4], ['NATIONAL_PORTAL', 1]],
  CCCD: [['CONNECTED_SYSTEM', 6], ['NATIONAL_PORTAL', 2], ['SCANNED', 2]],
  GKH: [['CONNECTED_SYSTEM', 4], ['SCANNED', 6]],
  BHYT: [['PROCEDURE_RESULT', 6], ['ELECTRONIC', 2], ['SCANNED', 2]],
  SBHXH: [['PROCEDURE_RESULT', 5], ['SCANNED', 5]],
  QDH: [['PROCEDURE_RESULT', 6], ['SCANNED', 4]],
  GCNDKDN: [['CONNECTED_SYSTEM', 6], ['SCANNED', 3], ['NATIONAL_PORTAL', 1]],
};
const DEFAULT_HOLDING_SOURCES: ReadonlyArray<readonly [DocumentSourceValue, number]> = [
  ['SCANNED', 7],
  ['ELECTRONIC', 2],
  ['NATIONAL_PORTAL', 1],
];

/**
 * The documents the warehouse already holds for one owner before any demo dossier:
 * identity papers, cards and books from earlier procedures, contracts, medical
 * papers, the backlog of scanned results — what later dossiers can reuse.
 * Mostly VALID; older cards EXPIRED or SUPERSEDED, a few REVOKED.
 */
export function* generateHoldings(rng: Random, party: Party, ctx: DocumentContext): Generator<DocumentRecord> {
  const today = vietnamDate(ctx.now);
  const agencyCode = agencyOfProvince(party.record.provinceCode);
  const make = (typeCode: string, issuedOn: string, statusOverride?: DocumentStatusValue, purpose?: DocumentPurpose) => {
    const type = documentTypes.get(typeCode);
    if (!type) return null;
    const source = rng.weighted(HOLDING_SOURCES[typeCode] ?? DEFAULT_HOLDING_SOURCES);
    const byOfficer = source === 'SCANNED' || source === 'ELECTRONIC';
    return createDocument(rng, ctx, {
      type,
      party,
      issuedOn,
      issuedBy: issuerOf(rng, typeCode, party, agencyCode, ctx),
      source,
      agencyCode,
      officerCode: byOfficer ? officer(rng, agencyCode, rng.chance(0.5) ? 'ARCHIVIST' : 'RECEIVING_OFFICER') : null,
      digitizedAt: holdingDigitizedAt(rng, issuedOn, ctx.now),
      originDossierCode: null,
      statusOverride: statusOverride ?? (rng.chance(0.01) ? 'REVOKED' : undefined),
      purpose,
    });
  };
  const yesterday = addDays(today, -1);
  const recent = (years: number) => dateBetween(rng, addYears(today, -years), yesterday);

  if (party.kind === 'ORGANIZATION') {
    if (!/^(Trường|Bệnh viện|Trung tâm)/.test(party.record.name) && rng.chance(0.9)) {
      const doc = make('GCNDKDN', recent(12));
      if (doc) yield doc;
    }
    if (rng.chance(0.6)) {
      for (let i = rng.int(1, 2); i > 0; i--) {
        const doc = make('D02LT', recent(2));
        if (doc) yield doc;
      }
    }
    return;
  }

  const p = party.record;
  const age = ageOn(p.dateOfBirth, today);
  const after = (years: number) => addYears(p.dateOfBirth, years);
  const since = (years: number, earliest: string) => dateBetween(rng, maxDate(after(years), earliest), yesterday);

  if (rng.chance(age < 18 ? 0.85 : 0.15)) {
    const doc = make('GKS', minDate(addDays(p.dateOfBirth, rng.int(3, 60)), yesterday));
    if (doc) yield doc;
  }
  if (age >= 14 && rng.chance(0.7)) {
    if (after(14) <= '2020-12-31' && rng.chance(0.1)) {
      // The older card (2016–2020), replaced by the chip card.
      const doc = make('CCCD', dateBetween(rng, maxDate(after(14), '2016-01-01'), '2020-12-31'), 'SUPERSEDED');
      if (doc) yield doc;
    }
    const doc = make('CCCD', since(14, '2021-01-01'));
    if (doc) yield doc;
  }
  if (p.socialInsuranceCode && rng.chance(0.8)) {
    const current = dateBetween(rng, maxDate(addMonths(today, -11), p.dateOfBirth), yesterday);
    if (rng.chance(0.15) && addMonths(current, -12) > p.dateOfBirth) {
      // Last year's card: its validity ended the day before the current one began.
      const doc = make('BHYT', addMonths(current, -12));
      if (doc) yield doc;
    }
    const doc = make('BHYT', current);
    if (doc) yield doc;
  }
  if (p.socialInsuranceCode && age >= 18 && age <= 70 && rng.chance(0.45)) {
    const doc = make('SBHXH', since(18, '1995-01-01'));
    if (doc) yield doc;
  }
  if (age >= 18 && age <= 60 && rng.chance(0.25)) {
    const doc = make('HDLD', since(18, addYears(today, -8)));
    if (doc) yield doc;
  }
  if (age >= 15 && rng.chance(0.12)) {
    const doc = make('TK1TS', since(15, addYears(today, -5)));
    if (doc) yield doc;
  }
  if (age >= 20 && age <= 80 && rng.chance(0.2)) {
    const doc = make('GKH', since(20, '1990-01-01'));
    if (doc) yield doc;
  }
  if (rng.chance(0.06)) {
    const doc = make('GRV', since(0, addYears(today, -3)));
    if (doc) yield doc;
  }
  if (age >= 18 && age <= 60 && rng.chance(0.04)) {
    const doc = make('C65', since(18, addYears(today, -3)));
    if (doc) yield doc;
  }
  if (rng.chance(0.04)) {
    const doc = make('HDKCB', since(0, addYears(today, -2)));
    if (doc) yield doc;
  }
  if (age >= 25 && age <= 65 && rng.chance(0.06)) {
    const doc = make('QDNV', since(20, addYears(today, -6)));
    if (doc) yield doc;
  }
  if (age >= 40 && rng.chance(0.02)) {
    const doc = make('BBGDYK', since(30, addYears(today, -4)));
    if (doc) yield doc;
  }
  if (age >= 18 && age <= 60 && rng.chance(0.01)) {
    const doc = make('BBTNLD', since(18, addYears(today, -4)));
    if (doc) yield doc;
  }
  if (age >= 18 && rng.chance(0.05)) {
    const kind: BenefitKind = age >= 60 ? 'PENSION' : rng.pick(['SICKNESS', 'MATERNITY', 'HEALTH_INSURANCE_REIMBURSEMENT'] as const);
    if (kind !== 'MATERNITY' || p.gender === 'FEMALE') {
      const doc = make('QDH', since(18, addYears(today, -4)), undefined, { benefitKind: kind });
      if (doc) yield doc;
    }
  }
}

/** The warehouse's documents by owner, to find what a dossier can reuse. */
export class HoldingsIndex {
  private readonly byOwner = new Map<string, DocumentRecord[]>();

  add(doc: DocumentRecord): void {
    const key = ownerKey(doc.owner);
    const list = this.byOwner.get(key);
    if (list) list.push(doc);
    else this.byOwner.set(key, [doc]);
  }

  /** The owner's documents, in the order they were added. */
  of(owner: OwnerRef): readonly DocumentRecord[] {
    return this.byOwner.get(ownerKey(owner)) ?? [];
  }

  /** Whether the owner holds a VALID document of this type. */
  holdsValid(owner: OwnerRef, typeCode: string): boolean {
    return this.of(owner).some((d) => d.documentTypeCode === typeCode && d.status === 'VALID');
  }

  /**
   * The most recently issued VALID document of this type that the owner held at
   * `at` (digitized by then), and that `accept` agrees to; undefined if none.
   */
  reusable(owner: OwnerRef, typeCode: string, at: Date, accept: (d: DocumentRecord) => boolean = () => true): DocumentRecord | undefined {
    const atIso = at.toISOString();
    let best: DocumentRecord | undefined;
    for (const d of this.of(owner)) {
      if (d.documentTypeCode !== typeCode || d.status !== 'VALID' || d.digitizedAt > atIso || !accept(d)) continue;
      if (!best || d.issuedOn > best.issuedOn) best = d;
    }
    return best;
  }
}

// ---------------------------------------------------------------------------
// Dossiers
// ---------------------------------------------------------------------------

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
    const ageRatio = (now.getTime() - receivedAt.getTime()) / (procedure.processingDays * DAY_MS);
    const target = missing.length > 0 && n - i <= missing.length ? missing[0]! : targetStatus(rng, ageRatio);
    seen.add(target);

    yield buildDossier(rng, ctx, { procedure, applicant, agencyCode, receivedAt, target });
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
  target: DossierStatusValue;
}

/** Typical time from the previous step to this one (before fitting into the time available). */
function stepDuration(rng: Random, to: DossierStatusValue, previous: DossierStatusValue, processingDays: number): number {
  switch (to) {
    case 'DIGITIZING':
      return previous === 'NEEDS_SUPPLEMENT' ? rng.float(1, 7) * DAY_MS : rng.int(5, 90) * MINUTE_MS;
    case 'PROCESSING':
      return rng.int(20, 240) * MINUTE_MS;
    case 'NEEDS_SUPPLEMENT':
      return rng.float(0.5, 3) * DAY_MS;
    case 'APPROVED':
    case 'REJECTED':
      return (rng.chance(0.08) ? rng.float(1.05, 1.5) : rng.float(0.3, 0.9)) * processingDays * DAY_MS;
    case 'RESULT_RETURNED':
      return rng.float(0.2, 4) * DAY_MS;
    default:
      return HOUR_MS;
  }
}

function buildDossier(rng: Random, ctx: DossierContext, plan: DossierPlan): GeneratedDossier {
  const { procedure, applicant, agencyCode, receivedAt, target } = plan;
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
    offsets.push(offsets[k - 1]! + stepDuration(rng, path[k]!, path[k - 1]!, procedure.processingDays));
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
      dueAt: new Date(receivedAt.getTime() + procedure.processingDays * DAY_MS).toISOString(),
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

// ---------------------------------------------------------------------------
// Everything together
// ---------------------------------------------------------------------------

export interface DemoStreamOptions extends DemoOptions {
  /**
   * How many individuals and organizations (each) are kept, with their documents,
   * for dossiers to draw applicants from. Default: all of them (the demo). Set it
   * for large volumes to bound memory.
   */
  applicantPoolSize?: number;
}

/**
 * The whole data set as one stream, in an order a loader can follow: each
 * organization then its documents, each individual then its documents, then each
 * dossier followed by the documents it created. Those documents name the dossier
 * (`originDossierCode`) and the dossier's components name them: insert the dossier
 * row, then the documents, then the components.
 */
export function* generateDemoStream(options: DemoStreamOptions): Generator<DemoItem> {
  const root = createRandom(options.seed);
  const rngOrganizations = root.fork('organizations');
  const rngIndividuals = root.fork('individuals');
  const rngHoldings = root.fork('holdings');
  const rngDossiers = root.fork('dossiers');
  const allocator = new IdentifierAllocator();
  const sequences = new SequenceBook();
  const holdings = new HoldingsIndex();
  const poolSize = options.applicantPoolSize ?? Number.POSITIVE_INFINITY;
  const organizations: OrganizationRecord[] = [];
  const individuals: IndividualRecord[] = [];
  const ctx: DocumentContext = { now: options.now, sequences, employers: organizations };

  for (const org of generateOrganizations(rngOrganizations, options.organizations, { now: options.now, allocator })) {
    const pooled = organizations.length < poolSize;
    if (pooled) organizations.push(org);
    yield { kind: 'organization', record: org };
    for (const doc of generateHoldings(rngHoldings, { kind: 'ORGANIZATION', record: org }, ctx)) {
      if (pooled) holdings.add(doc);
      yield { kind: 'document', record: doc };
    }
  }
  for (const person of generateIndividuals(rngIndividuals, options.individuals, { now: options.now, allocator })) {
    const pooled = individuals.length < poolSize;
    if (pooled) individuals.push(person);
    yield { kind: 'individual', record: person };
    for (const doc of generateHoldings(rngHoldings, { kind: 'INDIVIDUAL', record: person }, ctx)) {
      if (pooled) holdings.add(doc);
      yield { kind: 'document', record: doc };
    }
  }
  const dossierCtx: DossierContext = { ...ctx, applicants: { individuals, organizations }, holdings };
  for (const { dossier, documents } of generateDossiers(rngDossiers, options.dossiers, dossierCtx)) {
    yield { kind: 'dossier', record: dossier };
    for (const doc of documents) yield { kind: 'document', record: doc };
  }
}

/**
 * The demo data set, collected in memory: individuals in households, organizations,
 * the documents the warehouse holds, and dossiers at every status. Deterministic:
 * the same options (seed and `now` included) give the same records.
 */
export function generateDemoData(options: DemoOptions): DemoData {
  const data: DemoData = { individuals: [], organizations: [], documents: [], dossiers: [] };
  for (const item of generateDemoStream(options)) {
    switch (item.kind) {
      case 'individual':
        data.individuals.push(item.record);
        break;
      case 'organization':
        data.organizations.push(item.record);
        break;
      case 'document':
        data.documents.push(item.record);
        break;
      case 'dossier':
        data.dossiers.push(item.record);
        break;
    }
  }
  return data;
}
