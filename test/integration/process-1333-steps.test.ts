/**
 * Decision 1333/QĐ-BHXH, Art. 13, steps 3–5 through HTTP, on the real app and database:
 * a fragile paper scanned from its copy and another kept on paper by an approver's
 * decision; a verification asked of another agency, answered by its connected system,
 * read by the approver and grounding a rejection the applicant is told; an overdue
 * verification in the indicators; a result returned to the portal account through the
 * portal outbox, and a paper result handed over at the desk or posted.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { HANOI_OFFICER } from '../helpers/app.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { PortalSyncEvent } from '../../src/entities/portal-sync-event.entity.js';
import { loadEvents } from '../../src/portal-sync/event.js';
import { vietnamDate } from '../../src/domain/dates.js';
import { byHash, newPartner, publishAll } from './partner-fixtures.js';
import {
  DOSSIER_FIELDS, RESOLVE, SUBMIT, digitize, failure, metadata, newCitizen, processRows, scans, startProcessApp, upload, type ProcessApp,
} from './process-fixtures.js';

let t: ProcessApp;
let hcmApprover: string;
let hashes: Record<string, string>;

beforeAll(async () => {
  t = await startProcessApp();
  hcmApprover = await t.token(OfficerRole.APPROVER, { agency: '000.00.79.H41', officer: 'CB79-0003' });
  hashes = await publishAll(t);
});
afterAll(() => t.close());

const FIGURES = 'dossiersReceived componentsReused componentsScanned componentsScannedFromCopy componentsNotDigitized reuseRate dossiersOverdue dossiersAwaitingOverdueVerification';

/** The indicators of today's dossiers of a procedure at the Hà Nội office. */
async function indicators(procedureCode: string) {
  const today = vietnamDate(new Date());
  const res = await t.graphql(`query($filter: StatsFilter) { digitizationStats(filter: $filter) { ${FIGURES} } }`, { filter: { procedureCode, provinceCode: '01', from: today, to: today } }, t.as.auditor);
  if (res.errors) throw failure(res);
  return res.data.digitizationStats;
}

const COMPONENT = `provision originalAlsoScanned paperKeptAt requirement { code } document { code }
  nonDigitizationProposals { status reason paperKeptAt decisionReason proposedBy { code } decidedBy { code } }`;
const DOSSIER = `query($code: String!) { dossier(code: $code) {
  code status resultChannels postalAddress components { ${COMPONENT} }
  verifications { code agency connectedSystem question dueOn outcome answer answeredAt requestedBy { code } answerRecordedBy { code }
    document { code source issuedBy documentType { code } metadata originDossier { code } } }
  history { to note by { code } }
  result { code decision reason returnedAt deliveredElectronicallyAt returnChannel returnedTo returnedBy { code } document { code } }
} }`;
const PROPOSE = `mutation($input: ProposeNotDigitizingInput!) { proposeNotDigitizing(input: $input) { status reason paperKeptAt proposedBy { code } } }`;
const DECIDE = `mutation($input: DecideNotDigitizingInput!) { decideNotDigitizing(input: $input) { status decisionReason decidedBy { code } component { ${COMPONENT} } } }`;
const ASK = `mutation($input: RequestVerificationInput!) { requestVerification(input: $input) { code agency connectedSystem question dueOn outcome requestedBy { code } } }`;
const ANSWER = `mutation($input: AnswerVerificationInput!) { answerVerification(input: $input) { code outcome answer answerRecordedBy { code } document { code source signature { valid } } } }`;
const RECEIVE_WITH = `mutation($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code resultChannels postalAddress } }`;
const RETURN_TO = `mutation($code: String!, $to: String) { returnResult(dossierCode: $code, handedOverTo: $to) { ${DOSSIER_FIELDS} } }`;

async function dossierView(code: string, token = t.as.approver) {
  const res = await t.graphql(DOSSIER, { code }, token);
  if (res.errors) throw failure(res);
  return res.data.dossier;
}

/** A call that is refused with one error and changes nothing the process writes. */
async function refused(call: () => Promise<{ errors?: any[] }>) {
  const before = await processRows(t);
  const res = await call();
  expect(res.errors).toHaveLength(1);
  expect(await processRows(t)).toEqual(before);
  return res.errors![0].extensions;
}

async function ready(procedureCode = '1.001939', input: Record<string, unknown> = {}, personalId?: string) {
  const citizen = personalId ? { personalId, fullName: 'Trần Thị Hoà' } : await newCitizen(t);
  const res = await t.graphql(RECEIVE_WITH, { input: { procedureCode, applicant: { personalId: citizen.personalId }, channel: 'IN_PERSON', idempotencyKey: `s-${randomInt(1e12)}`, ...input } }, t.as.receiving);
  if (res.errors) throw failure(res);
  return { citizen, dossier: res.data.receiveDossier as { code: string; resultChannels: string[]; postalAddress: string | null } };
}

async function submitted(code: string) {
  const res = await t.graphql(SUBMIT, { code }, t.as.processing);
  if (res.errors) throw failure(res);
}

describe('step 3: fragile or precious originals', () => {
  it('scans one paper from its copy, keeps another on paper by the approver\'s decision, and counts both apart', async () => {
    const before = await indicators('1.001939');
    const { citizen, dossier } = await ready();

    // The declaration's original would not survive the feeder: photocopied, the copy scanned, the original too.
    const file = await upload(t, scans.jpeg());
    const copy = await t.graphql(
      `mutation($input: DigitizeComponentInput!) { digitizeComponent(input: $input) { provision originalAlsoScanned document { source signature { valid } } } }`,
      { input: { dossierCode: dossier.code, requirementCode: 'TP01', fileId: file.id, title: 'Tờ khai (bản sao chụp)', fromCopy: true, originalAlsoScanned: true, metadata: metadata.TK1TS(citizen.fullName) } },
      t.as.receiving,
    );
    expect(copy.errors).toBeUndefined();
    expect(copy.data.digitizeComponent).toEqual({ provision: 'SCANNED_FROM_COPY', originalAlsoScanned: true, document: { source: 'SCANNED', signature: { valid: true } } });

    // The identity paper is old and precious: the receiving officer proposes not to digitize it.
    const proposal = { dossierCode: dossier.code, requirementCode: 'TP02', reason: 'Thẻ căn cước ép plastic bong tróc, dễ rách khi quét', paperKeptAt: 'Kho lưu trữ BHXH Hà Nội, kệ B3' };
    const proposed = await t.graphql(PROPOSE, { input: proposal }, t.as.receiving);
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data.proposeNotDigitizing).toEqual({ status: 'PROPOSED', reason: proposal.reason, paperKeptAt: proposal.paperKeptAt, proposedBy: { code: HANOI_OFFICER.RECEIVING_OFFICER } });
    expect((await refused(() => t.graphql(PROPOSE, { input: proposal }, t.as.receiving)))).toMatchObject({ code: 'CONFLICT', reason: 'PROPOSAL_DECIDED' });

    // Only an approver decides, and only one of the dossier's agency.
    const decision = { dossierCode: dossier.code, requirementCode: 'TP02', accept: true, reason: 'Giấy tờ quan trọng, dễ hư hỏng: giữ bản giấy' };
    expect(await refused(() => t.graphql(DECIDE, { input: decision }, t.as.processing))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(() => t.graphql(DECIDE, { input: decision }, t.as.receiving))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(() => t.graphql(DECIDE, { input: decision }, hcmApprover))).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_AGENCY' });

    const decided = await t.graphql(DECIDE, { input: decision }, t.as.approver);
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideNotDigitizing).toMatchObject({
      status: 'ACCEPTED',
      decisionReason: decision.reason,
      decidedBy: { code: HANOI_OFFICER.APPROVER },
      component: { provision: 'NOT_DIGITIZED', paperKeptAt: proposal.paperKeptAt, document: null, originalAlsoScanned: null },
    });
    expect(await refused(() => t.graphql(DECIDE, { input: decision }, t.as.approver))).toMatchObject({ code: 'CONFLICT' });

    // The dossier goes on: nothing mandatory is missing.
    await submitted(dossier.code);
    const view = await dossierView(dossier.code);
    expect(view.components.map((c: any) => [c.requirement.code, c.provision])).toEqual([['TP01', 'SCANNED_FROM_COPY'], ['TP02', 'NOT_DIGITIZED']]);

    const after = await indicators('1.001939');
    expect(after.dossiersReceived - before.dossiersReceived).toBe(1);
    expect(after.componentsScannedFromCopy - before.componentsScannedFromCopy).toBe(1);
    expect(after.componentsNotDigitized - before.componentsNotDigitized).toBe(1);
    expect(after.componentsScanned).toBe(before.componentsScanned);
    expect(after.componentsReused).toBe(before.componentsReused);
  });

  it('a refused proposal leaves the paper to scan', async () => {
    const { dossier } = await ready();
    await t.graphql(PROPOSE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', reason: 'Giấy mỏng', paperKeptAt: 'Tủ hồ sơ tầng 2' } }, t.as.receiving);
    const refusedProposal = await t.graphql(DECIDE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', accept: false, reason: 'Tờ khai không phải giấy tờ quý: quét bản sao' } }, t.as.approver);
    expect(refusedProposal.errors).toBeUndefined();
    expect(refusedProposal.data.decideNotDigitizing).toMatchObject({ status: 'REFUSED', component: { provision: 'PENDING', paperKeptAt: null } });
    expect(await refused(() => t.graphql(SUBMIT, { code: dossier.code }, t.as.processing))).toMatchObject({ reason: 'COMPONENTS_MISSING' });
  });
});

describe('step 4: verification and consultation', () => {
  it("is asked, answered by the agency's connected system, read by the approver, and grounds a rejection the applicant is told", async () => {
    const police = await newPartner(t, { name: 'police-verify', scopes: ['verifications:answer'], operations: ['PartnerAnswerVerification'] });
    const otherSystem = await newPartner(t, { name: 'other-verify', scopes: ['verifications:answer'], operations: ['PartnerAnswerVerification'] });
    const { citizen, dossier } = await ready();
    await digitize(t, dossier.code, 'TP01', metadata.TK1TS(citizen.fullName));

    const question = { dossierCode: dossier.code, agency: 'Công an phường Ba Đình', connectedSystem: police.name, question: 'Xác minh nơi cư trú hiện tại của bà Trần Thị Hoà', dueOn: vietnamDate(new Date()) };
    // Asked while processing, by the processing officer.
    expect(await refused(() => t.graphql(ASK, { input: question }, t.as.processing))).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });
    await submitted(dossier.code);
    expect(await refused(() => t.graphql(ASK, { input: question }, t.as.receiving))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(() => t.graphql(ASK, { input: { ...question, dueOn: '2020-01-01' } }, t.as.processing))).toMatchObject({ code: 'BAD_USER_INPUT' });
    const asked = await t.graphql(ASK, { input: question }, t.as.processing);
    expect(asked.errors).toBeUndefined();
    const verification = asked.data.requestVerification;
    expect(verification).toEqual({
      code: `XM.${dossier.code}.1`, agency: question.agency, connectedSystem: police.name, question: question.question, dueOn: question.dueOn, outcome: null,
      requestedBy: { code: HANOI_OFFICER.PROCESSING_OFFICER },
    });

    // No approval while the answer is awaited.
    const early = await refused(() => t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'APPROVED', resultMetadata: metadata.BHYT(citizen.fullName) } }, t.as.approver));
    expect(early).toMatchObject({ code: 'CONFLICT', reason: 'VERIFICATION_PENDING' });

    // Only the system the verification names may answer it; an officer needs the scan.
    const answer = { verificationCode: verification.code, outcome: 'NEGATIVE', answer: 'Bà Trần Thị Hoà không cư trú tại địa chỉ đã khai từ tháng 3/2025', documentNumber: '125/CAP-QLHC', issuedOn: question.dueOn };
    const wrong = await byHash(t, otherSystem.key, hashes.PartnerAnswerVerification!, { input: answer });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'VERIFICATION_NOT_FOUND' });
    expect(await refused(() => t.graphql(ANSWER, { input: answer }, t.as.processing))).toMatchObject({ code: 'BAD_USER_INPUT' });

    const pushed = await byHash(t, police.key, hashes.PartnerAnswerVerification!, { input: answer });
    expect(pushed.errors).toBeUndefined();
    expect(pushed.data.answerVerification).toMatchObject({ code: verification.code, outcome: 'NEGATIVE', document: { source: 'CONNECTED_SYSTEM' } });
    const again = await byHash(t, police.key, hashes.PartnerAnswerVerification!, { input: answer });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERIFICATION_ANSWERED' });

    // The approver sees the answer with the dossier: its own document of the dossier.
    const seen = await dossierView(dossier.code);
    expect(seen.verifications).toHaveLength(1);
    expect(seen.verifications[0]).toMatchObject({
      code: verification.code, outcome: 'NEGATIVE', answer: answer.answer, answerRecordedBy: null,
      document: {
        code: pushed.data.answerVerification.document.code, source: 'CONNECTED_SYSTEM', issuedBy: question.agency, documentType: { code: 'VBXM' },
        metadata: expect.objectContaining({ verificationCode: verification.code, outcome: 'NEGATIVE', conclusion: answer.answer, documentNumber: '125/CAP-QLHC' }),
        originDossier: { code: dossier.code },
      },
    });

    // A second question, still open when the dossier is decided: its answer comes too late to be taken.
    const second = await t.graphql(ASK, { input: { ...question, question: 'Xác minh hộ khẩu thường trú' } }, t.as.processing);
    expect(second.errors).toBeUndefined();
    expect(second.data.requestVerification.code).toBe(`XM.${dossier.code}.2`);

    // The negative answer grounds the rejection, and the reason says what the agency answered.
    const rejected = await t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'REJECTED', reason: 'Không đủ điều kiện tham gia tại địa bàn', verificationCode: verification.code } }, t.as.approver);
    expect(rejected.errors).toBeUndefined();
    const reason = rejected.data.resolveDossier.result.reason as string;
    expect(reason).toContain('Không đủ điều kiện tham gia tại địa bàn');
    expect(reason).toContain(verification.code);
    expect(reason).toContain(answer.answer);

    const late = await byHash(t, police.key, hashes.PartnerAnswerVerification!, { input: { ...answer, verificationCode: second.data.requestVerification.code } });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });

    // The applicant's notice: the portal's REJECTED event, waiting in the outbox, carries the reason.
    const em = t.app.orm.em.fork() as EntityManager;
    const rows = await em.find(PortalSyncEvent, { dossier: { code: dossier.code } }, { orderBy: { id: 'asc' } });
    const events = await loadEvents(em, rows.map((r) => r.id));
    const notice = events.map((e) => e.event).find((e) => e.to === 'REJECTED')!;
    expect(notice.note).toBe(reason);
    expect(notice.result).toMatchObject({ decision: 'REJECTED', reason, deliverToPortalAccount: false });
  });

  it('an officer scans a paper answer; a dossier waiting past the answer day counts in the indicators', async () => {
    const { citizen, dossier } = await ready();
    await digitize(t, dossier.code, 'TP01', metadata.TK1TS(citizen.fullName));
    await submitted(dossier.code);
    const asked = await t.graphql(ASK, { input: { dossierCode: dossier.code, agency: 'UBND xã Đông Anh', question: 'Cho ý kiến về hộ gia đình', dueOn: vietnamDate(new Date()) } }, t.as.processing);
    expect(asked.errors).toBeUndefined();
    const before = await indicators('1.001939');
    // The answer day goes by without an answer.
    await t.app.orm.em.fork().getConnection().execute(`update verification set due_on = due_on - 3 where code = ?`, [asked.data.requestVerification.code]);
    const waiting = await indicators('1.001939');
    expect(waiting.dossiersAwaitingOverdueVerification - before.dossiersAwaitingOverdueVerification).toBe(1);

    const file = await upload(t, scans.pdf());
    const scanned = await t.graphql(ANSWER, { input: { verificationCode: asked.data.requestVerification.code, outcome: 'CONFIRMED', answer: 'Hộ gia đình có tên trong sổ theo dõi', fileId: file.id } }, t.as.processing);
    expect(scanned.errors).toBeUndefined();
    expect(scanned.data.answerVerification).toMatchObject({ outcome: 'CONFIRMED', answerRecordedBy: { code: HANOI_OFFICER.PROCESSING_OFFICER }, document: { source: 'SCANNED', signature: { valid: true } } });
    const answered = await indicators('1.001939');
    expect(answered.dossiersAwaitingOverdueVerification).toBe(before.dossiersAwaitingOverdueVerification);
    // A confirmation grounds no rejection.
    const notGrounds = await refused(() => t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'REJECTED', reason: 'x', verificationCode: asked.data.requestVerification.code } }, t.as.approver));
    expect(notGrounds).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('step 5: returning the result', () => {
  async function portalCitizen() {
    const personalId = `001190${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const res = await t.graphql(`mutation($input: UpsertIndividualInput!) { upsertIndividual(input: $input) { personalId } }`, {
      input: { personalId, fullName: 'Nguyễn Thị Thu', dateOfBirth: '1990-07-07', gender: 'FEMALE', provinceCode: '01', hasPortalAccount: true },
    }, t.as.admin);
    if (res.errors) throw failure(res);
    return { personalId, fullName: 'Nguyễn Thị Thu' };
  }

  it('refuses ways the procedure or the applicant do not allow', async () => {
    const withAccount = await portalCitizen();
    const without = await newCitizen(t);
    const attempt = (procedureCode: string, personalId: string, extra: Record<string, unknown>) =>
      refused(() => t.graphql(RECEIVE_WITH, { input: { procedureCode, applicant: { personalId }, channel: 'IN_PERSON', idempotencyKey: `r-${randomInt(1e12)}`, ...extra } }, t.as.receiving));
    expect(await attempt('9.000001', withAccount.personalId, { resultChannels: ['ELECTRONIC'] })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESULT_CHANNEL_NOT_ALLOWED' });
    expect(await attempt('1.001939', without.personalId, { resultChannels: ['ELECTRONIC'] })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESULT_CHANNEL_NOT_ALLOWED' });
    expect(await attempt('1.001939', without.personalId, { resultChannels: ['DESK', 'POST'], postalAddress: 'Số 1 Tràng Tiền, Hà Nội' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await attempt('1.001939', without.personalId, { resultChannels: ['POST'] })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await attempt('1.001939', without.personalId, { resultChannels: ['DESK'], postalAddress: 'Số 1 Tràng Tiền, Hà Nội' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await attempt('1.001939', without.personalId, { resultChannels: [] })).toMatchObject({ code: 'BAD_USER_INPUT' });
    const procedure = await t.graphql(`{ a: procedure(code: "1.001939") { electronicResult } b: procedure(code: "9.000001") { electronicResult } }`, {}, t.as.receiving);
    expect(procedure.data).toEqual({ a: { electronicResult: true }, b: { electronicResult: false } });
  });

  it("delivers an electronic result to the applicant's portal account through the portal outbox", async () => {
    const citizen = await portalCitizen();
    const { dossier } = await ready('1.001939', { resultChannels: ['ELECTRONIC'] }, citizen.personalId);
    expect(dossier.resultChannels).toEqual(['ELECTRONIC']);
    await digitize(t, dossier.code, 'TP01', metadata.TK1TS(citizen.fullName));
    await submitted(dossier.code);
    const approved = await t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'APPROVED', resultMetadata: metadata.BHYT(citizen.fullName) } }, t.as.approver);
    expect(approved.errors).toBeUndefined();

    const view = await dossierView(dossier.code);
    // The portal was the only way chosen: returned with the decision.
    expect(view.status).toBe('RESULT_RETURNED');
    expect(view.result.deliveredElectronicallyAt).toBe(view.result.returnedAt);
    expect(view.result).toMatchObject({ returnChannel: null, returnedTo: null, returnedBy: null });
    expect(view.history.slice(-2).map((h: any) => h.to)).toEqual(['APPROVED', 'RESULT_RETURNED']);

    const em = t.app.orm.em.fork() as EntityManager;
    const rows = await em.find(PortalSyncEvent, { dossier: { code: dossier.code } }, { orderBy: { id: 'asc' } });
    const events = (await loadEvents(em, rows.map((r) => r.id))).map((e) => e.event);
    expect(events.map((e) => e.to)).toEqual(['RECEIVED', 'DIGITIZING', 'PROCESSING', 'APPROVED', 'RESULT_RETURNED']);
    for (const event of events.slice(-2)) {
      expect(event.dossier.resultChannels).toEqual(['ELECTRONIC']);
      expect(event.result).toMatchObject({ decision: 'APPROVED', deliverToPortalAccount: true, document: { code: view.result.document.code, documentTypeCode: 'BHYT' } });
    }
    expect(await refused(() => t.graphql(RETURN_TO, { code: dossier.code }, t.as.receiving))).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });
  });

  it('records who handed a paper result over, to whom and when; electronic and by post, the paper follows', async () => {
    const deskCitizen = await newCitizen(t);
    const { dossier: desk } = await ready('1.001939', {}, deskCitizen.personalId);
    expect(desk.resultChannels).toEqual(['DESK']);
    await digitize(t, desk.code, 'TP01', metadata.TK1TS(deskCitizen.fullName));
    await submitted(desk.code);
    expect((await t.graphql(RESOLVE, { input: { dossierCode: desk.code, decision: 'APPROVED', resultMetadata: metadata.BHYT(deskCitizen.fullName) } }, t.as.approver)).errors).toBeUndefined();
    expect(await refused(() => t.graphql(RETURN_TO, { code: desk.code, to: 'Nguyễn <script>' }, t.as.receiving))).toMatchObject({ code: 'BAD_USER_INPUT' });
    const handed = await t.graphql(RETURN_TO, { code: desk.code, to: 'Lê Văn Tám' }, t.as.receiving);
    expect(handed.errors).toBeUndefined();
    const deskView = await dossierView(desk.code);
    expect(deskView.status).toBe('RESULT_RETURNED');
    expect(deskView.result).toMatchObject({ returnChannel: 'DESK', returnedTo: 'Lê Văn Tám', returnedBy: { code: HANOI_OFFICER.RECEIVING_OFFICER }, deliveredElectronicallyAt: null });
    expect(Date.now() - Date.parse(deskView.result.returnedAt)).toBeLessThan(60_000);

    const both = await portalCitizen();
    const address = 'Số 12 ngõ 5 Láng Hạ, phường Giảng Võ, Hà Nội';
    const { dossier: posted } = await ready('1.001939', { resultChannels: ['POST', 'ELECTRONIC'], postalAddress: address }, both.personalId);
    expect(posted).toMatchObject({ resultChannels: ['ELECTRONIC', 'POST'], postalAddress: address });
    await digitize(t, posted.code, 'TP01', metadata.TK1TS(both.fullName));
    await submitted(posted.code);
    expect((await t.graphql(RESOLVE, { input: { dossierCode: posted.code, decision: 'APPROVED', resultMetadata: metadata.BHYT(both.fullName) } }, t.as.approver)).errors).toBeUndefined();
    const decided = await dossierView(posted.code);
    expect(decided.status).toBe('APPROVED');
    expect(decided.result.deliveredElectronicallyAt).not.toBeNull();
    expect(decided.result.returnedAt).toBeNull();
    expect((await t.graphql(RETURN_TO, { code: posted.code }, t.as.approver)).errors).toBeUndefined();
    const postedView = await dossierView(posted.code);
    // By default the paper goes to the applicant.
    expect(postedView.result).toMatchObject({ returnChannel: 'POST', returnedTo: both.fullName, returnedBy: { code: HANOI_OFFICER.APPROVER } });
  });
});
