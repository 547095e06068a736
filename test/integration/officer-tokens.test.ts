/**
 * Reads check the officer (finding C of issue 11): a token is honoured only while
 * its officer exists, is active and belongs to the token's agency — checked
 * through a short cache, one indexed lookup per officer per period. Tokens must
 * expire, within JWT_MAX_LIFETIME_SECONDS. Missing credentials answer with the
 * same 401 as bad ones, on the graph and on downloads.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { HANOI_AGENCY, startTestApp, type TestApp } from '../helpers/app.js';
import { newOfficer } from '../helpers/officers.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { AccessEvent } from '../../src/entities/access-event.entity.js';
import { OfficerDirectory, type OfficerStanding } from '../../src/auth/officer-directory.js';
import { loadConfig } from '../../src/config.js';

const PERSON = 'query($p: String!) { individual(personalId: $p) { personalId dateOfBirth } }';
const OFFICER_LOOKUP = /from officer o join agency a/;

let t: TestApp;
let person: Individual;

beforeAll(async () => {
  t = await startTestApp();
  person = await t.app.orm.em.fork().findOneOrFail(Individual, { dateOfBirth: { $ne: null } }, { orderBy: { personalId: 'asc' } });
});
afterAll(() => t.close());

/** A token with chosen claims, signed with the development secret (so only the claims can be wrong). */
function tokenWith(claims: { sub?: string; exp?: number | null; iat?: number | null; agency?: string }) {
  const jwt = new SignJWT({ agency: claims.agency ?? HANOI_AGENCY, roles: [OfficerRole.PROCESSING_OFFICER] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(t.config.jwt.issuer)
    .setAudience(t.config.jwt.audience);
  if (claims.sub) jwt.setSubject(claims.sub);
  if (claims.iat !== null) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== null && claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(t.config.jwt.secret));
}

const now = () => Math.floor(Date.now() / 1000);

describe("reads check the officer (finding C)", () => {
  it('refuses a deactivated officer once the cache period is over, on the graph and on downloads, and lets them back when reactivated', async () => {
    const app = await startTestApp({ OFFICER_CACHE_SECONDS: '1' });
    try {
      const code = await newOfficer(app);
      const token = await app.token(OfficerRole.PROCESSING_OFFICER, { officer: code });
      const before = await app.graphql(PERSON, { p: person.personalId }, token);
      expect(before.errors).toBeUndefined();
      expect(before.data.individual.personalId).toBe(person.personalId);

      await app.app.orm.em.fork().getConnection().execute('update officer set active = false where code = ?', [code]);
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // the cache period (1 s here; 30 s by default, 60 at most)
      const events = await app.app.orm.em.fork().count(AccessEvent, { actor: code });
      const after = await app.graphql(PERSON, { p: person.personalId }, token);
      expect(after.status).toBe(401);
      expect(after.errors?.[0]).toMatchObject({ message: `Officer ${code} is deactivated`, extensions: { code: 'UNAUTHENTICATED' } });
      expect(after.data).toBeUndefined();
      const download = await app.http.get('/files/documents/000.00.01.H41.TK1TS.261125.0001').set('authorization', `Bearer ${token}`);
      expect(download.status).toBe(401);
      expect(await app.app.orm.em.fork().count(AccessEvent, { actor: code })).toBe(events);

      await app.app.orm.em.fork().getConnection().execute('update officer set active = true where code = ?', [code]);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await app.graphql(PERSON, { p: person.personalId }, token)).errors).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('refuses a token whose subject is no officer, and one naming an agency the officer does not belong to', async () => {
    const nobody = await t.token(OfficerRole.RECEIVING_OFFICER, { officer: `NOBODY-${randomUUID().slice(0, 6)}` });
    const res = await t.graphql(PERSON, { p: person.personalId }, nobody);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toContain('no officer');
    expect((await t.http.get('/files/documents/000.00.01.H41.TK1TS.261125.0001').set('authorization', `Bearer ${nobody}`)).status).toBe(401);

    const elsewhere = await t.token(OfficerRole.RECEIVING_OFFICER, { agency: '000.00.79.H41' });
    const moved = await t.graphql(PERSON, { p: person.personalId }, elsewhere);
    expect(moved.status).toBe(401);
    expect(moved.errors?.[0].message).toContain('does not belong to agency 000.00.79.H41');
  });

  it('costs one indexed lookup per officer per cache period, however many requests arrive, concurrent ones included', async () => {
    const code = await newOfficer(t);
    const token = await t.token(OfficerRole.PROCESSING_OFFICER, { officer: code });
    t.statements.reset();
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.graphql('{ __typename }', {}, token)));
    for (let i = 0; i < 4; i++) answers.push(await t.graphql('{ __typename }', {}, token));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(t.statements.list.filter((sql) => OFFICER_LOOKUP.test(sql))).toHaveLength(1);
    // The lookup is by the officer's code, which a unique index covers (and the agency by its primary key).
    const indexes = await t.app.orm.em.fork().getConnection().execute<{ indexdef: string }[]>(`select indexdef from pg_indexes where tablename = 'officer'`);
    expect(indexes.map((i) => i.indexdef)).toContainEqual(expect.stringMatching(/^CREATE UNIQUE INDEX \S+ ON public\.officer USING btree \(code\)$/));
  });
});

describe('the officer cache', () => {
  it('asks again only after its period, and shares one lookup among concurrent checks', async () => {
    let clock = 0;
    const asked: string[] = [];
    const standing: OfficerStanding = { active: true, agencyCode: HANOI_AGENCY };
    const directory = new OfficerDirectory(async (code) => {
      asked.push(code);
      await new Promise((resolve) => setImmediate(resolve));
      return code === 'GONE' ? null : standing;
    }, 30_000, () => clock);
    const viewer = (code: string, agencyCode = HANOI_AGENCY) => ({ kind: 'officer' as const, code, agencyCode, roles: [OfficerRole.APPROVER] });
    await Promise.all([directory.check(viewer('A')), directory.check(viewer('A')), directory.check(viewer('A'))]);
    clock = 29_999;
    await directory.check(viewer('A'));
    expect(asked).toEqual(['A']);
    clock = 30_000;
    await directory.check(viewer('A'));
    expect(asked).toEqual(['A', 'A']);
    await expect(directory.check(viewer('GONE'))).rejects.toMatchObject({ reason: 'UNAUTHENTICATED' });
    await expect(directory.check(viewer('GONE'))).rejects.toMatchObject({ reason: 'UNAUTHENTICATED' });
    expect(asked.filter((c) => c === 'GONE')).toHaveLength(1);
    await expect(directory.check(viewer('A', '000.00.79.H41'))).rejects.toMatchObject({ reason: 'UNAUTHENTICATED' });
  });

  it('is bounded: the oldest officers are forgotten first', async () => {
    const asked: string[] = [];
    const directory = new OfficerDirectory(async (code) => (asked.push(code), { active: true, agencyCode: HANOI_AGENCY }), 60_000, () => 0, 2);
    const check = (code: string) => directory.check({ kind: 'officer', code, agencyCode: HANOI_AGENCY, roles: [OfficerRole.APPROVER] });
    for (const code of ['A', 'B', 'C', 'B', 'A']) await check(code);
    expect(asked).toEqual(['A', 'B', 'C', 'A']);
  });
});

describe('token lifetime', () => {
  it('refuses a token without exp', async () => {
    const res = await t.graphql(PERSON, { p: person.personalId }, await tokenWith({ sub: 'CB01-0002', exp: null }));
    expect(res.status).toBe(401);
    expect(res.errors?.[0].message).toMatch(/exp/);
  });

  it('refuses a token living longer than JWT_MAX_LIFETIME_SECONDS, with or without iat', async () => {
    const max = t.config.jwt.maxLifetimeSeconds;
    for (const claims of [{ iat: now(), exp: now() + max + 60 }, { iat: null, exp: now() + max + 60 }, { iat: now() - 3600, exp: now() + max - 60 }]) {
      const res = await t.graphql(PERSON, { p: person.personalId }, await tokenWith({ sub: 'CB01-0002', ...claims }));
      expect([claims, res.status]).toEqual([claims, 401]);
      expect(res.errors?.[0].message).toContain('longer than');
    }
    const fine = await t.graphql(PERSON, { p: person.personalId }, await tokenWith({ sub: 'CB01-0002', iat: now(), exp: now() + max }));
    expect(fine.errors).toBeUndefined();
  });

  it('validates JWT_MAX_LIFETIME_SECONDS and OFFICER_CACHE_SECONDS', () => {
    expect(loadConfig({ JWT_MAX_LIFETIME_SECONDS: '3600', OFFICER_CACHE_SECONDS: '0' })).toMatchObject({ jwt: { maxLifetimeSeconds: 3600 }, officerCacheSeconds: 0 });
    expect(() => loadConfig({ JWT_MAX_LIFETIME_SECONDS: '0' })).toThrow(/JWT_MAX_LIFETIME_SECONDS/);
    expect(() => loadConfig({ JWT_MAX_LIFETIME_SECONDS: '172800' })).toThrow(/JWT_MAX_LIFETIME_SECONDS/);
    // A deactivation must take effect within a minute.
    expect(() => loadConfig({ OFFICER_CACHE_SECONDS: '61' })).toThrow(/OFFICER_CACHE_SECONDS/);
    expect(() => loadConfig({ OFFICER_CACHE_SECONDS: 'soon' })).toThrow(/OFFICER_CACHE_SECONDS/);
  });
});

describe('missing credentials answer like bad ones', () => {
  const forged = () => t.token(OfficerRole.RECEIVING_OFFICER).then((token) => `${token.slice(0, -4)}abcd`);

  it('on the graph: 401 UNAUTHENTICATED for an anonymous query, as for a forged token, and nothing runs', async () => {
    const bad = await t.graphql(PERSON, { p: person.personalId }, await forged());
    t.statements.reset();
    const missing = await t.graphql(PERSON, { p: person.personalId }, null);
    expect(t.statements.count()).toBe(0);
    expect([missing.status, missing.errors?.[0].extensions.code]).toEqual([bad.status, bad.errors?.[0].extensions.code]);
    expect(missing.status).toBe(401);
    expect(missing.data).toBeUndefined();
    // Hidden behind a fragment, or in a mutation: the same.
    const fragment = await t.graphql('query { ...F } fragment F on Query { procedures { code } }', {}, null);
    expect(fragment.status).toBe(401);
    const mutation = await t.graphql('mutation { returnResult(dossierCode: "x") { code } }', {}, null);
    expect(mutation.status).toBe(401);
  });

  it('leaves introspection open where it is enabled (GraphiQL loads the schema before signing in)', async () => {
    const res = await t.graphql('{ __schema { queryType { name } } __typename }', {}, null);
    expect(res.status).toBe(200);
    expect(res.data.__schema.queryType.name).toBe('Query');
  });

  it('on downloads and uploads: 401 without credentials, as with bad ones', async () => {
    const url = '/files/documents/000.00.01.H41.TK1TS.261125.0001';
    const bad = await t.http.get(url).set('authorization', `Bearer ${await forged()}`);
    const missing = await t.http.get(url);
    expect([missing.status, bad.status]).toEqual([401, 401]);
    expect(missing.body.errors[0].extensions.code).toBe(bad.body.errors[0].extensions.code);
    expect((await t.http.post('/files').attach('file', Buffer.from('%PDF-1.4\n'), 'a.pdf')).status).toBe(401);
  });
});
