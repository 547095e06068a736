/**
 * `reusableEvidence`: from any source, only what can stand in for a paper, best
 * candidates first, in a number of SQL statements that does not grow with the
 * number of documents. And `shareDocument`, the way connected systems put documents in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVIDENCE, REUSE, SHARE, digitize, metadata, newCitizen, receive, share, startProcessApp, type ProcessApp } from './process-fixtures.js';

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp();
});
afterAll(() => t.close());

async function evidence(procedureCode: string, personalId: string) {
  const res = await t.graphql(EVIDENCE, { procedureCode, owner: { personalId } }, t.as.receiving);
  expect(res.errors).toBeUndefined();
  return Object.fromEntries(res.data.reusableEvidence.map((m: any) => [m.requirement.code, m.candidates])) as Record<string, { code: string; source: string; reuseCount: number }[]>;
}

describe('reusableEvidence', () => {
  it('offers valid documents of every source, newest first, then signed, then most reused', async () => {
    const citizen = await newCitizen(t);
    const declaration = metadata.TK1TS(citizen.fullName);
    const oldest = await share(t, citizen.personalId, 'TK1TS', declaration, { issuedOn: '2024-01-01', source: 'ELECTRONIC' });
    const portal = await share(t, citizen.personalId, 'TK1TS', declaration, { issuedOn: '2025-06-01', source: 'NATIONAL_PORTAL' });
    const ministry = await share(t, citizen.personalId, 'TK1TS', declaration, { issuedOn: '2025-06-01' });
    const dossier = await receive(t, '1.001939', citizen.personalId);
    const { component } = await digitize(t, dossier.code, 'TP02', metadata.CCCD(citizen.fullName, citizen.personalId));
    const scannedDeclaration = await receive(t, '1.001939', citizen.personalId);
    const scanned = (await digitize(t, scannedDeclaration.code, 'TP01', declaration, undefined, '2025-06-01')).component.document;
    await share(t, citizen.personalId, 'TK1TS', declaration, { issuedOn: '2023-01-01', validUntil: '2024-01-01' }); // expired: never offered
    const other = await newCitizen(t, 'Phạm Văn Hải');
    await share(t, other.personalId, 'TK1TS', metadata.TK1TS(other.fullName), { issuedOn: '2026-01-01' }); // someone else's

    // The ministry's copy is reused once: among the unsigned copies of one day it comes first.
    const reusing = await receive(t, '1.001939', citizen.personalId);
    expect((await t.graphql(REUSE, { input: { dossierCode: reusing.code, requirementCode: 'TP01', documentCode: ministry.code } }, t.as.receiving)).errors).toBeUndefined();

    const found = await evidence('1.001939', citizen.personalId);
    expect(found.TP01.map((c) => [c.code, c.source, c.reuseCount])).toEqual([
      [scanned.code, 'SCANNED', 0], // issued 2025-06-01, signed
      [ministry.code, 'CONNECTED_SYSTEM', 1], // issued 2025-06-01, reused once
      [portal.code, 'NATIONAL_PORTAL', 0], // issued 2025-06-01
      [oldest.code, 'ELECTRONIC', 0], // issued 2024-01-01
    ]);
    expect(found.TP02.map((c) => c.code)).toEqual([component.document.code]);
  });

  it('answers a person with many documents in as many statements as a person with few', async () => {
    const few = await newCitizen(t);
    const many = await newCitizen(t);
    await share(t, few.personalId, 'TK1TS', metadata.TK1TS(few.fullName));
    for (let i = 0; i < 6; i += 1) await share(t, many.personalId, i % 2 ? 'TK1TS' : 'CCCD', i % 2 ? metadata.TK1TS(many.fullName) : metadata.CCCD(many.fullName, many.personalId));
    for (const person of [few, many]) {
      const dossier = await receive(t, '1.001939', person.personalId);
      await digitize(t, dossier.code, 'TP02', metadata.CCCD(person.fullName, person.personalId));
    }
    const counts: number[] = [];
    for (const person of [few, many]) {
      t.statements.reset();
      const res = await t.graphql(EVIDENCE, { procedureCode: '1.002759', owner: { personalId: person.personalId } }, t.as.receiving);
      expect(res.errors).toBeUndefined();
      counts.push(t.statements.list.filter((q) => !/access_event|^(begin|commit)$/.test(q)).length);
    }
    const [fewShown, manyShown] = [await evidence('1.002759', few.personalId), await evidence('1.002759', many.personalId)];
    expect(Object.values(fewShown).flat()).toHaveLength(2);
    expect(Object.values(manyShown).flat()).toHaveLength(7);
    expect(counts[0]).toBe(counts[1]);
  });

  it('refuses an unknown owner (NOT_FOUND) and an owner of the wrong kind', async () => {
    const nobody = await t.graphql(EVIDENCE, { procedureCode: '1.001939', owner: { personalId: '001190000002' } }, t.as.receiving);
    expect(nobody.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', argumentPath: ['owner'] });
    const [unit] = await t.app.orm.em.fork().getConnection().execute<{ unit_code: string }[]>('select unit_code from organization order by unit_code limit 1');
    const wrongKind = await t.graphql(EVIDENCE, { procedureCode: '1.001939', owner: { unitCode: unit.unit_code } }, t.as.receiving);
    expect(wrongKind.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PARTY_KIND_MISMATCH' });
  });
});

describe('shareDocument', () => {
  it('puts a connected system document into the warehouse, with its type default validity', async () => {
    const citizen = await newCitizen(t);
    const card = await share(t, citizen.personalId, 'BHYT', metadata.BHYT(citizen.fullName), { issuedOn: '2026-11-01', source: 'NATIONAL_PORTAL' });
    expect(card).toMatchObject({ status: 'VALID', source: 'NATIONAL_PORTAL', validUntil: '2027-11-01' });
    expect((await evidence('1.002759', citizen.personalId)).TP01.map((c) => c.code)).toEqual([card.code]);
  });

  it('refuses scans and results (they enter through a dossier) and metadata that does not fit', async () => {
    const citizen = await newCitizen(t);
    await expect(share(t, citizen.personalId, 'TK1TS', metadata.TK1TS(citizen.fullName), { source: 'SCANNED' })).rejects.toThrow(/"argumentPath":\["input","source"\]/);
    const misfit = await t.graphql(SHARE, { input: { owner: { personalId: citizen.personalId }, documentTypeCode: 'TK1TS', source: 'CONNECTED_SYSTEM', title: 'Tờ khai', metadata: { fullName: citizen.fullName } } }, t.as.admin);
    expect(misfit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_METADATA', argumentPath: ['input', 'metadata'] });
    expect(misfit.errors![0].extensions.violations.map((v: { path: string }) => v.path).sort()).toEqual(['/dateOfBirth', '/gender', '/issueDate']);
    expect(Object.values(await evidence('1.001939', citizen.personalId)).flat()).toEqual([]);
  });
});
