/**
 * The partner flow on the embedded default (issue 14 item 7): with a `npm start` running on
 * PGlite (no DATABASE_URL), `persisted:publish`, `partner` and `audit:verify` work on the
 * database of that running API — the partner they create is the one the API then recognises
 * — and, once the API has stopped, they say how to get a database instead of failing obscurely.
 * Everything runs as the README says: through scripts/run-built.mjs, on the built code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { MANIFEST_PATH } from '../../src/partners/publish.js';
import { startApiProcess, type ApiProcess } from '../helpers/api-process.js';

const ROOT = process.cwd();
const LAUNCHER = join(ROOT, 'scripts', 'run-built.mjs');

let dataDir: string;
let api: ApiProcess;

/** The environment of `npm start` on a machine without DATABASE_URL, in a DATA_DIR of its own. */
function embeddedEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'development', PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn', SEARCH_BACKEND: 'postgres' };
  // Unset (spawn leaves out undefined values; startApiProcess removes them).
  for (const name of ['DATABASE_URL', 'ELASTICSEARCH_URL', 'REDIS_URL', 'PORTAL_SYNC_URL', 'PORTAL_SYNC_SECRET']) env[name] = undefined;
  return env;
}

/** A command as `npm run <script>` runs it; its exit code and what it printed. */
function command(entry: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [LAUNCHER, entry, ...args], { cwd: ROOT, env: embeddedEnv(), encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function graphql(body: unknown, headers: Record<string, string>): Promise<{ status: number; body: { data?: unknown; errors?: { extensions?: { code?: string; reason?: string } }[] } }> {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as never };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'vss-partner-embedded-'));
  // The build the commands run (the launcher builds only when it is stale).
  execFileSync(process.execPath, [LAUNCHER, '--build'], { cwd: ROOT, stdio: 'inherit' });
  api = await startApiProcess(embeddedEnv(), [LAUNCHER, 'dist/src/main.js']);
}, 300_000);

afterAll(async () => {
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

it('publishes the persisted operations, registers a partner the running API then recognises, and verifies the access log', async () => {
  const published = command('dist/src/cli/publish-persisted.js', []);
  expect(published.stderr).toBe('');
  expect(published.code).toBe(0);
  expect(published.stdout).toMatch(/\d+ operations published\./);

  // The partner-name rule the README states: lower case, digits, `.`, `-`, `_`.
  const refused = command('dist/src/cli/partner.js', ['create', '--name', 'Bo Tu Phap', '--scopes', 'individuals:read']);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toMatch(/lower.?case/i);

  const created = command('dist/src/cli/partner.js', ['create', '--name', 'bo-tu-phap.test_1', '--scopes', 'individuals:read,documents:read']);
  expect(created.code).toBe(0);
  const key = created.stdout.trim().split(/\s+/).pop()!;
  expect(key).toMatch(/^vssp_/);

  // The API knows the key: a partner's ad-hoc query text is refused as such (403), an unknown key is not a partner (401).
  const adHoc = await graphql({ query: '{ __typename }' }, { 'x-api-key': key });
  expect(adHoc.status).toBe(403);
  expect(adHoc.body.errors?.[0]?.extensions?.reason).toBe('PERSISTED_QUERY_REQUIRED');
  const unknown = await graphql({ query: '{ __typename }' }, { 'x-api-key': `${key.slice(0, -4)}AAAA` });
  expect(unknown.status).toBe(401);

  // A published operation on its allow-list runs (nobody with this personal ID on an empty warehouse).
  const manifest = JSON.parse(readFileSync(join(ROOT, MANIFEST_PATH), 'utf8')) as Record<string, string>;
  const [hash] = Object.entries(manifest).find(([, text]) => text.includes('query PartnerIndividualDocuments'))!;
  const run = await graphql({ documentId: hash, variables: { personalId: '001099012345', documentTypeCodes: ['BIRTH_CERTIFICATE'] } }, { 'x-api-key': key });
  expect(run.body.errors).toBeUndefined();
  expect(run.status).toBe(200);
  expect(run.body.data).toEqual({ individual: null });

  const listed = command('dist/src/cli/partner.js', ['list']);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(/^bo-tu-phap\.test_1: scopes documents:read, individuals:read;/m);

  const audit = command('dist/src/cli/audit-verify.js', []);
  expect(audit.code).toBe(0);
  // The sealed per-writer chains' report (a note first when no seal has been written to the file yet).
  expect(audit.stdout).toMatch(/^Access log intact: \d+ events in \d+ chain\(s\) verified\./m);
}, 300_000);

it('says how to get a database once the API has stopped', async () => {
  await api.stop();
  const listed = command('dist/src/cli/partner.js', ['list']);
  expect(listed.code).toBe(2);
  expect(listed.stderr).toContain('no `npm start` serves its embedded database from DATA_DIR');
}, 120_000);
