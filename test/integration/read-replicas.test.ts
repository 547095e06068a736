/**
 * Read replicas against a real primary and streaming replica (test/helpers/replica-cluster.ts): reads served by the
 * replica, read-your-writes while replay is paused (in the request and across requests of the same officer), a
 * lagging or stopped replica out of rotation with reads on the primary and no error, and nothing changed without
 * DATABASE_REPLICA_URLS.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrm, migrate } from '../../src/db/orm.js';
import { seedCatalog } from '../../src/seed/catalog.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startReplicaCluster, type ReplicaCluster } from '../helpers/replica-cluster.js';

const DATABASE = 'vss_replicas';
const UPSERT = `mutation($input: UpsertIndividualInput!) { upsertIndividual(input: $input) { personalId fullName } }`;
const READ = `query($personalId: String!) { individual(personalId: $personalId) { personalId fullName } }`;

let cluster: ReplicaCluster;
let dataDir: string;
const apps: TestApp[] = [];

beforeAll(async () => {
  cluster = await startReplicaCluster();
  dataDir = await mkdtemp(join(tmpdir(), 'vss-replicas-'));
  await cluster.sql('primary', `create database ${DATABASE}`);
  const orm = await createOrm({ clientUrl: cluster.primaryUrl(DATABASE), poolSize: 2 });
  try {
    await migrate(orm);
    await seedCatalog(orm.em.fork());
  } finally {
    await orm.close(true);
  }
  await cluster.caughtUp(DATABASE);
}, 120_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}): Promise<TestApp> {
  const app = await startTestApp({ DATA_DIR: dataDir, ...env }, { databaseUrl: cluster.primaryUrl(DATABASE) });
  apps.push(app);
  return app;
}

function withReplica(env: Record<string, string> = {}): Promise<TestApp> {
  return start({ DATABASE_REPLICA_URLS: cluster.replicaUrl(DATABASE), DATABASE_REPLICA_CHECK_MS: '100', DATABASE_REPLICA_WAIT_MS: '300', DATABASE_REPLICA_MAX_LAG_MS: '60000', ...env });
}

async function upsert(t: TestApp, as: string, personalId: string, fullName: string): Promise<void> {
  const res = await t.graphql(UPSERT, { input: { personalId, fullName, dateOfBirth: '1990-07-07', gender: 'FEMALE', provinceCode: '01' } }, as);
  expect(res.errors).toBeUndefined();
}

async function nameOf(t: TestApp, as: string, personalId: string): Promise<string | null> {
  const res = await t.graphql(READ, { personalId }, as);
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res.data.individual?.fullName ?? null;
}

/** The connections that ran statements reading the individual table since the last reset. */
function individualReadsOn(t: TestApp): string[] {
  return t.statements.list.flatMap((sql, i) => (/^select\b[\s\S]*\bfrom "individual"/i.test(sql) ? [t.statements.connections[i]!] : []));
}

async function metric(t: TestApp, line: RegExp): Promise<number | undefined> {
  const text = (await t.http.get('/metrics')).text;
  const found = text.split('\n').find((l) => line.test(l));
  return found === undefined ? undefined : Number(found.split(' ').pop());
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const newPersonalId = () => `001190${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

describe('read replicas', () => {
  it('serves reads from the replica, which is in recovery', async () => {
    const t = await withReplica();
    const admin = await t.token(OfficerRole.ADMIN);
    const reader = await t.token(OfficerRole.RECEIVING_OFFICER);
    const personalId = newPersonalId();
    await upsert(t, admin, personalId, 'Nguyễn Thị Lan');
    await cluster.caughtUp(DATABASE);

    t.statements.reset();
    expect(await nameOf(t, reader, personalId)).toBe('Nguyễn Thị Lan');
    const on = individualReadsOn(t);
    expect(on.length).toBeGreaterThan(0);
    expect(on.every((name) => name.startsWith('replica '))).toBe(true);
    // The server behind that connection is the standby.
    const [{ recovery }] = await cluster.sql<{ recovery: boolean }>('replica', 'select pg_is_in_recovery() as recovery', DATABASE);
    expect(recovery).toBe(true);
    expect(await metric(t, /^db_read_routes_total\{route="replica"\}/)).toBeGreaterThanOrEqual(1);
    expect(await metric(t, /^db_replica_in_rotation\{/)).toBe(1);
  });

  it('keeps read-your-writes while replay is paused: the writer reads its write, another officer still sees the replica', async () => {
    const t = await withReplica();
    // An officer who both writes master data and reads personal data unmasked.
    const admin = await t.token([OfficerRole.ADMIN, OfficerRole.RECEIVING_OFFICER]);
    const reader = await t.token(OfficerRole.RECEIVING_OFFICER, { officer: 'CB01-0002' });
    const personalId = newPersonalId();
    await upsert(t, admin, personalId, 'Trần Văn Minh');
    await cluster.caughtUp(DATABASE);
    await cluster.pauseReplay();
    try {
      await upsert(t, admin, personalId, 'Trần Văn Minh Đức');
      // The next request of the same officer: the replica has not replayed the write, so the primary answers.
      t.statements.reset();
      expect(await nameOf(t, admin, personalId)).toBe('Trần Văn Minh Đức');
      expect(individualReadsOn(t).every((name) => name === 'primary' || !name.startsWith('replica '))).toBe(true);
      // Another officer reads the replica: the lag is real.
      t.statements.reset();
      expect(await nameOf(t, reader, personalId)).toBe('Trần Văn Minh');
      expect(individualReadsOn(t).every((name) => name.startsWith('replica '))).toBe(true);
      expect(await metric(t, /^db_read_routes_total\{route="primary-after-write"\}/)).toBeGreaterThanOrEqual(1);
    } finally {
      await cluster.resumeReplay();
    }
    await cluster.caughtUp(DATABASE);
    expect(await nameOf(t, reader, personalId)).toBe('Trần Văn Minh Đức');
    // Once the replica has replayed the write, the writer's reads go back to it.
    t.statements.reset();
    expect(await nameOf(t, admin, personalId)).toBe('Trần Văn Minh Đức');
    expect(individualReadsOn(t).every((name) => name.startsWith('replica '))).toBe(true);
  });

  it('reads a request makes after its own write go to the primary', async () => {
    const t = await withReplica();
    const receiving = await t.token(OfficerRole.RECEIVING_OFFICER);
    const personalId = newPersonalId();
    await upsert(t, await t.token(OfficerRole.ADMIN), personalId, 'Lê Thị Hạnh');
    await cluster.caughtUp(DATABASE);
    await cluster.pauseReplay();
    try {
      // The applicant's dossiers are read after the receive committed, in the same request, outside its transaction.
      const res = await t.graphql(
        `mutation($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code applicant { ... on Individual { dossiers(first: 10) { edges { node { code } } } } } } }`,
        { input: { procedureCode: '1.001939', applicant: { personalId }, channel: 'IN_PERSON', idempotencyKey: `replica-${personalId}` } },
        receiving,
      );
      expect(res.errors).toBeUndefined();
      const code = res.data.receiveDossier.code as string;
      expect(res.data.receiveDossier.applicant.dossiers.edges.map((e: { node: { code: string } }) => e.node.code)).toContain(code);
      // The replica has not replayed it: the read above could only come from the primary.
      const onReplica = await cluster.sql<{ n: string }>('replica', `select count(*) as n from dossier where code = '${code}'`, DATABASE);
      expect(Number(onReplica[0]!.n)).toBe(0);
    } finally {
      await cluster.resumeReplay();
    }
  });

  it('takes a replica lagging beyond the bound out of rotation, reads on the primary, and back once it caught up', async () => {
    const t = await withReplica({ DATABASE_REPLICA_MAX_LAG_MS: '300' });
    const reader = await t.token(OfficerRole.RECEIVING_OFFICER);
    const personalId = newPersonalId();
    await upsert(t, await t.token(OfficerRole.ADMIN), personalId, 'Phạm Quốc Bảo');
    await cluster.pauseReplay();
    try {
      await cluster.sql('primary', 'create table lag_probe (id int); drop table lag_probe', DATABASE);
      await until(async () => (await metric(t, /^db_replica_in_rotation\{/)) === 0);
      expect(await metric(t, /^db_replica_lag_seconds\{/)).toBeGreaterThan(0.3);
      expect(await metric(t, /^db_replica_lag_bytes\{/)).toBeGreaterThan(0);
      t.statements.reset();
      expect(await nameOf(t, reader, personalId)).toBe('Phạm Quốc Bảo');
      expect(individualReadsOn(t).some((name) => name.startsWith('replica '))).toBe(false);
    } finally {
      await cluster.resumeReplay();
    }
    await until(async () => (await metric(t, /^db_replica_in_rotation\{/)) === 1);
    expect(await metric(t, /^db_replica_lag_seconds\{/)).toBe(0);
  });

  it('answers from the primary, without an error, when the replica stops, and uses it again when it is back', async () => {
    const t = await withReplica({ DATABASE_REPLICA_CHECK_MS: '60000' });
    const reader = await t.token(OfficerRole.RECEIVING_OFFICER);
    const personalId = newPersonalId();
    await upsert(t, await t.token(OfficerRole.ADMIN), personalId, 'Đỗ Minh Châu');
    await cluster.caughtUp(DATABASE);
    expect(await nameOf(t, reader, personalId)).toBe('Đỗ Minh Châu');
    // The monitor checks once a minute here: the request itself finds the replica gone.
    await cluster.stopReplica();
    try {
      for (let i = 0; i < 3; i++) expect(await nameOf(t, reader, personalId)).toBe('Đỗ Minh Châu');
      expect(await metric(t, /^db_replica_in_rotation\{/)).toBe(0);
      t.statements.reset();
      expect(await nameOf(t, reader, personalId)).toBe('Đỗ Minh Châu');
      expect(individualReadsOn(t).some((name) => name.startsWith('replica '))).toBe(false);
      // A process started while the replica is down starts, and reads on the primary.
      const late = await withReplica({ DATABASE_REPLICA_CHECK_MS: '60000' });
      expect(await metric(late, /^db_replica_in_rotation\{/)).toBe(0);
      expect(await nameOf(late, reader, personalId)).toBe('Đỗ Minh Châu');
    } finally {
      await cluster.startReplica();
    }
    await t.app.readRouter!.check();
    expect(await metric(t, /^db_replica_in_rotation\{/)).toBe(1);
  });

  it('changes nothing without DATABASE_REPLICA_URLS: every statement on the primary, no replication statement, the same count', async () => {
    const plain = await start();
    const routed = await withReplica();
    const admin = await plain.token(OfficerRole.ADMIN);
    const reader = await plain.token(OfficerRole.RECEIVING_OFFICER);
    const personalId = newPersonalId();
    plain.statements.reset();
    await upsert(plain, admin, personalId, 'Vũ Thị Mai');
    expect(await nameOf(plain, reader, personalId)).toBe('Vũ Thị Mai');
    expect(plain.statements.connections.every((name) => !name.startsWith('replica '))).toBe(true);
    expect(plain.statements.list.some((sql) => /pg_current_wal_lsn|pg_last_wal_replay_lsn/.test(sql))).toBe(false);
    await cluster.caughtUp(DATABASE);
    plain.statements.reset();
    expect(await nameOf(plain, reader, personalId)).toBe('Vũ Thị Mai');
    const plainCount = plain.statements.count();
    await routed.app.readRouter!.stop();
    // Once warm (the officer's standing is cached per process), as the plain app was.
    expect(await nameOf(routed, reader, personalId)).toBe('Vũ Thị Mai');
    routed.statements.reset();
    expect(await nameOf(routed, reader, personalId)).toBe('Vũ Thị Mai');
    // A read routed to the replica runs the same statements, only elsewhere.
    expect(routed.statements.list).toEqual(plain.statements.list.slice(0, plainCount));
    expect(routed.statements.connections.filter((name) => name.startsWith('replica ')).length).toBeGreaterThan(0);
  });
});
