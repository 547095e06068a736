/**
 * Search over HTTP on a warehouse of a chosen size: reindex throughput, `search`
 * latency (median, p99) on each backend, and write-to-searchable lag.
 *
 * The warehouse is the deterministic demo data (src/seed/generate.ts) at the
 * given number of individuals (documents and dossiers follow: about 4.5 indexed
 * objects per individual). The API runs in this process on a real port with its
 * outbox indexer (LISTEN/NOTIFY); requests go one at a time.
 *
 *   reindex      `reindex` into Elasticsearch alone, then into `search_entry` alone: documents per second
 *   latency      a mix of queries an officer types (names as written, folded, with a typo; personal IDs;
 *                document and dossier codes; a name with filters), from the data itself
 *   lag          a new person committed through the ORM, until `search` by their personal ID finds them
 *
 * Usage: npm run bench:search -- [--individuals 25000] [--requests 400] [--writes 50] [--database vss_bench_search] [--reuse] [--keep]
 * ELASTICSEARCH_URL (default http://127.0.0.1:9200, see `npm run es:start`). Prints a summary, then one JSON line.
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { benchOptions } from './lib/api.js';
import { createWarehouseDatabase, dropWarehouseDatabase, BENCH_SERVER_URL } from './lib/database.js';
import { withDatabase } from '../src/db/admin.js';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createOrm } from '../src/db/orm.js';
import { signDevelopmentToken } from '../src/auth/tokens.js';
import { seedDemo } from '../src/seed/demo.js';
import { Individual } from '../src/entities/individual.entity.js';
import { OfficerRole } from '../src/entities/enums.js';
import { reindex } from '../src/search/reindex.js';
import { createIndexer } from '../src/search/runtime.js';
import { foldVietnamese } from '../src/search/fold-vietnamese.js';
import { deleteAllIndexes } from '../src/search/indices.js';

const values = benchOptions({ individuals: '25000', requests: '400', writes: '50', database: 'vss_bench_search', reuse: false, keep: false });
const individuals = Number(values.individuals);
const requests = Number(values.requests);
const writes = Number(values.writes);
const elasticsearchUrl = process.env.ELASTICSEARCH_URL || 'http://127.0.0.1:9200';
const PREFIX = 'vss_bench';

const SEARCH = `query Search($query: String!, $filter: SearchFilter, $first: Int) {
  search(query: $query, filter: $filter, first: $first) {
    totalCount fromFallback
    facets { field buckets { key count } }
    edges { score highlights node { __typename
      ... on Individual { id fullName personalId }
      ... on Organization { id name unitCode }
      ... on DigitizedDocument { id code title }
      ... on Dossier { id code status } } }
  }
}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { n: sorted.length, median: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1)!) };
}

/** A typo in the longest word: one letter dropped. */
function withTypo(name: string): string {
  const words = name.split(' ');
  const i = words.reduce((best, w, j) => (w.length > words[best].length ? j : best), 0);
  words[i] = words[i].slice(0, 1) + words[i].slice(2);
  return words.join(' ');
}

/** Queries drawn from the data, cycling through the kinds an officer types. */
async function queryMix(app: App, n: number): Promise<{ query: string; filter?: Record<string, unknown> }[]> {
  const em = app.orm.em.fork();
  const people = await em.execute<{ full_name: string; personal_id: string; province_code: string }[]>(
    'select full_name, personal_id, province_code from individual order by md5(id::text) limit ?', [n],
  );
  const documents = await em.execute<{ code: string; title: string }[]>('select code, title from digitized_document order by md5(id::text) limit ?', [n]);
  const dossiers = await em.execute<{ code: string }[]>('select code from dossier order by md5(id::text) limit ?', [n]);
  const mix: { query: string; filter?: Record<string, unknown> }[] = [];
  for (let i = 0; mix.length < n; i++) {
    const person = people[i % people.length];
    switch (i % 7) {
      case 0: mix.push({ query: person.full_name }); break;
      case 1: mix.push({ query: foldVietnamese(person.full_name) }); break;
      case 2: mix.push({ query: withTypo(foldVietnamese(person.full_name)) }); break;
      case 3: mix.push({ query: person.personal_id }); break;
      case 4: mix.push({ query: documents[i % documents.length].code }); break;
      case 5: mix.push({ query: dossiers[i % dossiers.length].code }); break;
      default: mix.push({ query: person.full_name.split(' ').slice(-2).join(' '), filter: { kinds: ['INDIVIDUAL', 'DOCUMENT'], provinceCodes: [person.province_code] } });
    }
  }
  return mix;
}

async function main() {
  const databaseUrl = values.reuse ? withDatabase(BENCH_SERVER_URL, values.database) : await createWarehouseDatabase(values.database);
  const seedOrm = await createOrm({ clientUrl: databaseUrl, poolSize: 2 });
  const seeded = await seedDemo(seedOrm.em.fork(), {
    seed: 1333,
    individuals,
    organizations: Math.max(10, Math.round(individuals / 10)),
    dossiers: Math.round(individuals * 0.3),
    now: new Date('2026-11-20T03:00:00Z'),
  });
  await seedOrm.close(true);
  console.log(seeded.skipped ? 'warehouse reused' : `warehouse loaded: ${JSON.stringify(seeded)}`);

  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, ELASTICSEARCH_URL: elasticsearchUrl, SEARCH_INDEX_PREFIX: PREFIX, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000', COST_BUDGET_PER_MINUTE: '1000000000' });
  const logger = pino({ level: 'silent' });
  const app = await createApp({ config, logger, databaseUrl });
  const es = app.search.elasticsearch!;
  await deleteAllIndexes(es.client, PREFIX);

  // Reindex throughput, each backend alone.
  const em = app.orm.em.fork();
  const esStarted = performance.now();
  const esReports = await reindex({ em, elasticsearch: es, postgres: false, batchSize: 2_000 });
  const esSeconds = (performance.now() - esStarted) / 1000;
  const pgStarted = performance.now();
  await em.execute('truncate search_entry');
  await reindex({ em, elasticsearch: null, postgres: true, batchSize: 2_000 });
  const pgSeconds = (performance.now() - pgStarted) / 1000;
  const documents = esReports.reduce((sum, r) => sum + r.documents, 0);
  const reindexResult = {
    documents,
    elasticsearch: { seconds: Math.round(esSeconds * 10) / 10, perSecond: Math.round(documents / esSeconds) },
    postgres: { seconds: Math.round(pgSeconds * 10) / 10, perSecond: Math.round(documents / pgSeconds) },
  };
  console.log(`reindex: ${documents} documents; Elasticsearch ${reindexResult.elasticsearch.perSecond}/s (${reindexResult.elasticsearch.seconds} s), search_entry ${reindexResult.postgres.perSecond}/s (${reindexResult.postgres.seconds} s)`);

  const indexer = createIndexer(app.search, app.orm, logger, { listenUrl: databaseUrl });
  indexer.start();
  const server = http.createServer(app.express);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const token = await signDevelopmentToken(config, { sub: 'CB01-0001', agency: '000.00.01.H41', roles: [OfficerRole.RECEIVING_OFFICER] });
  const ask = async (query: string, filter?: Record<string, unknown>, first = 20) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SEARCH, variables: { query, filter, first } }),
    });
    const body = (await res.json()) as { data?: { search: { totalCount: number; edges: { node: { personalId?: string } }[] } }; errors?: unknown[] };
    if (body.errors) throw new Error(`search failed: ${JSON.stringify(body.errors)}`);
    return body.data!.search;
  };

  // Latency, one request at a time, on each backend (the PostgreSQL one through an app configured for it).
  const mix = await queryMix(app, requests);
  const latency: Record<string, ReturnType<typeof summary>> = {};
  for (const backend of ['elasticsearch', 'postgres'] as const) {
    const pgApp = backend === 'postgres' ? await createApp({ config: { ...config, searchBackend: 'postgres' }, logger, databaseUrl }) : null;
    const pgServer = pgApp ? http.createServer(pgApp.express) : null;
    if (pgServer) await new Promise<void>((resolve) => pgServer.listen(0, '127.0.0.1', resolve));
    const target = pgServer ? `http://127.0.0.1:${(pgServer.address() as AddressInfo).port}/graphql` : url;
    const run = async (item: (typeof mix)[number]) => {
      const started = performance.now();
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: SEARCH, variables: { query: item.query, filter: item.filter, first: 20 } }),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`search failed: ${JSON.stringify(body.errors)}`);
      return performance.now() - started;
    };
    for (const item of mix.slice(0, 20)) await run(item); // warm-up
    const samples: number[] = [];
    for (const item of mix) samples.push(await run(item));
    latency[backend] = summary(samples);
    console.log(`search latency (${backend}, ${requests} requests, one at a time): median ${latency[backend].median} ms, p99 ${latency[backend].p99} ms, max ${latency[backend].max} ms`);
    if (pgServer) await new Promise((resolve) => pgServer.close(resolve));
    await pgApp?.close();
  }

  // Write-to-searchable lag: commit a person, ask until the search finds them.
  const lags: number[] = [];
  for (let i = 0; i < writes; i++) {
    const personalId = `998${String(Date.now() % 1e9).padStart(9, '0')}`;
    const tx = app.orm.em.fork();
    tx.persist(Object.assign(new Individual(), { personalId, fullName: `Bùi Thị Đo Trễ ${i}` }));
    await tx.flush();
    const committed = performance.now();
    for (;;) {
      const found = await ask(personalId, undefined, 1);
      if (found.edges[0]?.node.personalId === personalId) break;
      if (performance.now() - committed > 30_000) throw new Error(`person ${personalId} not searchable after 30 s`);
    }
    lags.push(performance.now() - committed);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const lag = summary(lags);
  console.log(`write-to-searchable lag (${writes} writes, Elasticsearch): median ${lag.median} ms, p99 ${lag.p99} ms, max ${lag.max} ms`);

  await indexer.stop();
  await new Promise((resolve) => server.close(resolve));
  if (!values.keep) await deleteAllIndexes(es.client, PREFIX);
  await app.close();
  if (!values.keep && !values.reuse) await dropWarehouseDatabase(values.database);
  console.log(JSON.stringify({ individuals, documents, reindex: reindexResult, latency, lag }));
}

await main();
