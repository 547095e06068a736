/** The bench suite's results page and chart (bench/lib/results.ts), from made-up figures. */
import { describe, expect, it } from '@jest/globals';
import { renderChart, renderResults, type LookupResult, type ResultsFile, type SizeResult } from '../../bench/lib/results.js';

const lookup = (p99Ms: number, sqlStatements = [6]): LookupResult => ({ requestsPerSecond: 500, p50Ms: p99Ms / 3, p99Ms, sqlStatements, variables: 2000 });
const rate = (recordsPerSecond: number) => ({ records: 10, inserted: 10, rejected: 0, seconds: 1, recordsPerSecond, importerCpuMicros: 1, databaseCpuMicros: 1 });

function size(name: string, documents: number, p99: number, ratio: number): SizeResult {
  return {
    name,
    individuals: documents / 5,
    documents,
    ranAt: '2026-11-25T08:00:00Z',
    seconds: 600,
    loadAverage: { min: 1, mean: 2, max: 3 },
    counts: { individuals: documents / 5, documents },
    generateSeconds: null,
    import: { organizations: rate(30_000), individuals: rate(30_000), documents: rate(25_000) },
    dossierLoadSeconds: 5,
    reindex: { seconds: 60, lines: [] },
    apiPeakRssMb: 300,
    connections: 32,
    durationSeconds: 10,
    lookups: { individual: lookup(p99), dossier: lookup(p99), reusableEvidence: lookup(p99), searchName: lookup(p99), searchIdentifier: lookup(p99) },
    postgraphile: { ours: [100], theirs: [100 / ratio], ratio, oursP99Ms: p99, theirsP99Ms: p99 },
  };
}

const machine = { cpus: 2, cpuModel: 'x', memoryGb: 24, node: 'v24', postgres: 'PostgreSQL 15', elasticsearch: '9', elasticsearchHeap: '512 MB' };

describe('bench results page', () => {
  it('reports growth between sizes, the PostGraphile ratio of the largest size and each target met or not', () => {
    const results: ResultsFile = { machine, sizes: { large: size('large', 5_000_000, 30, 1.25), small: size('small', 500_000, 10, 0.5) } };
    const page = renderResults(results, '/x/p99-latency.svg');
    expect(page).toContain('PostGraphile ratio: 1.25\n');
    expect(page).toContain('| dossier | 10.0 | 30.0 | 3.00× |');
    expect(page).toMatch(/p99 < 25 ms at 1M\/5M, 32 connections \| 30\.0 ms \| \*\*not met\*\*/);
    expect(page).toMatch(/constant number of SQL statements \| 6 per request .*\*\*met\*\*/);
    expect(page).toMatch(/1\.5× p99 at 100k\/500k, every lookup \| individual 3\.00×.*\| \*\*not met\*\*/);
    expect(page).toMatch(/20,000 documents\/s .*\*\*met\*\*/);
    expect(page).toContain('](p99-latency.svg)');
  });

  it('says what was not measured when only the small size ran', () => {
    const page = renderResults({ machine, sizes: { small: size('small', 500_000, 10, 0.5) } }, 'p99-latency.svg');
    expect(page).toContain('PostGraphile ratio: 0.50');
    expect(page).toMatch(/Search p99 < 50 ms .*large size not run \| not measured/);
  });

  it('draws one line per lookup over the sizes, in plain SVG', () => {
    const svg = renderChart({ machine, sizes: { small: size('small', 500_000, 10, 1), large: size('large', 5_000_000, 30, 1) } });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(5);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
