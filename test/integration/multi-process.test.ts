/**
 * Two API processes (the built `dist/src/main.js`, as deployed) on one database and one Redis, each with its own
 * in-API search indexer and portal relay: the access log's hash chain stays intact when both append to it at once,
 * the same idempotency key sent to both at once makes one dossier, and a rate limit counts requests to both.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOrm, type MikroORM } from '../../src/db/orm.js';
import { loadConfig } from '../../src/config.js';
import { signDevelopmentToken } from '../../src/auth/tokens.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { Dossier } from '../../src/entities/dossier.entity.js';
import { AccessEvent } from '../../src/entities/access-event.entity.js';
import { verifyAccessLog } from '../../src/services/access-log-audit.js';
import { createPartner } from '../../src/services/partner.service.js';
import { HANOI_AGENCY, HANOI_OFFICER } from '../helpers/app.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { ensureTestDatabase } from '../helpers/test-database.js';
import { buildApi, startApiProcess, type ApiProcess } from '../helpers/api-process.js';

const JWT_SECRET = 'multi-process-test-secret-of-32-characters-at-least';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

let apis: ApiProcess[] = [];
let orm: MikroORM;

const tokenFor = (role: OfficerRole) =>
  signDevelopmentToken(loadConfig({ ...process.env, NODE_ENV: 'production', JWT_SECRET }), { sub: HANOI_OFFICER[role], agency: HANOI_AGENCY, roles: [role] });

async function post(api: ApiProcess, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-purpose': 'multi-process-test', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // kept as text for the assertion message
  }
  return { status: res.status, body: parsed };
}

beforeAll(async () => {
  await ensureTestDatabase();
  buildApi();
  const env = {
    NODE_ENV: 'production',
    JWT_SECRET,
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL,
    // Search on PostgreSQL: both in-API indexers share the outbox (SKIP LOCKED), no Elasticsearch index of other runs touched.
    ELASTICSEARCH_URL: undefined,
    SEARCH_BACKEND: 'postgres',
    SEARCH_INDEXER_IN_API: 'true',
    PORTAL_SYNC_IN_API: 'true',
    RATE_LIMIT_PER_MINUTE: '100000',
    COST_BUDGET_PER_MINUTE: '1000000000',
  };
  apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
  orm = await createOrm({ clientUrl: testDatabaseUrl(), poolSize: 2 });
}, 600_000);

afterAll(async () => {
  await Promise.all(apis.map((api) => api.stop()));
  await orm?.close(true);
});

async function newCitizen(): Promise<string> {
  const personalId = `001190${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const res = await post(
    apis[0]!,
    { query: `mutation($input: UpsertIndividualInput!) { upsertIndividual(input: $input) { personalId } }`, variables: { input: { personalId, fullName: 'Hoàng Thị Thu', dateOfBirth: '1990-07-07', gender: 'FEMALE', provinceCode: '01' } } },
    { authorization: `Bearer ${await tokenFor(OfficerRole.ADMIN)}` },
  );
  expect(res.body.errors).toBeUndefined();
  return personalId;
}

describe('two API processes on one database', () => {
  it('are two processes', () => {
    expect(apis).toHaveLength(2);
    expect(apis[0]!.child.pid).not.toBe(apis[1]!.child.pid);
    expect(apis[0]!.port).not.toBe(apis[1]!.port);
  });

  it('make one dossier of one idempotency key sent to both at once', async () => {
    const personalId = await newCitizen();
    const token = await tokenFor(OfficerRole.RECEIVING_OFFICER);
    const keys = Array.from({ length: 6 }, () => `mp-${randomBytes(8).toString('hex')}`);
    const RECEIVE = `mutation($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }`;
    const answers = await Promise.all(
      keys.flatMap((key) =>
        apis.map((api) => post(api, { query: RECEIVE, variables: { input: { procedureCode: '1.001939', applicant: { personalId }, channel: 'IN_PERSON', idempotencyKey: key } } }, { authorization: `Bearer ${token}` }).then((res) => ({ key, res }))),
      ),
    );
    for (const { res } of answers) {
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    }
    for (const key of keys) {
      const codes = new Set(answers.filter((a) => a.key === key).map((a) => a.res.body.data.receiveDossier.code));
      expect(codes.size).toBe(1);
      expect(await orm.em.fork().count(Dossier, { idempotencyKey: key })).toBe(1);
    }
  });

  it('keep the access log one intact chain when both record reads at once', async () => {
    const personalId = await newCitizen();
    const token = await tokenFor(OfficerRole.RECEIVING_OFFICER);
    const operation = `MultiProcessRead${randomBytes(4).toString('hex')}`;
    const query = `query ${operation}($id: String!) { individual(personalId: $id) { fullName dateOfBirth } }`;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post(apis[i % 2]!, { query, variables: { id: personalId } }, { authorization: `Bearer ${token}` })));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.body.data.individual.fullName).toBe('Hoàng Thị Thu');
    }
    // Every read recorded (stored before each answer left), and the chain verifies from its first link.
    // The server records what it knows of an ad-hoc document, its SHA-256 (unique here: the operation's name is random).
    const recorded = `sha256:${createHash('sha256').update(query).digest('hex')}`;
    expect(await orm.em.fork().count(AccessEvent, { operation: recorded })).toBe(40);
    const verification = await verifyAccessLog(orm.em.fork());
    expect(verification).toMatchObject({ intact: true });
  });

  it('count a rate limit across both through Redis', async () => {
    const name = `mp-${randomBytes(6).toString('hex')}`;
    const { key } = await createPartner(orm.em.fork(), { name, scopes: ['individuals:read'], rateLimitPerMinute: 6 });
    // Counted before the persisted-document check: an unknown hash is enough to be counted.
    const body = { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } };
    const statuses: number[] = [];
    const windowAt = () => Math.floor(Date.now() / 60_000);
    const firstWindow = windowAt();
    for (let i = 0; i < 10; i++) statuses.push((await post(apis[i % 2]!, body, { 'x-api-key': key })).status);
    // Each process alone saw 5 requests, under the limit of 6: only a count shared by both refuses any.
    if (windowAt() === firstWindow) {
      expect(statuses.slice(0, 6).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(6)).toEqual([429, 429, 429, 429]);
    } else {
      // The minute turned during the burst (the count restarts): still, a process-local count could never refuse.
      expect(statuses.some((s) => s === 429)).toBe(true);
    }
  });
});
