/**
 * Checking the access log (src/services/access-log.service.ts): every writer's
 * chain link by link, and every seal — from the database and from the exported
 * seal files — against the public key and against the chain it names.
 *
 * - An edited event breaks its hash; an edited event whose chain was recomputed
 *   from it onwards no longer matches the seal after it (the key is not in the
 *   database, so no new seal can be made).
 * - Deleted events break their successor's link; deleting the newest events
 *   leaves a seal (in the file, if its row was deleted too) covering more events
 *   than the chain has.
 * - Events after a chain's last seal are verified link by link only: they are
 *   reported as unsealed.
 */
import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { verifySeal, keyIdOf } from '../pki/seal-signer.js';
import { chainHash, sealPayload, type AccessEventContent, type SealRecord } from './access-log.service.js';

interface StoredRow {
  id: string;
  writer: string;
  seq: string;
  at: string;
  actor: string;
  actor_kind: string;
  operation: string;
  purpose: string | null;
  subject_individual_id: string | null;
  subject_organization_id: string | null;
  fields: string[];
  request_id: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** One writer's chain as found. */
export interface ChainReport {
  writer: string;
  events: number;
  /** Events covered by the chain's last valid seal. */
  sealed: number;
  /** Events after it: verified link by link only. */
  unsealed: number;
  lastSealedAt: string | null;
  /** The first problem found in this chain. */
  brokenAt?: string;
  problem?: string;
}

export type ChainVerification =
  | { intact: true; events: number }
  | { intact: false; events: number; brokenAt: string; problem: string };

/** A seal as checked: where it was found, and whether its signature holds. */
interface CheckedSeal extends SealRecord {
  inDatabase: boolean;
  inFile: boolean;
  valid: boolean;
}

/**
 * Walks every chain in (writer, seq) order. `seals`: per writer, by position;
 * each event a seal names must be the one sealed. `onProblem` hears the first
 * problem of each chain.
 */
async function walkChains(em: EntityManager, seals: Map<string, Map<string, CheckedSeal>>, batchSize: number): Promise<ChainReport[]> {
  const chains: ChainReport[] = [];
  let chain: ChainReport | undefined;
  let previous: string | null = null;
  let after: [string, string] = ['', '0'];
  for (;;) {
    const rows = await em.execute<StoredRow[]>(
      `select id::text as id, writer, seq::text as seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at, actor, actor_kind, operation, purpose,
              subject_individual_id, subject_organization_id, fields, request_id, prev_hash, hash
         from access_event where (writer, seq) > (?, ?::bigint) order by access_event.writer, access_event.seq limit ?`, // the bigint column, not the text alias
      [after[0], after[1], batchSize],
    );
    for (const row of rows) {
      if (chain?.writer !== row.writer) {
        chain = { writer: row.writer, events: 0, sealed: 0, unsealed: 0, lastSealedAt: null };
        chains.push(chain);
        previous = null;
      }
      const current = chain;
      const broken = (problem: string) => {
        current.brokenAt ??= row.id;
        current.problem ??= problem;
      };
      if (!current.problem) {
        const position = current.events + 1;
        if (row.seq !== String(position)) {
          broken(`it is at position ${row.seq} of its chain where ${position} was expected (an event was deleted or inserted)`);
        } else if ((row.prev_hash ?? null) !== previous) {
          broken(position === 1 ? 'the first event does not start the chain' : 'its prev_hash does not match the hash of the event before it (an event was deleted, inserted or altered)');
        } else {
          const content: AccessEventContent = {
            at: new Date(`${row.at.slice(0, 23)}Z`),
            actor: row.actor,
            actorKind: row.actor_kind,
            operation: row.operation,
            purpose: row.purpose,
            subjectIndividual: row.subject_individual_id,
            subjectOrganization: row.subject_organization_id,
            fields: row.fields,
            requestId: row.request_id,
          };
          // Sub-millisecond digits never come from the writer: their presence is an alteration too.
          if (!row.at.endsWith('000') || row.hash !== chainHash(previous, content)) broken('its content does not match its hash (the row was altered)');
        }
        const seal = seals.get(row.writer)?.get(row.seq);
        if (!current.problem && seal?.valid) {
          if (seal.hash !== row.hash || seal.eventId !== row.id) {
            broken(`it does not match the seal of ${seal.sealedAt} (the chain was rewritten up to this sealed event)`);
          } else {
            current.sealed = position;
            current.lastSealedAt = seal.sealedAt;
          }
        }
      }
      previous = row.hash;
      current.events += 1;
    }
    if (rows.length < batchSize) break;
    const last = rows[rows.length - 1];
    after = [last.writer, last.seq];
  }
  for (const c of chains) c.unsealed = c.events - c.sealed;
  return chains;
}

/**
 * The chains link by link, without their seals (what the database alone can
 * show): the first broken link in (writer, seq) order, and how many events were
 * verified before it.
 */
export async function verifyAccessLog(em: EntityManager, batchSize = 5000): Promise<ChainVerification> {
  const chains = await walkChains(em, new Map(), batchSize);
  let events = 0;
  for (const chain of chains) {
    if (chain.problem) return { intact: false, events: events + chain.events, brokenAt: chain.brokenAt!, problem: chain.problem };
    events += chain.events;
  }
  return { intact: true, events };
}

export interface AuditReport {
  /** No chain broken, no seal forged, missing or contradicted. */
  intact: boolean;
  events: number;
  chains: ChainReport[];
  /** What makes the log not intact, one sentence each. */
  problems: string[];
  /** What an auditor should know but is no alteration (seals only in the database…). */
  notes: string[];
}

interface StoredSeal {
  writer: string;
  seq: string;
  event_id: string;
  hash: string;
  sealed_at: Date;
  key_id: string;
  signature: string;
}

const SEAL_KEYS = ['writer', 'seq', 'eventId', 'hash', 'sealedAt', 'keyId', 'signature'] as const;

function parseSealLine(line: string): SealRecord | null {
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    return SEAL_KEYS.every((k) => typeof value[k] === 'string') ? (Object.fromEntries(SEAL_KEYS.map((k) => [k, value[k]])) as unknown as SealRecord) : null;
  } catch {
    return null;
  }
}

/** The seal files' seals; a missing file is a note, an unreadable line a problem. */
async function readSealFiles(files: string[], problems: string[], notes: string[]): Promise<SealRecord[]> {
  const seals: SealRecord[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      notes.push(`No seal file at ${file}: seals were checked against the database's copy only, which cannot show the newest events deleted with their seals.`);
      continue;
    }
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      const seal = parseSealLine(line);
      if (seal) seals.push(seal);
      else problems.push(`Line ${index + 1} of ${file} is not a seal.`);
    });
  }
  return seals;
}

/**
 * The whole check of `npm run audit:verify`: every chain link by link, every
 * seal's signature against `publicKey`, each sealed event against its seal,
 * every seal's chain at least as long as the seal says, and the database's
 * seals against the exported files.
 */
export async function auditAccessLog(em: EntityManager, options: { publicKey: KeyObject; sealFiles: string[]; batchSize?: number }): Promise<AuditReport> {
  const problems: string[] = [];
  const notes: string[] = [];
  const keyId = keyIdOf(options.publicKey);
  const stored = await em.execute<StoredSeal[]>('select writer, seq::text as seq, event_id::text as event_id, hash, sealed_at, key_id, signature from access_seal order by access_seal.writer, access_seal.seq');
  const fromFiles = await readSealFiles(options.sealFiles, problems, notes);

  const seals = new Map<string, Map<string, CheckedSeal>>();
  const check = (seal: SealRecord, source: 'database' | 'file') => {
    let byWriter = seals.get(seal.writer);
    if (!byWriter) seals.set(seal.writer, (byWriter = new Map()));
    const known = byWriter.get(seal.seq);
    if (known) {
      if (known.hash !== seal.hash || known.eventId !== seal.eventId || known.signature !== seal.signature) {
        problems.push(`The seal of writer ${seal.writer} at event ${seal.seq} differs between the database and the seal file.`);
      }
      if (source === 'database') known.inDatabase = true;
      else known.inFile = true;
      return;
    }
    const valid = seal.keyId === keyId && verifySeal(options.publicKey, sealPayload(seal), Buffer.from(seal.signature, 'base64'));
    if (!valid) problems.push(`The seal of writer ${seal.writer} at event ${seal.seq} (${source}) has no valid signature by key ${keyId.slice(0, 16)}… (forged or altered).`);
    byWriter.set(seal.seq, { ...seal, inDatabase: source === 'database', inFile: source === 'file', valid });
  };
  for (const row of stored) {
    check({ writer: row.writer, seq: row.seq, eventId: row.event_id, hash: row.hash, sealedAt: new Date(row.sealed_at).toISOString(), keyId: row.key_id, signature: row.signature }, 'database');
  }
  for (const seal of fromFiles) check(seal, 'file');

  const chains = await walkChains(em, seals, options.batchSize ?? 5000);
  for (const chain of chains) {
    if (chain.problem) problems.push(`Chain ${chain.writer} is broken at event ${chain.brokenAt}: ${chain.problem}.`);
  }
  let onlyInDatabase = 0;
  for (const [writer, byWriter] of seals) {
    const length = chains.find((c) => c.writer === writer)?.events ?? 0;
    for (const seal of byWriter.values()) {
      if (seal.valid && Number(seal.seq) > length) {
        problems.push(`Chain ${writer} has ${length} events but its seal of ${seal.sealedAt} covers ${seal.seq}: events were deleted (truncated).`);
      }
      if (seal.valid && seal.inFile && !seal.inDatabase) problems.push(`The seal of writer ${writer} at event ${seal.seq} is in the seal file but not in the database (deleted from it).`);
      if (!seal.inFile) onlyInDatabase += 1;
    }
  }
  if (onlyInDatabase > 0 && options.sealFiles.length > 0) {
    notes.push(`${onlyInDatabase} seal(s) are in the database but in none of the seal files read (written by a process on another host, or the file write failed).`);
  }
  return { intact: problems.length === 0, events: chains.reduce((n, c) => n + c.events, 0), chains, problems, notes };
}
