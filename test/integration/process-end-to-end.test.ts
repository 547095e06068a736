/**
 * The whole process, twice, for one citizen, through HTTP: the first procedure
 * (register for a health insurance card, 1.001939) scans two papers and issues a
 * card; the second (re-issue the card after a change, 1.002759) requires the card
 * and the participant declaration, finds both in the warehouse and asks for no paper.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HANOI_OFFICER } from '../helpers/app.js';
import { isAgencyCode, parseDigitizationCode, parseDossierCode } from '../../src/domain/codes.js';
import { addDays, vietnamDate } from '../../src/domain/working-days.js';
import { seededWorkingCalendar } from '../../src/catalog/working-calendar.js';
import {
  EVIDENCE, RESOLVE, RETURN, REUSE, SUBMIT, digitize, metadata, newCitizen, processRows, receive, scans, startProcessApp, upload, type ProcessApp,
} from './process-fixtures.js';

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp();
});
afterAll(() => t.close());

describe('one citizen, two procedures', () => {
  it('scans in the first, reuses everything in the second (reuse rate 1.0)', async () => {
    const citizen = await newCitizen(t);
    const owner = { personalId: citizen.personalId };
    const before = await processRows(t);

    // ── First procedure: register for a health insurance card. ──
    const first = await receive(t, '1.001939', citizen.personalId);
    const parsed = parseDossierCode(first.code);
    expect(parsed?.agencyCode).toBe('000.00.01.H41');
    expect(first.status).toBe('RECEIVED');
    expect(first.applicant).toEqual({ personalId: citizen.personalId, fullName: citizen.fullName });
    // 5 working days (the catalog's processing time), counted from the first working day after reception.
    expect(first.dueAt).toBe(`${first.dueOn}T17:00:00.000Z`);
    const calendar = seededWorkingCalendar(new Date(first.receivedAt).getUTCFullYear(), new Date(first.receivedAt).getUTCFullYear() + 1);
    let worked = 0;
    for (let day = addDays(vietnamDate(new Date(first.receivedAt)), 1); day <= first.dueOn; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) worked++;
    expect(worked).toBe(5);
    expect(calendar.isWorkingDay(first.dueOn)).toBe(true);
    expect(first.components.map((c: any) => [c.requirement.code, c.provision])).toEqual([['TP01', 'PENDING'], ['TP02', 'PENDING']]);
    expect(first.history).toEqual([{ from: null, to: 'RECEIVED', by: { code: HANOI_OFFICER.RECEIVING_OFFICER }, note: null }]);

    // Nothing in the warehouse yet: both papers must be scanned.
    const nothing = await t.graphql(EVIDENCE, { procedureCode: '1.001939', owner }, t.as.receiving);
    expect(nothing.errors).toBeUndefined();
    expect(nothing.data.reusableEvidence.map((m: any) => m.candidates.length)).toEqual([0, 0]);

    const declaration = await digitize(t, first.code, 'TP01', metadata.TK1TS(citizen.fullName));
    const identityCard = await digitize(t, first.code, 'TP02', metadata.CCCD(citizen.fullName, citizen.personalId));
    for (const { file, component } of [declaration, identityCard]) {
      expect(component.provision).toBe('SCANNED');
      expect(component.providedBy).toEqual({ code: HANOI_OFFICER.RECEIVING_OFFICER });
      const doc = component.document;
      expect(doc.source).toBe('SCANNED');
      expect(isAgencyCode(parseDigitizationCode(doc.code)!.agencyCode)).toBe(true);
      expect(doc.digitizedBy).toEqual({ code: HANOI_OFFICER.RECEIVING_OFFICER });
      // The document's file is the signed PDF made from the upload (a new SHA-256; the upload is kept as its source).
      expect(doc.file).toMatchObject({ mediaType: 'application/pdf', pageCount: 2, downloadUrl: `/files/documents/${encodeURIComponent(doc.code)}` });
      expect(doc.file.sha256).not.toBe(file.sha256);
      expect(doc.signature).toMatchObject({ valid: true, signedBy: { code: HANOI_OFFICER.RECEIVING_OFFICER } });
    }
    expect(parseDigitizationCode(declaration.component.document.code)!.documentTypeCode).toBe('TK1TS');
    expect(parseDigitizationCode(identityCard.component.document.code)!.documentTypeCode).toBe('CCCD');

    // The declared name, written without accents, matches the warehouse: no discrepancy.
    const check = await t.graphql(
      'mutation($code: String!, $declared: JSONObject!) { checkConsistency(dossierCode: $code, declared: $declared) { field } }',
      { code: first.code, declared: { fullName: 'TRAN THI HOA', 'CCCD.personalId': citizen.personalId } },
      t.as.receiving,
    );
    expect(check.errors).toBeUndefined();
    expect(check.data.checkConsistency).toEqual([]);

    const submitted = await t.graphql(SUBMIT, { code: first.code }, t.as.processing);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitForProcessing.status).toBe('PROCESSING');

    // The approver uploads the signed card and approves: the card enters the warehouse, signed by the approver.
    const printedCard = await upload(t, scans.png(), 'the-card.png', t.as.approver);
    const approved = await t.graphql(RESOLVE, { input: { dossierCode: first.code, decision: 'APPROVED', resultFileId: printedCard.id, resultMetadata: metadata.BHYT(citizen.fullName) } }, t.as.approver);
    expect(approved.errors).toBeUndefined();
    const result = approved.data.resolveDossier.result;
    expect(result).toMatchObject({ code: `KQ.${first.code}`, decision: 'APPROVED', reason: null });
    expect(result.document).toMatchObject({ source: 'PROCEDURE_RESULT', documentType: { code: 'BHYT' }, owner: { personalId: citizen.personalId } });
    const card = await t.graphql('query($code: String!) { document(code: $code) { validUntil file { sha256 } signature { valid signedBy { code } } } }', { code: result.document.code }, t.as.receiving);
    // The uploaded card (a PNG) became a PDF the approver signed.
    expect(card.data.document).toEqual({ validUntil: '2027-11-30', file: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, signature: { valid: true, signedBy: { code: HANOI_OFFICER.APPROVER } } });
    expect(card.data.document.file.sha256).not.toBe(printedCard.sha256);

    const returned = await t.graphql(RETURN, { code: first.code }, t.as.receiving);
    expect(returned.errors).toBeUndefined();
    const firstDone = returned.data.returnResult;
    expect(firstDone.status).toBe('RESULT_RETURNED');
    expect(firstDone.history.map((h: any) => [h.from, h.to, h.by.code])).toEqual([
      [null, 'RECEIVED', HANOI_OFFICER.RECEIVING_OFFICER],
      ['RECEIVED', 'DIGITIZING', HANOI_OFFICER.RECEIVING_OFFICER],
      ['DIGITIZING', 'PROCESSING', HANOI_OFFICER.PROCESSING_OFFICER],
      ['PROCESSING', 'APPROVED', HANOI_OFFICER.APPROVER],
      ['APPROVED', 'RESULT_RETURNED', HANOI_OFFICER.RECEIVING_OFFICER],
    ]);
    expect(firstDone.reuseRate).toBe(0);

    // ── Second procedure: re-issue the card after a change of information. ──
    const second = await receive(t, '1.002759', citizen.personalId);
    const evidence = await t.graphql(EVIDENCE, { procedureCode: '1.002759', owner }, t.as.receiving);
    expect(evidence.errors).toBeUndefined();
    const candidates = Object.fromEntries(evidence.data.reusableEvidence.map((m: any) => [m.requirement.code, m.candidates.map((c: any) => c.code)]));
    expect(candidates).toEqual({
      TP01: [result.document.code], // the first procedure's result
      TP02: [declaration.component.document.code],
      TP03: [identityCard.component.document.code],
      TP04: [],
    });

    for (const [requirementCode, documentCode] of [['TP01', result.document.code], ['TP02', declaration.component.document.code], ['TP03', identityCard.component.document.code]]) {
      const reused = await t.graphql(REUSE, { input: { dossierCode: second.code, requirementCode, documentCode } }, t.as.receiving);
      expect(reused.errors).toBeUndefined();
      expect(reused.data.reuseDocument).toMatchObject({ provision: 'REUSED', document: { code: documentCode, reuseCount: 1 } });
    }

    const submittedAgain = await t.graphql(SUBMIT, { code: second.code }, t.as.processing);
    expect(submittedAgain.errors).toBeUndefined();
    const secondDossier = submittedAgain.data.submitForProcessing;
    expect(secondDossier.reuseRate).toBe(1);
    expect(secondDossier.components.map((c: any) => [c.requirement.code, c.provision])).toEqual([
      ['TP01', 'REUSED'], ['TP02', 'REUSED'], ['TP03', 'REUSED'], ['TP04', 'PENDING'],
    ]);

    const reissued = await t.graphql(RESOLVE, { input: { dossierCode: second.code, decision: 'APPROVED', resultMetadata: metadata.BHYT(citizen.fullName) } }, t.as.approver);
    expect(reissued.errors).toBeUndefined();
    const secondDone = (await t.graphql(RETURN, { code: second.code }, t.as.receiving)).data.returnResult;
    expect(secondDone.status).toBe('RESULT_RETURNED');
    expect(secondDone.reuseRate).toBe(1);

    // Rows written: two dossiers, two scans and two results (documents), three files (two papers and the card), and not one paper more.
    const after = await processRows(t);
    expect(after.dossiers - before.dossiers).toBe(2);
    expect(after.documents - before.documents).toBe(4);
    // Three uploads kept as they were, their three signed PDFs, and the second card drawn from its metadata and signed.
    expect(after.stored_files - before.stored_files).toBe(7);
    expect(after.results - before.results).toBe(2);
    expect(after.reuses - before.reuses).toBe(3);
    expect(after.discrepancies - before.discrepancies).toBe(0);
  });
});
