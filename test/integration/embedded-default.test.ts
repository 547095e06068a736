/**
 * The README's first command runs on the embedded PGlite database, not on the
 * PostgreSQL server the other tests use: its migrations (the access log's
 * PL/pgSQL function among them), the catalog, a demo, and a read that appends to
 * the access log must work there too; the demo's signed files download and verify.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { signDevelopmentToken } from '../../src/auth/tokens.js';
import { migrate } from '../../src/db/orm.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { seedCatalog } from '../../src/seed/catalog.js';
import { seedDemo } from '../../src/seed/demo.js';
import { verifyAccessLog } from '../../src/services/access-log-audit.js';
import { HANOI_AGENCY, HANOI_OFFICER } from '../helpers/app.js';

let dataDir: string;
let embedded: EmbeddedDatabase;
let app: App;
let signedFiles: string[];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vss-embedded-'));
  embedded = await startEmbeddedDatabase(dataDir);
  // DB_POOL_SIZE 1: PGlite serves one connection at a time, as main.ts configures it when DATABASE_URL is unset.
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: embedded.url, DB_POOL_SIZE: '1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEARCH_BACKEND: 'postgres' });
  app = await createApp({ config, logger: pino({ level: 'silent' }), databaseUrl: embedded.url });
  await migrate(app.orm);
  await seedCatalog(app.orm.em.fork());
  const seeded = await seedDemo(app.orm.em.fork(), { seed: 7, individuals: 40, organizations: 4, dossiers: 12, files: { dataDir, count: 4 } });
  signedFiles = seeded.skipped ? [] : seeded.signedFiles;
}, 300_000);

afterAll(async () => {
  await app?.close();
  await embedded?.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('answers a deep read on PGlite and appends its access events to an intact chain', async () => {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: embedded.url });
  const token = await signDevelopmentToken(config, { sub: HANOI_OFFICER.RECEIVING_OFFICER, agency: HANOI_AGENCY, roles: [OfficerRole.RECEIVING_OFFICER] });
  const query = `{ dossiers(first: 5) { edges { node { code procedure { code } applicant { ... on Individual { fullName personalId } }
    components { requirement { code } document { code owner { ... on Individual { personalId } } } } } } } }`;
  const res = await supertest(app.express).post('/graphql').set('authorization', `Bearer ${token}`).send({ query });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.dossiers.edges).toHaveLength(5);
  const chain = await verifyAccessLog(app.orm.em.fork());
  expect(chain.intact).toBe(true);
  expect(chain.events).toBeGreaterThan(0);
});

it('gives the first start demo documents with signed PDF files that download and verify', async () => {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: embedded.url });
  const token = await signDevelopmentToken(config, { sub: HANOI_OFFICER.PROCESSING_OFFICER, agency: HANOI_AGENCY, roles: [OfficerRole.PROCESSING_OFFICER] });
  // Three scans and one procedure result (a third of them), each signed by its officer.
  expect(signedFiles).toHaveLength(4);
  const query = `query($code: String!) { document(code: $code) { source file { sha256 mediaType downloadUrl } signature { valid format signedBy { code } } } }`;
  const sources: string[] = [];
  for (const code of signedFiles) {
    const res = await supertest(app.express).post('/graphql').set('authorization', `Bearer ${token}`).send({ query, variables: { code } });
    expect(res.body.errors).toBeUndefined();
    const document = res.body.data.document;
    expect(document.file.mediaType).toBe('application/pdf');
    expect(document.signature).toMatchObject({ valid: true, format: 'PADES' });
    sources.push(document.source);
    const download = await supertest(app.express).get(document.file.downloadUrl).set('authorization', `Bearer ${token}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect((download.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(download.body as Buffer).digest('hex')).toBe(document.file.sha256);
  }
  expect(sources.sort()).toEqual(['PROCEDURE_RESULT', 'SCANNED', 'SCANNED', 'SCANNED']);
});
