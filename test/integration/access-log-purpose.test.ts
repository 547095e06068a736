/**
 * Issue 11, item 4: every read of personal data carries a purpose (Decree
 * 13/2023/NĐ-CP) — in production a clear read without one is refused with
 * PURPOSE_REQUIRED and reveals nothing; an officer's comes from X-Purpose or
 * from the dossier worked on (X-Purpose-Dossier, which must exist). HEAD on a
 * download is no read. The operation recorded is what the server knows.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startProcessApp, newCitizen, receive, digitize, metadata, type ProcessApp } from './process-fixtures.js';
import { AccessEvent } from '../../src/entities/access-event.entity.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { DOWNLOAD_ROUTE } from '../../src/http/files.js';

let t: ProcessApp;
/** Builds the fixtures in test mode: in production the fixtures' own mutations, which answer personal data, would need a purpose too. */
let setup: ProcessApp;
let citizen: { personalId: string; fullName: string };
let person: Individual;
let dossierCode: string;
let downloadUrl: string;

const LOOKUP = 'query Lookup($p: String!) { individual(personalId: $p) { personalId dateOfBirth } }';
const events = () => t.app.orm.em.fork().find(AccessEvent, { subjectIndividual: person.id }, { orderBy: { id: 'asc' } });
const lookUp = (headers: Record<string, string> = {}) => {
  const request = t.http.post('/graphql').set('authorization', `Bearer ${t.as.processing}`).set('content-type', 'application/json');
  for (const [name, value] of Object.entries(headers)) request.set(name, value);
  return request.send({ query: LOOKUP, variables: { p: citizen.personalId } });
};

beforeAll(async () => {
  setup = await startProcessApp();
  citizen = await newCitizen(setup, 'Phan Thị Mục Đích');
  person = await setup.app.orm.em.fork().findOneOrFail(Individual, { personalId: citizen.personalId });
  dossierCode = (await receive(setup, '1.001939', citizen.personalId)).code;
  const { component } = await digitize(setup, dossierCode, 'TP01', metadata.TK1TS(citizen.fullName));
  downloadUrl = component.document.file.downloadUrl;
  // The same database and file store, in production mode.
  t = await startProcessApp({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters', DATA_DIR: setup.dataDir });
});
afterAll(async () => {
  await t?.close();
  await setup?.close();
});

describe('a purpose for every read of personal data (production)', () => {
  it('refuses a clear read without a purpose with PURPOSE_REQUIRED, reveals nothing and records nothing', async () => {
    const before = (await events()).length;
    const res = await lookUp();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PURPOSE_REQUIRED' });
    expect(JSON.stringify(res.body)).not.toContain(citizen.personalId);
    expect(await events()).toHaveLength(before);
  });

  it("records the officer's X-Purpose, and the ad-hoc document's hash as the operation", async () => {
    const purpose = 'Giải quyết chế độ thai sản';
    const res = await lookUp({ 'x-purpose': encodeURIComponent(purpose) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.individual.personalId).toBe(citizen.personalId);
    const [event] = (await events()).slice(-1);
    expect(event).toMatchObject({ purpose, operation: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(event.operation).not.toBe('Lookup');
  });

  it('takes the purpose from the dossier worked on, which must exist', async () => {
    const res = await lookUp({ 'x-purpose-dossier': dossierCode });
    expect(res.body.errors).toBeUndefined();
    expect((await events()).slice(-1)[0].purpose).toBe(`dossier ${dossierCode}`);
    const before = (await events()).length;
    const unknown = await lookUp({ 'x-purpose-dossier': 'NO-SUCH-DOSSIER' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'DOSSIER_NOT_FOUND' });
    expect(await events()).toHaveLength(before);
  });

  it('refuses a purpose header with NUL or bidi characters as bad input', async () => {
    const res = await lookUp({ 'x-purpose': encodeURIComponent('a\u0000b') });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' });
  });
});

describe('downloads', () => {
  it('refuses a download without a purpose, logs one with a purpose, and does not count HEAD as a read', async () => {
    const before = (await events()).length;
    const refused = await t.http.get(downloadUrl).set('authorization', `Bearer ${t.as.processing}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions).toMatchObject({ reason: 'PURPOSE_REQUIRED' });

    const head = await t.http.head(downloadUrl).set('authorization', `Bearer ${t.as.processing}`);
    expect(head.status).toBe(200);
    expect(await events()).toHaveLength(before);

    const read = await t.http.get(downloadUrl).set('authorization', `Bearer ${t.as.processing}`).set('x-purpose-dossier', dossierCode);
    expect(read.status).toBe(200);
    const after = await events();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ operation: `GET ${DOWNLOAD_ROUTE}`, purpose: `dossier ${dossierCode}` });
  });
});
