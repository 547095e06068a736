/**
 * Findings A and B of issue 11, fixed by the personal-data policy rather than by
 * special cases (the generated matrix in test/generated/ covers every entry;
 * these name the two findings):
 * - A: a discrepancy's declared and stored values are masked as the field they
 *   belong to, and a clear read of them is recorded — whatever key they were
 *   stored under, a serialized individual included.
 * - B: a scan download needs what reading the document's personal data in clear
 *   needs: for a partner, `documents:read` and `personal-data:read`.
 */
import { createHash, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startProcessApp, newCitizen, receive, digitize, metadata, type ProcessApp } from './process-fixtures.js';
import { newPartner } from './partner-fixtures.js';
import { HANOI_OFFICER } from '../helpers/app.js';
import { AccessEvent } from '../../src/entities/access-event.entity.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { maskString } from '../../src/auth/masks.js';

let t: ProcessApp;
let citizen: { personalId: string; fullName: string };
let person: Individual;
let dossierCode: string;
let downloadUrl: string;

const DISCREPANCIES = `query($code: String!) { dossier(code: $code) { discrepancies { field declared stored } } }`;
/** The operation the access log records for an ad-hoc document: its text's hash, not the name the client gave it. */
const documentHash = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const CHECK = `mutation Check($code: String!, $declared: JSONObject!) { checkConsistency(dossierCode: $code, declared: $declared) { field declared stored } }`;
const REVIEW = `query Review($code: String!) { dossier(code: $code) { discrepancies { field stored } } }`;
const events = (where: Record<string, unknown>) => t.app.orm.em.fork().find(AccessEvent, { subjectIndividual: person.id, ...where }, { orderBy: { id: 'asc' } });

beforeAll(async () => {
  t = await startProcessApp();
  citizen = await newCitizen(t, 'Đỗ Thị Ngọc Ánh');
  person = await t.app.orm.em.fork().findOneOrFail(Individual, { personalId: citizen.personalId });
  const dossier = await receive(t, '1.001939', citizen.personalId);
  dossierCode = dossier.code;
  const { component } = await digitize(t, dossierCode, 'TP01', metadata.TK1TS(citizen.fullName));
  downloadUrl = component.document.file.downloadUrl;
});
afterAll(() => t.close());

describe("finding A: a discrepancy's values are personal data of the field they belong to", () => {
  it('records, for the receiving officer who checks, the stored values the check shows in clear', async () => {
    const res = await t.graphql(
      CHECK,
      { code: dossierCode, declared: { dateOfBirth: '1991-01-01', personalId: '001191000001', 'TK1TS.fullName': 'Đỗ Thị Ngọc Bích' } },
      t.as.receiving,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.checkConsistency).toEqual(expect.arrayContaining([{ field: 'dateOfBirth', declared: '1991-01-01', stored: '1990-07-07' }, { field: 'personalId', declared: '001191000001', stored: citizen.personalId }]));
    const [event] = await events({ operation: documentHash(CHECK) });
    expect(event.actor).toBe(HANOI_OFFICER.RECEIVING_OFFICER);
    expect(event.fields).toEqual(expect.arrayContaining(['discrepancy.declared', 'discrepancy.stored']));
  });

  it('shows an auditor the stored birth date and identifiers masked, and records nothing', async () => {
    const before = (await events({})).length;
    const res = await t.graphql(DISCREPANCIES, { code: dossierCode }, t.as.auditor);
    expect(res.errors).toBeUndefined();
    const byField = Object.fromEntries(res.data.dossier.discrepancies.map((d: any) => [d.field, d]));
    expect(byField.dateOfBirth).toEqual({ field: 'dateOfBirth', declared: null, stored: null });
    expect(byField.personalId).toEqual({ field: 'personalId', declared: '001*******01', stored: maskString(citizen.personalId, 'identifier') });
    expect(byField['TK1TS.fullName']).toEqual({ field: 'TK1TS.fullName', declared: 'Đ. T. N. B.', stored: 'Đ. T. N. Á.' });
    expect(await events({})).toHaveLength(before);
  });

  it('masks a serialized individual stored under a key that names no field, and records its clear read', async () => {
    // Such rows were written by `declared: {"constructor": "x"}` before the input boundary refused that key.
    const serialized = JSON.stringify({ personalId: citizen.personalId, dateOfBirth: '1990-07-07', fullName: citizen.fullName, n: randomInt(1e6) });
    await t.app.orm.em.fork().getConnection().execute(
      `insert into discrepancy (id, created_at, updated_at, dossier_id, field, declared, stored) select gen_random_uuid(), now(), now(), d.id, 'constructor', 'x', ? from dossier d where d.code = ?`,
      [serialized, dossierCode],
    );
    const before = (await events({})).length;
    const audited = await t.graphql(DISCREPANCIES, { code: dossierCode }, t.as.auditor);
    expect(audited.data.dossier.discrepancies.find((d: any) => d.field === 'constructor')).toEqual({ field: 'constructor', declared: '***', stored: '***' });
    expect(await events({})).toHaveLength(before);

    const read = await t.graphql(REVIEW, { code: dossierCode }, t.as.processing);
    expect(read.data.dossier.discrepancies.find((d: any) => d.field === 'constructor').stored).toBe(serialized);
    const [event] = await events({ operation: documentHash(REVIEW) });
    expect(event).toMatchObject({ actor: HANOI_OFFICER.PROCESSING_OFFICER });
    expect(event.fields).toContain('discrepancy.stored');
  });
});

describe('finding B: a scan download needs the rights to read the document in clear', () => {
  const download = (key: string) => t.http.get(downloadUrl).set('x-api-key', key);

  it.each([
    [['personal-data:read'], 403, ['documents:read']],
    [['documents:read'], 403, undefined],
    [['documents:read', 'personal-data:read'], 200, undefined],
  ] as const)('a partner with %j: %i', async (scopes, status, missingScopes) => {
    const partner = await newPartner(t, { name: 'tai-ban-quet', scopes: [...scopes] });
    const res = await download(partner.key);
    expect(res.status).toBe(status);
    const logged = await t.app.orm.em.fork().find(AccessEvent, { actor: partner.name });
    if (status === 200) {
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ actorKind: 'PARTNER', operation: 'GET /files/documents/:code', fields: ['document.file'] });
    } else {
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', ...(missingScopes ? { missingScopes } : {}) });
      expect(logged).toEqual([]);
    }
  });
});
