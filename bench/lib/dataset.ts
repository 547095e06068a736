/**
 * Benchmark data as JSON Lines files, one per kind, in the importer's formats:
 * `organizations.jsonl`, `individuals.jsonl`, `documents.jsonl` (each `.gz` with
 * `gzip`). Records come from the demo generator (seed/generate.ts): households of
 * Vietnamese names with diacritics and realistic family-name shares, identifiers
 * valid by construction, the 34 provinces and their communes, documents of the
 * catalog's types with metadata valid against their schemas.
 *
 * Deterministic: the same options give the same bytes. Streaming: memory does not
 * grow with the counts (the generator's identifiers are unique by construction).
 *
 * The documents are the papers the warehouse holds for each organization and
 * person; when more are asked for than one pass over the parties gives, further
 * passes add more papers for the same people (a later card, another contract...),
 * with codes still unique. A scanned paper carries a file reference (its SHA-256,
 * a PDF of a few pages); the bytes are not written.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import {
  IdentifierAllocator,
  SequenceBook,
  generateHoldings,
  generateIndividuals,
  generateOrganizations,
  type DocumentContext,
  type DocumentRecord,
  type OrganizationRecord,
  type Party,
} from '../../src/seed/generate.js';
import { createRandom, type Random } from '../../src/seed/random.js';

export interface DatasetOptions {
  individuals: number;
  /** Default: one per 50 individuals, at least one. */
  organizations?: number;
  documents: number;
  seed: number;
  /** The data's "today"; default 2026-11-20T03:00:00Z, so a seed gives the same files any day. */
  now?: Date;
  out: string;
  gzip?: boolean;
}

export interface DatasetFiles {
  organizations: string;
  individuals: string;
  documents: string;
}

export interface DatasetSummary {
  files: DatasetFiles;
  counts: { organizations: number; individuals: number; documents: number };
}

export const DEFAULT_DATASET_NOW = new Date('2026-11-20T03:00:00Z');

/** Employers named on contracts and books: the first organizations generated. */
const EMPLOYER_POOL = 1_000;

/** A JSON Lines writer that honours back-pressure, optionally through gzip. */
class JsonLinesWriter {
  private readonly sink: Writable;
  private readonly finished: Promise<unknown>;
  private buffer = '';
  count = 0;

  constructor(file: string, gzip: boolean) {
    const out = createWriteStream(file);
    this.finished = once(out, 'finish');
    if (gzip) {
      this.sink = createGzip();
      this.sink.pipe(out);
    } else this.sink = out;
  }

  async write(record: unknown): Promise<void> {
    this.buffer += `${JSON.stringify(record)}\n`;
    this.count++;
    if (this.buffer.length >= 1 << 16) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.sink.write(chunk)) await once(this.sink, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.sink.end();
    await this.finished;
  }
}

/** A scanned paper's file reference: a stand-in SHA-256 derived from the document code. */
function withFile(rng: Random, doc: DocumentRecord): DocumentRecord & { file?: object } {
  if (doc.source !== 'SCANNED') return doc;
  const pageCount = rng.int(1, 6);
  return {
    ...doc,
    file: {
      sha256: createHash('sha256').update(`scan:${doc.code}`).digest('hex'),
      mediaType: 'application/pdf',
      byteSize: pageCount * rng.int(90_000, 400_000),
      pageCount,
    },
  };
}

/** Writes the three files; returns their paths and how many records each holds. */
export async function generateDataset(options: DatasetOptions): Promise<DatasetSummary> {
  const now = options.now ?? DEFAULT_DATASET_NOW;
  const organizationCount = options.organizations ?? Math.max(1, Math.floor(options.individuals / 50));
  const ext = options.gzip ? '.jsonl.gz' : '.jsonl';
  await mkdir(options.out, { recursive: true });
  const files: DatasetFiles = {
    organizations: path.join(options.out, `organizations${ext}`),
    individuals: path.join(options.out, `individuals${ext}`),
    documents: path.join(options.out, `documents${ext}`),
  };
  const root = createRandom(options.seed);
  const rngFiles = root.fork('files');
  const sequences = new SequenceBook();
  const employers: OrganizationRecord[] = [];
  const ctx: DocumentContext = { now, sequences, employers };

  const organizations = new JsonLinesWriter(files.organizations, options.gzip ?? false);
  const individuals = new JsonLinesWriter(files.individuals, options.gzip ?? false);
  const documents = new JsonLinesWriter(files.documents, options.gzip ?? false);
  const addHoldings = async (rng: Random, party: Party) => {
    for (const doc of generateHoldings(rng, party, ctx)) {
      if (documents.count >= options.documents) return;
      await documents.write(withFile(rngFiles, doc));
    }
  };

  // The parties, each followed by the papers held for it. Identifier allocators
  // start afresh per kind, so a later pass over the individuals replays them exactly.
  const rngHoldings = root.fork('holdings');
  for (const org of generateOrganizations(root.fork('organizations'), organizationCount, { now, allocator: new IdentifierAllocator() })) {
    if (employers.length < EMPLOYER_POOL) employers.push(org);
    await organizations.write(org);
    await addHoldings(rngHoldings, { kind: 'ORGANIZATION', record: org });
  }
  const people = () => generateIndividuals(root.fork('individuals'), options.individuals, { now, allocator: new IdentifierAllocator() });
  for (const person of people()) {
    await individuals.write(person);
    await addHoldings(rngHoldings, { kind: 'INDIVIDUAL', record: person });
  }
  // More papers for the same people until the documents asked for are there.
  for (let pass = 1; documents.count < options.documents && options.individuals > 0; pass++) {
    const rngPass = root.fork(`holdings:${pass}`);
    const before = documents.count;
    for (const person of people()) {
      if (documents.count >= options.documents) break;
      await addHoldings(rngPass, { kind: 'INDIVIDUAL', record: person });
    }
    if (documents.count === before) break;
  }

  await Promise.all([organizations.close(), individuals.close(), documents.close()]);
  return { files, counts: { organizations: organizations.count, individuals: individuals.count, documents: documents.count } };
}
