/**
 * Requests per second of one query sent three ways, against the real API in a
 * child process (so the load generator does not share its event loop):
 *   ad-hoc      an officer sends the full text (parsed and validated each time, Apollo caches the parse),
 *   apq         an officer sends only the SHA-256 (Apollo's automatic persisted queries, registered once),
 *   persisted   a partner sends only the SHA-256 of the published document (API key lookup, allow-list, scopes).
 * The query is PartnerIndividualDocuments, for one demo person, with personal data in clear for both
 * viewers, so every request also writes its access event. Then the same three one request at a
 * time, interleaved, for the latency each path adds.
 *
 * Usage: npm run bench:persisted -- [--duration 5] [--rounds 3] [--sequential 300] [--connections 10] [--database vss_bench_persisted] [--keep]
 * Prints a table, then one JSON line with every figure.
 */
import 'reflect-metadata';
import { benchConfig, benchEnv, benchOptions, measureLoad, startApiProcess, type ApiProcess } from './lib/api.js';
import { createWarehouseDatabase, dropWarehouseDatabase } from './lib/database.js';
import { createOrm } from '../src/db/orm.js';
import { seedDemo } from '../src/seed/demo.js';
import { signDevelopmentToken } from '../src/auth/tokens.js';
import { OfficerRole } from '../src/entities/enums.js';
import { createPartner } from '../src/services/partner.service.js';
import { MANIFEST_PATH, PERSISTED_DIR, publishPersistedOperations, readManifest, readPurposes } from '../src/partners/publish.js';

const OPERATION = 'PartnerIndividualDocuments';

const values = benchOptions({ duration: '5', rounds: '3', sequential: '300', connections: '10', database: 'vss_bench_persisted', keep: false });
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const sequential = Number(values.sequential);

const databaseUrl = await createWarehouseDatabase(values.database);
const env = benchEnv(databaseUrl);
const config = benchConfig(databaseUrl);
const orm = await createOrm({ clientUrl: databaseUrl, poolSize: 2 });
let api: ApiProcess | undefined;
try {
  await seedDemo(orm.em.fork(), { seed: config.demoSeed });
  const published = await publishPersistedOperations(orm.em.fork(), await readManifest(MANIFEST_PATH), await readPurposes(PERSISTED_DIR));
  const operation = published.find((op) => op.operationName === OPERATION)!;
  const document = (await readManifest(MANIFEST_PATH))[`sha256:${operation.hash}`];
  const { key } = await createPartner(orm.em.fork(), { name: 'bench-partner', scopes: ['individuals:read', 'documents:read', 'personal-data:read'], operations: [OPERATION], rateLimitPerMinute: 1_000_000 });
  const [person] = await orm.em.fork().getConnection().execute<{ personal_id: string }[]>(
    `select i.personal_id from individual i where exists (select 1 from digitized_document d join document_type t on t.id = d.document_type_id
      where d.owner_individual_id = i.id and t.code = 'GKS' and d.status = 'VALID') order by i.personal_id limit 1`,
  );
  const variables = { personalId: person.personal_id, documentTypeCodes: ['GKS', 'CCCD', 'BHYT'] };
  const token = await signDevelopmentToken(config, { sub: 'CB01-0001', agency: '000.00.01.H41', roles: [OfficerRole.RECEIVING_OFFICER] });

  api = await startApiProcess(env);
  const url = api.url;
  const persistedQuery = { version: 1, sha256Hash: operation.hash };
  const officer = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const partner = { 'content-type': 'application/json', 'x-api-key': key };
  const variants = [
    { name: 'ad-hoc', headers: officer, body: { query: document, variables } },
    { name: 'apq', headers: officer, body: { variables, extensions: { persistedQuery } } },
    { name: 'persisted', headers: partner, body: { variables, extensions: { persistedQuery } } },
  ];

  // Register the APQ hash, and check every variant answers data (the same data) before timing it.
  await fetch(url, { method: 'POST', headers: officer, body: JSON.stringify({ query: document, variables, extensions: { persistedQuery } }) });
  const answers = await Promise.all(
    variants.map(async (v) => (await (await fetch(url, { method: 'POST', headers: v.headers, body: JSON.stringify(v.body) })).json()) as { data?: { individual?: unknown }; errors?: unknown }),
  );
  for (const [i, answer] of answers.entries()) {
    if (answer.errors || !answer.data?.individual) throw new Error(`${variants[i].name} does not answer data: ${JSON.stringify(answer).slice(0, 300)}`);
    if (JSON.stringify(answer.data) !== JSON.stringify(answers[0].data)) throw new Error(`${variants[i].name} answers other data than ad-hoc`);
  }

  // Rounds alternate the order of the variants, so a machine busy with something else weighs on all of them.
  const runs = new Map<string, { requestsPerSecond: number; p50Ms: number; p99Ms: number }[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
      runs.get(variant.name)!.push(await measureLoad({ url, headers: variant.headers, bodies: [JSON.stringify(variant.body)], connections, duration }));
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const rows = variants.map((v) => {
    const mine = runs.get(v.name)!;
    return {
      variant: v.name,
      requestsPerSecond: median(mine.map((r) => r.requestsPerSecond)),
      p50Ms: median(mine.map((r) => r.p50Ms)),
      p99Ms: median(mine.map((r) => r.p99Ms)),
      runs: mine.map((r) => r.requestsPerSecond),
      bodyBytes: JSON.stringify(v.body).length,
    };
  });
  const adHoc = rows[0].requestsPerSecond;
  console.log(`${OPERATION} (sha256:${operation.hash}), ${connections} connections, ${rounds} rounds of ${duration} s per variant (medians)\n`);
  console.log('variant     req/s    vs ad-hoc  p50 ms  p99 ms  request body bytes  req/s per round');
  for (const r of rows) {
    const change = `${((r.requestsPerSecond / adHoc - 1) * 100).toFixed(1)}%`;
    console.log(`${r.variant.padEnd(10)} ${r.requestsPerSecond.toFixed(0).padStart(6)}  ${change.padStart(9)}  ${String(r.p50Ms).padStart(6)}  ${String(r.p99Ms).padStart(6)}  ${String(r.bodyBytes).padStart(18)}  ${r.runs.join(', ')}`);
  }
  // One request at a time, the variants interleaved request by request: the load of the machine falls on all alike.
  const latencies = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let i = 0; i < sequential; i++) {
    for (const variant of variants) {
      const started = process.hrtime.bigint();
      const res = await fetch(url, { method: 'POST', headers: variant.headers, body: JSON.stringify(variant.body) });
      await res.arrayBuffer();
      latencies.get(variant.name)!.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  const sequentialRows = variants.map((v) => ({ variant: v.name, medianMs: median(latencies.get(v.name)!), p90Ms: [...latencies.get(v.name)!].sort((a, b) => a - b)[Math.floor(sequential * 0.9)] }));
  console.log(`\none request at a time, ${sequential} of each, interleaved\nvariant     median ms  p90 ms  vs ad-hoc`);
  for (const r of sequentialRows) {
    console.log(`${r.variant.padEnd(10)} ${r.medianMs.toFixed(2).padStart(10)}  ${r.p90Ms.toFixed(2).padStart(6)}  ${`${((r.medianMs / sequentialRows[0].medianMs - 1) * 100).toFixed(1)}%`.padStart(9)}`);
  }
  console.log(JSON.stringify({ operation: OPERATION, hash: operation.hash, connections, duration, rounds, rows, sequential: sequentialRows }));
} finally {
  await api?.stop();
  await orm.close(true);
  if (!values.keep) await dropWarehouseDatabase(values.database);
}
