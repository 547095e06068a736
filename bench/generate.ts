/**
 * Writes benchmark data (bench/lib/dataset.ts) as JSON Lines, deterministically from a seed:
 * parties, their documents, and one dossier per D individuals (default 5; 0: none).
 * Usage: npm run bench:generate -- --individuals N --documents M [--organizations K] [--dossier-every D] [--seed S] [--out DIR] [--gzip] [--now ISO]
 * Prints one JSON line: the files written and their record counts.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DATASET_NOW, generateDataset } from './lib/dataset.js';

const USAGE =
  'Usage: npm run bench:generate -- --individuals N --documents M [--organizations K] [--dossier-every D] [--seed S] [--out DIR] [--gzip] [--now ISO]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function count(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) fail(`--${name} is required`);
    return fallback;
  }
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) fail(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

let values;
try {
  values = parseArgs({
    options: {
      individuals: { type: 'string' },
      organizations: { type: 'string' },
      documents: { type: 'string' },
      'dossier-every': { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      gzip: { type: 'boolean', default: false },
      now: { type: 'string' },
    },
    strict: true,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
const now = values.now === undefined ? DEFAULT_DATASET_NOW : new Date(values.now);
if (Number.isNaN(now.getTime())) fail(`--now must be an ISO instant, got "${values.now}"`);

const started = performance.now();
const summary = await generateDataset({
  individuals: count('individuals', values.individuals),
  organizations: values.organizations === undefined ? undefined : count('organizations', values.organizations),
  documents: count('documents', values.documents),
  dossierEvery: count('dossier-every', values['dossier-every'], 5),
  seed: count('seed', values.seed, 1333),
  out: values.out ?? 'bench-data',
  gzip: values.gzip,
  now,
});
console.log(JSON.stringify({ ...summary, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }));
