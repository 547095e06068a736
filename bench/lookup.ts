/**
 * One lookup of the suite against a database an earlier `npm run bench -- --keep` left,
 * for working on it (and profiling it) without rebuilding a data set:
 *
 *   npm run bench:lookup -- --size small --lookup dossier [--duration 10] [--cpu-prof DIR]
 *
 * Starts the API as the suite does (its own process, production settings), checks an
 * answer, then autocannon at 32 connections after a warm-up; prints requests/s, median
 * and p99 latency, the API process's CPU time per request and its peak RSS, then the
 * median of 200 requests sent one at a time. With --cpu-prof the API writes a V8 CPU profile
 * into DIR when it stops (open it in Chrome's DevTools or speedscope).
 */
import 'reflect-metadata';
import pg from 'pg';
import { benchConfig, benchEnv, benchOptions, graphqlRequest, measureLoad, medianAndP99, startApiProcess } from './lib/api.js';
import { BENCH_SERVER_URL } from './lib/database.js';
import { LOOKUPS, checkAnswer, pickVariables } from './lib/lookups.js';
import { signDevelopmentToken } from '../src/auth/tokens.js';
import { withDatabase } from '../src/db/admin.js';
import { provinceAgencyCode } from '../src/catalog/agencies.js';
import { OfficerRole } from '../src/entities/enums.js';

const values = benchOptions({ size: 'small', lookup: 'dossier', connections: '32', duration: '10', warmup: '3', variables: '2000', 'cpu-prof': '' });
const lookup = values.lookup as (typeof LOOKUPS)[number];
if (!LOOKUPS.includes(lookup)) throw new Error(`--lookup: one of ${LOOKUPS.join(', ')}`);

const url = withDatabase(BENCH_SERVER_URL, `vss_bench_${values.size}`);
const client = new pg.Client({ connectionString: url });
await client.connect();
// The suite's heavy holders: people with 50 documents or more.
const { rows } = await client.query<{ personal_id: string }>(
  `select i.personal_id from individual i
    where (select count(*) from digitized_document d where d.owner_individual_id = i.id) >= 50 limit 200`,
);
await client.end();
const bodies = await pickVariables(url, rows.map((r) => r.personal_id), Number(values.variables));

const env = benchEnv(url, {
  LOG_LEVEL: 'warn',
  ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL || 'http://127.0.0.1:9200',
  SEARCH_BACKEND: 'elasticsearch',
  SEARCH_INDEX_PREFIX: `vss_bench_${values.size}`,
  ...(values['cpu-prof'] ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${values['cpu-prof']}` } : {}),
});
const token = await signDevelopmentToken(benchConfig(url, env), { sub: 'CB01-0001', agency: provinceAgencyCode('01'), roles: [OfficerRole.RECEIVING_OFFICER] });
const headers = { authorization: `Bearer ${token}` };
const api = await startApiProcess(env);
try {
  checkAnswer(lookup, await graphqlRequest(api.url, headers, bodies[lookup][0]!));
  const r = await measureLoad({
    url: api.url, headers, bodies: bodies[lookup], connections: Number(values.connections), duration: Number(values.duration), warmup: Number(values.warmup), cpuOf: api.pid,
  });
  // One request at a time: the work of a request without the queue of the connections.
  const alone: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await graphqlRequest(api.url, headers, bodies[lookup][i % bodies[lookup].length]!);
    alone.push(performance.now() - started);
  }
  console.log(
    `${lookup} (${values.size}): ${r.requestsPerSecond.toFixed(0)} req/s, median ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ` +
      `API CPU ${r.cpuMsPerRequest?.toFixed(2)} ms per request, API peak RSS ${api.peakRssMb()} MB; one at a time: median ${medianAndP99(alone).medianMs} ms`,
  );
} finally {
  await api.stop();
}
