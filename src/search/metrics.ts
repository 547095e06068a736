/**
 * What `/metrics` says about search indexing: the outbox backlog (read from the
 * database at each scrape, so every indexer process counts) and, in a process
 * that runs an indexer, its bulk latency and failures.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { SEARCH_TOPIC } from './outbox.js';
import type { OutboxIndexer } from './indexer.js';

async function backlog(em: EntityManager): Promise<{ depth: number; oldestAgeSeconds: number }> {
  const [row] = await em.execute<{ depth: string; age: string | null }[]>(
    `select count(*) as depth, extract(epoch from now() - min(created_at)) as age from outbox_event where topic = ?`,
    [SEARCH_TOPIC],
  );
  return { depth: Number(row.depth), oldestAgeSeconds: Number(row.age ?? 0) };
}

export function registerSearchOutboxMetrics(registry: Registry, em: EntityManager): void {
  let pending: ReturnType<typeof backlog> | undefined;
  const read = () => (pending ??= backlog(em.fork()).finally(() => setImmediate(() => (pending = undefined))));
  new Gauge({
    name: 'search_outbox_depth',
    help: 'Changes waiting in the search outbox.',
    registers: [registry],
    async collect() {
      this.set((await read()).depth);
    },
  });
  new Gauge({
    name: 'search_outbox_oldest_age_seconds',
    help: 'Age of the oldest change not yet searchable (0 when none waits).',
    registers: [registry],
    async collect() {
      this.set((await read()).oldestAgeSeconds);
    },
  });
}

/** Bulk latency and failures of this process's indexer. */
export function registerIndexerMetrics(registry: Registry, indexer: OutboxIndexer): void {
  const latency = new Histogram({
    name: 'search_bulk_duration_seconds',
    help: 'Duration of the indexer\'s Elasticsearch bulk requests.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const failures = new Counter({ name: 'search_bulk_failures_total', help: 'Bulk requests that failed in whole or in part.', registers: [registry] });
  indexer.onBulk = (seconds, failed) => {
    latency.observe(seconds);
    if (failed) failures.inc();
  };
}
