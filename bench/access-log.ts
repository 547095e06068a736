/**
 * Cost of appending to the access log: `storeAccessEvents` called one batch at
 * a time (the writer's own batching out of play), batches of 1 and of 50
 * events, against a throw-away database. Prints ms per batch (median of rounds).
 *
 * Usage: npm run bench:access-log -- [--batches 400] [--rounds 3] [--database vss_bench_access_log] [--keep]
 */
import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { benchConfig, benchOptions } from './lib/api.js';
import { createWarehouseDatabase, dropWarehouseDatabase } from './lib/database.js';
import { createApp } from '../src/app.js';
import { createContext } from '../src/context.js';
import { storeAccessEvents } from '../src/services/access-log.service.js';
import type { RevealedSubject } from '../src/auth/access-recorder.js';

const values = benchOptions({ batches: '400', rounds: '3', database: 'vss_bench_access_log', keep: false });
const batches = Number(values.batches);
const rounds = Number(values.rounds);

const databaseUrl = await createWarehouseDatabase(values.database);
// Production settings need the seal key (ignored by a build that has none).
const dataDir = mkdtempSync(path.join(tmpdir(), 'vss-bench-access-log-'));
const keyFile = path.join(dataDir, 'audit-seal.pem');
writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
const config = benchConfig(databaseUrl, { DATA_DIR: dataDir, AUDIT_SEAL_KEY_FILE: keyFile });
const app = await createApp({ config, logger: pino({ level: 'silent' }), databaseUrl });
try {
  const connection = app.orm.em.fork().getConnection();
  const ids = await connection.execute<{ id: string }[]>(
    `insert into organization (id, unit_code, name, version) select gen_random_uuid(), 'BENCH' || g, 'Bench ' || g, 1 from generate_series(1, 50) g returning id`,
  );
  const ctx = createContext({ requestId: 'bench', viewer: { kind: 'partner', name: 'bench', scopes: [], allowedOperations: [], rateLimitPerMinute: 1 }, em: app.orm.em.fork(), config, logger: pino({ level: 'silent' }), purpose: 'benchmark' });
  const subjects = (size: number): RevealedSubject[] => ids.slice(0, size).map((r) => ({ kind: 'ORGANIZATION', id: r.id, fields: new Set(['name']) }));

  const measure = async (size: number): Promise<number> => {
    const batch = subjects(size);
    const started = process.hrtime.bigint();
    for (let i = 0; i < batches; i++) await storeAccessEvents(app.orm.em.fork(), ctx, 'Bench', batch);
    return Number(process.hrtime.bigint() - started) / 1e6 / batches;
  };
  await measure(1); // warm-up
  const results: Record<string, number[]> = { 1: [], 50: [] };
  for (let round = 0; round < rounds; round++) {
    for (const size of round % 2 === 0 ? [1, 50] : [50, 1]) results[size].push(await measure(size));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [{ events }] = await connection.execute<{ events: string }[]>('select count(*)::text as events from access_event');
  for (const size of [1, 50]) console.log(`batch of ${String(size).padStart(2)}: ${median(results[size]).toFixed(3)} ms per batch (rounds: ${results[size].map((x) => x.toFixed(3)).join(', ')})`);
  console.log(JSON.stringify({ batches, rounds, msPerBatch: { 1: median(results[1]), 50: median(results[50]) }, events: Number(events) }));
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (!values.keep) await dropWarehouseDatabase(values.database);
}
