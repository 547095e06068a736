/**
 * The graph against anyone on the network: depth, cost and page-size limits
 * refused before any SQL, rate limits (memory and Redis) answering 429 with
 * Retry-After, body size, CSRF prevention, production switches, and Apollo's
 * automatic persisted queries for officers (memory, and Redis shared between processes).
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { byHash, newPartner, publishAll } from './partner-fixtures.js';
import { newOfficer } from '../helpers/officers.js';
import { OfficerRole } from '../../src/entities/enums.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

let t: TestApp;
let officer: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token(OfficerRole.RECEIVING_OFFICER);
  // The officer's standing is looked up once per cache period (src/auth/officer-directory.ts), not per
  // request: read it now, so the refusals below are measured on their own.
  expect((await post(t, officer, { query: '{ __typename }' })).status).toBe(200);
});
afterAll(() => t.close());

/** POST /graphql as a bearer; the whole response. */
/** In English: the assertions read the messages written where the limits refuse (Vietnamese is the default). */
function post(app: TestApp, token: string, body: Record<string, unknown>) {
  return app.http.post('/graphql').set('content-type', 'application/json').set('accept-language', 'en').set('authorization', `Bearer ${token}`).send(body);
}

/**
 * Waits out the end of a rate-limit minute, so a test's requests fall in one window:
 * a few requests can take seconds on a loaded two-core CI machine.
 */
async function awayFromMinuteEnd(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('operation limits, before any SQL', () => {
  async function refusedWithoutSql(query: string, variables: Record<string, unknown>, reason: string) {
    t.statements.reset();
    const res = await post(t, officer, { query, variables });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    expect(t.statements.count()).toBe(0);
    return res.body.errors[0];
  }

  it('refuses an operation nested deeper than the maximum', async () => {
    const deep = `{ dossier(code: "000.00.01.H41-261120-0001") { components { document { originDossier { components { document {
      originDossier { components { document { originDossier { components { document { code } } } } } } } } } } } } }`;
    const error = await refusedWithoutSql(deep, {}, 'QUERY_TOO_DEEP');
    expect(error.message).toBe('The operation nests fields 13 deep; the maximum is 12');
    expect(error.extensions).toMatchObject({ depth: 13, maxDepth: 12 });
  });

  it('refuses an operation whose lists, multiplied by their page sizes, cost too much', async () => {
    const costly = `query Costly($outer: Int!, $inner: Int!) { dossiers(first: $outer) { edges { node { code
      applicant { ... on Individual { documents(first: $inner) { edges { node { code title metadata } } } } } } } } }`;
    const error = await refusedWithoutSql(costly, { outer: 100, inner: 100 }, 'QUERY_TOO_COSTLY');
    expect(error.extensions.cost).toBeGreaterThan(t.config.maxQueryCost);
    expect(error.message).toContain(`the maximum is ${t.config.maxQueryCost}`);

    // The same shape with small pages is cheap, and runs.
    const cheap = await post(t, officer, { query: costly, variables: { outer: 2, inner: 2 } });
    expect(cheap.body.errors).toBeUndefined();
    expect(cheap.body.data.dossiers.edges.length).toBeLessThanOrEqual(2);
  });

  it('refuses a page larger than the cap', async () => {
    const error = await refusedWithoutSql('query Big($n: Int) { dossiers(first: $n) { totalCount } }', { n: t.config.maxPageSize + 1 }, 'PAGE_SIZE_EXCEEDED');
    expect(error.extensions).toMatchObject({ field: 'Query.dossiers', max: t.config.maxPageSize });
  });
});

describe('request hygiene', () => {
  it('refuses a body over MAX_BODY_BYTES with 413, before authentication', async () => {
    const res = await post(t, officer, { query: `{ __typename }`, variables: { pad: 'x'.repeat(t.config.maxBodyBytes) } });
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_REQUEST' });
    expect(JSON.stringify(res.body)).not.toMatch(/stack|at .*\.js:\d+/);
  });

  it("keeps Apollo's CSRF prevention on: a GET or a form-encoded POST without a preflight header is blocked", async () => {
    // In English: Apollo's own message names the CSRF prevention (Vietnamese, the default, gives MALFORMED_REQUEST's message).
    const get = await t.http.get('/graphql?query=%7B__typename%7D').set('authorization', `Bearer ${officer}`).set('accept', 'application/json').set('accept-language', 'en');
    expect(get.status).toBe(400);
    expect(get.text).toContain('Cross-Site Request Forgery');
    const form = await t.http.post('/graphql').set('content-type', 'text/plain').set('authorization', `Bearer ${officer}`).send('{"query":"{__typename}"}');
    expect(form.status).toBe(400);
    const allowed = await t.http.get('/graphql?query=%7B__typename%7D').set('authorization', `Bearer ${officer}`).set('apollo-require-preflight', 'true');
    expect(allowed.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers errors without stack traces outside development', async () => {
    const res = await post(t, officer, { query: '{ dossier(code: 12) { code } }' });
    expect(res.body.errors.length).toBeGreaterThan(0);
    for (const error of res.body.errors) expect(error.extensions.stacktrace).toBeUndefined();
  });
});

describe('in production', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' });
  });
  afterAll(() => prod.close());

  it('turns introspection and GraphiQL off', async () => {
    const token = await prod.token(OfficerRole.RECEIVING_OFFICER);
    const introspection = await post(prod, token, { query: '{ __schema { types { name } } }' });
    expect(introspection.body.data).toBeUndefined();
    expect(introspection.body.errors[0].message).toMatch(/introspection is not allowed/i);
    const page = await prod.http.get('/graphql').set('accept', 'text/html');
    expect(page.text).not.toMatch(/graphiql/i);
    const development = await t.http.get('/graphql').set('accept', 'text/html');
    expect(development.text).toMatch(/graphiql/i);
  });
});

describe('/metrics', () => {
  it('answers only the METRICS_TOKEN bearer when one is set', async () => {
    const token = 'scraper-token-of-24-chars';
    const guarded = await startTestApp({ METRICS_TOKEN: token });
    try {
      expect((await guarded.http.get('/metrics')).status).toBe(401);
      expect((await guarded.http.get('/metrics').set('authorization', 'Bearer not-the-token-at-all')).status).toBe(401);
      const ok = await guarded.http.get('/metrics').set('authorization', `Bearer ${token}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('search_outbox_depth');
    } finally {
      await guarded.close();
    }
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once an officer used the minute, counting each client apart', async () => {
    const limited = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const first = await limited.token(OfficerRole.RECEIVING_OFFICER);
      const second = await limited.token(OfficerRole.APPROVER);
      await awayFromMinuteEnd();
      for (let i = 0; i < 3; i++) expect((await post(limited, first, { query: '{ __typename }' })).status).toBe(200);
      const refused = await post(limited, first, { query: '{ __typename }' });
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 3 });
      expect((await post(limited, second, { query: '{ __typename }' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('counts anonymous callers by address, trusting X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    const anonymous = (app: TestApp, forwardedFor: string) =>
      app.http.post('/graphql').set('content-type', 'application/json').set('x-forwarded-for', forwardedFor).send({ query: '{ __typename }' });
    // Direct callers (no trusted proxy): a forged header does not give a fresh limit.
    const direct = await startTestApp({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'false' });
    try {
      await awayFromMinuteEnd();
      const statuses = [];
      for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await anonymous(direct, address)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await direct.close();
    }
    // Behind one trusted proxy (this test's loopback connection): the address it forwards is the client.
    const proxied = await startTestApp({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' });
    try {
      await awayFromMinuteEnd();
      const statuses = [];
      for (const address of ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2']) statuses.push((await anonymous(proxied, address)).status);
      expect(statuses).toEqual([200, 200, 429, 200]);
    } finally {
      await proxied.close();
    }
  });

  it("applies a partner's own limit", async () => {
    const hashes = await publishAll(t);
    const partner = await newPartner(t, { name: 'limited', scopes: ['documents:read'], operations: ['PartnerProcedureResult'], rateLimitPerMinute: 2 });
    await awayFromMinuteEnd();
    const call = () => byHash(t, partner.key, hashes.PartnerProcedureResult, { code: 'KQ.000.00.01.H41-261120-0001' });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('shares the counts of every API process through Redis', async () => {
    const env = { RATE_LIMIT_PER_MINUTE: '3', REDIS_URL };
    const [a, b] = [await startTestApp(env), await startTestApp(env)];
    try {
      // An officer of this run only (registered: tokens of unknown officers are refused): counts in Redis outlive a test run by up to a minute.
      const code = await newOfficer(a, [OfficerRole.RECEIVING_OFFICER], 'RL');
      const token = await a.token(OfficerRole.RECEIVING_OFFICER, { officer: code });
      await awayFromMinuteEnd();
      expect((await post(a, token, { query: '{ __typename }' })).status).toBe(200);
      expect((await post(b, token, { query: '{ __typename }' })).status).toBe(200);
      expect((await post(a, token, { query: '{ __typename }' })).status).toBe(200);
      expect((await post(b, token, { query: '{ __typename }' })).status).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("officers' automatic persisted queries", () => {
  /** A query text of this run only, and its SHA-256. */
  function uniqueQuery() {
    const query = `query Apq { ${`n${randomUUID().replaceAll('-', '')}`}: procedures { code } }`;
    return { query, hash: createHash('sha256').update(query).digest('hex') };
  }
  const apq = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  it('registers a query by hash in memory, per process', async () => {
    const { query, hash } = uniqueQuery();
    const unknown = await post(t, officer, apq(hash));
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(t, officer, { query, ...apq(hash) })).body.errors).toBeUndefined();
    const byHashOnly = await post(t, officer, apq(hash));
    expect(byHashOnly.body.errors).toBeUndefined();
    expect(Object.values(byHashOnly.body.data)[0]).toEqual(expect.arrayContaining([{ code: '1.001667' }]));

    const other = await startTestApp();
    try {
      expect((await post(other, officer, apq(hash))).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    } finally {
      await other.close();
    }
  });

  it('shares registered queries between processes through Redis when REDIS_URL is set', async () => {
    const { query, hash } = uniqueQuery();
    const [a, b] = [await startTestApp({ REDIS_URL }), await startTestApp({ REDIS_URL })];
    try {
      expect((await post(a, officer, { query, ...apq(hash) })).body.errors).toBeUndefined();
      const res = await post(b, officer, apq(hash));
      expect(res.body.errors).toBeUndefined();
      expect(Object.values(res.body.data)[0]).toEqual(expect.arrayContaining([{ code: '1.001667' }]));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses to start when REDIS_URL points at nothing', async () => {
    await expect(startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' })).rejects.toThrow('REDIS_URL');
  });
});
