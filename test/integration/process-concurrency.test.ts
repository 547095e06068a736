/**
 * Retries and races: parallel `receiveDossier` requests with one idempotency key
 * make one dossier; two officers moving one dossier at once cannot both win.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Dossier, DossierStatusChange, ProcedureResult } from '../../src/entities/dossier.entity.js';
import { DossierStatus } from '../../src/entities/enums.js';
import { RECEIVE, RESOLVE, REUSE, SUBMIT, digitize, metadata, newCitizen, processRows, receive, startProcessApp, type ProcessApp } from './process-fixtures.js';

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp();
});
afterAll(() => t.close());

const PARALLEL = 8;

describe('receiveDossier idempotency', () => {
  it('answers parallel retries with one key with one dossier', async () => {
    const citizen = await newCitizen(t);
    const input = { procedureCode: '1.001939', applicant: { personalId: citizen.personalId }, channel: 'ONLINE', idempotencyKey: `retry-${randomBytes(8).toString('hex')}` };
    const before = await processRows(t);
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => t.graphql(RECEIVE, { input }, t.as.receiving)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const codes = new Set(answers.map((a) => a.data.receiveDossier.code));
    expect(codes.size).toBe(1);

    const after = await processRows(t);
    expect(after.dossiers - before.dossiers).toBe(1);
    expect(after.status_changes - before.status_changes).toBe(1);
    const em = t.app.orm.em.fork();
    const dossier = await em.findOneOrFail(Dossier, { idempotencyKey: input.idempotencyKey }, { populate: ['components'] });
    expect(dossier.components).toHaveLength(2);

    // A later retry still finds it.
    const late = await t.graphql(RECEIVE, { input }, t.as.receiving);
    expect(late.data.receiveDossier.code).toBe(dossier.code);
  });

  it('refuses a key already used for another dossier (CONFLICT) and writes nothing', async () => {
    const [a, b] = [await newCitizen(t), await newCitizen(t)];
    const key = `used-${randomBytes(8).toString('hex')}`;
    const first = await t.graphql(RECEIVE, { input: { procedureCode: '1.001939', applicant: { personalId: a.personalId }, channel: 'ONLINE', idempotencyKey: key } }, t.as.receiving);
    expect(first.errors).toBeUndefined();
    const before = await processRows(t);
    const other = await t.graphql(RECEIVE, { input: { procedureCode: '1.001939', applicant: { personalId: b.personalId }, channel: 'ONLINE', idempotencyKey: key } }, t.as.receiving);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED', argumentPath: ['input', 'idempotencyKey'] });
    expect(await processRows(t)).toEqual(before);
  });
});

describe('concurrent transitions of one dossier', () => {
  /** A dossier of a fresh citizen with its mandatory paper scanned, in PROCESSING. */
  async function inProcessing() {
    const citizen = await newCitizen(t);
    const dossier = await receive(t, '1.001939', citizen.personalId);
    await digitize(t, dossier.code, 'TP01', metadata.TK1TS(citizen.fullName));
    const submitted = await t.graphql(SUBMIT, { code: dossier.code }, t.as.processing);
    expect(submitted.data.submitForProcessing.status).toBe('PROCESSING');
    return { citizen, code: dossier.code as string };
  }

  it('lets exactly one of an approval and a rejection win; the other gets CONFLICT', async () => {
    const { citizen, code } = await inProcessing();
    const [approve, reject] = await Promise.all([
      t.graphql(RESOLVE, { input: { dossierCode: code, decision: 'APPROVED', resultMetadata: metadata.BHYT(citizen.fullName) } }, t.as.approver),
      t.graphql(RESOLVE, { input: { dossierCode: code, decision: 'REJECTED', reason: 'Hồ sơ không hợp lệ' } }, t.as.approver),
    ]);
    const winners = [approve, reject].filter((r) => !r.errors);
    const losers = [approve, reject].filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].errors![0].extensions.code).toBe('CONFLICT');

    const em = t.app.orm.em.fork();
    const dossier = await em.findOneOrFail(Dossier, { code });
    expect(dossier.status).toBe(winners[0].data.resolveDossier.status);
    expect(await em.count(ProcedureResult, { dossier })).toBe(1);
    expect(await em.count(DossierStatusChange, { dossier, to: { $in: [DossierStatus.APPROVED, DossierStatus.REJECTED] } })).toBe(1);
  });

  it('lets one of many parallel submissions win', async () => {
    const citizen = await newCitizen(t);
    const dossier = await receive(t, '1.001939', citizen.personalId);
    await digitize(t, dossier.code, 'TP01', metadata.TK1TS(citizen.fullName));
    const answers = await Promise.all(Array.from({ length: 4 }, () => t.graphql(SUBMIT, { code: dossier.code }, t.as.processing)));
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    for (const loser of answers.filter((a) => a.errors)) expect(loser.errors![0].extensions.code).toBe('CONFLICT');
    expect(await t.app.orm.em.fork().count(DossierStatusChange, { dossier: { code: dossier.code as string }, to: DossierStatus.PROCESSING })).toBe(1);
  });

  it('counts every reuse of one document by parallel dossiers', async () => {
    const citizen = await newCitizen(t);
    const source = await receive(t, '1.001939', citizen.personalId);
    const { component } = await digitize(t, source.code, 'TP01', metadata.TK1TS(citizen.fullName));
    const dossiers = await Promise.all(Array.from({ length: 4 }, () => receive(t, '1.001939', citizen.personalId)));
    const answers = await Promise.all(
      dossiers.map((d) => t.graphql(REUSE, { input: { dossierCode: d.code, requirementCode: 'TP01', documentCode: component.document.code } }, t.as.receiving)),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const [row] = await t.app.orm.em.fork().getConnection().execute<{ reuse_count: number }[]>('select reuse_count from digitized_document where code = ?', [component.document.code]);
    expect(row.reuse_count).toBe(4);
  });
});
