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
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createWarehouseDatabase, dropWarehouseDatabase } from './lib/database.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createOrm } from '../src/db/orm.js';
import { seedDemo } from '../src/seed/demo.js';
import { signDevelopmentToken } from '../src/auth/tokens.js';
import { OfficerRole } from '../src/entities/enums.js';
import { createPartner } from '../src/services/partner.service.js';
import { MANIFEST_PATH, PERSISTED_DIR, publishPersistedOperations, readManifest, readPurposes } from '../src/partners/publish.js';

const OPERATION = 'PartnerIndividualDocuments';

/** The API the load goes to: production settings, limits out of the way. */
function serverEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'benchmark-secret-of-at-least-32-characters',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    REDIS_URL: '',
  };
}

if (process.argv[2] === '--serve') {
  const config = loadConfig();
  const app = await createApp({ config, logger: pino({ level: 'silent' }), databaseUrl: config.databaseUrl! });
  const server = app.express.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('disconnect', () => process.exit(0));
} else {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      sequential: { type: 'string', default: '300' },
      connections: { type: 'string', default: '10' },
      database: { type: 'string', default: 'vss_bench_persisted' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);
  const sequential = Number(values.sequential);

  const databaseUrl = await createWarehouseDatabase(values.database);
  const env = serverEnv(databaseUrl);
  const config = loadConfig(env);
  const orm = await createOrm({ clientUrl: databaseUrl, poolSize: 2 });
  let child: ChildProcess | undefined;
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

    child = fork(fileURLToPath(import.meta.url), ['--serve'], { env });
    const port = await new Promise<number>((resolve, reject) => {
      child!.once('message', (m: { port: number }) => resolve(m.port));
      child!.once('exit', (code) => reject(new Error(`the API exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}/graphql`;
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
        const result = await autocannon({ url, method: 'POST', headers: variant.headers, body: JSON.stringify(variant.body), connections, duration });
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`${variant.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
        runs.get(variant.name)!.push({ requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 });
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
    child?.kill();
    await orm.close(true);
    if (!values.keep) await dropWarehouseDatabase(values.database);
  }
}
