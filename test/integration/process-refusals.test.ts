/**
 * Every refusal of the dossier process answers a clear code and writes nothing:
 * each test counts the rows the process writes before and after the refused call.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OfficerRole } from '../../src/entities/enums.js';
import {
  DIGITIZE, EVIDENCE, RECEIVE, RESOLVE, RETURN, REUSE, SHARE, SUBMIT, SUPPLEMENT, digitize, metadata, newCitizen, share, processRows, receive, startProcessApp, upload, scans,
  type ProcessApp,
} from './process-fixtures.js';

let t: ProcessApp;
/** A receiving officer of the TP Hồ Chí Minh office: same role, other agency. */
let hcmReceiving: string;

beforeAll(async () => {
  t = await startProcessApp();
  hcmReceiving = await t.token(OfficerRole.RECEIVING_OFFICER, { agency: '000.00.79.H41', officer: 'CB79-0001' });
});
afterAll(() => t.close());

/** Runs a refused call and checks that no row the process writes changed. */
async function refused(call: () => Promise<{ status: number; errors?: any[] }>) {
  const before = await processRows(t);
  const res = await call();
  expect(await processRows(t)).toEqual(before);
  expect(res.errors).toHaveLength(1);
  const error = res.errors![0];
  expect(error.extensions.stacktrace).toBeUndefined();
  return error;
}


describe('reuseDocument refuses', () => {
  it('a document of someone else (DOCUMENT_OWNER_MISMATCH)', async () => {
    const [applicant, other] = [await newCitizen(t), await newCitizen(t, 'Lê Thị Lan')];
    const dossier = await receive(t, '1.001939', applicant.personalId);
    const theirs = await share(t, other.personalId, 'TK1TS', metadata.TK1TS(other.fullName));
    const error = await refused(() => t.graphql(REUSE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', documentCode: theirs.code } }, t.as.receiving));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DOCUMENT_OWNER_MISMATCH', argumentPath: ['input', 'documentCode'] });
  });

  it('a document of another type (DOCUMENT_TYPE_MISMATCH)', async () => {
    const applicant = await newCitizen(t);
    const dossier = await receive(t, '1.001939', applicant.personalId);
    const card = await share(t, applicant.personalId, 'CCCD', metadata.CCCD(applicant.fullName, applicant.personalId));
    const error = await refused(() => t.graphql(REUSE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', documentCode: card.code } }, t.as.receiving));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DOCUMENT_TYPE_MISMATCH', argumentPath: ['input', 'documentCode'] });
    expect(error.message).toContain('needs a TK1TS');
  });

  it('an expired document (DOCUMENT_NOT_REUSABLE), which reusableEvidence does not offer either', async () => {
    const applicant = await newCitizen(t);
    const dossier = await receive(t, '1.001939', applicant.personalId);
    const old = await share(t, applicant.personalId, 'TK1TS', metadata.TK1TS(applicant.fullName), { validUntil: '2024-12-31' });
    expect(old.status).toBe('EXPIRED');
    const error = await refused(() => t.graphql(REUSE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', documentCode: old.code } }, t.as.receiving));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DOCUMENT_NOT_REUSABLE', status: 'EXPIRED', validUntil: '2024-12-31' });
    const evidence = await t.graphql(EVIDENCE, { procedureCode: '1.001939', owner: { personalId: applicant.personalId } }, t.as.receiving);
    expect(evidence.data.reusableEvidence[0].candidates).toEqual([]);
  });

  it('an unknown document (NOT_FOUND) and a component the procedure does not have', async () => {
    const applicant = await newCitizen(t);
    const dossier = await receive(t, '1.001939', applicant.personalId);
    const unknown = await refused(() => t.graphql(REUSE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', documentCode: '000.00.01.H41.TK1TS.261125.9999' } }, t.as.receiving));
    expect(unknown.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'DOCUMENT_NOT_FOUND' });
    const noSuchComponent = await refused(() => t.graphql(REUSE, { input: { dossierCode: dossier.code, requirementCode: 'TP09', documentCode: 'x' } }, t.as.receiving));
    expect(noSuchComponent.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'REQUIREMENT_NOT_FOUND', argumentPath: ['input', 'requirementCode'] });
  });
});

describe('receiveDossier refuses', () => {
  it('an unknown applicant (NOT_FOUND), a malformed identifier and an unknown procedure', async () => {
    const input = { procedureCode: '1.001939', applicant: { personalId: '001190000000' }, channel: 'IN_PERSON', idempotencyKey: 'refused-1' };
    const nobody = await refused(() => t.graphql(RECEIVE, { input }, t.as.receiving));
    expect(nobody.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'APPLICANT_NOT_FOUND', argumentPath: ['input', 'applicant'] });
    const malformed = await refused(() => t.graphql(RECEIVE, { input: { ...input, applicant: { personalId: '12' } } }, t.as.receiving));
    expect(malformed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['input', 'applicant', 'personalId'] });
    const procedure = await refused(() => t.graphql(RECEIVE, { input: { ...input, procedureCode: '9.999999' } }, t.as.receiving));
    expect(procedure.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'PROCEDURE_NOT_FOUND', argumentPath: ['input', 'procedureCode'] });
  });

  it('an organization filing an individual procedure (PARTY_KIND_MISMATCH)', async () => {
    const [unit] = await t.app.orm.em.fork().getConnection().execute<{ unit_code: string }[]>('select unit_code from organization order by unit_code limit 1');
    const error = await refused(() => t.graphql(RECEIVE, { input: { procedureCode: '1.001939', applicant: { unitCode: unit.unit_code }, channel: 'POSTAL', idempotencyKey: 'refused-2' } }, t.as.receiving));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PARTY_KIND_MISMATCH' });
  });
});

describe('roles and agencies', () => {
  it('refuses every step to an officer without its role (FORBIDDEN)', async () => {
    const applicant = await newCitizen(t);
    const dossier = await receive(t, '1.001939', applicant.personalId);
    const file = await upload(t, scans.pdf());
    const receiveInput = { procedureCode: '1.001939', applicant: { personalId: applicant.personalId }, channel: 'IN_PERSON', idempotencyKey: 'forbidden-1' };
    const digitizeInput = { dossierCode: dossier.code, requirementCode: 'TP01', fileId: file.id, title: 'Tờ khai', metadata: metadata.TK1TS(applicant.fullName) };
    const calls: [string, () => Promise<any>][] = [
      ['receiveDossier by a processing officer', () => t.graphql(RECEIVE, { input: receiveInput }, t.as.processing)],
      ['digitizeComponent by an approver', () => t.graphql(DIGITIZE, { input: digitizeInput }, t.as.approver)],
      ['reuseDocument by an auditor', () => t.graphql(REUSE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', documentCode: 'x' } }, t.as.auditor)],
      ['submitForProcessing by a receiving officer', () => t.graphql(SUBMIT, { code: dossier.code }, t.as.receiving)],
      ['requestSupplement by an approver', () => t.graphql(SUPPLEMENT, { code: dossier.code, note: 'more' }, t.as.approver)],
      ['resolveDossier by a processing officer', () => t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'REJECTED', reason: 'no' } }, t.as.processing)],
      ['returnResult by a processing officer', () => t.graphql(RETURN, { code: dossier.code }, t.as.processing)],
      ['checkConsistency by an auditor', () => t.graphql('mutation($c: String!, $d: JSONObject!) { checkConsistency(dossierCode: $c, declared: $d) { field } }', { c: dossier.code, d: { fullName: 'X' } }, t.as.auditor)],
      ['shareDocument by a receiving officer', () => t.graphql(SHARE, { input: { owner: { personalId: applicant.personalId }, documentTypeCode: 'TK1TS', source: 'CONNECTED_SYSTEM', title: 'x', metadata: metadata.TK1TS('x') } }, t.as.receiving)],
      ['upsertIndividual by a receiving officer', () => t.graphql('mutation { upsertIndividual(input: {personalId: "001190000001", fullName: "X"}) { fullName } }', {}, t.as.receiving)],
      ['upsertOrganization by an approver', () => t.graphql('mutation { upsertOrganization(input: {unitCode: "TEST-1", name: "X"}) { name } }', {}, t.as.approver)],
    ];
    for (const [what, call] of calls) {
      const error = await refused(call);
      expect([what, error.extensions.code]).toEqual([what, 'FORBIDDEN']);
    }
  });

  it("refuses writes to another agency's dossier (FORBIDDEN, OUTSIDE_AGENCY) but lets it read the warehouse", async () => {
    const applicant = await newCitizen(t);
    const dossier = await receive(t, '1.001939', applicant.personalId);
    const { component } = await digitize(t, dossier.code, 'TP02', metadata.CCCD(applicant.fullName, applicant.personalId));
    const mine = await share(t, applicant.personalId, 'TK1TS', metadata.TK1TS(applicant.fullName));
    const file = await upload(t, scans.png(), 'scan.png', hcmReceiving);

    const reuse = await refused(() => t.graphql(REUSE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', documentCode: mine.code } }, hcmReceiving));
    expect(reuse.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_AGENCY' });
    const scan = await refused(() => t.graphql(DIGITIZE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', fileId: file.id, title: 'x', metadata: metadata.TK1TS(applicant.fullName) } }, hcmReceiving));
    expect(scan.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_AGENCY' });
    const hcmProcessing = await t.token(OfficerRole.PROCESSING_OFFICER, { agency: '000.00.79.H41', officer: 'CB79-0002' });
    const submit = await refused(() => t.graphql(SUBMIT, { code: dossier.code }, hcmProcessing));
    expect(submit.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_AGENCY' });

    // Reads are nationwide: reuse across provinces is the point.
    const evidence = await t.graphql(EVIDENCE, { procedureCode: '1.002759', owner: { personalId: applicant.personalId } }, hcmReceiving);
    expect(evidence.errors).toBeUndefined();
    expect(evidence.data.reusableEvidence.find((m: any) => m.requirement.code === 'TP03').candidates.map((c: any) => c.code)).toEqual([component.document.code]);
  });

  it('refuses a token naming an agency the officer does not belong to, at authentication (401)', async () => {
    const applicant = await newCitizen(t);
    const forged = await t.token(OfficerRole.RECEIVING_OFFICER, { agency: '000.00.79.H41' }); // CB01-0001 works in Hà Nội
    let status = 0;
    const error = await refused(async () => {
      const res = await t.graphql(RECEIVE, { input: { procedureCode: '1.001939', applicant: { personalId: applicant.personalId }, channel: 'IN_PERSON', idempotencyKey: 'forged' } }, forged);
      status = res.status;
      return res;
    });
    expect(status).toBe(401);
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('transitions', () => {
  it('refuses moves the process does not allow with CONFLICT and the current status', async () => {
    const applicant = await newCitizen(t);
    const dossier = await receive(t, '1.001939', applicant.personalId);

    const early = await refused(() => t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'APPROVED', resultMetadata: metadata.BHYT(applicant.fullName) } }, t.as.approver));
    expect(early.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION', currentStatus: 'RECEIVED', requestedStatus: 'APPROVED' });
    const notResolved = await refused(() => t.graphql(RETURN, { code: dossier.code }, t.as.receiving));
    expect(notResolved.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION', currentStatus: 'RECEIVED' });
    const supplement = await refused(() => t.graphql(SUPPLEMENT, { code: dossier.code, note: 'Thiếu tờ khai' }, t.as.processing));
    expect(supplement.extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'RECEIVED' });
    const missing = await refused(() => t.graphql(SUBMIT, { code: dossier.code }, t.as.processing));
    expect(missing.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COMPONENTS_MISSING', missing: ['TP01'], currentStatus: 'RECEIVED' });

    await digitize(t, dossier.code, 'TP01', metadata.TK1TS(applicant.fullName));
    expect((await t.graphql(SUBMIT, { code: dossier.code }, t.as.processing)).errors).toBeUndefined();
    const rejected = await t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'REJECTED', reason: 'Không đủ điều kiện' } }, t.as.approver);
    expect(rejected.data.resolveDossier).toMatchObject({ status: 'REJECTED', result: { decision: 'REJECTED', reason: 'Không đủ điều kiện', document: null } });

    const twice = await refused(() => t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'APPROVED', resultMetadata: metadata.BHYT(applicant.fullName) } }, t.as.approver));
    expect(twice.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION', currentStatus: 'REJECTED' });
    const file = await upload(t, scans.pdf());
    const late = await refused(() => t.graphql(DIGITIZE, { input: { dossierCode: dossier.code, requirementCode: 'TP02', fileId: file.id, title: 'x', metadata: metadata.CCCD(applicant.fullName, applicant.personalId) } }, t.as.receiving));
    expect(late.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION', currentStatus: 'REJECTED' });
  });

  it('refuses a rejection without a reason and an approval without its result data', async () => {
    const applicant = await newCitizen(t);
    const dossier = await receive(t, '1.001939', applicant.personalId);
    await digitize(t, dossier.code, 'TP01', metadata.TK1TS(applicant.fullName));
    await t.graphql(SUBMIT, { code: dossier.code }, t.as.processing);
    const noReason = await refused(() => t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'REJECTED' } }, t.as.approver));
    expect(noReason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['input', 'reason'] });
    const noResult = await refused(() => t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'APPROVED' } }, t.as.approver));
    expect(noResult.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['input', 'resultMetadata'] });
  });

  it('lets a supplement replace a provided component, and gives a replaced reuse back', async () => {
    const applicant = await newCitizen(t);
    const first = await share(t, applicant.personalId, 'TK1TS', metadata.TK1TS(applicant.fullName));
    const dossier = await receive(t, '1.001939', applicant.personalId);
    await t.graphql(REUSE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', documentCode: first.code } }, t.as.receiving);
    const again = await refused(() => t.graphql(REUSE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', documentCode: first.code } }, t.as.receiving));
    expect(again.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COMPONENT_ALREADY_PROVIDED', provision: 'REUSED' });

    await t.graphql(SUBMIT, { code: dossier.code }, t.as.processing);
    expect((await t.graphql(SUPPLEMENT, { code: dossier.code, note: 'Tờ khai cũ' }, t.as.processing)).data.requestSupplement.status).toBe('NEEDS_SUPPLEMENT');
    const { component } = await digitize(t, dossier.code, 'TP01', metadata.TK1TS(applicant.fullName));
    expect(component.provision).toBe('SCANNED');
    const [row] = await t.app.orm.em.fork().getConnection().execute<{ reuse_count: number }[]>('select reuse_count from digitized_document where code = ?', [first.code]);
    expect(row.reuse_count).toBe(0);
  });
});

describe('digitizeComponent refuses', () => {
  it('metadata that does not fit the document type, listing every violation with its path', async () => {
    const applicant = await newCitizen(t);
    const dossier = await receive(t, '1.001939', applicant.personalId);
    const file = await upload(t, scans.tiff(), 'scan.tif');
    const bad = { issueDate: '02/11/2026', dateOfBirth: '1990-07-07', gender: 'F', personalId: '123' }; // no fullName
    const error = await refused(() => t.graphql(DIGITIZE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', fileId: file.id, title: 'Tờ khai', metadata: bad } }, t.as.receiving));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_METADATA', argumentPath: ['input', 'metadata'] });
    expect(error.extensions.violations.map((v: { path: string }) => v.path).sort()).toEqual(['/fullName', '/gender', '/issueDate', '/personalId']);
    for (const v of error.extensions.violations) expect(v.message).toEqual(expect.any(String));
  });

  it('an unknown file id and a blank title', async () => {
    const applicant = await newCitizen(t);
    const dossier = await receive(t, '1.001939', applicant.personalId);
    const input = { dossierCode: dossier.code, requirementCode: 'TP01', fileId: '0190f3a4-0000-7000-8000-000000000000', title: 'Tờ khai', metadata: metadata.TK1TS(applicant.fullName) };
    const unknown = await refused(() => t.graphql(DIGITIZE, { input }, t.as.receiving));
    expect(unknown.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND', argumentPath: ['input', 'fileId'] });
    const blank = await refused(() => t.graphql(DIGITIZE, { input: { ...input, title: '   ' } }, t.as.receiving));
    expect(blank.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['input', 'title'] });
  });
});
