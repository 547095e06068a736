/**
 * Issue 11, item 4: a database writer cannot rewrite the access log unnoticed.
 * Each writer's chain is sealed (Ed25519, key outside the database) every N
 * events; the seals are stored and appended to a file. `auditAccessLog` (what
 * `npm run audit:verify` runs) finds an edited-and-rechained log and a truncated
 * one, and counts the unsealed events. Two writers append concurrently, each to
 * its own valid chain.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createContext } from '../../src/context.js';
import { chainHash, storeAccessEvents } from '../../src/services/access-log.service.js';
import { auditAccessLog, verifyAccessLog, type AuditReport } from '../../src/services/access-log-audit.js';
import { sealPublicKey } from '../../src/pki/seal-signer.js';

let a: TestApp;
let b: TestApp;
let dir: string;
const writerA = `test-a-${randomBytes(4).toString('hex')}`;
const writerB = `test-b-${randomBytes(4).toString('hex')}`;
let organizations: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vss-seals-'));
  a = await startTestApp({ AUDIT_WRITER_ID: writerA, AUDIT_SEAL_EVERY_EVENTS: '5', AUDIT_SEAL_FILE: path.join(dir, 'a.jsonl') });
  b = await startTestApp({ AUDIT_WRITER_ID: writerB, AUDIT_SEAL_EVERY_EVENTS: '5', AUDIT_SEAL_FILE: path.join(dir, 'b.jsonl') });
  const rows = await a.app.orm.em.fork().getConnection().execute<{ id: string }[]>('select id from organization order by id limit 3');
  organizations = rows.map((r) => r.id);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await rm(dir, { recursive: true, force: true });
});

const store = (t: TestApp, operation: string) => {
  const ctx = createContext({ requestId: 'seals', viewer: { kind: 'partner', name: 'seal-test', scopes: [], allowedOperations: [], rateLimitPerMinute: 1 }, em: t.app.orm.em.fork(), config: t.config, logger: pino({ level: 'silent' }), purpose: 'test' });
  return storeAccessEvents(t.app.orm.em.fork(), ctx, operation, [{ kind: 'ORGANIZATION', id: organizations[0], fields: new Set(['name']) }]);
};
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => a.app.orm.em.fork().getConnection().execute<T[]>(query, params);
const seals = async (writer: string) => (await sql<{ seq: string }>('select seq::text as seq from access_seal where writer = ? order by access_seal.seq', [writer])).map((r) => r.seq);

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

async function audit(): Promise<AuditReport> {
  const publicKey = await sealPublicKey({ privateKeyFile: a.config.audit.sealKeyFile });
  return auditAccessLog(a.app.orm.em.fork(), { publicKey, sealFiles: [path.join(dir, 'a.jsonl'), path.join(dir, 'b.jsonl')] });
}
const problemsOf = (report: AuditReport, writer: string) => report.problems.filter((p) => p.includes(writer));

describe('sealing', () => {
  it('seals the chain every N events, in the database and the file, and reports the events after the last seal', async () => {
    for (let i = 0; i < 12; i++) await store(a, `Read${i}`);
    await until(async () => (await seals(writerA)).length === 2);
    expect(await seals(writerA)).toEqual(['5', '10']);
    const lines = (await readFile(path.join(dir, 'a.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.writer, l.seq])).toEqual([[writerA, '5'], [writerA, '10']]);
    const report = await audit();
    expect(problemsOf(report, writerA)).toEqual([]);
    expect(report.chains.find((c) => c.writer === writerA)).toMatchObject({ events: 12, sealed: 10, unsealed: 2 });
  });

  it('keeps two valid chains when two writers append concurrently', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => store(i % 2 === 0 ? a : b, `Concurrent${i}`)));
    await until(async () => (await seals(writerB)).length >= 1);
    const report = await audit();
    expect(problemsOf(report, writerA)).toEqual([]);
    expect(problemsOf(report, writerB)).toEqual([]);
    expect(report.chains.find((c) => c.writer === writerA)).toMatchObject({ events: 27 });
    expect(report.chains.find((c) => c.writer === writerB)).toMatchObject({ events: 15 });
    expect(report.chains.find((c) => c.writer === writerB)!.sealed).toBeGreaterThanOrEqual(5);
  });
});

interface Row { id: string; writer: string; seq: string; at: string; actor: string; actor_kind: string; operation: string; purpose: string | null; subject_individual_id: string | null; subject_organization_id: string | null; fields: string[]; request_id: string | null; prev_hash: string | null; hash: string }

describe('forgery', () => {
  it('finds an event edited and the plain SHA-256 chain recomputed from it onwards', async () => {
    const rows = await sql<Row>(
      `select id::text as id, writer, seq::text as seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as at, actor, actor_kind, operation, purpose,
              subject_individual_id, subject_organization_id, fields, request_id, prev_hash, hash from access_event where writer = ? order by access_event.seq`,
      [writerA],
    );
    const saved = rows.map((r) => ({ id: r.id, purpose: r.purpose, prev: r.prev_hash, hash: r.hash }));
    try {
      // What a database writer can do: change event 3's purpose and recompute every hash after it.
      let previous = rows[1].hash;
      for (const row of rows.slice(2)) {
        const purpose = row.seq === '3' ? 'Tò mò' : row.purpose;
        const hash = chainHash(previous, {
          at: new Date(`${row.at}Z`), actor: row.actor, actorKind: row.actor_kind, operation: row.operation, purpose,
          subjectIndividual: row.subject_individual_id, subjectOrganization: row.subject_organization_id, fields: row.fields, requestId: row.request_id,
        });
        await sql('update access_event set purpose = ?, prev_hash = ?, hash = ? where id = ?', [purpose, previous, hash, row.id]);
        previous = hash;
      }
      // The links alone cannot tell…
      expect(await verifyAccessLog(a.app.orm.em.fork())).toMatchObject({ intact: true });
      // …the seals can.
      const report = await audit();
      expect(report.intact).toBe(false);
      expect(problemsOf(report, writerA)).toEqual([expect.stringMatching(/does not match the seal .*rewritten/)]);
    } finally {
      for (const r of saved) await sql('update access_event set purpose = ?, prev_hash = ?, hash = ? where id = ?', [r.purpose, r.prev, r.hash, r.id]);
    }
    expect(problemsOf(await audit(), writerA)).toEqual([]);
  });

  it('finds the newest events deleted with their seals in the database, through the seal file', async () => {
    const events = await sql<{ row: unknown }>('select row_to_json(e) as row from access_event e where writer = ? and seq > 5 order by seq', [writerA]);
    const sealRows = await sql<{ row: unknown }>('select row_to_json(s) as row from access_seal s where writer = ? and seq > 5', [writerA]);
    try {
      await sql('delete from access_seal where writer = ? and seq > 5', [writerA]);
      await sql('delete from access_event where writer = ? and seq > 5', [writerA]);
      // The database alone now shows an intact, shorter chain, sealed at 5.
      expect(await verifyAccessLog(a.app.orm.em.fork())).toMatchObject({ intact: true });
      const report = await audit();
      expect(report.intact).toBe(false);
      expect(report.chains.find((c) => c.writer === writerA)).toMatchObject({ events: 5, sealed: 5, unsealed: 0 });
      const problems = problemsOf(report, writerA);
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/has 5 events but its seal .* covers \d+: events were deleted \(truncated\)/), expect.stringMatching(/in the seal file but not in the database/)]));
    } finally {
      for (const { row } of events) await sql('insert into access_event select * from json_populate_record(null::access_event, ?::json)', [JSON.stringify(row)]);
      for (const { row } of sealRows) await sql('insert into access_seal select * from json_populate_record(null::access_seal, ?::json)', [JSON.stringify(row)]);
    }
    expect(problemsOf(await audit(), writerA)).toEqual([]);
  });

  it('refuses a seal not signed by the key', async () => {
    const [seal] = await sql<{ id: string; signature: string }>("select id::text as id, signature from access_seal where writer = ? and seq = 5", [writerA]);
    try {
      await sql("update access_seal set hash = repeat('0', 64) where id = ?", [seal.id]);
      expect(problemsOf(await audit(), writerA)).toEqual(expect.arrayContaining([expect.stringMatching(/no valid signature/)]));
    } finally {
      await sql('update access_seal s set hash = e.hash from access_event e where s.id = ? and e.writer = s.writer and e.seq = s.seq', [seal.id]);
    }
  });
});
