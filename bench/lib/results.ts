/**
 * bench/RESULTS.md and its chart, rendered from bench/results.json. The JSON keeps
 * each size's latest run, so sizes measured by separate runs of the suite (the small
 * one first, the large one later) end up on one page.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImportRates } from './import-rate.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  elasticsearch: string;
  elasticsearchHeap: string;
}

export interface LookupResult {
  /** Median of the rounds' autocannon figures. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Distinct statement counts seen over several different variables (one value: constant). */
  sqlStatements: number[];
  /** How many different variable sets the load rotated over. */
  variables: number;
  /** CPU time of the API process (user + system, /proc) divided by the requests of the measured run; absent in older results. */
  apiCpuMsPerRequest?: number;
}

export interface SizeResult {
  name: string;
  individuals: number;
  documents: number;
  ranAt: string;
  seconds: number;
  loadAverage: { min: number; mean: number; max: number };
  counts: Record<string, number>;
  generateSeconds: number | null;
  import: ImportRates;
  dossierLoadSeconds: number;
  reindex: { seconds: number; lines: string[] };
  apiPeakRssMb: number;
  connections: number;
  durationSeconds: number;
  lookups: Record<string, LookupResult>;
  postgraphile: {
    ours: number[];
    theirs: number[];
    ratio: number;
    oursP99Ms: number;
    theirsP99Ms: number;
    /** The same query one request at a time, interleaved (absent from runs before it was measured). */
    oneAtATime?: { ours: { medianMs: number; p99Ms: number }; theirs: { medianMs: number; p99Ms: number } };
    /** Each server process's CPU time per request, median of the rounds (absent from older runs). */
    cpuMsPerRequest?: { ours: number; theirs: number };
  };
}

export interface ResultsFile {
  machine: Machine;
  sizes: Record<string, SizeResult>;
}

export const LOOKUP_LABELS: Record<string, string> = {
  individual: '`individual(personalId)` + first 20 documents',
  dossier: '`dossier(code)` deep (applicant, procedure, components, documents, owners)',
  reusableEvidence: '`reusableEvidence` for a person with 50+ documents',
  searchName: '`search` by name without accents (Elasticsearch)',
  searchIdentifier: '`search` by personal ID (Elasticsearch)',
};

export async function readResults(file: string): Promise<ResultsFile | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ResultsFile;
  } catch {
    return null;
  }
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const count = (n: number) => n.toLocaleString('en-US');
const met = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? '**met**' : '**not met**');

/** Sizes in the order of their data volume. */
function ordered(results: ResultsFile): SizeResult[] {
  return Object.values(results.sizes).sort((a, b) => a.documents - b.documents);
}

/** p99 against data size, one line per lookup; plain SVG with system fonts. */
export function renderChart(results: ResultsFile): string {
  const sizes = ordered(results);
  const lookups = Object.keys(LOOKUP_LABELS);
  const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
  const width = 760;
  const height = 420;
  const left = 70;
  const right = 260;
  const top = 40;
  const bottom = 60;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  // Logarithmic: lookups of a few milliseconds and searches of seconds on one chart.
  const maxY = Math.max(100, ...sizes.flatMap((s) => lookups.map((l) => s.lookups[l]?.p99Ms ?? 0)));
  const decades = Math.ceil(Math.log10(maxY));
  // Inset, so the size captions under the first and last points stay inside the picture.
  const x = (i: number) => left + (sizes.length === 1 ? plotW / 2 : 80 + (i * (plotW - 160)) / (sizes.length - 1));
  const y = (v: number) => top + plotH - (Math.log10(Math.max(v, 1)) / decades) * plotH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="${left}" y="22" font-size="15" font-weight="bold">p99 latency against data size (32 connections)</text>`);
  for (let t = 0; t <= decades; t++) {
    const v = 10 ** t;
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    out.push(`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${fmt(v, 0)}</text>`);
  }
  out.push(`<text x="18" y="${top + plotH / 2}" transform="rotate(-90 18 ${top + plotH / 2})" text-anchor="middle">p99 (ms, log scale)</text>`);
  // The dossier target, for reference.
  out.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(25)}" y2="${y(25)}" stroke="#d62728" stroke-dasharray="4 4"/>`);
  out.push(`<text x="${left + plotW - 4}" y="${y(25) - 4}" text-anchor="end" fill="#d62728">dossier target 25 ms</text>`);
  sizes.forEach((s, i) => {
    out.push(`<text x="${x(i)}" y="${top + plotH + 20}" text-anchor="middle">${s.name}</text>`);
    out.push(`<text x="${x(i)}" y="${top + plotH + 36}" text-anchor="middle" fill="#555">${count(s.individuals)} people / ${count(s.documents)} documents</text>`);
  });
  lookups.forEach((lookup, k) => {
    const points = sizes.map((s, i) => (s.lookups[lookup] ? `${x(i)},${y(s.lookups[lookup].p99Ms)}` : null)).filter((p): p is string => p !== null);
    if (points.length > 1) out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${colors[k]}" stroke-width="2"/>`);
    for (const p of points) {
      const [px, py] = p.split(',');
      out.push(`<circle cx="${px}" cy="${py}" r="4" fill="${colors[k]}"/>`);
    }
    const ly = top + 10 + k * 22;
    out.push(`<line x1="${left + plotW + 20}" x2="${left + plotW + 40}" y1="${ly}" y2="${ly}" stroke="${colors[k]}" stroke-width="3"/>`);
    out.push(`<text x="${left + plotW + 46}" y="${ly + 4}">${lookup}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The results page. */
export function renderResults(results: ResultsFile, chartFile: string): string {
  const sizes = ordered(results);
  const m = results.machine;
  const lines: string[] = [];
  const small = sizes[0];
  const large = sizes.length > 1 ? sizes[sizes.length - 1] : undefined;
  const hasLarge = large?.name === 'large';
  lines.push('# Benchmark results', '');
  lines.push('Regenerated by `npm run bench` (bench/suite.ts) from bench/results.json; each size keeps its latest run. Do not edit by hand.', '');
  lines.push('## Machine', '');
  lines.push(`- ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB memory`);
  lines.push(`- Node ${m.node}, ${m.postgres}, Elasticsearch ${m.elasticsearch} (heap ${m.elasticsearchHeap})`);
  lines.push('- Load generator (autocannon), API, PostgreSQL, Elasticsearch and PostGraphile all share these cores; other work on the machine shows in the load average.');
  for (const s of sizes) {
    lines.push(`- ${s.name}: run at ${s.ranAt} (${fmt(s.seconds / 60)} min); 1-minute load average during the run min ${fmt(s.loadAverage.min, 2)}, mean ${fmt(s.loadAverage.mean, 2)}, max ${fmt(s.loadAverage.max, 2)}`);
  }
  lines.push('', '## Sizes', '');
  lines.push('| size | individuals | organizations | documents | dossiers | dossier components (with a document) | people with 50+ documents |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of sizes) {
    const c = s.counts;
    lines.push(`| ${s.name} | ${count(c.individuals ?? 0)} | ${count(c.organizations ?? 0)} | ${count(c.documents ?? 0)} | ${count(c.dossiers ?? 0)} | ${count(c.components ?? 0)} (${count(c.componentsWithDocument ?? 0)}) | ${count(c.heavyHolders ?? 0)} |`);
  }
  lines.push('', '## Import rate (records per second, into PostgreSQL through COPY)', '');
  lines.push('| size | kind | records | seconds | records/s | importer CPU µs/record | PostgreSQL CPU µs/record |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const s of sizes) {
    for (const [kind, r] of Object.entries(s.import)) {
      lines.push(`| ${s.name} | ${kind} | ${count(r.records)} | ${fmt(r.seconds)} | ${count(r.recordsPerSecond)} | ${r.importerCpuMicros} | ${r.databaseCpuMicros ?? '?'} |`);
    }
  }
  lines.push('');
  for (const s of sizes) {
    lines.push(`- ${s.name}: data generated in ${s.generateSeconds === null ? 'an earlier run (files reused)' : `${fmt(s.generateSeconds)} s`}; dossiers and heavy holders loaded in ${fmt(s.dossierLoadSeconds)} s; Elasticsearch reindex (\`npm run reindex -- --only elasticsearch\`) ${fmt(s.reindex.seconds)} s: ${s.reindex.lines.join('; ')}`);
  }
  lines.push('', `## Lookups over HTTP (${small?.connections ?? 32} connections, autocannon, after a warm-up; API in its own process, NODE_ENV=production, logging at warn)`, '');
  lines.push('| lookup | size | requests/s | median ms | p99 ms | API CPU ms per request | SQL statements per request | variables rotated |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const lookup of Object.keys(LOOKUP_LABELS)) {
    for (const s of sizes) {
      const r = s.lookups[lookup];
      if (!r) continue;
      const cpu = r.apiCpuMsPerRequest === undefined ? '?' : fmt(r.apiCpuMsPerRequest, 2);
      lines.push(`| ${LOOKUP_LABELS[lookup]} | ${s.name} | ${fmt(r.requestsPerSecond, 0)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${cpu} | ${r.sqlStatements.join(' or ')} | ${count(r.variables)} |`);
    }
  }
  lines.push('', 'API CPU is the CPU time of the API process during the measured run divided by its requests: one Node.js thread, so about 1,000 ÷ this figure requests/s is its ceiling. SQL statements are counted on the same requests sent once each (several different variables) to an in-process copy of the API whose ORM reports every statement (`onQuery`), transaction control and the access log included. Search statements are PostgreSQL only (Elasticsearch requests are not counted).', '');
  for (const s of sizes) lines.push(`- API peak RSS during the ${s.name} runs: ${s.apiPeakRssMb} MB`);
  if (large && small && large !== small) {
    lines.push('', `## p99 growth (${large.name} ÷ ${small.name})`, '');
    lines.push('| lookup | p99 small ms | p99 large ms | growth |', '| --- | ---: | ---: | ---: |');
    for (const lookup of Object.keys(LOOKUP_LABELS)) {
      const a = small.lookups[lookup];
      const b = large.lookups[lookup];
      if (a && b) lines.push(`| ${lookup} | ${fmt(a.p99Ms)} | ${fmt(b.p99Ms)} | ${fmt(b.p99Ms / a.p99Ms, 2)}× |`);
    }
  }
  lines.push('', '## Side by side with PostGraphile (the same `dossier` deep query, same database, alternating rounds)', '');
  lines.push(
    '| size | ours req/s per round | PostGraphile req/s per round | ours p99 ms | PostGraphile p99 ms | one at a time, median ms: ours / PostGraphile | server CPU ms per request: ours / PostGraphile | ours ÷ theirs |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const s of sizes) {
    const p = s.postgraphile;
    const alone = p.oneAtATime ? `${fmt(p.oneAtATime.ours.medianMs, 2)} / ${fmt(p.oneAtATime.theirs.medianMs, 2)}` : 'not measured';
    const cpu = p.cpuMsPerRequest ? `${fmt(p.cpuMsPerRequest.ours, 2)} / ${fmt(p.cpuMsPerRequest.theirs, 2)}` : 'not measured';
    lines.push(`| ${s.name} | ${p.ours.map((v) => fmt(v, 0)).join(', ')} | ${p.theirs.map((v) => fmt(v, 0)).join(', ')} | ${fmt(p.oursP99Ms)} | ${fmt(p.theirsP99Ms)} | ${alone} | ${cpu} | ${fmt(p.ratio, 2)} |`);
  }
  const headline = large ?? small;
  lines.push('');
  if (headline) lines.push(`PostGraphile ratio: ${fmt(headline.postgraphile.ratio, 2)}`, '');
  lines.push('PostGraphile 5.1.5 runs with the amber preset, no authentication and no access log; ours checks the officer\'s JWT and, for every read of personal data, appends an access event to the hash-chained log (one statement, `append_access_events`, batched across concurrent requests). PostGraphile\'s own SQL statements are not counted (pg_stat_statements is not loaded on this server). The ratio is the median of the rounds\' throughputs, ours ÷ theirs.', '');
  lines.push('## Chart', '', `![p99 latency against data size](${path.basename(chartFile)})`, '');
  lines.push('## Targets', '');
  const at = large ?? small;
  const dossierCounts = new Set(sizes.flatMap((s) => s.lookups.dossier?.sqlStatements ?? []));
  const growth = large && small && large !== small ? Object.keys(LOOKUP_LABELS).map((l) => (large.lookups[l] && small.lookups[l] ? large.lookups[l].p99Ms / small.lookups[l].p99Ms : null)) : [];
  const docRates = sizes.map((s) => s.import.documents?.recordsPerSecond ?? 0);
  const rows: [string, string, boolean | null][] = [
    ['`dossier(code)`: a constant number of SQL statements', `${[...dossierCounts].join(' or ')} per request over all sizes and dossiers`, dossierCounts.size === 1],
    ['`dossier(code)`: p99 < 25 ms at 1M/5M, 32 connections', hasLarge ? `${fmt(large!.lookups.dossier.p99Ms)} ms` : `large size not run (${small?.name}: ${fmt(small?.lookups.dossier?.p99Ms ?? 0)} ms)`, hasLarge ? large!.lookups.dossier.p99Ms < 25 : null],
    ['`dossier(code)`: ≥ PostGraphile throughput', `ratio ${fmt(at?.postgraphile.ratio ?? 0, 2)} (${at?.name})`, at ? at.postgraphile.ratio >= 1 : null],
    ['Search p99 < 50 ms on Elasticsearch at 5M documents', hasLarge ? `name ${fmt(large!.lookups.searchName.p99Ms)} ms, personal ID ${fmt(large!.lookups.searchIdentifier.p99Ms)} ms` : 'large size not run', hasLarge ? Math.max(large!.lookups.searchName.p99Ms, large!.lookups.searchIdentifier.p99Ms) < 50 : null],
    ['p99 at 1M/5M ≤ 1.5× p99 at 100k/500k, every lookup', growth.length ? growth.map((g, i) => `${Object.keys(LOOKUP_LABELS)[i]} ${g === null ? '?' : `${fmt(g, 2)}×`}`).join(', ') : 'one size only', growth.length ? growth.every((g) => g !== null && g <= 1.5) : null],
    ['Import ≥ 20,000 documents/s into PostgreSQL', sizes.map((s, i) => `${s.name} ${count(docRates[i])}/s`).join(', '), sizes.length ? docRates.every((r) => r >= 20_000) : null],
    ['API RSS < 400 MB during the runs', sizes.map((s) => `${s.name} ${s.apiPeakRssMb} MB`).join(', '), sizes.length ? sizes.every((s) => s.apiPeakRssMb < 400) : null],
  ];
  lines.push('| target | figure | |', '| --- | --- | --- |');
  for (const [target, figure, ok] of rows) lines.push(`| ${target} | ${figure} | ${met(ok)} |`);
  lines.push('');
  return `${lines.join('\n')}\n`;
}

/** Writes the JSON, the chart and the page; `notesFile` (what the figures mean, written by hand after a run) closes the page when it exists. */
export async function writeResults(results: ResultsFile, jsonFile: string, mdFile: string, chartFile: string, notesFile?: string): Promise<void> {
  const notes = notesFile ? await readFile(notesFile, 'utf8').catch(() => '') : '';
  await writeFile(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(chartFile, renderChart(results));
  await writeFile(mdFile, renderResults(results, chartFile) + (notes ? `\n${notes.trim()}\n` : ''));
}
