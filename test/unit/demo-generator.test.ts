import { describe, it, expect } from '@jest/globals';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { OFFICERS } from '../../src/catalog/agencies.js';
import { DOCUMENT_TYPES, documentTypeByCode } from '../../src/catalog/document-types.js';
import { procedureByCode } from '../../src/catalog/procedures.js';
import { communeByCode, formerProvinceByPersonalIdPrefix, provinceByCode } from '../../src/catalog/provinces.js';
import { formatResultCode, parseDigitizationCode, parseDossierCode, vietnamDay } from '../../src/domain/codes.js';
import { validatePersonalId, validateTaxCode } from '../../src/domain/identifiers.js';
import { documentSequenceScope, dossierSequenceScope } from '../../src/domain/sequence-scopes.js';
import {
  DOSSIER_STATUSES,
  IdentifierAllocator,
  generateDemoData,
  generateDemoStream,
  generateIndividuals,
  ownerKey,
  type DemoData,
  type DocumentRecord,
  type DossierStatusValue,
} from '../../src/seed/generate/index.js';
import { ageOn, vietnamDate } from '../../src/domain/dates.js';
import { createRandom } from '../../src/seed/random.js';
import { addDays, dueDay } from '../../src/domain/working-days.js';
import { seededWorkingCalendar } from '../../src/catalog/working-calendar.js';
import { organizationName, personName, streetAddress } from '../../src/seed/vietnamese-names.js';

// ajv-formats is CommonJS: under Jest ESM the default import is module.exports, under tsc its `.default`.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof addFormatsModule.default;

const NOW = new Date('2026-11-20T03:00:00Z');

const CALENDAR = seededWorkingCalendar(2025, 2027);
/** Working days from the day after reception to the due day, which ends at 24:00 Vietnam time (17:00 UTC). */
function workingDaysCounted(receivedAt: string, dueAt: string): number {
  const last = dueDay(new Date(dueAt));
  expect(dueAt).toBe(`${last}T17:00:00.000Z`);
  expect(CALENDAR.isWorkingDay(last)).toBe(true);
  let worked = 0;
  for (let day = addDays(vietnamDate(new Date(receivedAt)), 1); day <= last; day = addDays(day, 1)) if (CALENDAR.isWorkingDay(day)) worked++;
  return worked;
}
const OPTIONS = { seed: 1333, individuals: 2_000, organizations: 200, dossiers: 600, now: NOW };
const data: DemoData = generateDemoData(OPTIONS);
const documentsByCode = new Map(data.documents.map((d) => [d.code, d]));
const isNfc = (s: string) => s === s.normalize('NFC');

/** Allowed transitions of the dossier workflow (DESIGN.md, "The process it serves"). */
const NEXT: Record<string, readonly DossierStatusValue[]> = {
  START: ['RECEIVED'],
  RECEIVED: ['DIGITIZING'],
  DIGITIZING: ['PROCESSING'],
  PROCESSING: ['NEEDS_SUPPLEMENT', 'APPROVED', 'REJECTED'],
  NEEDS_SUPPLEMENT: ['DIGITIZING'],
  APPROVED: ['RESULT_RETURNED'],
  REJECTED: ['RESULT_RETURNED'],
  RESULT_RETURNED: [],
};

describe('random source', () => {
  it('repeats itself for a seed and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps its helpers within bounds', () => {
    const rng = createRandom(7);
    for (let i = 0; i < 2_000; i++) {
      const n = rng.int(-3, 5);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(5);
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const d = rng.date('2024-02-27', '2024-03-02');
      expect(d >= '2024-02-27' && d <= '2024-03-02').toBe(true);
    }
    expect(rng.digits(12)).toMatch(/^\d{12}$/);
    expect(rng.pick(['only'])).toBe('only');
    expect(rng.weighted([['never', 0], ['always', 1]])).toBe('always');
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('forks streams that do not depend on how much of the parent was used', () => {
    const a = createRandom(9);
    const b = createRandom(9);
    for (let i = 0; i < 100; i++) b.next();
    expect(a.fork('x').next()).toBe(b.fork('x').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });
});

describe('Vietnamese names', () => {
  it('gives Nguyễn a realistic share over 5,000 people', () => {
    const people = [...generateIndividuals(createRandom(2025), 5_000, { now: NOW })];
    const share = people.filter((p) => p.fullName.startsWith('Nguyễn ')).length / people.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.45);
    // Women are mostly "Thị", men mostly "Văn".
    const women = people.filter((p) => p.gender === 'FEMALE');
    expect(women.filter((p) => p.fullName.split(' ')[1] === 'Thị').length / women.length).toBeGreaterThan(0.45);
  });

  it('writes names and addresses in NFC, with both tone placements of "Hoà"', () => {
    const rng = createRandom(11);
    const names = Array.from({ length: 20_000 }, (_, i) => personName(rng, i % 2 === 0 ? 'FEMALE' : 'MALE'));
    for (const n of names) expect(isNfc(n)).toBe(true);
    expect(names.some((n) => n.endsWith(' Hoà'))).toBe(true);
    expect(names.some((n) => n.endsWith(' Hòa'))).toBe(true);
    // About 1% ethnic-minority names that do not follow family-middle-given.
    expect(names.some((n) => /^(Y |H')/.test(n) || /^(Ksor|Siu|Rơ|Kpă|Nay|Puih|Rah|Kpuih) /.test(n))).toBe(true);
    const org = organizationName(rng, 'Nghệ An');
    expect(isNfc(org)).toBe(true);
    expect(streetAddress(rng, 'Phường Ba Đình', 'Hà Nội')).toMatch(/, Phường Ba Đình, Hà Nội$/);
  });
});

describe('demo generator', () => {
  it('is deterministic: same seed, same data; another seed, other data', () => {
    expect(generateDemoData(OPTIONS)).toEqual(data);
    const other = generateDemoData({ ...OPTIONS, seed: 1334 });
    expect(other.individuals.map((p) => p.personalId)).not.toEqual(data.individuals.map((p) => p.personalId));
  });

  it('streams the same records it collects', () => {
    const streamed = [...generateDemoStream({ ...OPTIONS, individuals: 300, organizations: 30, dossiers: 60 })];
    const collected = generateDemoData({ ...OPTIONS, individuals: 300, organizations: 30, dossiers: 60 });
    expect(streamed.filter((i) => i.kind === 'document').length).toBe(collected.documents.length);
    expect(streamed.filter((i) => i.kind === 'dossier').map((i) => i.record)).toEqual(collected.dossiers);
  });

  it('produces the requested counts and a few thousand documents', () => {
    expect(data.individuals).toHaveLength(2_000);
    expect(data.organizations).toHaveLength(200);
    expect(data.dossiers).toHaveLength(600);
    expect(data.documents.length).toBeGreaterThan(2_000);
    expect(data.documents.length).toBeLessThan(15_000);
  });

  it('gives every individual a valid, unique personal ID consistent with birth date and sex', () => {
    const ids = new Set<string>();
    const si = new Set<string>();
    const today = vietnamDate(NOW);
    for (const p of data.individuals) {
      expect(validatePersonalId(p.personalId, { dateOfBirth: p.dateOfBirth, gender: p.gender })).toBeNull();
      expect(formerProvinceByPersonalIdPrefix(p.personalId.slice(0, 3))).toBeDefined();
      ids.add(p.personalId);
      if (p.socialInsuranceCode !== null) {
        expect(p.socialInsuranceCode).toMatch(/^\d{10}$/);
        si.add(p.socialInsuranceCode);
      }
      const age = ageOn(p.dateOfBirth, today);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(90);
      expect(provinceByCode(p.provinceCode)).toBeDefined();
      expect(communeByCode(p.communeCode)?.provinceCode).toBe(p.provinceCode);
      if (p.householdCode !== null) expect(p.householdCode).toMatch(/^[A-Z0-9.-]{1,20}$/);
      expect(isNfc(p.fullName)).toBe(true);
    }
    expect(ids.size).toBe(data.individuals.length);
    expect(si.size).toBe(data.individuals.filter((p) => p.socialInsuranceCode !== null).length);
  });

  it('keeps personal IDs unique across a large volume', () => {
    const allocator = new IdentifierAllocator();
    const ids = new Set<string>();
    for (const p of generateIndividuals(createRandom(5), 50_000, { now: NOW, allocator })) ids.add(p.personalId);
    expect(ids.size).toBe(50_000);
  });

  it('groups people into households that share an address', () => {
    const households = new Map<string, typeof data.individuals>();
    for (const p of data.individuals) {
      if (p.householdCode === null) continue;
      households.set(p.householdCode, [...(households.get(p.householdCode) ?? []), p]);
    }
    const sizes = [...households.values()].map((h) => h.length);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(3);
    expect(sizes.filter((s) => s >= 2).length).toBeGreaterThan(100);
    for (const members of households.values()) {
      expect(new Set(members.map((m) => m.communeCode)).size).toBe(1);
    }
  });

  it('gives every organization a valid, unique tax code and an opaque unit code', () => {
    const taxCodes = new Set(data.organizations.map((o) => o.taxCode));
    const unitCodes = new Set(data.organizations.map((o) => o.unitCode));
    expect(taxCodes.size).toBe(data.organizations.length);
    expect(unitCodes.size).toBe(data.organizations.length);
    for (const o of data.organizations) {
      expect(validateTaxCode(o.taxCode)).toBeNull();
      expect(o.unitCode).toMatch(/^[A-Z]{2}\d{4}[A-Z]$/);
      expect(isNfc(o.name)).toBe(true);
    }
  });

  it('writes document metadata that validates against the type schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validators = new Map<string, ValidateFunction>(DOCUMENT_TYPES.map((t) => [t.code, ajv.compile(t.metadataSchema)]));
    const failures: string[] = [];
    for (const d of data.documents) {
      const validate = validators.get(d.documentTypeCode)!;
      if (!validate(d.metadata)) failures.push(`${d.code}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('gives documents unique codes, owners of the right kind, validity from the type, and a mix of sources and statuses', () => {
    const owners = new Set([
      ...data.individuals.map((p) => ownerKey({ kind: 'INDIVIDUAL', personalId: p.personalId })),
      ...data.organizations.map((o) => ownerKey({ kind: 'ORGANIZATION', unitCode: o.unitCode })),
    ]);
    const today = vietnamDate(NOW);
    expect(documentsByCode.size).toBe(data.documents.length);
    for (const d of data.documents) {
      const type = documentTypeByCode(d.documentTypeCode)!;
      expect(d.owner.kind).toBe(type.ownerKind);
      expect(owners.has(ownerKey(d.owner))).toBe(true);
      const parsed = parseDigitizationCode(d.code);
      expect(parsed).toMatchObject({ agencyCode: d.agencyCode, documentTypeCode: d.documentTypeCode, day: vietnamDay(new Date(d.digitizedAt)) });
      expect(d.issuedOn <= vietnamDate(new Date(d.digitizedAt))).toBe(true);
      if (type.validityMonths) {
        expect(d.validUntil).not.toBeNull();
        expect(d.validUntil! >= d.issuedOn).toBe(true);
      } else {
        expect(d.validUntil).toBeNull();
      }
      if (d.status === 'VALID' && d.validUntil) expect(d.validUntil >= today).toBe(true);
      if (d.status === 'EXPIRED' && d.validUntil) expect(d.validUntil < today).toBe(true);
      expect(d.digitizedAt <= NOW.toISOString()).toBe(true);
      if (d.officerCode) expect(OFFICERS.find((o) => o.code === d.officerCode)?.agencyCode).toBe(d.agencyCode);
    }
    const statuses = new Set(data.documents.map((d) => d.status));
    expect([...statuses].sort()).toEqual(['EXPIRED', 'REVOKED', 'SUPERSEDED', 'VALID']);
    expect(data.documents.filter((d) => d.status === 'VALID').length / data.documents.length).toBeGreaterThan(0.8);
    expect(new Set(data.documents.map((d) => d.source)).size).toBe(5);
  });

  it('has dossiers at every status', () => {
    const statuses = new Set(data.dossiers.map((d) => d.status));
    for (const s of DOSSIER_STATUSES) expect(statuses).toContain(s);
    // Even a small run shows every status.
    const small = generateDemoData({ ...OPTIONS, individuals: 200, organizations: 20, dossiers: 7 });
    expect(new Set(small.dossiers.map((d) => d.status)).size).toBe(7);
  });

  it('builds dossiers consistent with their procedure, workflow and agency', () => {
    const codes = new Set<string>();
    for (const d of data.dossiers) {
      const procedure = procedureByCode(d.procedureCode)!;
      expect(d.applicant.kind).toBe(procedure.applicantKind);
      expect(parseDossierCode(d.code)).toMatchObject({ agencyCode: d.agencyCode, day: vietnamDay(new Date(d.receivedAt)) });
      codes.add(d.code);
      expect(workingDaysCounted(d.receivedAt, d.dueAt)).toBe(procedure.processingDays);
      const agencyOfficers = new Set(OFFICERS.filter((o) => o.agencyCode === d.agencyCode).map((o) => o.code));
      expect(agencyOfficers.has(d.receivedByCode)).toBe(true);

      // History walks the allowed transitions, in time order, and ends at the status.
      let previous = 'START';
      let at = '';
      for (const h of d.history) {
        expect(h.from).toBe(previous === 'START' ? null : previous);
        expect(NEXT[previous]).toContain(h.to);
        expect(h.at >= at).toBe(true);
        expect(h.at <= NOW.toISOString()).toBe(true);
        if (h.byCode) expect(agencyOfficers.has(h.byCode)).toBe(true);
        previous = h.to;
        at = h.at;
      }
      expect(previous).toBe(d.status);
      expect(d.history[0]!.at).toBe(d.receivedAt);

      // Components: known requirements, each once; provided ones point at documents.
      const requirementCodes = d.components.map((c) => c.requirementCode);
      expect(new Set(requirementCodes).size).toBe(requirementCodes.length);
      for (const req of procedure.components.filter((r) => r.mandatory)) expect(requirementCodes).toContain(req.code);
      for (const c of d.components) {
        const req = procedure.components.find((r) => r.code === c.requirementCode)!;
        expect(req).toBeDefined();
        if (c.provision === 'PENDING') {
          expect(c.documentCode).toBeNull();
          continue;
        }
        const doc: DocumentRecord | undefined = documentsByCode.get(c.documentCode!);
        expect(doc).toBeDefined();
        expect(doc!.documentTypeCode).toBe(req.documentTypeCode);
        expect(ownerKey(doc!.owner)).toBe(ownerKey(d.applicant));
        expect(c.providedAt! >= d.receivedAt).toBe(true);
        expect(doc!.digitizedAt <= c.providedAt!).toBe(true);
        if (c.provision === 'REUSED') {
          expect(doc!.status).toBe('VALID');
          expect(doc!.originDossierCode).not.toBe(d.code);
        } else {
          expect(doc!.source).toBe(c.provision);
          expect(doc!.originDossierCode).toBe(d.code);
        }
      }
      const advanced = ['PROCESSING', 'APPROVED', 'REJECTED', 'RESULT_RETURNED'].includes(d.status);
      if (advanced) expect(d.components.every((c) => c.provision !== 'PENDING')).toBe(true);
      if (d.status === 'RECEIVED') expect(d.components.every((c) => c.provision === 'PENDING')).toBe(true);

      // Result: decided ones only, with the procedure's result paper when approved.
      const decided = d.history.find((h) => h.to === 'APPROVED' || h.to === 'REJECTED');
      if (!decided) {
        expect(d.result).toBeNull();
        continue;
      }
      const result = d.result!;
      expect(result.code).toBe(formatResultCode(d.code));
      expect(result.decision).toBe(decided.to);
      expect(result.decidedAt).toBe(decided.at);
      expect(agencyOfficers.has(result.decidedByCode)).toBe(true);
      expect(result.returnedAt !== null).toBe(d.status === 'RESULT_RETURNED');
      if (result.decision === 'REJECTED') expect(result.reason).toBeTruthy();
      if (result.decision === 'APPROVED' && procedure.resultDocumentTypeCode) {
        const doc = documentsByCode.get(result.documentCode!)!;
        expect(doc.documentTypeCode).toBe(procedure.resultDocumentTypeCode);
        expect(doc.source).toBe('PROCEDURE_RESULT');
        expect(doc.originDossierCode).toBe(d.code);
        expect(ownerKey(doc.owner)).toBe(ownerKey(d.applicant));
      } else {
        expect(result.documentCode).toBeNull();
      }
    }
    expect(codes.size).toBe(data.dossiers.length);
  });

  it('reuses warehouse documents for a fair share of components', () => {
    const provided = data.dossiers.flatMap((d) => d.components).filter((c) => c.provision !== 'PENDING');
    const reused = provided.filter((c) => c.provision === 'REUSED').length;
    expect(reused / provided.length).toBeGreaterThan(0.1);
    const provisions = new Set(provided.map((c) => c.provision));
    expect([...provisions].sort()).toEqual(['ELECTRONIC', 'REUSED', 'SCANNED']);
  });

  it('numbers codes per agency and day without gaps', () => {
    const highest = new Map<string, number[]>();
    const note = (scope: string, sequence: number) => highest.set(scope, [...(highest.get(scope) ?? []), sequence]);
    for (const d of data.dossiers) note(dossierSequenceScope(d.agencyCode, new Date(d.receivedAt)), parseDossierCode(d.code)!.sequence);
    for (const d of data.documents) note(documentSequenceScope(d.agencyCode, new Date(d.digitizedAt)), parseDigitizationCode(d.code)!.sequence);
    for (const [, sequences] of highest) {
      const sorted = [...sequences].sort((a, b) => a - b);
      expect(sorted).toEqual(sorted.map((_, i) => i + 1));
    }
  });
});
