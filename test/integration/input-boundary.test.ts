/**
 * The one input boundary (issue 11, item 1): every string argument and input
 * field, JSON keys and values, dates, cursors and global IDs are checked before
 * any resolver runs; a refusal is BAD_USER_INPUT with the argument's path, and
 * changes nothing. Each case here is one the issue found crashing or accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeCursor } from '../../src/domain/cursor.js';
import { toGlobalId } from '../../src/domain/global-id.js';
import { failure, newCitizen, processRows, receive, startProcessApp, type ProcessApp } from './process-fixtures.js';

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp();
});
afterAll(async () => {
  await t?.close();
});

const B64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const UUID = '0190f3a4-0000-7000-8000-000000000000';

/** Sends an operation, expects one refusal and no row written; answers its extensions. */
async function refused(query: string, variables: Record<string, unknown>, token: string) {
  const before = await processRows(t);
  const res = await t.graphql(query, variables, token);
  if (!res.errors) throw new Error(`accepted: ${JSON.stringify(res.data)}`);
  if (res.internal) throw failure(res);
  expect(res.status).toBeLessThan(500);
  expect(await processRows(t)).toEqual(before);
  return res.errors[0].extensions as Record<string, unknown>;
}

const DOSSIER = `query($code: String!) { dossier(code: $code) { code } }`;
const UPSERT = `mutation($input: UpsertIndividualInput!) { upsertIndividual(input: $input) { personalId } }`;
const UPSERT_ORG = `mutation($input: UpsertOrganizationInput!) { upsertOrganization(input: $input) { unitCode } }`;
const RECEIVE = `mutation($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }`;
const SHARE = `mutation($input: ShareDocumentInput!) { shareDocument(input: $input) { code } }`;
const DOSSIERS = `query($filter: DossierFilter, $after: String) { dossiers(filter: $filter, after: $after) { totalCount } }`;
const NODE = `query($id: ID!) { node(id: $id) { id } }`;
const CHECK = `mutation($code: String!, $declared: JSONObject!) { checkConsistency(dossierCode: $code, declared: $declared) { field stored } }`;

describe('strings', () => {
  it('refuses NUL, lone surrogates, controls and bidi overrides in any string, with its path', async () => {
    expect(await refused(DOSSIER, { code: 'ABC\u0000' }, t.as.receiving)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT', argumentPath: ['code'] });
    expect(await refused(DOSSIER, { code: 'AB\ud800C' }, t.as.receiving)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['code'] });
    expect(await refused(DOSSIER, { code: 'AB\u0085C' }, t.as.receiving)).toMatchObject({ reason: 'INVALID_TEXT' });
    // Literals too, and the arguments of nested fields.
    expect(await refused(`{ dossier(code: "A\\u202EB") { code } }`, {}, t.as.receiving)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['code'] });
    expect(await refused(`{ individual(personalId: "001190000001") { documents(filter: { documentTypeCodes: ["OK", "B\\u0000"] }) { totalCount } } }`, {}, t.as.receiving))
      .toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['filter', 'documentTypeCodes', 1] });
  });

  it('refuses an idempotency key with CR/LF, a NUL in a nested input, and a string over its length', async () => {
    const input = (idempotencyKey: string, personalId = '001190000001') => ({ input: { procedureCode: '1.001939', applicant: { personalId }, channel: 'IN_PERSON', idempotencyKey } });
    expect(await refused(RECEIVE, input('key\r\nX-Injected: 1'), t.as.receiving)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['input', 'idempotencyKey'] });
    expect(await refused(RECEIVE, input('k', '0011\u000090000001'), t.as.receiving)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['input', 'applicant', 'personalId'] });
    expect(await refused(RECEIVE, input('k'.repeat(129)), t.as.receiving)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['input', 'idempotencyKey'] });
    expect(await refused(DOSSIER, { code: 'x'.repeat(100_000) }, t.as.receiving)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['code'] });
  });

  it('refuses names made only of controls, bidi characters, emoji or punctuation', async () => {
    for (const fullName of ['\u202E\u202E', '😀😀', '...---', 'Nguyễn 😀 An', '\u0007']) {
      expect(await refused(UPSERT, { input: { personalId: '001190000002', fullName } }, t.as.admin)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['input', 'fullName'] });
    }
    for (const name of ['!!!', '🏭', '\u2066\u2069']) {
      expect(await refused(UPSERT_ORG, { input: { unitCode: 'UBOUNDARY', name } }, t.as.admin)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['input', 'name'] });
    }
    // A real name with Vietnamese marks and a hyphen still passes.
    const ok = await t.graphql(UPSERT_ORG, { input: { unitCode: 'UBOUNDARY', name: 'Công ty TNHH Sao-Mai (Hà Nội) & Cộng sự' } }, t.as.admin);
    expect(ok.errors).toBeUndefined();
  });
});

describe('dates', () => {
  it('refuses days and instants outside their plausible range', async () => {
    const share = { owner: { personalId: '001190000001' }, documentTypeCode: 'CCCD', source: 'CONNECTED_SYSTEM', title: 'x', metadata: {} };
    expect(await refused(SHARE, { input: { ...share, issuedOn: '9999-12-31' } }, t.as.admin)).toMatchObject({ reason: 'INVALID_DATE', argumentPath: ['input', 'issuedOn'] });
    expect(await refused(SHARE, { input: { ...share, issuedOn: '2999-01-01' } }, t.as.admin)).toMatchObject({ reason: 'INVALID_DATE', argumentPath: ['input', 'issuedOn'] });
    expect(await refused(SHARE, { input: { ...share, validUntil: '1000-01-01' } }, t.as.admin)).toMatchObject({ reason: 'INVALID_DATE', argumentPath: ['input', 'validUntil'] });
    expect(await refused(UPSERT, { input: { personalId: '001190000002', fullName: 'An', dateOfBirth: '0001-01-01' } }, t.as.admin)).toMatchObject({ reason: 'INVALID_DATE', argumentPath: ['input', 'dateOfBirth'] });
    expect(await refused(DOSSIERS, { filter: { receivedFrom: '0000-01-01T00:00:00Z' } }, t.as.receiving)).toMatchObject({ reason: 'INVALID_DATE', argumentPath: ['filter', 'receivedFrom'] });
    expect(await refused(DOSSIERS, { filter: { receivedTo: '9999-12-31T23:59:59Z' } }, t.as.receiving)).toMatchObject({ reason: 'INVALID_DATE', argumentPath: ['filter', 'receivedTo'] });
    // A time JavaScript's Date cannot hold is refused by the scalar, as a bad value.
    expect(await refused(DOSSIERS, { filter: { receivedFrom: '+275760-09-13T00:00:00.000Z' } }, t.as.receiving)).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('JSON values', () => {
  it('checks keys and values inside JSON scalars', async () => {
    const share = (metadata: unknown) => ({ input: { owner: { personalId: '001190000001' }, documentTypeCode: 'CCCD', source: 'CONNECTED_SYSTEM', title: 'x', metadata } });
    expect(await refused(SHARE, share(JSON.parse('{"__proto__": {"x": 1}}')), t.as.admin)).toMatchObject({ reason: 'UNKNOWN_FIELD', argumentPath: ['input', 'metadata', '__proto__'] });
    expect(await refused(SHARE, share({ fullName: 'A\u0000' }), t.as.admin)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['input', 'metadata', 'fullName'] });
    expect(await refused(SHARE, share({ ['k\u202E']: 'v' }), t.as.admin)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['input', 'metadata', 'k\u202E'] });
    expect(await refused(SHARE, share({ a: { b: ['\ud800'] } }), t.as.admin)).toMatchObject({ reason: 'INVALID_TEXT', argumentPath: ['input', 'metadata', 'a', 'b', 0] });
    // 1e400 in JSON text parses to Infinity.
    const res = await t.http.post('/graphql').set('authorization', `Bearer ${t.as.admin}`).set('content-type', 'application/json')
      .send(`{"query": ${JSON.stringify(SHARE)}, "variables": {"input": {"owner": {"personalId": "001190000001"}, "documentTypeCode": "CCCD", "source": "CONNECTED_SYSTEM", "title": "x", "metadata": {"n": 1e400}}}}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['input', 'metadata', 'n'] });
  });

  it('checkConsistency: declared keys are looked up among existing fields only, never on a prototype', async () => {
    const citizen = await newCitizen(t);
    const dossier = await receive(t, '1.001939', citizen.personalId);
    const before = await processRows(t);
    for (const declared of [JSON.parse('{"__proto__": {"fullName": "x"}}'), { constructor: 'x' }, { prototype: 1 }]) {
      const extensions = await refused(CHECK, { code: dossier.code, declared }, t.as.receiving);
      expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_FIELD' });
    }
    // Past the boundary (as a caller outside the graph would be), the service's own lookup refuses them too.
    for (const field of ['toString', 'hasOwnProperty', 'valueOf']) {
      const extensions = await refused(CHECK, { code: dossier.code, declared: { [field]: 'x' } }, t.as.receiving);
      expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_FIELD', argumentPath: ['declared', field] });
    }
    expect(await processRows(t)).toEqual(before);
  });
});

describe('global IDs', () => {
  it('node(id) with a prototype name, a bad key or garbage is INVALID_ID; a well-formed unknown one is null', async () => {
    for (const type of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      expect(await refused(NODE, { id: B64(`${type}:${UUID}`) }, t.as.receiving)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID', argumentPath: ['id'] });
    }
    for (const id of [B64('Dossier:1234'), B64('Dossier:' + 'a'.repeat(10_000)), 'not base64!', B64('Dossier'), '']) {
      expect(await refused(NODE, { id }, t.as.receiving)).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    const missing = await t.graphql(NODE, { id: toGlobalId('Dossier', UUID) }, t.as.receiving);
    expect(missing).toMatchObject({ data: { node: null } });
    expect(missing.errors).toBeUndefined();
  });
});

describe('cursors', () => {
  it('refuses forged keyset cursors: id not a key of the table, too long, time out of range', async () => {
    const forged = [
      encodeCursor(['2026-11-20T03:00:00.000Z', 'not-a-uuid']),
      encodeCursor(['2026-11-20T03:00:00.000Z', 'x'.repeat(10_000)]),
      encodeCursor(['2026-11-20T03:00:00.000Z', '12345']),
      encodeCursor(['+275760-09-13T00:00:00.000Z', UUID]),
      encodeCursor(['0000-01-01T00:00:00.000Z', UUID]),
      encodeCursor([1, 2, 3]),
      'bm90IGpzb24',
    ];
    for (const after of forged) {
      expect(await refused(DOSSIERS, { after }, t.as.receiving)).toMatchObject({ code: 'BAD_USER_INPUT', reason: expect.stringMatching(/INVALID_CURSOR|INVALID_TEXT/) });
    }
    // The access log's key is a bigint: a UUID there is forged.
    const EVENTS = `query($after: String) { accessEvents(after: $after) { totalCount } }`;
    expect(await refused(EVENTS, { after: encodeCursor(['2026-11-20T03:00:00.000Z', UUID]) }, t.as.auditor)).toMatchObject({ reason: 'INVALID_CURSOR' });
    expect(await refused(EVENTS, { after: encodeCursor(['2026-11-20T03:00:00.000Z', '99999999999999999999']) }, t.as.auditor)).toMatchObject({ reason: 'INVALID_CURSOR' });
    const ok = await t.graphql(EVENTS, { after: encodeCursor(['2026-11-20T03:00:00.000Z', '12345']) }, t.as.auditor);
    expect(ok.errors).toBeUndefined();
  });

  it('refuses a search cursor whose score is not finite', async () => {
    const SEARCH = `query($after: String) { search(query: "Nguyễn", after: $after) { totalCount } }`;
    const infinite = Buffer.from(`[1e400,"${UUID}"]`).toString('base64url');
    expect(await refused(SEARCH, { after: infinite }, t.as.receiving)).toMatchObject({ reason: 'INVALID_CURSOR', argumentPath: ['after'] });
    expect(await refused(SEARCH, { after: encodeCursor(['3', UUID]) }, t.as.receiving)).toMatchObject({ reason: 'INVALID_CURSOR' });
  });
});
