/** Partner systems run published operations only: by hash or documentId, on their allow-list, within their scopes. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { asPartner, byHash, newPartner, personWithDocuments, publishAll } from './partner-fixtures.js';
import { MANIFEST_PATH, PERSISTED_DIR, publishPersistedOperations, readManifest, readPurposes } from '../../src/partners/publish.js';
import { revokePartner, rotatePartnerKey } from '../../src/services/partner.service.js';
import { PersistedOperation } from '../../src/entities/partner.entity.js';
import { ProcedureResult } from '../../src/entities/dossier.entity.js';
import { DigitizedDocument } from '../../src/entities/digitized-document.entity.js';
import { Organization } from '../../src/entities/organization.entity.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { DocumentSource } from '../../src/entities/enums.js';

let t: TestApp;
let hashes: Record<string, string>;
/** Reads everything, personal data included. */
let reader: { name: string; key: string };

const READ_SCOPES = ['individuals:read', 'organizations:read', 'documents:read', 'personal-data:read'];

beforeAll(async () => {
  t = await startTestApp();
  hashes = await publishAll(t);
  reader = await newPartner(t, {
    name: 'bo-lao-dong',
    scopes: READ_SCOPES,
    operations: ['PartnerIndividualDocuments', 'PartnerOrganizationDocuments', 'PartnerProcedureResult'],
  });
});
afterAll(() => t.close());

describe('publishing persisted/', () => {
  it('publishes every operation file with the purpose declared in its header, under the SHA-256 of its normalized text', async () => {
    const purposes = await readPurposes(PERSISTED_DIR);
    expect([...purposes.keys()].sort()).toEqual(Object.keys(hashes).sort());
    const rows = await t.app.orm.em.fork().find(PersistedOperation, { hash: { $in: Object.values(hashes) } });
    expect(rows).toHaveLength(purposes.size);
    for (const row of rows) {
      expect(createHash('sha256').update(row.document).digest('hex')).toBe(row.hash);
      expect(row.purpose).toBe(purposes.get(row.operationName)!.purpose);
      expect(row.purpose.length).toBeGreaterThan(20);
    }
    const source = await readFile(`${PERSISTED_DIR}/PartnerShareBirthCertificate.graphql`, 'utf8');
    expect(source.split('\n')[0]).toBe(`# purpose: ${purposes.get('PartnerShareBirthCertificate')!.purpose}`);
  });

  it('is idempotent, and refuses an operation without a declared purpose', async () => {
    const manifest = await readManifest(MANIFEST_PATH);
    const again = await publishPersistedOperations(t.app.orm.em.fork(), manifest, await readPurposes(PERSISTED_DIR));
    expect(new Set(again.map((op) => op.status))).toEqual(new Set(['unchanged']));
    const purposes = await readPurposes(PERSISTED_DIR);
    purposes.delete('PartnerProcedureResult');
    await expect(publishPersistedOperations(t.app.orm.em.fork(), manifest, purposes)).rejects.toThrow('PartnerProcedureResult');
  });
});

describe('a partner running its allowed operations', () => {
  it('looks up a person with their valid documents of given types, by sha256Hash', async () => {
    const { person, typeCode } = await personWithDocuments(t);
    const res = await byHash(t, reader.key, hashes.PartnerIndividualDocuments, { personalId: person.personalId, documentTypeCodes: [typeCode] });
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.data.individual.personalId).toBe(person.personalId);
    expect(res.data.individual.fullName).toBe(person.fullName);
    const documents = res.data.individual.documents;
    expect(documents.totalCount).toBeGreaterThan(0);
    for (const { node } of documents.edges) {
      expect(node.documentType.code).toBe(typeCode);
      expect(node.status).toBe('VALID');
    }
  });

  it("lists an organization's documents, by documentId (GraphQL over HTTP)", async () => {
    const unit = await t.app.orm.em.fork().findOneOrFail(Organization, { taxCode: { $ne: null } }, { orderBy: { unitCode: 'asc' } });
    const res = await asPartner(t, reader.key, { documentId: `sha256:${hashes.PartnerOrganizationDocuments}`, variables: { taxCode: unit.taxCode, first: 5 } });
    expect(res.errors).toBeUndefined();
    expect(res.data.organization.unitCode).toBe(unit.unitCode);
    expect(res.data.organization.documents.edges.length).toBeLessThanOrEqual(5);
    expect(res.data.organization.documents.totalCount).toBeGreaterThanOrEqual(res.data.organization.documents.edges.length);
  });

  it('fetches a procedure result by code, with a GET request naming the documentId', async () => {
    const result = await t.app.orm.em.fork().findOneOrFail(ProcedureResult, { document: { $ne: null } }, { orderBy: { code: 'asc' } });
    const params = new URLSearchParams({ documentId: `sha256:${hashes.PartnerProcedureResult}`, variables: JSON.stringify({ code: result.code }) });
    // Apollo's CSRF prevention wants a preflight header on GET.
    const res = await t.http.get(`/graphql?${params}`).set('x-api-key', reader.key).set('accept', 'application/json').set('apollo-require-preflight', 'true');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.procedureResult.code).toBe(result.code);
    expect(res.body.data.procedureResult.document.code).toMatch(/\S/);
  });

  it('shares a birth certificate into the warehouse (Ministry of Justice, documents:share)', async () => {
    const em = t.app.orm.em.fork();
    const birth = await em.findOneOrFail(DigitizedDocument, { documentType: { code: 'GKS' }, ownerIndividual: { $ne: null } }, { populate: ['ownerIndividual'], orderBy: { code: 'asc' } });
    const justice = await newPartner(t, { name: 'bo-tu-phap', scopes: ['documents:share'], operations: ['PartnerShareBirthCertificate'] });
    const res = await byHash(t, justice.key, hashes.PartnerShareBirthCertificate, {
      personalId: birth.ownerIndividual!.getEntity().personalId,
      title: 'Giấy khai sinh (bản điện tử)',
      issuedBy: 'UBND phường Ba Đình',
      issuedOn: '2026-11-02',
      metadata: birth.metadata,
    });
    expect(res.errors).toBeUndefined();
    const shared = await t.app.orm.em.fork().findOneOrFail(DigitizedDocument, { code: res.data.shareDocument.code });
    expect(shared.source).toBe(DocumentSource.CONNECTED_SYSTEM);
    expect(shared.ownerIndividual?.id).toBe(birth.ownerIndividual!.id);
    expect(res.data.shareDocument.status).toBe('VALID');
  });
});

describe('what a partner is refused, before anything runs', () => {
  /** Only the API key lookup touched the database. */
  function onlyTheKeyWasLookedUp() {
    expect(t.statements.count()).toBeGreaterThan(0);
    for (const sql of t.statements.list) expect(sql).toMatch(/"partner_key"|"partner_client"/);
  }

  it('refuses the same text sent as a free-form query', async () => {
    const [document] = (await t.app.orm.em.fork().find(PersistedOperation, { hash: hashes.PartnerIndividualDocuments })).map((row) => row.document);
    const { person, typeCode } = await personWithDocuments(t);
    t.statements.reset();
    const res = await asPartner(t, reader.key, { query: document, variables: { personalId: person.personalId, documentTypeCodes: [typeCode] } });
    expect(res.status).toBe(403);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PERSISTED_QUERY_REQUIRED' });
    expect(res.data).toBeUndefined();
    onlyTheKeyWasLookedUp();
  });

  it('refuses a free-form query sent with a matching hash (Apollo APQ registration)', async () => {
    const [row] = await t.app.orm.em.fork().find(PersistedOperation, { hash: hashes.PartnerProcedureResult });
    const res = await asPartner(t, reader.key, { query: row.document, extensions: { persistedQuery: { version: 1, sha256Hash: row.hash } }, variables: { code: 'KQ.x' } });
    expect(res.status).toBe(403);
    expect(res.errors?.[0].extensions.reason).toBe('PERSISTED_QUERY_REQUIRED');
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const unknown = createHash('sha256').update('query Unknown { __typename }').digest('hex');
    t.statements.reset();
    const res = await byHash(t, reader.key, unknown);
    expect(res.status).toBe(404);
    expect(res.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const byId = await asPartner(t, reader.key, { documentId: `sha256:${unknown}` });
    expect(byId.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const malformed = await asPartner(t, reader.key, { documentId: 'not-a-hash' });
    expect(malformed.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a published operation outside its allow-list', async () => {
    const narrow = await newPartner(t, { name: 'bo-cong-an', scopes: READ_SCOPES, operations: ['PartnerIndividualDocuments'] });
    await byHash(t, narrow.key, hashes.PartnerIndividualDocuments); // warms the document cache
    t.statements.reset();
    const res = await byHash(t, narrow.key, hashes.PartnerProcedureResult, { code: 'KQ.000.00.01.H41-261120-0001' });
    expect(res.status).toBe(403);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_ALLOWED', operationName: 'PartnerProcedureResult' });
    onlyTheKeyWasLookedUp();
  });

  it('refuses an allowed operation whose fields its scopes do not open', async () => {
    const unscoped = await newPartner(t, { name: 'bo-y-te', scopes: ['individuals:read'], operations: ['PartnerIndividualDocuments', 'PartnerShareBirthCertificate'] });
    const read = await byHash(t, unscoped.key, hashes.PartnerIndividualDocuments, { personalId: '001090000001', documentTypeCodes: ['GKS'] });
    expect(read.status).toBe(403);
    expect(read.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['documents:read'] });
    const share = await byHash(t, unscoped.key, hashes.PartnerShareBirthCertificate, { personalId: '001090000001', title: 'x', metadata: {} });
    expect(share.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['documents:share'] });
  });

  it('refuses a request naming no operation', async () => {
    const res = await asPartner(t, reader.key, { variables: {} });
    expect(res.status).toBe(403);
    expect(res.errors?.[0].extensions.reason).toBe('PERSISTED_QUERY_REQUIRED');
  });
});

describe('API keys', () => {
  const lookup = (key: string) => byHash(t, key, hashes.PartnerProcedureResult, { code: 'KQ.000.00.01.H41-261120-0001' });

  it('refuses an unknown key and a key sent with a bearer token', async () => {
    const res = await lookup('vssp_not-a-key');
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const both = await asPartner(t, reader.key, { documentId: `sha256:${hashes.PartnerProcedureResult}` }, { authorization: `Bearer ${await t.token(OfficerRole.AUDITOR)}` });
    expect(both.status).toBe(401);
  });

  it('refuses a revoked partner at once', async () => {
    const partner = await newPartner(t, { name: 'revoked', scopes: ['documents:read'], operations: ['PartnerProcedureResult'] });
    expect((await lookup(partner.key)).status).toBe(200);
    await revokePartner(t.app.orm.em.fork(), partner.name);
    const res = await lookup(partner.key);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the old key working beside the new one during the grace period only', async () => {
    const partner = await newPartner(t, { name: 'rotating', scopes: ['documents:read'], operations: ['PartnerProcedureResult'] });
    const rotated = await rotatePartnerKey(t.app.orm.em.fork(), partner.name, 60);
    expect(rotated.key).not.toBe(partner.key);
    expect(rotated.previousKeysExpireAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await lookup(partner.key)).status).toBe(200);
    expect((await lookup(rotated.key)).status).toBe(200);

    // A rotation without grace ends every earlier key at once: the grace period is what kept the old one alive.
    const final = await rotatePartnerKey(t.app.orm.em.fork(), partner.name, 0);
    expect((await lookup(partner.key)).status).toBe(401);
    expect((await lookup(rotated.key)).status).toBe(401);
    expect((await lookup(final.key)).status).toBe(200);
  });

  it('stores keys only as their SHA-256', async () => {
    const partner = await newPartner(t, { name: 'hashed', scopes: ['documents:read'] });
    const rows = await t.app.orm.em.fork().getConnection().execute<{ key_hash: string; prefix: string }[]>(
      'select k.key_hash, k.prefix from partner_key k join partner_client p on p.id = k.partner_id where p.name = ?',
      [partner.name],
    );
    expect(rows).toEqual([{ key_hash: createHash('sha256').update(partner.key).digest('hex'), prefix: partner.key.slice(0, 12) }]);
  });
});
