/**
 * Benchmark data as JSON Lines files, one per kind: `organizations.jsonl`,
 * `individuals.jsonl`, `documents.jsonl` in the importer's formats, and
 * `dossiers.jsonl` for bench/lib/dossiers.ts (each `.gz` with `gzip`). Records come
 * from the demo generator (seed/generate.ts): households of Vietnamese names with
 * diacritics and realistic family-name shares, identifiers valid by construction,
 * the 34 provinces and their communes, documents of the catalog's types with
 * metadata valid against their schemas.
 *
 * Deterministic: the same options give the same bytes. Streaming: memory does not
 * grow with the counts (the generator's identifiers are unique by construction).
 *
 * The documents are the papers the warehouse holds for each organization and
 * person; when more are asked for than one pass over the parties gives, further
 * passes add more papers for the same people (a later card, another contract...),
 * with codes still unique. A scanned paper carries a file reference (its SHA-256,
 * a PDF of a few pages); the bytes are not written.
 *
 * Dossiers (DossierRecord of seed/generate.ts): every k-th individual applies, at the
 * office of their province, for one of the procedures individuals apply for, at an
 * instant of the year before `now` (office hours not modelled). Written right
 * after the person's first papers, so each component is REUSED with the most recent
 * VALID paper of the required type the person held then (seed's HoldingsIndex) among
 * those written to documents.jsonl, or PENDING. Statuses cycle so that half are decided:
 * those get a result `KQ.<dossier code>` decided by the system officer a day after
 * receipt (returned a day later when RESULT_RETURNED). The history walks
 * RECEIVED → DIGITIZING → PROCESSING → NEEDS_SUPPLEMENT | decision → RESULT_RETURNED
 * up to the dossier's status. Codes come from the same SequenceBook as the documents'.
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
  HoldingsIndex,
  SequenceBook,
  generateHoldings,
  generateIndividuals,
  generateOrganizations,
  type DocumentContext,
  type ChannelValue,
  type DocumentRecord,
  type DossierRecord,
  type DossierStatusChangeRecord,
  type DossierStatusValue,
  type IndividualRecord,
  type OrganizationRecord,
  type Party,
} from '../../src/seed/generate/index.js';
import { createRandom, type Random } from '../../src/seed/random.js';
import { SYSTEM_OFFICER, provinceAgencyCode } from '../../src/catalog/agencies.js';
import { PROCEDURES } from '../../src/catalog/procedures.js';
import { formatResultCode } from '../../src/domain/codes.js';

export interface DatasetOptions {
  individuals: number;
  /** Default: one per 50 individuals, at least one. */
  organizations?: number;
  documents: number;
  /** One dossier per this many individuals (the k-th, 2k-th...); 0: none. Default 5. */
  dossierEvery?: number;
  seed: number;
  /** The data's "today"; default 2026-11-20T03:00:00Z, so a seed gives the same files any day. */
  now?: Date;
  out: string;
  gzip?: boolean;
}

/** The files the importer reads (src/import). */
export interface DatasetFiles {
  organizations: string;
  individuals: string;
  documents: string;
}

export interface DatasetSummary {
  /** `dossiers`: for bench/lib/dossiers.ts. */
  files: DatasetFiles & { dossiers: string };
  counts: { organizations: number; individuals: number; documents: number; dossiers: number };
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

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Dossier statuses in turn: half of them decided. */
const STATUS_CYCLE: readonly DossierStatusValue[] = [
  'RECEIVED', 'DIGITIZING', 'PROCESSING', 'NEEDS_SUPPLEMENT', 'APPROVED',
  'REJECTED', 'RESULT_RETURNED', 'RESULT_RETURNED', 'APPROVED', 'PROCESSING',
];
const CHANNELS: readonly ChannelValue[] = ['IN_PERSON', 'ONLINE', 'POSTAL'];
const INDIVIDUAL_PROCEDURES = PROCEDURES.filter((p) => p.applicantKind === 'INDIVIDUAL');

/** The steps leading to a status, with their offsets from receipt. */
function stepsTo(status: DossierStatusValue): Array<[DossierStatusValue, number]> {
  const steps: Array<[DossierStatusValue, number]> = [['RECEIVED', 0]];
  if (status === 'RECEIVED') return steps;
  steps.push(['DIGITIZING', HOUR_MS / 2]);
  if (status === 'DIGITIZING') return steps;
  steps.push(['PROCESSING', 2 * HOUR_MS]);
  if (status === 'PROCESSING') return steps;
  steps.push([status === 'RESULT_RETURNED' ? 'APPROVED' : status, DAY_MS]);
  if (status === 'RESULT_RETURNED') steps.push(['RESULT_RETURNED', 2 * DAY_MS]);
  return steps;
}

/** The i-th dossier, filed by `person`, who holds `held` (the papers written for them so far). */
function dossierOf(rng: Random, i: number, person: IndividualRecord, held: HoldingsIndex, ctx: DocumentContext): DossierRecord {
  const procedure = rng.pick(INDIVIDUAL_PROCEDURES);
  const agencyCode = provinceAgencyCode(person.provinceCode);
  const receivedAt = rng.instant(new Date(ctx.now.getTime() - 365 * DAY_MS), new Date(ctx.now.getTime() - 7 * DAY_MS));
  const status = STATUS_CYCLE[i % STATUS_CYCLE.length]!;
  const code = ctx.sequences.dossierCode(agencyCode, receivedAt);
  const at = (offset: number) => new Date(receivedAt.getTime() + offset).toISOString();
  const applicant = { kind: 'INDIVIDUAL', personalId: person.personalId } as const;
  const steps = stepsTo(status);
  const history: DossierStatusChangeRecord[] = steps.map(([to, offset], k) => ({
    from: k === 0 ? null : steps[k - 1]![0],
    to,
    at: at(offset),
    byCode: SYSTEM_OFFICER.code,
    note: null,
  }));
  const decision = steps.find(([to]) => to === 'APPROVED' || to === 'REJECTED');
  return {
    code,
    procedureCode: procedure.code,
    applicant,
    channel: rng.pick(CHANNELS),
    agencyCode,
    receivedAt: receivedAt.toISOString(),
    receivedByCode: SYSTEM_OFFICER.code,
    dueAt: at(procedure.processingDays * DAY_MS),
    status,
    components: procedure.components.map((req) => {
      const doc = held.reusable(applicant, req.documentTypeCode, receivedAt);
      return doc
        ? { requirementCode: req.code, provision: 'REUSED', documentCode: doc.code, providedAt: receivedAt.toISOString(), providedByCode: SYSTEM_OFFICER.code }
        : { requirementCode: req.code, provision: 'PENDING', documentCode: null, providedAt: null, providedByCode: null };
    }),
    history,
    result: decision
      ? {
          code: formatResultCode(code),
          decision: decision[0] as 'APPROVED' | 'REJECTED',
          reason: null,
          documentCode: null,
          decidedByCode: SYSTEM_OFFICER.code,
          decidedAt: at(decision[1]),
          returnedAt: status === 'RESULT_RETURNED' ? at(2 * DAY_MS) : null,
        }
      : null,
  };
}

/** Writes the four files; returns their paths and how many records each holds. */
export async function generateDataset(options: DatasetOptions): Promise<DatasetSummary> {
  const now = options.now ?? DEFAULT_DATASET_NOW;
  const organizationCount = options.organizations ?? Math.max(1, Math.floor(options.individuals / 50));
  const ext = options.gzip ? '.jsonl.gz' : '.jsonl';
  await mkdir(options.out, { recursive: true });
  const files: DatasetSummary['files'] = {
    organizations: path.join(options.out, `organizations${ext}`),
    individuals: path.join(options.out, `individuals${ext}`),
    documents: path.join(options.out, `documents${ext}`),
    dossiers: path.join(options.out, `dossiers${ext}`),
  };
  const dossierEvery = options.dossierEvery ?? 5;
  const root = createRandom(options.seed);
  const rngFiles = root.fork('files');
  const sequences = new SequenceBook();
  const employers: OrganizationRecord[] = [];
  const ctx: DocumentContext = { now, sequences, employers };

  const organizations = new JsonLinesWriter(files.organizations, options.gzip ?? false);
  const individuals = new JsonLinesWriter(files.individuals, options.gzip ?? false);
  const documents = new JsonLinesWriter(files.documents, options.gzip ?? false);
  const dossiers = new JsonLinesWriter(files.dossiers, options.gzip ?? false);
  /** Writes the party's papers (as many as the documents asked for allow); returns those written. */
  const addHoldings = async (rng: Random, party: Party) => {
    const written = new HoldingsIndex();
    for (const doc of generateHoldings(rng, party, ctx)) {
      if (documents.count >= options.documents) break;
      await documents.write(withFile(rngFiles, doc));
      written.add(doc);
    }
    return written;
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
  const rngDossiers = root.fork('dossiers');
  for (const person of people()) {
    await individuals.write(person);
    const held = await addHoldings(rngHoldings, { kind: 'INDIVIDUAL', record: person });
    if (dossierEvery > 0 && individuals.count % dossierEvery === 0) await dossiers.write(dossierOf(rngDossiers, dossiers.count, person, held, ctx));
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

  await Promise.all([organizations.close(), individuals.close(), documents.close(), dossiers.close()]);
  return {
    files,
    counts: { organizations: organizations.count, individuals: individuals.count, documents: documents.count, dossiers: dossiers.count },
  };
}
