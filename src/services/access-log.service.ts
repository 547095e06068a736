/**
 * The access log ("nhật ký truy cập", Decree 13/2023/NĐ-CP): who read whose
 * personal data, through which operation and for what purpose. Written before
 * the response that revealed the data leaves.
 *
 * Tamper evidence: the log is a set of hash chains, one per writing process
 * (AUDIT_WRITER_ID). Each event stores its position (`seq`), the hash of the
 * event before it in its chain (`prev_hash`) and
 * `hash = sha256(prev_hash || canonical JSON of its content)`, so altering a
 * row breaks its own hash and deleting one breaks its successor's link. A
 * database writer could still recompute a chain from an edited event onwards,
 * or delete the newest events: so each chain's head is sealed regularly — signed
 * with an Ed25519 key that is not in the database (src/pki/seal-signer.ts) — and
 * every seal is stored and also appended to a file (src/services/access-log-audit.ts checks them).
 *
 * Throughput: extending a chain is sequential by nature, but requests must not
 * queue on a lock one by one, nor processes on each other. One writer per
 * process appends batches to its own chain: callers enqueue their events and
 * wait; the writer takes everything queued, locks its chain, reads the head,
 * hashes and inserts the whole batch in one statement (a database function) and
 * wakes every waiter. Concurrent requests share one chain step.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { SealSigner } from '../pki/seal-signer.js';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context.js';
import { AccessEvent } from '../entities/access-event.entity.js';
import { Individual } from '../entities/individual.entity.js';
import { OfficerRole } from '../entities/enums.js';
import { actorName, hasRole } from '../auth/viewer.js';
import type { RevealedSubject } from '../auth/access-recorder.js';
import { DomainError } from '../domain/errors.js';
import { keysetPage, type Page, type PageArgs } from './core/pagination.js';
import { findParty, type PartyIdentifier } from './party.service.js';

/** What an event says; exactly what its hash covers. */
export interface AccessEventContent {
  at: Date;
  actor: string;
  actorKind: string;
  operation: string;
  purpose: string | null;
  subjectIndividual: string | null;
  subjectOrganization: string | null;
  fields: string[];
  requestId: string | null;
}

/** JSON with object keys sorted at every level: one text for one content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function canonicalContent(event: AccessEventContent): string {
  return canonicalJson({ ...event, at: event.at.toISOString() });
}

export function chainHash(prevHash: string | null, event: AccessEventContent): string {
  return createHash('sha256').update(prevHash ?? '').update(canonicalContent(event)).digest('hex');
}

/** The last event of a writer's chain after an append: what a seal signs. */
export interface ChainHead {
  id: string;
  seq: string;
  hash: string;
}

/**
 * One statement per batch: `append_access_events` (migration
 * 20261205140435) takes the writer's chain's transaction-scoped advisory lock
 * (several processes under one writer id stay consistent; a crashed writer never
 * holds it), reads that chain's head, hashes each event's canonical content after
 * it, as chainHash does, and answers the new head.
 */
async function appendToChain(em: EntityManager, writer: string, events: AccessEventContent[]): Promise<ChainHead> {
  const rows = events.map((event) => ({ ...event, at: event.at.toISOString(), content: canonicalContent(event) }));
  const [row] = await em.getConnection().execute<{ head: ChainHead }[]>('select append_access_events(?, ?::jsonb) as head', [writer, JSON.stringify(rows)]);
  return row.head;
}

/** What a seal says; its canonical JSON is what the key signs. */
export interface SealContent {
  writer: string;
  /** How many events of the chain it covers. */
  seq: string;
  eventId: string;
  hash: string;
  sealedAt: string;
  keyId: string;
}

export interface SealRecord extends SealContent {
  /** Ed25519 signature over `sealPayload`, base64. */
  signature: string;
}

export function sealPayload(seal: SealContent): Buffer {
  const { writer, seq, eventId, hash, sealedAt, keyId } = seal;
  return Buffer.from(canonicalJson({ v: 1, writer, seq, eventId, hash, sealedAt, keyId }));
}

/** How this process seals its chain. */
export interface AccessLogOptions {
  writerId: string;
  signer: SealSigner;
  /** The append-only copy of the seals (JSON lines). */
  sealFile: string;
  sealEveryEvents: number;
  sealIntervalMs: number;
  logger: Logger;
}

interface Waiter {
  events: AccessEventContent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The single in-process writer of this process's chain. It seals the chain's
 * head every `sealEveryEvents` events, and `sealIntervalMs` after the first
 * event left unsealed; a failed seal is tried again at the next occasion (the
 * events stay, they are only unsealed meanwhile).
 */
class ChainWriter {
  private queue: Waiter[] = [];
  private loop: Promise<void> | undefined;
  private head: ChainHead | undefined;
  private unsealed = 0;
  private sealDue = false;
  private timer: NodeJS.Timeout | undefined;
  private file: FileHandle | undefined;
  private closed = false;

  constructor(
    private readonly em: EntityManager,
    private readonly options: AccessLogOptions,
  ) {}

  append(events: AccessEventContent[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      this.wake();
    });
  }

  private wake(): void {
    this.loop ??= this.run().finally(() => {
      this.loop = undefined;
      // Work that arrived while the loop was ending.
      if (this.queue.length > 0 || this.sealDue) this.wake();
    });
  }

  private async run(): Promise<void> {
    // Let the callers of this tick join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0 || this.sealDue) {
      const batch = this.queue.splice(0);
      if (batch.length > 0) {
        const events = batch.flatMap((w) => w.events);
        try {
          this.head = await appendToChain(this.em.fork(), this.options.writerId, events);
          this.unsealed += events.length;
          for (const waiter of batch) waiter.resolve();
        } catch (error) {
          for (const waiter of batch) waiter.reject(error);
        }
        if (this.unsealed >= this.options.sealEveryEvents) this.sealDue = true;
        else if (this.unsealed > 0) this.startTimer();
      }
      if (this.sealDue) {
        this.sealDue = false;
        await this.seal();
      }
    }
  }

  private startTimer(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sealDue = true;
      this.wake();
    }, this.options.sealIntervalMs);
    this.timer.unref();
  }

  /** Signs the head, stores the seal, then appends it to the file. */
  private async seal(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const head = this.head;
    if (!head || this.unsealed === 0) return;
    const { writerId, signer, logger } = this.options;
    let record: SealRecord;
    try {
      const content: SealContent = { writer: writerId, seq: head.seq, eventId: head.id, hash: head.hash, sealedAt: new Date().toISOString(), keyId: signer.keyId };
      record = { ...content, signature: (await signer.sign(sealPayload(content))).toString('base64') };
      await this.em.fork().getConnection().execute(
        'insert into access_seal (writer, seq, event_id, hash, sealed_at, key_id, signature) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
        [record.writer, record.seq, record.eventId, record.hash, record.sealedAt, record.keyId, record.signature],
      );
      this.unsealed = 0;
    } catch (error) {
      logger.error({ err: error, writer: writerId }, 'access log seal failed; tried again later');
      this.startTimer();
      return;
    }
    try {
      this.file ??= await openSealFile(this.options.sealFile);
      await this.file.appendFile(`${JSON.stringify(record)}\n`);
      await this.file.datasync();
    } catch (error) {
      logger.error({ err: error, file: this.options.sealFile }, 'access log seal not exported to the seal file');
    }
  }

  /** Seals what is left and closes the seal file (shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.loop) await this.loop;
    await this.seal();
    await this.file?.close();
    this.file = undefined;
  }
}

async function openSealFile(file: string): Promise<FileHandle> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // 'a': every write goes to the end, whatever was written before (O_APPEND), by this process or another.
  return open(file, 'a', 0o600);
}

/** One writer per ORM driver (a process may hold several ORMs: tests, tools). */
const writers = new WeakMap<object, ChainWriter>();

/** Starts this process's writer of the access log on the ORM of `em`; `close` seals what is left. */
export function openAccessLog(em: EntityManager, options: AccessLogOptions): { close(): Promise<void> } {
  const writer = new ChainWriter(em.fork(), options);
  writers.set(em.getDriver(), writer);
  return { close: () => writer.close() };
}

/** Stores what `subjects` says was revealed by this request; resolves once the events are committed. */
export async function storeAccessEvents(em: EntityManager, ctx: Context, operation: string, subjects: RevealedSubject[]): Promise<void> {
  if (subjects.length === 0) return;
  const writer = writers.get(em.getDriver());
  if (!writer) throw new Error('No access log writer on this database: openAccessLog first');
  const at = new Date();
  const actor = actorName(ctx.viewer);
  await writer.append(
    subjects.map((s) => ({
      at,
      actor,
      actorKind: ctx.viewer.kind.toUpperCase(),
      operation,
      purpose: ctx.purpose ?? null,
      subjectIndividual: s.kind === 'INDIVIDUAL' ? s.id : null,
      subjectOrganization: s.kind === 'ORGANIZATION' ? s.id : null,
      fields: [...s.fields].sort(),
      requestId: ctx.requestId ?? null,
    })),
  );
}

/** Filter of `accessEvents`. */
export interface AccessEventQuery {
  subject?: PartyIdentifier | null;
  actor?: string | null;
  from?: Date | null;
  to?: Date | null;
}

const EMPTY_PAGE: Page<AccessEvent> = { nodes: [], hasNextPage: false, hasPreviousPage: false, cursorOf: () => '', totalCount: async () => 0 };

/**
 * Who read whose data, newest first. Auditors see everything; a partner with
 * `access-log:read` (the National Public Service Portal) sees one person's log
 * at a time, the person named in the filter.
 */
export async function listAccessEvents(ctx: Context, filter: AccessEventQuery | null | undefined, args: PageArgs): Promise<Page<AccessEvent>> {
  const viewer = ctx.viewer;
  if (viewer.kind === 'partner') {
    if (!viewer.scopes.includes('access-log:read')) throw new DomainError('FORBIDDEN', 'This needs the access-log:read scope');
    if (!filter?.subject) {
      throw new DomainError('INVALID_ARGUMENT', 'Partners read the access log of one person at a time: give filter.subject', { argumentPath: ['filter', 'subject'] });
    }
  } else if (!hasRole(viewer, [OfficerRole.AUDITOR])) {
    throw new DomainError('FORBIDDEN', 'Only auditors may read the access log');
  }
  const where: Record<string, unknown> = {};
  if (filter?.subject) {
    const party = await findParty(ctx, filter.subject, ['filter', 'subject']);
    if (!party) return EMPTY_PAGE;
    where[party instanceof Individual ? 'subjectIndividual' : 'subjectOrganization'] = party.id;
  }
  if (filter?.actor) where.actor = filter.actor;
  if (filter?.from || filter?.to) where.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  return keysetPage(ctx, ctx.em, AccessEvent, where as FilterQuery<AccessEvent>, 'at', args, 'bigint');
}
