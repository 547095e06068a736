/**
 * Issue 11's stalls over HTTP (findings D, E, F): the fragment bomb refused
 * while /healthz answers, with the work its check did counted; a thousand
 * aliased `search(first: 0)` refused; root fields, aliases and tokens capped;
 * and a budget of cost points per client and minute that GraphQL and `/files`
 * both draw on (in memory, and shared through Redis).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { fragmentBomb } from '../helpers/fragment-bomb.js';
import { newOfficer } from '../helpers/officers.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { CONNECTION_BASE_COST, measureOperation } from '../../src/http/hardening-limits.js';
import { FILE_BASE_COST, FILE_COST_PER_MIB, fileTransferCost } from '../../src/http/cost-budget.js';
import { digitize, metadata, newCitizen, receive, scans, startProcessApp, type ProcessApp } from './process-fixtures.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

let t: TestApp;
let officer: string;

// procedures { code }: 1 + 10 × 1.
const QUERY = '{ procedures { code } }';
const COST = 11;

beforeAll(async () => {
  t = await startTestApp();
  officer = await checkedToken(t);
});

/** A token whose officer the app has already checked (one lookup per cache period): the SQL counted after it is the operation's own. */
async function checkedToken(app: TestApp): Promise<string> {
  const token = await app.token(OfficerRole.RECEIVING_OFFICER);
  expect((await post(app, token, { query: '{ __typename }' })).status).toBe(200);
  return token;
}
afterAll(() => t.close());

function post(app: TestApp, token: string | null, body: Record<string, unknown>) {
  const request = app.http.post('/graphql').set('content-type', 'application/json');
  if (token) request.set('authorization', `Bearer ${token}`);
  return request.send(body);
}

/** Waits out the end of a budget minute, so a test's draws fall in one window. */
async function awayFromMinuteEnd(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** What the app's own limits make of a document: the measure the plugin acts on. */
function measured(app: TestApp, source: string) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const { maxQueryDepth, maxQueryCost, maxRootFields, maxPageSize } = app.config;
  return measureOperation(app.app.schema, document, operation, {}, { maxDepth: maxQueryDepth, maxCost: maxQueryCost, maxRootFields, maxPageSize });
}

describe('stalls refused by the work their check does', () => {
  it('refuses the 22-level fragment bomb from an anonymous caller after visiting a few dozen selections, while /healthz answers (D)', async () => {
    const bomb = fragmentBomb(22);
    expect(Buffer.byteLength(bomb)).toBeLessThan(1_300);
    t.statements.reset();
    const [refused, health] = await Promise.all([post(t, null, { query: bomb }), t.http.get('/healthz')]);
    expect(health.status).toBe(200);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ROOT_FIELDS' });
    expect(t.statements.count()).toBe(0);
    // The check's work: 33 selections and 23 fragments (each once); the walk before expanded 29,360,127 selections.
    expect(measured(t, bomb)).toMatchObject({ crossed: 'rootFields', visited: 33, fragmentsMeasured: 23 });

    const nested = fragmentBomb(22, { on: 'Dossier', leaf: 'components { provision providedAt }', root: '{ dossier(code: "x") { ...F22 } }' });
    const costly = await post(t, null, { query: nested });
    expect(costly.status).toBe(400);
    expect(costly.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', maxCost: t.config.maxQueryCost });
    expect(measured(t, nested)).toMatchObject({ crossed: 'cost', visited: 36, fragmentsMeasured: 23 });
  });

  it('refuses a thousand aliased `search(first: 0)`: by the token cap, the alias cap, and their cost where all else is allowed (E)', async () => {
    const aliased = `{ ${Array.from({ length: 1000 }, (_, i) => `s${i}: search(query: "an", first: 0) { totalCount }`).join(' ')} }`;
    t.statements.reset();
    const byTokens = await post(t, officer, { query: aliased });
    expect(byTokens.status).toBe(400);
    expect(byTokens.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(t.statements.count()).toBe(0);

    const refusedBy = async (env: Record<string, string>) => {
      const app = await startTestApp(env);
      try {
        const token = await checkedToken(app);
        app.statements.reset();
        const res = await post(app, token, { query: aliased });
        expect(res.status).toBe(400);
        expect(app.statements.count()).toBe(0);
        return { error: res.body.errors[0], measure: measured(app, aliased), maxCost: app.config.maxQueryCost };
      } finally {
        await app.close();
      }
    };
    const byAliases = await refusedBy({ MAX_QUERY_TOKENS: '100000' });
    expect(byAliases.error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ALIASES', maxAliases: 30 });

    const byCost = await refusedBy({ MAX_QUERY_TOKENS: '100000', MAX_ALIASES: '5000', MAX_ROOT_FIELDS: '1000' });
    expect(byCost.error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY' });
    expect(byCost.error.extensions.cost).toBeGreaterThan(byCost.maxCost);
    // Walked up to the first search over the limit, two selections each (before: priced 1 each, 1,000 in all, and run).
    expect(byCost.measure.visited).toBe(2 * (Math.floor(byCost.maxCost / (CONNECTION_BASE_COST + 1)) + 1));
  });

  it('runs a free fragment bomb (introspection fields only) without expanding it in the resolvers’ look-ahead either', async () => {
    // Costs nothing but the search's base, so it runs; `search` looks ahead for `facets` through fragments,
    // which used to expand 2^levels copies (the work is counted in test/unit/operation-limits.test.ts).
    const bomb = fragmentBomb(20, { on: 'SearchResultConnection', leaf: '__typename', root: '{ search(query: "an", first: 1) { ...F20 } }' });
    expect(measured(t, bomb)).toMatchObject({ crossed: null, cost: CONNECTION_BASE_COST, fragmentsMeasured: 21 });
    const res = await post(t, officer, { query: bomb });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.search).toEqual({ __typename: 'SearchResultConnection' });
  });

  it('caps root fields, aliases and tokens before anything runs', async () => {
    const roots = `{ ${Array.from({ length: 21 }, (_, i) => `p${i}: procedures { code }`).join(' ')} }`;
    const tooWide = await post(t, officer, { query: roots });
    expect(tooWide.status).toBe(400);
    // 21 aliases are within 30: the root fields are what is refused.
    expect(tooWide.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ROOT_FIELDS', maxRootFields: 20 });

    const twenty = await post(t, officer, { query: `{ ${Array.from({ length: 20 }, (_, i) => `p${i}: procedures { code }`).join(' ')} }` });
    expect(twenty.body.errors).toBeUndefined();
    expect(Object.keys(twenty.body.data)).toHaveLength(20);

    const tokens = await post(t, officer, { query: `{ procedures { ${'code '.repeat(t.config.maxQueryTokens)} } }` });
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(tokens.body.errors[0].message).toMatch(/5000 tokens/);
  });
});

describe('cost budget per client and minute', () => {

  it('draws each operation’s cost and answers 429 with Retry-After once the minute’s budget is spent, per client', async () => {
    const limited = await startTestApp({ COST_BUDGET_PER_MINUTE: String(3 * COST) });
    try {
      expect(measured(limited, QUERY).cost).toBe(COST);
      const first = await limited.token(OfficerRole.RECEIVING_OFFICER);
      const second = await limited.token(OfficerRole.APPROVER);
      await awayFromMinuteEnd();
      for (let i = 0; i < 3; i++) expect((await post(limited, first, { query: QUERY })).status).toBe(200);
      limited.statements.reset();
      const refused = await post(limited, first, { query: QUERY });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'COST_BUDGET_EXCEEDED', budget: 3 * COST, cost: COST });
      expect(limited.statements.count()).toBe(0);
      // Another officer has a budget of its own; an anonymous caller is counted by address.
      expect((await post(limited, second, { query: QUERY })).status).toBe(200);
      expect((await post(limited, null, { query: '{ __typename }' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('counts work, not requests: one costly request spends what many cheap ones would', async () => {
    const costly = '{ dossiers(first: 100) { edges { node { code status } } } }';
    const costlyCost = CONNECTION_BASE_COST + 1 + 100 * (1 + 2);
    // Room for the costly request and less than one cheap one.
    const limited = await startTestApp({ COST_BUDGET_PER_MINUTE: String(costlyCost + COST - 1) });
    try {
      const token = await limited.token(OfficerRole.RECEIVING_OFFICER);
      expect(measured(limited, costly).cost).toBe(costlyCost);
      await awayFromMinuteEnd();
      expect((await post(limited, token, { query: costly })).status).toBe(200);
      const next = await post(limited, token, { query: QUERY });
      expect(next.status).toBe(429);
      expect(next.body.errors[0].extensions.reason).toBe('COST_BUDGET_EXCEEDED');
    } finally {
      await limited.close();
    }
  });

  it('shares the budget of every API process through Redis', async () => {
    const env = { COST_BUDGET_PER_MINUTE: String(2 * COST), REDIS_URL };
    const [a, b] = [await startTestApp(env), await startTestApp(env)];
    try {
      // An officer of this run only (registered: tokens of unknown officers are refused): counts in Redis outlive a test run by up to a minute.
      const token = await a.token(OfficerRole.RECEIVING_OFFICER, { officer: await newOfficer(a, [OfficerRole.RECEIVING_OFFICER], 'CB') });
      await awayFromMinuteEnd();
      expect((await post(a, token, { query: QUERY })).status).toBe(200);
      expect((await post(b, token, { query: QUERY })).status).toBe(200);
      const refused = await post(a, token, { query: QUERY });
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0].extensions.reason).toBe('COST_BUDGET_EXCEEDED');
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('/files draws on the same limits (F)', () => {
  let p: ProcessApp;
  beforeAll(async () => {
    // Room for the setup (a citizen, a dossier, a digitized scan) and one download; then the budget is spent.
    p = await startProcessApp({ COST_BUDGET_PER_MINUTE: '100000' });
  });
  afterAll(() => p?.close());

  it('prices a file by its size', () => {
    expect(fileTransferCost(0)).toBe(FILE_BASE_COST);
    expect(fileTransferCost(1)).toBe(FILE_BASE_COST + FILE_COST_PER_MIB);
    expect(fileTransferCost(20 * 1024 * 1024)).toBe(FILE_BASE_COST + 20 * FILE_COST_PER_MIB);
  });

  it('refuses uploads and downloads with 429 once the budget is spent, and counts them as requests', async () => {
    const citizen = await newCitizen(p);
    const dossier = await receive(p, '1.001939', citizen.personalId);
    const { component } = await digitize(p, dossier.code, 'TP01', metadata.TK1TS(citizen.fullName), scans.jpeg());
    const url = component.document.file.downloadUrl as string;

    // Downloads and uploads of a scan under 1 MiB cost FILE_BASE_COST + FILE_COST_PER_MIB each.
    const limited = await startProcessApp({ COST_BUDGET_PER_MINUTE: String(2 * fileTransferCost(1)), DATA_DIR: p.dataDir });
    try {
      await awayFromMinuteEnd();
      const download = () => limited.http.get(url).set('authorization', `Bearer ${limited.as.approver}`);
      const upload = () => limited.http.post('/files').set('authorization', `Bearer ${limited.as.approver}`).attach('file', scans.pdf(), 'a.pdf');
      expect((await download()).status).toBe(200);
      expect((await upload()).status).toBe(201);
      const [refusedDownload, refusedUpload] = [await download(), await upload()];
      for (const refused of [refusedDownload, refusedUpload]) {
        expect(refused.status).toBe(429);
        expect(refused.headers['retry-after']).toMatch(/^\d+$/);
        expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'COST_BUDGET_EXCEEDED' });
      }
      // The GraphQL budget is the same one.
      expect((await post(limited, limited.as.approver, { query: QUERY })).status).toBe(429);
    } finally {
      await limited.close();
    }

    const counted = await startProcessApp({ RATE_LIMIT_PER_MINUTE: '2', DATA_DIR: p.dataDir });
    try {
      await awayFromMinuteEnd();
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await counted.http.get(url).set('authorization', `Bearer ${counted.as.processing}`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await counted.close();
    }
  });
});
