/** Documents: what the warehouse holds for a party, and the papers dossiers scan or produce. */
import type { BenefitKind } from '../../catalog/document-types.js';
import type { DocumentTypeSeed } from '../../catalog/types.js';
import { DAY_MS, addDays, addMonths, addYears, ageOn, vietnamDate, vietnamMidnight } from '../../domain/dates.js';
import type { Random } from '../random.js';
import { hospitalName } from '../vietnamese-names.js';
import { agencyName, agencyOfProvince, communeNames, documentTypes, officer, provinceName } from './catalog.js';
import { HOUR_MS, MINUTE_MS, dateBetween, maxDate, minDate } from './days.js';
import { buildMetadata, employerFor, titleOf } from './document-metadata.js';
import { type SequenceBook } from './identifiers.js';
import {
  type DocumentRecord, type DocumentSourceValue, type DocumentStatusValue, type OrganizationRecord, type OwnerRef,
  type Party, ownerKey, ownerRefOf,
} from './records.js';

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

export interface NewDocument {
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

export function createDocument(rng: Random, ctx: DocumentContext, doc: NewDocument): DocumentRecord {
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
export function issuerOf(rng: Random, typeCode: string, party: Party, agencyCode: string, ctx: DocumentContext): string {
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
