/**
 * SIGTERM under load (issue 11 item 6), on the API as deployed: the built
 * `dist/src/main.js` in a child process, on a PostgreSQL server and on the
 * embedded default (PGlite). While keep-alive clients keep sending reads and
 * writes: no request in flight loses its answer, none is INTERNAL, a new
 * request on an open connection is answered 503 with `Connection: close`, new
 * connections are refused, and the process exits by itself within its deadline
 * — also when a request never finishes, and at once on a second signal.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { signDevelopmentToken } from '../../src/auth/tokens.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { HANOI_AGENCY, HANOI_OFFICER } from '../helpers/app.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { ensureTestDatabase } from '../helpers/test-database.js';
import { buildApi, startApiProcess, type ApiProcess } from '../helpers/api-process.js';

const ROOT = process.cwd();
const JWT_SECRET = 'shutdown-test-secret-of-at-least-32-characters';

// The API as deployed: the same build `npm start` runs.
beforeAll(() => buildApi(), 600_000);

type Api = ApiProcess;

/** The built API in production mode (limits out of the way of the load) in a child process on a free port. */
function startApi(env: Record<string, string | undefined>): Promise<Api> {
  return startApiProcess({ NODE_ENV: 'production', JWT_SECRET, RATE_LIMIT_PER_MINUTE: '1000000', COST_BUDGET_PER_MINUTE: '1000000000', ...env });
}

/** Waits until the process printed a line matching `pattern`. */
async function printed(api: Api, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 1200 && !pattern.test(api.output()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!pattern.test(api.output())) throw new Error(`the API never printed ${pattern}:\n${api.output().slice(-3000)}`);
}

interface Answer {
  status: number;
  body: any;
  connection: string | undefined;
  retryAfter: string | undefined;
}

/** One POST /graphql on `agent`'s connection, with a purpose (production refuses personal data without one); a socket error rejects with its code. */
function request(port: number, agent: http.Agent, token: string, body: unknown): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}`, 'x-purpose': 'shutdown-test' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // kept as text: the assertions below show it
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, connection: res.headers.connection, retryAfter: res.headers['retry-after'] as string | undefined });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const tokenFor = (role: OfficerRole) =>
  signDevelopmentToken(loadConfig({ ...process.env, NODE_ENV: 'production', JWT_SECRET }), { sub: HANOI_OFFICER[role], agency: HANOI_AGENCY, roles: [role] });

const UPSERT = `mutation($input: UpsertIndividualInput!) { upsertIndividual(input: $input) { personalId } }`;
const RECEIVE = `mutation($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code status } }`;
const READ = `query($id: String!) { individual(personalId: $id) { fullName personalId dateOfBirth } procedures { code name requiredComponents { code documentType { code } } } }`;

interface LoadOutcome {
  answers: (Answer & { sentAt: number; answeredAt: number; kind: string })[];
  /** Requests refused a new connection after the server stopped listening: expected, not lost. */
  refused: number;
  /** Requests sent on an open connection that got no answer (reset, hang-up): never expected. */
  lost: { kind: string; code: string }[];
}

/**
 * `workers` clients, each on a keep-alive connection of its own, sending reads
 * and writes one after the other until their connection is refused.
 */
function load(port: number, tokens: { officer: string }, personalIds: string[], workers: number, stop: { after?: number }): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { answers: [], refused: 0, lost: [] };
  const run = async (w: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; ; i++) {
        const write = (w + i) % 3 === 0;
        const kind = write ? 'write' : 'read';
        const body = write
          ? { query: RECEIVE, variables: { input: { procedureCode: '1.001939', applicant: { personalId: personalIds[(w + i) % personalIds.length] }, channel: 'IN_PERSON', idempotencyKey: `sd-${randomBytes(6).toString('hex')}` } } }
          : { query: READ, variables: { id: personalIds[(w + i) % personalIds.length] } };
        const sentAt = Date.now();
        try {
          const answer = await request(port, agent, tokens.officer, body);
          outcome.answers.push({ ...answer, sentAt, answeredAt: Date.now(), kind });
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? String(error);
          if (code === 'ECONNREFUSED') outcome.refused += 1;
          else outcome.lost.push({ kind, code });
          return;
        }
        if (stop.after !== undefined && sentAt > stop.after + 60_000) return; // bounded: never loops for ever
      }
    } finally {
      agent.destroy();
    }
  };
  return Promise.all(Array.from({ length: workers }, (_, w) => run(w))).then(() => outcome);
}

/** Citizens for the load, made through the API. */
async function citizens(port: number, count: number): Promise<string[]> {
  const admin = await tokenFor(OfficerRole.ADMIN);
  const agent = new http.Agent({ keepAlive: false });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const personalId = `001190${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const res = await request(port, agent, admin, { query: UPSERT, variables: { input: { personalId, fullName: 'Trần Thị Hoà', dateOfBirth: '1990-07-07', gender: 'FEMALE', provinceCode: '01' } } });
    if (res.status !== 200 || res.body.errors) throw new Error(JSON.stringify(res.body));
    ids.push(personalId);
  }
  return ids;
}

/** A portal receiver that acknowledges each status change after a while: the relay is busy when the API is stopped. */
async function slowPortal(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => {
      received += 1;
      res.writeHead(200).end('{}');
    }, 150));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/events`, received: () => received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * SIGTERM while the load runs, with an idle keep-alive connection kept aside;
 * the outcome, with what the idle connection got when it sent a request after the signal.
 */
async function sigtermUnderLoad(api: Api, personalIds: string[]) {
  const officer = await tokenFor(OfficerRole.RECEIVING_OFFICER);
  const idleAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // One request, then the connection stays open and idle.
  expect((await request(api.port, idleAgent, officer, { query: '{ __typename }' })).status).toBe(200);
  const stop: { after?: number } = {};
  const running = load(api.port, { officer }, personalIds, 12, stop);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const sigtermAt = Date.now();
  stop.after = sigtermAt;
  api.child.kill('SIGTERM');
  await printed(api, /no new requests, draining/);
  const onIdleConnection = await request(api.port, idleAgent, officer, { query: '{ __typename }' });
  idleAgent.destroy();
  const outcome = await running;
  const exit = await api.exited;
  return { outcome, onIdleConnection, exit, sigtermAt, stoppedAfterMs: Date.now() - sigtermAt };
}

function expectDrained(result: Awaited<ReturnType<typeof sigtermUnderLoad>>, api: Api) {
  const { outcome, onIdleConnection, exit, sigtermAt } = result;
  // Nothing sent on an open connection went unanswered; nothing was INTERNAL or a 500.
  expect(outcome.lost).toEqual([]);
  expect(outcome.answers.filter((a) => a.status === 500 || JSON.stringify(a.body).includes('"INTERNAL"'))).toEqual([]);
  // Requests in flight when the signal came were answered with their data.
  const inFlight = outcome.answers.filter((a) => a.sentAt < sigtermAt && a.answeredAt > sigtermAt);
  expect(inFlight.length).toBeGreaterThan(0);
  for (const answer of inFlight) {
    expect(answer.body.errors).toBeUndefined();
    expect(answer.status).toBe(200);
  }
  for (const answer of outcome.answers) {
    if (answer.status === 200) expect(answer.body.errors).toBeUndefined();
    else {
      expect(answer.status).toBe(503);
      expect(answer.connection).toBe('close');
      expect(answer.body.errors[0].extensions).toMatchObject({ code: 'UNAVAILABLE', reason: 'SHUTTING_DOWN' });
    }
  }
  // A new request on an open keep-alive connection: 503, Connection: close, Retry-After.
  expect(onIdleConnection).toMatchObject({ status: 503, connection: 'close', retryAfter: '1' });
  expect(onIdleConnection.body.errors[0].extensions).toMatchObject({ code: 'UNAVAILABLE', reason: 'SHUTTING_DOWN' });
  // New connections were refused; the process exited by itself, everything drained and closed in time.
  expect(outcome.refused).toBeGreaterThan(0);
  expect(exit).toEqual({ code: 0, signal: null });
  expect(api.output()).toMatch(/"msg":"stopped"/);
  return { inFlight: inFlight.length, answered: outcome.answers.length, refusedOnIdle: 1 };
}

describe('SIGTERM under load, on a PostgreSQL server', () => {
  let portal: Awaited<ReturnType<typeof slowPortal>>;
  beforeAll(async () => {
    await ensureTestDatabase();
    portal = await slowPortal();
  });
  afterAll(() => portal?.close());

  const serverEnv = () => ({ DATABASE_URL: testDatabaseUrl(), ELASTICSEARCH_URL: undefined, SEARCH_BACKEND: 'postgres', SHUTDOWN_TIMEOUT_MS: '20000', PORTAL_SYNC_URL: portal.url, PORTAL_SYNC_SECRET: 'portal-secret-of-16-chars-or-more', PORTAL_SYNC_POLL_MS: '100' });

  it('drains: in-flight requests answered, new ones on open connections 503 + Connection: close, workers stopped, exit 0', async () => {
    const api = await startApi(serverEnv());
    const personalIds = await citizens(api.port, 4);
    const result = await sigtermUnderLoad(api, personalIds);
    const counts = expectDrained(result, api);
    expect(portal.received()).toBeGreaterThan(0);
    console.log(`SIGTERM on PostgreSQL: ${counts.answered} answered (${counts.inFlight} in flight at the signal), ${result.outcome.refused} new connections refused, exit ${result.exit.code} ${result.stoppedAfterMs} ms after the signal`);
  }, 400_000);

  it('exits at its deadline when a request never finishes, answering that request 503; a second signal exits at once', async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const officer = await tokenFor(OfficerRole.RECEIVING_OFFICER);
      const dossierQuery = { query: '{ dossiers(first: 1) { totalCount } }' };

      const api = await startApi({ ...serverEnv(), PORTAL_SYNC_URL: undefined, SHUTDOWN_TIMEOUT_MS: '3000' });
      await client.query('begin');
      await client.query('lock table dossier in access exclusive mode');
      const blocked = request(api.port, new http.Agent({ keepAlive: true }), officer, dossierQuery);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      api.child.kill('SIGTERM');
      const exit = await api.exited;
      const answer = await blocked;
      await client.query('rollback');
      // Cut short at the deadline: exit 1, and the request that could not finish was answered, not dropped.
      expect(exit).toEqual({ code: 1, signal: null });
      expect(api.output()).toMatch(/shutdown deadline: answering what is still in flight 503/);
      expect(answer).toMatchObject({ status: 503, connection: 'close' });
      expect(answer.body.errors[0].extensions.reason).toBe('SHUTTING_DOWN');

      const again = await startApi({ ...serverEnv(), PORTAL_SYNC_URL: undefined, SHUTDOWN_TIMEOUT_MS: '60000' });
      await client.query('begin');
      await client.query('lock table dossier in access exclusive mode');
      const stuck = request(again.port, new http.Agent({ keepAlive: true }), officer, dossierQuery).catch((error: NodeJS.ErrnoException) => error.code);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      again.child.kill('SIGTERM');
      await printed(again, /no new requests, draining/);
      again.child.kill('SIGTERM');
      // Exits on the second signal, long before its 60 s deadline (the jest timeout of this test is shorter).
      expect(await again.exited).toEqual({ code: 143, signal: null });
      expect(again.output()).toMatch(/second signal: exiting now/);
      await stuck;
      await client.query('rollback');
    } finally {
      await client.end();
    }
  }, 300_000);
});

describe('SIGTERM under load, on the embedded default (PGlite)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vss-shutdown-embedded-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('drains within its deadline too: in-flight requests answered, no INTERNAL, exit 0', async () => {
    // The embedded default: no DATABASE_URL; the demo data is left out to start faster (the catalog is there).
    const api = await startApi({ DATABASE_URL: undefined, DATA_DIR: dataDir, SEED_DEMO: 'false', ELASTICSEARCH_URL: undefined, SEARCH_BACKEND: 'postgres', SHUTDOWN_TIMEOUT_MS: '20000' });
    const personalIds = await citizens(api.port, 4);
    const result = await sigtermUnderLoad(api, personalIds);
    const counts = expectDrained(result, api);
    console.log(`SIGTERM on PGlite: ${counts.answered} answered (${counts.inFlight} in flight at the signal), ${result.outcome.refused} new connections refused, exit ${result.exit.code} ${result.stoppedAfterMs} ms after the signal`);
  }, 500_000);
});

describe('the watchdog', () => {
  it('kills a process whose main thread is stuck and cannot run its own deadline', async () => {
    const script = `import('${join(ROOT, 'dist', 'src', 'shutdown.js')}').then(({ startWatchdog }) => { startWatchdog(300); console.log('stuck'); for (;;) {} });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
  }, 60_000);
});
