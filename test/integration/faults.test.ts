/**
 * Faults answered as faults (issue 11 item 5): PostgreSQL connections of the
 * API terminated (`pg_terminate_backend`, as a failover or an operator does)
 * — one at a chosen moment, and all of them again and again under load — and
 * the access log unable to store. Every request is answered: with its data
 * (after one retry where nothing had reached COMMIT), or with a retryable 503
 * `UNAVAILABLE` and `Retry-After`; never INTERNAL, never partial data, and a
 * retried write never made twice.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { Dossier } from '../../src/entities/dossier.entity.js';
import { digitize, metadata, newCitizen, receive, scans, startProcessApp, RECEIVE } from './process-fixtures.js';

let t: TestApp;
let officer: string;
let personalIds: string[];
let dossierCodes: string[];

/** A connection of the test's own to the run's database: it holds locks and terminates the API's connections. */
async function operator(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  return client;
}

/** Waits until some connection other than `operator`'s waits on a lock while running a statement matching `like`; its pid. */
async function blockedBackend(client: pg.Client, like: string): Promise<number> {
  for (let i = 0; i < 400; i++) {
    // The caller may be inside a transaction (holding the lock): activity statistics are a snapshot per transaction otherwise.
    await client.query('select pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock' and query ilike $1`,
      [like],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const { rows } = await client.query(`select pid, state, wait_event_type, wait_event, left(query, 200) as query from pg_stat_activity where datname = current_database()`);
  throw new Error(`no connection waited on a lock running ${like}: ${JSON.stringify(rows)}`);
}

/** Every connection of the API to the run's database, ended by the server. */
async function terminateApiConnections(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ ended: boolean }>(
    `select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
  );
  return rows.filter((r) => r.ended).length;
}

function post(token: string, body: Record<string, unknown>, app = t) {
  return app.http.post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send(body);
}

/** Sends a supertest request now (it is sent when first awaited). */
function started<T>(request: PromiseLike<T>): Promise<T> {
  return Promise.resolve(request);
}

const retried = () => t.logged.filter((line) => line.includes('running the request once more')).length;

/** A 503 as the faults are answered: retryable, nothing else in the body. */
function expectRetryable(res: { status: number; headers: Record<string, string>; body: any }, reason: string) {
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors[0].extensions).toMatchObject({ code: 'UNAVAILABLE', reason });
}

beforeAll(async () => {
  t = await startTestApp({ DB_POOL_SIZE: '4' }, { logLevel: 'warn' });
  officer = await t.token(OfficerRole.RECEIVING_OFFICER);
  const res = await t.graphql(`{ dossiers(first: 30) { edges { node { code applicant { ... on Individual { personalId } } } } } }`, {}, officer);
  expect(res.errors).toBeUndefined();
  const nodes = res.data.dossiers.edges.map((e: any) => e.node);
  dossierCodes = nodes.map((n: any) => n.code);
  personalIds = nodes.map((n: any) => n.applicant?.personalId).filter(Boolean);
  expect(personalIds.length).toBeGreaterThan(5);
});
afterAll(() => t.close());

describe('one connection terminated at a chosen moment', () => {
  it('runs a read again on a fresh connection when its connection is terminated under it', async () => {
    const client = await operator();
    try {
      await client.query('begin');
      await client.query('lock table dossier in access exclusive mode');
      const before = retried();
      const pending = started(post(officer, { query: `query($code: String!) { dossier(code: $code) { code status } }`, variables: { code: dossierCodes[0] } }));
      const pid = await blockedBackend(client, '%dossier%');
      await client.query('select pg_terminate_backend($1)', [pid]);
      await client.query('commit');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.dossier.code).toBe(dossierCodes[0]);
      expect(retried()).toBe(before + 1);
    } finally {
      await client.end();
    }
  });

  it('runs a write again when its transaction never reached COMMIT, and makes it once', async () => {
    const client = await operator();
    const key = `fault-${randomBytes(6).toString('hex')}`;
    try {
      await client.query('begin');
      await client.query('lock table dossier in access exclusive mode');
      const before = retried();
      const pending = started(post(officer, { query: RECEIVE, variables: { input: { procedureCode: '1.001939', applicant: { personalId: personalIds[0] }, channel: 'IN_PERSON', idempotencyKey: key } } }));
      const pid = await blockedBackend(client, '%dossier%');
      await client.query('select pg_terminate_backend($1)', [pid]);
      await client.query('commit');
      const res = await pending;
      expect(res.body.errors).toBeUndefined();
      expect(res.status).toBe(200);
      expect(retried()).toBe(before + 1);
      expect(await t.app.orm.em.fork().count(Dossier, { idempotencyKey: key })).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('refuses a read with a retryable 503 when its access events cannot be stored, and reveals nothing', async () => {
    const client = await operator();
    try {
      await client.query('begin');
      await client.query('lock table access_event in exclusive mode');
      const pending = started(post(officer, { query: `query($id: String!) { individual(personalId: $id) { fullName personalId dateOfBirth } }`, variables: { id: personalIds[1] } }));
      const pid = await blockedBackend(client, '%access_event%');
      await client.query('select pg_terminate_backend($1)', [pid]);
      await client.query('commit');
      const res = await pending;
      expectRetryable(res, 'ACCESS_LOG_UNAVAILABLE');
      expect(JSON.stringify(res.body)).not.toContain(personalIds[1]);
      // Sent again, it is answered and recorded.
      const again = await post(officer, { query: `query($id: String!) { individual(personalId: $id) { personalId } }`, variables: { id: personalIds[1] } });
      expect(again.body.data.individual.personalId).toBe(personalIds[1]);
    } finally {
      await client.end();
    }
  });

  it('refuses a download the same way when its access event cannot be stored', async () => {
    const p = await startProcessApp();
    const client = await operator();
    try {
      const citizen = await newCitizen(p);
      const dossier = await receive(p, '1.001939', citizen.personalId);
      const { component } = await digitize(p, dossier.code, 'TP01', metadata.TK1TS(citizen.fullName), scans.jpeg());
      await client.query('begin');
      await client.query('lock table access_event in exclusive mode');
      const pending = started(p.http.get(component.document.file.downloadUrl).set('authorization', `Bearer ${p.as.processing}`));
      const pid = await blockedBackend(client, '%access_event%');
      await client.query('select pg_terminate_backend($1)', [pid]);
      await client.query('commit');
      const res = await pending;
      expectRetryable(res, 'ACCESS_LOG_UNAVAILABLE');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    } finally {
      await client.end();
      await p.close();
    }
  });
});

describe('connections terminated again and again under load', () => {
  it('answers every request with its data or a retryable 503, never INTERNAL, and makes each write once', async () => {
    type Answer = { status: number; body: any; headers: Record<string, string> };
    const answers: { kind: string; key?: string; body: Record<string, unknown>; res: Answer }[] = [];
    const keys: string[] = [];
    const requests: ((i: number) => { kind: string; key?: string; body: Record<string, unknown> })[] = [
      (i: number) => ({ kind: 'deep read', body: { query: `query($code: String!) { dossier(code: $code) { code status procedure { code } applicant { ... on Individual { fullName personalId } }
        components { requirement { code } document { code owner { ... on Individual { personalId } } } } } }`, variables: { code: dossierCodes[i % dossierCodes.length] } } }),
      (i: number) => ({ kind: 'individual', body: { query: `query($id: String!) { individual(personalId: $id) { fullName dateOfBirth } }`, variables: { id: personalIds[i % personalIds.length] } } }),
      () => ({ kind: 'page', body: { query: `{ dossiers(first: 10) { totalCount edges { node { code status } } } }` } }),
      (i: number) => {
        const key = `load-${randomBytes(6).toString('hex')}`;
        keys.push(key);
        return { kind: 'write', key, body: { query: RECEIVE, variables: { input: { procedureCode: '1.001939', applicant: { personalId: personalIds[i % personalIds.length] }, channel: 'IN_PERSON', idempotencyKey: key } } } };
      },
    ];

    const client = await operator();
    let running = true;
    let terminated = 0;
    const killer = (async () => {
      while (running) {
        terminated += await terminateApiConnections(client);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    const retriesBefore = retried();
    try {
      const workers = Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 16; i++) {
            const { kind, key, body } = requests[(w + i) % requests.length](w * 16 + i);
            const res = await post(officer, body);
            answers.push({ kind, key, body, res: { status: res.status, body: res.body, headers: res.headers as Record<string, string> } });
          }
        })(),
      );
      await Promise.all(workers);
    } finally {
      running = false;
      await killer;
      await client.end();
    }

    // Every request answered: 8 workers × 16 requests, each with a response.
    expect(answers).toHaveLength(128);
    const internal = answers.filter((a) => JSON.stringify(a.res.body).includes('"INTERNAL"'));
    expect(internal.map((a) => ({ kind: a.kind, body: JSON.stringify(a.res.body).slice(0, 600) }))).toEqual([]);
    for (const { res } of answers) {
      if (res.status === 200) expect(res.body.errors).toBeUndefined();
      else expectRetryable(res, res.body.errors?.[0]?.extensions?.reason === 'ACCESS_LOG_UNAVAILABLE' ? 'ACCESS_LOG_UNAVAILABLE' : 'DATABASE_UNAVAILABLE');
    }
    const unavailable = answers.filter((a) => a.res.status === 503).length;
    const retries = retried() - retriesBefore;
    // The faults did happen: connections were ended, and requests met them.
    expect(terminated).toBeGreaterThan(0);
    expect(retries + unavailable).toBeGreaterThan(0);
    console.log(`faults under load: ${terminated} connections terminated, ${retries} requests run again, ${unavailable} answered 503, ${answers.length - unavailable} answered 200`);

    // Writes answered 503 are sent again with their key, as a client does: each key makes one dossier.
    for (const a of answers.filter((x) => x.kind === 'write' && x.res.status === 503)) {
      const again = await post(officer, a.body);
      expect(again.body.errors).toBeUndefined();
    }
    const em = t.app.orm.em.fork();
    for (const key of keys) expect(await em.count(Dossier, { idempotencyKey: key })).toBe(1);
  }, 240_000);
});
