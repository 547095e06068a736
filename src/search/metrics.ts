/**
 * What `/metrics` says about search indexing: the outbox backlog (read from the
 * database at each scrape, so every indexer process counts) and, in a process
 * that runs an indexer, its bulk latency and failures.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Counter, Histogram, type Registry } from 'prom-client';
import { registerBacklogGauges, type Backlog } from '../http/metrics.js';
import { SEARCH_TOPIC } from './outbox.js';
import type { OutboxIndexer } from './indexer.js';

async function backlog(em: EntityManager): Promise<Backlog> {
  const [row] = await em.execute<{ waiting: string; age: string | null }[]>(
    `select count(*) as waiting, extract(epoch from now() - min(created_at)) as age from outbox_event where topic = ?`,
    [SEARCH_TOPIC],
  );
  return { waiting: Number(row.waiting), oldestAgeSeconds: Number(row.age ?? 0) };
}

export function registerSearchOutboxMetrics(registry: Registry, em: EntityManager): void {
  registerBacklogGauges(registry, () => backlog(em.fork()), {
    waiting: { name: 'search_outbox_depth', help: 'Changes waiting in the search outbox.' },
    oldestAge: { name: 'search_outbox_oldest_age_seconds', help: 'Age of the oldest change not yet searchable (0 when none waits).' },
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
