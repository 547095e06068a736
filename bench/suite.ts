/**
 * The benchmark suite (`npm run bench`). For each size: a fresh database; the data
 * generated (or reused from an earlier run with the same counts and seed) and imported
 * kind by kind (records/s); its dossiers (one per 5 individuals) and people with 50+ documents
 * loaded in SQL (bench/lib/dossiers.ts); the Elasticsearch index built by `npm run reindex`; then, with
 * the API in its own process, autocannon at 32 connections after a warm-up on
 *   individual          individual(personalId) with their first 20 documents
 *   dossier             dossier(code) with applicant, procedure, components, documents, owners
 *   reusableEvidence    for a person with 50+ documents
 *   searchName          search by a name typed without accents
 *   searchIdentifier    search by personal ID
 * each rotating over many different variables; SQL statements per request counted on an
 * in-process copy of the API; and the dossier query against PostGraphile over the same
 * database, alternating rounds. Writes bench/results.json, bench/RESULTS.md (closed by
 * bench/results-notes.md, the analysis) and the chart;
 * drops the database and the indices unless --keep.
 *
 * Usage: npm run bench -- [--sizes small,large | name=individuals:documents,...] [--connections 32]
 *          [--duration 10] [--warmup 3] [--rounds 3] [--data DIR] [--seed 1333] [--keep] [--render-only]
 * ELASTICSEARCH_URL (default http://127.0.0.1:9200).
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchConfig, benchEnv, benchOptions, graphqlRequest, measureLoad, medianAndP99, startApiProcess, startInProcessApi, startServerProcess, type ApiProcess, type LoadResult } from './lib/api.js';
import { createWarehouseDatabase, dropWarehouseDatabase } from './lib/database.js';
import { generateDataset, type DatasetSummary } from './lib/dataset.js';
import { addHeavyHolders, loadDossiers } from './lib/dossiers.js';
import { LOOKUPS, checkAnswer, pickVariables, type Bodies } from './lib/lookups.js';
import { measureImportRates } from './lib/import-rate.js';
import { readResults, writeResults, type LookupResult, type Machine, type ResultsFile, type SizeResult } from './lib/results.js';
import { signDevelopmentToken } from '../src/auth/tokens.js';
import { provinceAgencyCode } from '../src/catalog/agencies.js';
import { OfficerRole } from '../src/entities/enums.js';
import { createElasticsearchClient } from '../src/search/client.js';
import { deleteAllIndexes } from '../src/search/indices.js';

const values = benchOptions({
  sizes: 'small,large',
  connections: '32',
  duration: '10',
  warmup: '3',
  rounds: '3',
  data: path.join(os.tmpdir(), 'vss-bench-data'),
  seed: '1333',
  variables: '2000',
  keep: false,
  'render-only': false,
});
const PRESETS: Record<string, { individuals: number; documents: number }> = {
  small: { individuals: 100_000, documents: 500_000 },
  large: { individuals: 1_000_000, documents: 5_000_000 },
};
const sizes = values.sizes.split(',').map((spec) => {
  const [name, counts] = spec.split('=') as [string, string | undefined];
  if (!counts) {
    if (!PRESETS[name]) throw new Error(`unknown size "${name}": small, large, or name=individuals:documents`);
    return { name, ...PRESETS[name] };
  }
  const [individuals, documents] = counts.split(':').map((n) => Number(n.replace(/_/g, '')));
  return { name, individuals: individuals!, documents: documents! };
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);
const variableCount = Number(values.variables);
const elasticsearchUrl = process.env.ELASTICSEARCH_URL || 'http://127.0.0.1:9200';
const benchDir = path.dirname(fileURLToPath(import.meta.url)).replace(`${path.sep}dist${path.sep}bench`, `${path.sep}bench`);
const RESULTS_JSON = path.join(benchDir, 'results.json');
const RESULTS_MD = path.join(benchDir, 'RESULTS.md');
const CHART = path.join(benchDir, 'p99-latency.svg');
const NOTES = path.join(benchDir, 'results-notes.md');
const REINDEX = fileURLToPath(new URL('../src/cli/reindex.js', import.meta.url));
const POSTGRAPHILE = path.resolve('node_modules/postgraphile/dist/cli-run.js');
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function machine(databaseUrl: string): Promise<Machine> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ version: string }>('select version()');
  await client.end();
  let elasticsearch = 'unknown';
  let heap = 'unknown';
  try {
    const nodes = (await (await fetch(`${elasticsearchUrl}/_nodes/_local/jvm`)).json()) as { nodes: Record<string, { version: string; jvm: { mem: { heap_max_in_bytes: number } } }> };
    const node = Object.values(nodes.nodes)[0]!;
    elasticsearch = node.version;
    heap = `${Math.round(node.jvm.mem.heap_max_in_bytes / 2 ** 20)} MB`;
  } catch {
    // Reported as unknown.
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: rows[0]!.version.split(' on ')[0]!,
    elasticsearch,
    elasticsearchHeap: heap,
  };
}

/** The data set's files, generated unless an earlier run left them (same counts and seed: same bytes). */
async function dataset(size: (typeof sizes)[number]): Promise<{ summary: DatasetSummary; seconds: number | null }> {
  const out = path.join(values.data, `${size.name}-${size.individuals}-${size.documents}-${values.seed}`);
  const marker = path.join(out, 'summary.json');
  try {
    // `npm run bench:generate -- ... > summary.json` leaves the same marker, with its time.
    const summary = JSON.parse(await readFile(marker, 'utf8')) as DatasetSummary & { seconds?: number };
    // Data sets generated before the generator wrote dossiers are generated again.
    if (summary.files.dossiers === undefined) throw new Error('no dossiers');
    log(`${size.name}: reusing the data set in ${out}`);
    return { summary, seconds: summary.seconds ?? null };
  } catch {
    const started = performance.now();
    const summary = await generateDataset({ individuals: size.individuals, documents: size.documents, seed: Number(values.seed), out });
    const seconds = (performance.now() - started) / 1000;
    await writeFile(marker, JSON.stringify({ ...summary, seconds }));
    return { summary, seconds };
  }
}

/** `npm run reindex -- --only elasticsearch` on the size's database and index prefix. */
async function reindexElasticsearch(env: NodeJS.ProcessEnv): Promise<{ seconds: number; lines: string[] }> {
  const started = performance.now();
  // Its progress bars go to stderr: kept for a failure's message, not printed.
  const child = spawn(process.execPath, [REINDEX, '--only', 'elasticsearch', '--batch-size', '5000'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString('utf8')).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = output.split(/[\r\n]+/).filter((l) => / documents in /.test(l)).map((l) => l.trim());
  if (code !== 0) throw new Error(`reindex exited with ${code}: ${output.slice(-1000)} ${errors.slice(-1000)}`);
  return { seconds: (performance.now() - started) / 1000, lines };
}

/** SQL statements per request on an in-process API, for a few different variables each. */
async function countStatements(databaseUrl: string, env: NodeJS.ProcessEnv, headers: Record<string, string>, bodies: Bodies): Promise<Record<string, number[]>> {
  const seen: string[] = [];
  const api = await startInProcessApi(databaseUrl, { onQuery: (sql) => void seen.push(sql), env });
  try {
    const counts: Record<string, number[]> = {};
    for (const lookup of LOOKUPS) {
      await graphqlRequest(api.url, headers, bodies[lookup][0]!); // the first request of a process checks the schema
      const byCount = new Map<number, string[]>();
      for (const b of bodies[lookup].slice(0, 10)) {
        seen.length = 0;
        checkAnswer(lookup, await graphqlRequest(api.url, headers, b));
        byCount.set(seen.length, seen.map((sql) => sql.replace(/\s+/g, ' ').slice(0, 120)));
      }
      counts[lookup] = [...byCount.keys()].sort((a, b) => a - b);
      // When the count varies, the statements of each count say why.
      if (byCount.size > 1) for (const [n, list] of byCount) log(`  ${lookup}, ${n} statements:\n    ${list.join('\n    ')}`);
    }
    return counts;
  } finally {
    await api.close();
  }
}

async function runSize(size: (typeof sizes)[number], results: ResultsFile): Promise<SizeResult> {
  const startedAt = new Date();
  const started = performance.now();
  const loads: number[] = [];
  const loadSampler = setInterval(() => loads.push(os.loadavg()[0]!), 5_000);
  loads.push(os.loadavg()[0]!);
  const database = `vss_bench_${size.name}`;
  const prefix = `vss_bench_${size.name}`;
  let api: ApiProcess | undefined;
  let theirs: ApiProcess | undefined;
  try {
    const { summary, seconds: generateSeconds } = await dataset(size);
    log(`${size.name}: ${JSON.stringify(summary.counts)}`);
    const url = await createWarehouseDatabase(database);
    results.machine = await machine(url);
    log(`${size.name}: importing`);
    const rates = await measureImportRates(url, summary.files, { reindexAfter: true }, (kind, r) => log(`  ${kind}: ${r.records} records in ${r.seconds} s, ${r.recordsPerSecond}/s`));

    log(`${size.name}: loading dossiers and people with 50+ documents`);
    const dossierStarted = performance.now();
    const dossiers = await loadDossiers(url, summary.files.dossiers);
    const heavyHolders = await addHeavyHolders(url, { people: 200, documents: 50 });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('vacuum analyze');
    const totals = await client.query<{ organizations: string; individuals: string; documents: string }>(
      'select (select count(*) from organization) as organizations, (select count(*) from individual) as individuals, (select count(*) from digitized_document) as documents',
    );
    await client.end();
    const dossierLoadSeconds = (performance.now() - dossierStarted) / 1000;
    log(`  ${JSON.stringify(dossiers)}; ${heavyHolders.length} heavy holders; ${dossierLoadSeconds.toFixed(1)} s with vacuum analyze`);

    const env = benchEnv(url, { LOG_LEVEL: 'warn', ELASTICSEARCH_URL: elasticsearchUrl, SEARCH_BACKEND: 'elasticsearch', SEARCH_INDEX_PREFIX: prefix });
    log(`${size.name}: reindexing Elasticsearch`);
    const reindex = await reindexElasticsearch(env);
    for (const line of reindex.lines) log(`  ${line}`);

    const bodies = await pickVariables(url, heavyHolders, variableCount);
    const config = benchConfig(url, env);
    const token = await signDevelopmentToken(config, { sub: 'CB01-0001', agency: provinceAgencyCode('01'), roles: [OfficerRole.RECEIVING_OFFICER] });
    const headers = { authorization: `Bearer ${token}` };
    log(`${size.name}: counting SQL statements per request`);
    const statements = await countStatements(url, env, headers, bodies);
    log(`  ${JSON.stringify(statements)}`);

    api = await startApiProcess(env);
    const port = await freePort();
    theirs = await startServerProcess(
      process.execPath,
      [POSTGRAPHILE, '-P', 'postgraphile/presets/amber', '-c', url, '-s', 'public', '-p', String(port), '-n', '127.0.0.1'],
      { ...process.env, GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
      new RegExp(`(${port})`),
      '/graphql',
    );
    for (const lookup of LOOKUPS) checkAnswer(lookup, await graphqlRequest(api.url, headers, bodies[lookup][0]!));
    checkAnswer('postgraphile', await graphqlRequest(theirs.url, {}, bodies.postgraphile[0]!));

    const lookups: Record<string, LookupResult> = {};
    const load = (target: ApiProcess, h: Record<string, string>, b: string[]) => measureLoad({ url: target.url, headers: h, bodies: b, connections, duration, warmup, cpuOf: target.pid });
    for (const lookup of LOOKUPS) {
      if (lookup === 'dossier') continue; // measured in the rounds against PostGraphile below
      const r = await load(api, headers, bodies[lookup]);
      lookups[lookup] = { requestsPerSecond: r.requestsPerSecond, p50Ms: r.p50Ms, p99Ms: r.p99Ms, apiCpuMsPerRequest: r.cpuMsPerRequest, sqlStatements: statements[lookup]!, variables: bodies[lookup].length };
      log(`  ${lookup}: ${r.requestsPerSecond.toFixed(0)} req/s, median ${r.p50Ms} ms, p99 ${r.p99Ms} ms, API CPU ${r.cpuMsPerRequest!.toFixed(2)} ms per request, ${statements[lookup]!.join(' or ')} SQL statements`);
    }
    // Ours and theirs in turn, the order swapped every round, so other load on the machine weighs on both.
    const ours: LoadResult[] = [];
    const peer: LoadResult[] = [];
    for (let round = 0; round < rounds; round++) {
      const pair = [() => load(api!, headers, bodies.dossier).then((r) => ours.push(r)), () => load(theirs!, {}, bodies.postgraphile).then((r) => peer.push(r))];
      for (const run of round % 2 === 0 ? pair : pair.reverse()) await run();
      log(`  dossier round ${round + 1}: ours ${ours.at(-1)!.requestsPerSecond.toFixed(0)} req/s (p99 ${ours.at(-1)!.p99Ms} ms, CPU ${ours.at(-1)!.cpuMsPerRequest!.toFixed(2)} ms/request), PostGraphile ${peer.at(-1)!.requestsPerSecond.toFixed(0)} req/s (p99 ${peer.at(-1)!.p99Ms} ms, CPU ${peer.at(-1)!.cpuMsPerRequest!.toFixed(2)} ms/request)`);
    }
    lookups.dossier = {
      requestsPerSecond: median(ours.map((r) => r.requestsPerSecond)),
      p50Ms: median(ours.map((r) => r.p50Ms)),
      p99Ms: median(ours.map((r) => r.p99Ms)),
      apiCpuMsPerRequest: median(ours.map((r) => r.cpuMsPerRequest!)),
      sqlStatements: statements.dossier!,
      variables: bodies.dossier.length,
    };
    // One request at a time, ours and theirs interleaved: the work of a request without the queue of 32.
    const alone = { ours: [] as number[], theirs: [] as number[] };
    for (let i = 0; i < 300; i++) {
      for (const [target, h, b, times] of [[api, headers, bodies.dossier, alone.ours], [theirs, {}, bodies.postgraphile, alone.theirs]] as const) {
        const t = performance.now();
        await (await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body: b[i % b.length] })).arrayBuffer();
        times.push(performance.now() - t);
      }
    }
    const oneAtATime = { ours: medianAndP99(alone.ours), theirs: medianAndP99(alone.theirs) };
    log(`  dossier one at a time: ours median ${oneAtATime.ours.medianMs} ms, PostGraphile median ${oneAtATime.theirs.medianMs} ms`);
    const ratio = lookups.dossier.requestsPerSecond / median(peer.map((r) => r.requestsPerSecond));
    log(`  PostGraphile ratio (ours ÷ theirs): ${ratio.toFixed(2)}`);
    loads.push(os.loadavg()[0]!);
    return {
      name: size.name,
      individuals: size.individuals,
      documents: size.documents,
      ranAt: startedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
      seconds: (performance.now() - started) / 1000,
      loadAverage: { min: Math.min(...loads), mean: loads.reduce((a, b) => a + b, 0) / loads.length, max: Math.max(...loads) },
      counts: {
        organizations: Number(totals.rows[0]!.organizations),
        individuals: Number(totals.rows[0]!.individuals),
        documents: Number(totals.rows[0]!.documents),
        dossiers: dossiers.dossiers,
        components: dossiers.components,
        componentsWithDocument: dossiers.withDocument,
        heavyHolders: heavyHolders.length,
      },
      generateSeconds,
      import: rates,
      dossierLoadSeconds,
      reindex,
      apiPeakRssMb: api.peakRssMb(),
      connections,
      durationSeconds: duration,
      lookups,
      postgraphile: {
        ours: ours.map((r) => r.requestsPerSecond),
        theirs: peer.map((r) => r.requestsPerSecond),
        ratio,
        oursP99Ms: lookups.dossier.p99Ms,
        theirsP99Ms: median(peer.map((r) => r.p99Ms)),
        oneAtATime,
        cpuMsPerRequest: { ours: median(ours.map((r) => r.cpuMsPerRequest!)), theirs: median(peer.map((r) => r.cpuMsPerRequest!)) },
      },
    };
  } finally {
    clearInterval(loadSampler);
    await api?.stop();
    await theirs?.stop();
    if (!values.keep) {
      const es = createElasticsearchClient(elasticsearchUrl);
      await deleteAllIndexes(es, prefix).catch((error: Error) => log(`could not drop the ${prefix} indices: ${error.message}`));
      await es.close();
      await dropWarehouseDatabase(database);
    }
  }
}

const results: ResultsFile = (await readResults(RESULTS_JSON)) ?? { machine: {} as Machine, sizes: {} };
// --render-only: the page and chart again from results.json (after editing the notes), nothing run.
if (values['render-only']) await writeResults(results, RESULTS_JSON, RESULTS_MD, CHART, NOTES);
for (const size of values['render-only'] ? [] : sizes) {
  log(`${size.name}: ${size.individuals} individuals, ${size.documents} documents`);
  results.sizes[size.name] = await runSize(size, results);
  await writeResults(results, RESULTS_JSON, RESULTS_MD, CHART, NOTES);
  log(`${size.name}: written to ${RESULTS_MD}`);
}
