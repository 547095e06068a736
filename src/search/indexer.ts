/**
 * The outbox indexer (relay): claims a batch of `search` outbox rows with
 * `FOR UPDATE SKIP LOCKED` (so several indexers can run side by side), loads the
 * current state of the rows they name from PostgreSQL, writes `search_entry`
 * and sends one `_bulk` request to Elasticsearch, then deletes the rows it
 * indexed. Rows whose write failed stay, with a growing `available_at` backoff.
 *
 * Elasticsearch down: `search_entry` (the fallback) is still kept current, the
 * rows wait, and everything is indexed once the cluster answers again.
 *
 * It wakes on `LISTEN outbox_event` (the insert trigger's NOTIFY, from any
 * process), on this process's own flushes, and on a timer.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MikroORM } from '../db/orm.js';
import type { Client } from './client.js';
import { isUnavailable } from './client.js';
import { KIND_OF_ENTITY, isIndexedEntity, type SearchDocument, type SearchKindName } from './documents.js';
import { ensureIndexes, writeTargets } from './indices.js';
import { OUTBOX_CHANNEL, SEARCH_TOPIC, outboxWritten } from './outbox.js';
import { loadDocuments } from './sources.js';
import { bulkWrite, deleteSearchEntries, keyOf, writeSearchEntries, type DeletedRef } from './writes.js';

export interface IndexerOptions {
  orm: MikroORM;
  /** Unset: only `search_entry` is maintained (PostgreSQL backend). */
  elasticsearch: { client: Client; prefix: string } | null;
  logger: Logger;
  batchSize?: number;
  /** Polling period when nothing wakes the indexer. */
  pollIntervalMs?: number;
  /** Backoff of a failed row: 500 ms doubled per attempt, at most this. */
  maxBackoffMs?: number;
  /** Connection string for LISTEN; unset (embedded database, one connection): timer and in-process wake-ups only. */
  listenUrl?: string;
}

interface OutboxRow {
  id: string;
  entity: string;
  entity_id: string;
  payload: { version?: number | null; ownerId?: string | null } | null;
  attempts: number;
}

export interface BatchResult {
  claimed: number;
  /** Rows deleted because their change is in every index. */
  indexed: number;
  /** Rows left for a retry. */
  failed: number;
}

/** Counters for /metrics and logs. */
export interface IndexerStats {
  batches: number;
  indexed: number;
  bulkFailures: number;
  lastBulkMs: number | null;
}

const BASE_BACKOFF_MS = 500;
/**
 * Up to this many changes (an officer's write, not a backlog) are made searchable
 * at once with `refresh=true`; larger batches wait for the next periodic refresh
 * (`wait_for`, at most a second), which keeps bulk loads from making tiny segments.
 */
const IMMEDIATE_REFRESH_MAX = 50;

export class OutboxIndexer {
  readonly stats: IndexerStats = { batches: 0, indexed: 0, bulkFailures: 0, lastBulkMs: null };
  /** Told about every bulk request (metrics). */
  onBulk: ((seconds: number, failed: boolean) => void) | null = null;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private running: Promise<void> | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private listener: pg.Client | null = null;
  private indexesEnsured = false;
  private listening: (() => void) | null = null;
  /** Resolves once LISTEN is in place (at once without a listen URL). */
  readonly listeningReady: Promise<void>;
  private readonly onWritten = () => this.wake();

  constructor(private readonly options: IndexerOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.listeningReady = options.listenUrl ? new Promise((resolve) => (this.listening = resolve)) : Promise.resolve();
  }

  /** Runs until `stop()`. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    outboxWritten.on('written', this.onWritten);
    if (this.options.listenUrl) void this.listen(this.options.listenUrl);
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    outboxWritten.off('written', this.onWritten);
    this.wake();
    await this.running;
    this.running = null;
    await this.listener?.end().catch(() => {});
    this.listener = null;
  }

  wake(): void {
    this.wakeUp?.();
  }

  /** Processes batches until no row is ready (rows waiting out a backoff are left). Returns the rows indexed. */
  async drain(): Promise<number> {
    let indexed = 0;
    for (;;) {
      const result = await this.processBatch();
      indexed += result.indexed;
      if (result.claimed === 0 || result.indexed === 0) return indexed;
    }
  }

  /** Claims one batch, indexes it, deletes what was indexed, and schedules a retry for the rest. */
  async processBatch(): Promise<BatchResult> {
    const em = this.options.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const rows = await tx.execute<OutboxRow[]>(
        `select id, entity, entity_id, payload, attempts from outbox_event
         where topic = ? and (available_at is null or available_at <= now())
         order by id limit ? for update skip locked`,
        [SEARCH_TOPIC, this.batchSize],
      );
      if (rows.length === 0) return { claimed: 0, indexed: 0, failed: 0 };
      const failedKeys = await this.index(tx, rows);
      const done = rows.filter((r) => !isIndexedEntity(r.entity) || !failedKeys.has(keyOf(KIND_OF_ENTITY[r.entity], r.entity_id)));
      const doneIds = new Set(done.map((r) => r.id));
      const failed = rows.filter((r) => !doneIds.has(r.id));
      if (done.length) await tx.execute(`delete from outbox_event where id in (${done.map(() => '?').join(', ')})`, done.map((r) => r.id));
      for (const row of failed) {
        const delayMs = Math.min(this.maxBackoffMs, BASE_BACKOFF_MS * 2 ** row.attempts);
        await tx.execute(
          `update outbox_event set attempts = attempts + 1, available_at = now() + make_interval(secs => ?) where id = ?`,
          [delayMs / 1000, row.id],
        );
      }
      this.stats.batches++;
      this.stats.indexed += done.length;
      return { claimed: rows.length, indexed: done.length, failed: failed.length };
    });
  }

  /** Writes the current state of the rows' entities; returns the keys whose Elasticsearch write failed. */
  private async index(tx: EntityManager, rows: OutboxRow[]): Promise<Set<string>> {
    const ids = new Map<SearchKindName, Set<string>>();
    const payloads = new Map<string, OutboxRow['payload']>();
    for (const row of rows) {
      if (!isIndexedEntity(row.entity)) {
        this.options.logger.warn({ entity: row.entity, id: row.id }, 'search outbox row for an entity that is not indexed; dropped');
        continue;
      }
      const kind = KIND_OF_ENTITY[row.entity];
      ids.set(kind, (ids.get(kind) ?? new Set()).add(row.entity_id));
      if (row.payload) payloads.set(keyOf(kind, row.entity_id), row.payload);
    }
    const upserts: SearchDocument[] = [];
    const gone: { kind: SearchKindName; entityId: string }[] = [];
    for (const [kind, set] of ids) {
      const found = await loadDocuments(tx, kind, [...set]);
      upserts.push(...found);
      const present = new Set(found.map((d) => d.entityId));
      for (const id of set) if (!present.has(id)) gone.push({ kind, entityId: id });
    }
    await writeSearchEntries(tx, upserts);
    const removed = await deleteSearchEntries(tx, gone);
    if (!this.options.elasticsearch) return new Set();

    const deletes: DeletedRef[] = gone.map(({ kind, entityId }) => {
      const key = keyOf(kind, entityId);
      const stored = removed.get(key);
      const payload = payloads.get(key);
      return { kind, entityId, ownerId: stored?.ownerId ?? payload?.ownerId ?? null, version: stored?.version ?? payload?.version ?? null };
    });
    const allKeys = new Set([...upserts.map((d) => keyOf(d.kind, d.entityId)), ...deletes.map((d) => keyOf(d.kind, d.entityId))]);
    const { client, prefix } = this.options.elasticsearch;
    const started = performance.now();
    try {
      if (!this.indexesEnsured) {
        await ensureIndexes(client, prefix);
        this.indexesEnsured = true;
      }
      // Resolved after the claim: a reindex that started before it is written to as well.
      let targets = await writeTargets(client, prefix);
      if (Object.values(targets).some((indexes) => indexes.length === 0)) {
        // An alias was removed behind our back (indexes dropped by hand): make it again.
        await ensureIndexes(client, prefix);
        targets = await writeTargets(client, prefix);
      }
      const outcome = await bulkWrite(client, targets, upserts, deletes, upserts.length + deletes.length <= IMMEDIATE_REFRESH_MAX ? true : 'wait_for');
      this.stats.lastBulkMs = performance.now() - started;
      this.onBulk?.(this.stats.lastBulkMs / 1000, outcome.failed.size > 0);
      if (outcome.failed.size) {
        this.stats.bulkFailures++;
        this.options.logger.warn({ failed: outcome.failed.size, errors: outcome.errors }, 'search bulk: some writes failed; they will be retried');
      }
      return outcome.failed;
    } catch (error) {
      this.stats.bulkFailures++;
      this.onBulk?.((performance.now() - started) / 1000, true);
      if (isUnavailable(error)) this.options.logger.warn({ err: (error as Error).message }, 'Elasticsearch unreachable; the outbox keeps the changes');
      else this.options.logger.error({ err: error }, 'search bulk request failed');
      return allKeys;
    }
  }

  private async loop(): Promise<void> {
    let errorStreak = 0;
    while (!this.stopping) {
      let claimed = 0;
      try {
        const result = await this.processBatch();
        claimed = result.claimed;
        errorStreak = 0;
      } catch (error) {
        errorStreak++;
        this.options.logger.error({ err: error }, 'search indexer batch failed');
      }
      if (this.stopping) break;
      if (claimed === this.batchSize && errorStreak === 0) continue;
      await this.sleep(errorStreak ? Math.min(this.maxBackoffMs, BASE_BACKOFF_MS * 2 ** errorStreak) : this.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }

  /** A dedicated connection waiting for the insert trigger's NOTIFY; reconnects after a failure. */
  private async listen(url: string): Promise<void> {
    while (!this.stopping) {
      const client = new pg.Client({ connectionString: url });
      this.listener = client;
      try {
        await client.connect();
        client.on('notification', (message) => {
          if (message.payload === SEARCH_TOPIC) this.wake();
        });
        await client.query(`listen ${OUTBOX_CHANNEL}`);
        if (this.stopping) break;
        this.listening?.();
        await new Promise<void>((resolve) => {
          client.once('error', () => resolve());
          client.once('end', () => resolve());
        });
      } catch (error) {
        if (!this.stopping) this.options.logger.warn({ err: (error as Error).message }, 'search indexer: LISTEN connection failed; polling until it is back');
      } finally {
        this.listener = null;
        await client.end().catch(() => {});
      }
      if (!this.stopping) await new Promise((r) => setTimeout(r, 5_000).unref());
    }
  }
}
