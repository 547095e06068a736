/**
 * The access log ("nhật ký truy cập", Decree 13/2023/NĐ-CP): who read whose
 * personal data, through which operation and for what purpose. Written before
 * the response that revealed the data leaves.
 *
 * Tamper evidence: the log is a hash chain in id order. Each event stores the
 * hash of the event before it (`prev_hash`) and
 * `hash = sha256(prev_hash || canonical JSON of its content)`, so altering a
 * row breaks its own hash and deleting one breaks its successor's link.
 *
 * Throughput: extending a chain is sequential by nature, but requests must not
 * queue on a lock one by one. One writer per process appends batches: callers
 * enqueue their events and wait; the writer takes everything queued, locks the
 * chain, reads the head, hashes and inserts the whole batch in one statement
 * (a database function) and wakes every waiter. Concurrent requests share one chain step.
 */
import { createHash } from 'node:crypto';
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
function canonicalJson(value: unknown): string {
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

/**
 * One statement per batch: `append_access_events` (migration
 * 20261125103000) takes the chain's transaction-scoped advisory lock, so
 * several API processes on one database stay consistent and a crashed writer
 * never holds it, reads the head and hashes each event's canonical content
 * after it, as chainHash does.
 */
async function appendToChain(em: EntityManager, events: AccessEventContent[]): Promise<void> {
  const rows = events.map((event) => ({ ...event, at: event.at.toISOString(), content: canonicalContent(event) }));
  await em.getConnection().execute('select append_access_events(?::jsonb)', [JSON.stringify(rows)]);
}

interface Waiter {
  events: AccessEventContent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The single in-process writer of one database's chain. */
class ChainWriter {
  private queue: Waiter[] = [];
  private running = false;

  constructor(private readonly em: EntityManager) {}

  append(events: AccessEventContent[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    // Let the callers of this tick join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        await appendToChain(this.em.fork(), batch.flatMap((w) => w.events));
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.running = false;
  }
}

/** One writer per ORM driver (a process may hold several ORMs: tests, tools). */
const writers = new WeakMap<object, ChainWriter>();

function writerFor(em: EntityManager): ChainWriter {
  const driver = em.getDriver();
  let writer = writers.get(driver);
  if (!writer) {
    writer = new ChainWriter(em.fork());
    writers.set(driver, writer);
  }
  return writer;
}

/** Stores what `subjects` says was revealed by this request; resolves once the events are committed. */
export async function storeAccessEvents(em: EntityManager, ctx: Context, operation: string, subjects: RevealedSubject[]): Promise<void> {
  if (subjects.length === 0) return;
  const at = new Date();
  const actor = actorName(ctx.viewer);
  await writerFor(em).append(
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

export type ChainVerification =
  | { intact: true; events: number }
  | { intact: false; events: number; brokenAt: string; problem: string };

interface StoredRow {
  id: string;
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

/**
 * Walks the chain in id order and stops at the first broken link. `events` is
 * how many events were verified before it. Truncation of the newest events is
 * not visible in the chain itself: compare the head with a copy kept elsewhere.
 */
export async function verifyAccessLog(em: EntityManager, batchSize = 5000): Promise<ChainVerification> {
  let events = 0;
  let previous: string | null = null;
  let after = '0';
  for (;;) {
    const rows = await em.execute<StoredRow[]>(
      `select id::text as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at, actor, actor_kind, operation, purpose,
              subject_individual_id, subject_organization_id, fields, request_id, prev_hash, hash
         from access_event where id > ? order by access_event.id limit ?`, // the bigint column, not the text alias
      [after, batchSize],
    );
    for (const row of rows) {
      const broken = (problem: string): ChainVerification => ({ intact: false, events, brokenAt: row.id, problem });
      if ((row.prev_hash ?? null) !== previous) {
        return broken(events === 0 ? 'the first event does not start the chain' : 'its prev_hash does not match the hash of the event before it (an event was deleted, inserted or altered)');
      }
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
      if (!row.at.endsWith('000') || row.hash !== chainHash(previous, content)) return broken('its content does not match its hash (the row was altered)');
      previous = row.hash;
      events += 1;
    }
    if (rows.length < batchSize) return { intact: true, events };
    after = rows[rows.length - 1].id;
  }
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
