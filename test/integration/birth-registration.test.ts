/**
 * The child-under-six pilot end to end (Decision 3509/QĐ-BHXH), through the Ministry
 * of Justice's partner key and its persisted operations: one registerBirth call gives
 * the child, a social insurance code, an approved dossier that reused the birth
 * certificate, and the card; the same call again changes nothing; a failing rule
 * leaves the dossier waiting for an officer, with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { byHash, newPartner, publishAll } from './partner-fixtures.js';
import { buildPersonalId } from '../../src/domain/identifiers.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { DigitizedDocument } from '../../src/entities/digitized-document.entity.js';
import { Dossier, ProcedureResult } from '../../src/entities/dossier.entity.js';
import { PortalSyncEvent } from '../../src/entities/portal-sync-event.entity.js';
import { DocumentSource, OfficerRole } from '../../src/entities/enums.js';
import { vietnamDate } from '../../src/domain/dates.js';
import { loadEvents } from '../../src/portal-sync/event.js';

let t: TestApp;
let hashes: Record<string, string>;
let justice: { name: string; key: string };
let portal: { name: string; key: string };

/** A demo parent whose household and commune the warehouse knows. */
let parent: { personal_id: string; household_code: string; commune_code: string; province_code: string };

const today = vietnamDate(new Date());
const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
let serial = Date.now() % 900_000;

/** A newborn's birth certificate as the Ministry of Justice pushes it. */
function birthCertificate(overrides: { householdCode?: string | null; communeCode?: string | null; father?: string | null; bornDaysAgo?: number } = {}) {
  const dateOfBirth = daysAgo(overrides.bornDaysAgo ?? 12);
  const personalId = buildPersonalId('001', Number(dateOfBirth.slice(0, 4)), 'FEMALE', String(100_000 + serial++));
  return {
    birthCertificateNumber: `GKS-${personalId}`,
    registeredOn: daysAgo(2),
    registrationAuthority: 'UBND phường Ba Đình, thành phố Hà Nội',
    child: { personalId, fullName: 'Nguyễn Thị Bảo Ngọc', dateOfBirth, gender: 'FEMALE', placeOfBirth: 'Bệnh viện Phụ sản Hà Nội', nationality: 'Việt Nam' },
    father: overrides.father === null ? null : { fullName: 'Nguyễn Văn Hùng', personalId: overrides.father ?? parent.personal_id },
    mother: { fullName: 'Trần Thị Mai' },
    householdCode: overrides.householdCode === undefined ? parent.household_code : overrides.householdCode,
    communeCode: overrides.communeCode === undefined ? parent.commune_code : overrides.communeCode,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  hashes = await publishAll(t);
  justice = await newPartner(t, { name: 'bo-tu-phap', scopes: ['documents:share', 'personal-data:read'], operations: ['RegisterBirth'] });
  portal = await newPartner(t, { name: 'cong-dvcqg', scopes: ['documents:read', 'personal-data:read'], operations: ['ChildHealthInsuranceCard'] });
  [parent] = await t.app.orm.em.fork().getConnection().execute(
    `select i.personal_id, i.household_code, i.commune_code, c.province_code from individual i join commune c on c.code = i.commune_code
      where i.household_code is not null and i.household_code not like 'CHUNG-%' and c.province_code = '01' order by i.personal_id limit 1`,
  );
});
afterAll(() => t.close());

function registerBirth(input: ReturnType<typeof birthCertificate>) {
  return byHash(t, justice.key, hashes.RegisterBirth!, { input });
}

/** Everything the pilot may write for one child, counted. */
async function footprint(personalId: string) {
  const em = t.app.orm.em.fork();
  const child = await em.findOne(Individual, { personalId });
  return {
    individuals: await em.count(Individual, { personalId }),
    documents: child ? await em.count(DigitizedDocument, { ownerIndividual: child }) : 0,
    dossiers: child ? await em.count(Dossier, { applicantIndividual: child }) : 0,
    results: child ? await em.count(ProcedureResult, { dossier: { applicantIndividual: child } }) : 0,
    portalEvents: child ? await em.count(PortalSyncEvent, { dossier: { applicantIndividual: child } }) : 0,
    socialInsuranceCode: child?.socialInsuranceCode ?? null,
  };
}

describe('registerBirth (partner operation of the Ministry of Justice)', () => {
  it('makes, from one call, the child, a social insurance code, an approved dossier that reused the birth certificate, and the card', async () => {
    const input = birthCertificate();
    const res = await registerBirth(input);
    expect(res.errors).toBeUndefined();
    const answer = res.data.registerBirth;

    const si = answer.child.socialInsuranceCode as string;
    expect(si).toMatch(/^99\d{8}$/);
    expect(answer).toMatchObject({
      birthCertificateNumber: input.birthCertificateNumber,
      status: 'ISSUED',
      cardNumber: `TE1${parent.province_code}${si}`,
      validFrom: input.child.dateOfBirth,
      waitingReason: null,
      child: { personalId: input.child.personalId, householdCode: parent.household_code },
      dossier: { status: 'APPROVED' },
    });
    const [y, m, d] = input.child.dateOfBirth.split('-').map(Number);
    expect(answer.validTo).toBe(new Date(Date.UTC(y! + 6, m! - 1, d! - 1)).toISOString().slice(0, 10));

    // The officers' view of the same dossier: the system did every step, and reused the pushed certificate.
    // A Hà Nội family: the Hà Nội office received the dossier, and its officers see it.
    const token = await t.token(OfficerRole.PROCESSING_OFFICER);
    const { data, errors } = await t.graphql(
      `query($code: String!) { dossier(code: $code) { status reuseRate procedure { code }
          components { provision document { source documentType { code } } }
          history { from to by { code } note }
          result { decision decidedBy { code } document { code source status validUntil owner { ... on Individual { personalId } } } } } }`,
      { code: answer.dossier.code },
      token,
    );
    expect(errors).toBeUndefined();
    expect(data.dossier).toMatchObject({ status: 'APPROVED', reuseRate: 1, procedure: { code: '9.000002' } });
    expect(data.dossier.components).toEqual([{ provision: 'REUSED', document: { source: 'CONNECTED_SYSTEM', documentType: { code: 'GKS' } } }]);
    expect(data.dossier.history.map((h: { to: string }) => h.to)).toEqual(['RECEIVED', 'DIGITIZING', 'PROCESSING', 'APPROVED']);
    expect(data.dossier.history.every((h: { by: { code: string } }) => h.by.code === 'HT-LIENTHONG')).toBe(true);
    expect(data.dossier.result).toMatchObject({
      decision: 'APPROVED',
      decidedBy: { code: 'HT-LIENTHONG' },
      document: { source: 'PROCEDURE_RESULT', status: 'VALID', validUntil: answer.validTo, owner: { personalId: input.child.personalId } },
    });

    // The card is a warehouse document, reusable by the child's later dossiers (e.g. a card change, 1.002759).
    const evidence = await t.graphql(
      `query($owner: PartyRef!) { reusableEvidence(procedureCode: "1.002759", owner: $owner) { requirement { code } candidates { code } } }`,
      { owner: { personalId: input.child.personalId } },
      token,
    );
    const cardCandidates = evidence.data.reusableEvidence.find((e: { requirement: { code: string } }) => e.requirement.code === 'TP01').candidates;
    expect(cardCandidates.map((c: { code: string }) => c.code)).toEqual([data.dossier.result.document.code]);

    // The portal reads the card with its own key and operation.
    const card = await byHash(t, portal.key, hashes.ChildHealthInsuranceCard!, { birthCertificateNumber: input.birthCertificateNumber });
    expect(card.errors).toBeUndefined();
    expect(card.data.childHealthInsuranceCard).toMatchObject({
      status: 'ISSUED',
      cardNumber: answer.cardNumber,
      card: { code: data.dossier.result.document.code, validUntil: answer.validTo, metadata: { cardNumber: answer.cardNumber, validTo: answer.validTo } },
    });

    // The one-stop desk hands the card over (Decision 3509, step 6).
    const returned = await t.graphql(`mutation($code: String!) { returnResult(dossierCode: $code) { status } }`, { code: answer.dossier.code }, await t.token(OfficerRole.RECEIVING_OFFICER));
    expect(returned.data.returnResult.status).toBe('RESULT_RETURNED');

    // Every status change is on its way to the national portal, the decision and the return with the card.
    const em = t.app.orm.em.fork();
    const outbox = await em.find(PortalSyncEvent, { dossier: { code: answer.dossier.code } }, { orderBy: { id: 'asc' } });
    const events = (await loadEvents(em, outbox.map((e) => e.id))).map((e) => e.event);
    expect(events.map((e) => [e.from, e.to])).toEqual([
      [null, 'RECEIVED'], ['RECEIVED', 'DIGITIZING'], ['DIGITIZING', 'PROCESSING'], ['PROCESSING', 'APPROVED'], ['APPROVED', 'RESULT_RETURNED'],
    ]);
    expect(events.slice(0, 4).every((e) => e.actor === 'HT-LIENTHONG' && e.dossier.code === answer.dossier.code && e.dossier.procedureCode === '9.000002')).toBe(true);
    expect(events[4]!.actor).toBe('CB01-0001');
    expect(events[4]!.result).toMatchObject({ code: `KQ.${answer.dossier.code}`, document: { code: data.dossier.result.document.code } });
    expect(events[4]!.result!.returnedAt).not.toBeNull();
    expect(events[2]!.result).toBeNull();
    expect(events[3]!.result).toMatchObject({
      code: `KQ.${answer.dossier.code}`,
      decision: 'APPROVED',
      returnedAt: null,
      document: { code: data.dossier.result.document.code, documentTypeCode: 'BHYT', validUntil: answer.validTo },
    });
  });

  it('creates nothing twice when the same birth certificate is pushed again', async () => {
    const input = birthCertificate();
    const first = await registerBirth(input);
    expect(first.data.registerBirth.status).toBe('ISSUED');
    const before = await footprint(input.child.personalId);
    expect(before).toMatchObject({ individuals: 1, documents: 2, dossiers: 1, results: 1, portalEvents: 4 });

    const again = await registerBirth(input);
    expect(again.errors).toBeUndefined();
    expect(again.data.registerBirth).toEqual(first.data.registerBirth);
    expect(await footprint(input.child.personalId)).toEqual(before);
  });

  it('makes one child, one dossier and one card when the same push arrives three times at once', async () => {
    const input = birthCertificate();
    const answers = await Promise.all([registerBirth(input), registerBirth(input), registerBirth(input)]);
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data.registerBirth).toEqual(answers[0]!.data.registerBirth);
    }
    expect(answers[0]!.data.registerBirth.status).toBe('ISSUED');
    expect(await footprint(input.child.personalId)).toMatchObject({ individuals: 1, documents: 2, dossiers: 1, results: 1, portalEvents: 4 });
  });

  it('leaves the dossier waiting for an officer, with the reason, when the household cannot be found; the call itself succeeds', async () => {
    const input = birthCertificate({ householdCode: null, father: null });
    const res = await registerBirth(input);
    expect(res.errors).toBeUndefined();
    const answer = res.data.registerBirth;
    expect(answer).toMatchObject({
      status: 'WAITING_FOR_OFFICER',
      cardNumber: null,
      validTo: null,
      child: { householdCode: `CHUNG-${parent.commune_code}` },
      dossier: { status: 'PROCESSING' },
    });
    expect(answer.child.socialInsuranceCode).toMatch(/^99\d{8}$/);
    expect(answer.waitingReason).toContain("household is not in the VSS household database");
    expect(answer.waitingReason).toContain(`CHUNG-${parent.commune_code}`);
    expect(await footprint(input.child.personalId)).toMatchObject({ individuals: 1, documents: 1, dossiers: 1, results: 0, portalEvents: 3 });

    const card = await byHash(t, portal.key, hashes.ChildHealthInsuranceCard!, { birthCertificateNumber: input.birthCertificateNumber });
    expect(card.data.childHealthInsuranceCard).toMatchObject({ status: 'WAITING_FOR_OFFICER', card: null, waitingReason: answer.waitingReason });

    // A retry does not approve behind the officer's back, nor does anything else.
    const again = await registerBirth(input);
    expect(again.data.registerBirth).toEqual(answer);
  });

  it('refuses malformed data with nothing written, and callers without the right', async () => {
    const input = birthCertificate();
    const mismatched = { ...input, child: { ...input.child, gender: 'MALE' } };
    const res = await registerBirth(mismatched);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_IDENTIFIER', argumentPath: ['input', 'child', 'personalId'] });
    expect(await footprint(input.child.personalId)).toMatchObject({ individuals: 0, dossiers: 0 });

    const officer = await t.token(OfficerRole.RECEIVING_OFFICER);
    const refused = await t.graphql(`mutation($input: RegisterBirthInput!) { registerBirth(input: $input) { status } }`, { input }, officer);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await footprint(input.child.personalId)).toMatchObject({ individuals: 0, dossiers: 0 });
  });
});

it('keeps the pushed certificate as a connected-system document of the child', async () => {
  const input = birthCertificate();
  await registerBirth(input);
  const em = t.app.orm.em.fork();
  const child = await em.findOneOrFail(Individual, { personalId: input.child.personalId });
  const certificate = await em.findOneOrFail(DigitizedDocument, { ownerIndividual: child, source: DocumentSource.CONNECTED_SYSTEM });
  expect(certificate).toMatchObject({ issuedOn: input.registeredOn, validUntil: null, reuseCount: 1 });
  expect(certificate.metadata).toMatchObject({ documentNumber: input.birthCertificateNumber, fullName: input.child.fullName, fatherPersonalId: parent.personal_id });
});
