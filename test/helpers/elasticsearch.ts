/**
 * The run's Elasticsearch node (global-setup starts or reuses one) and index
 * prefixes: one per run, extended per test file, so files and concurrent runs
 * never share an index.
 */
import { pino } from 'pino';
import { createElasticsearchClient, type Client } from '../../src/search/client.js';
import { deleteAllIndexes } from '../../src/search/indices.js';
import { reindex } from '../../src/search/reindex.js';
import { OutboxIndexer, type IndexerOptions } from '../../src/search/indexer.js';
import type { TestApp } from './app.js';

export function testElasticsearchUrl(): string {
  const url = process.env.ELASTICSEARCH_URL;
  if (!url) throw new Error('ELASTICSEARCH_URL is not set: run the tests through `npm test` (global setup starts Elasticsearch)');
  return url;
}

/** This run's prefix extended with a name of the test file's own. */
export function testIndexPrefix(name: string): string {
  const run = process.env.SEARCH_INDEX_PREFIX;
  if (!run) throw new Error('SEARCH_INDEX_PREFIX is not set: run the tests through `npm test`');
  return `${run}_${name}`;
}

export interface TestSearch {
  prefix: string;
  client: Client;
  /** An indexer on the app's ORM, writing to this prefix's indexes (or to `client` when given). */
  indexer(options?: Partial<Pick<IndexerOptions, 'maxBackoffMs' | 'batchSize'>> & { client?: Client }): OutboxIndexer;
  /** Builds the indexes and `search_entry` from PostgreSQL, as `npm run reindex` does. */
  reindexAll(): Promise<void>;
  close(): Promise<void>;
}

export function testSearch(t: TestApp, prefix: string): TestSearch {
  // The tests' own client does set-up work (a whole reindex with refresh) on a machine that may be loaded:
  // a set-up step is given a minute, where the product's requests keep their 10 s bound.
  const client = createElasticsearchClient(testElasticsearchUrl(), { requestTimeoutMs: 60_000 });
  const extraClients: Client[] = [];
  return {
    prefix,
    client,
    indexer(options = {}) {
      if (options.client) extraClients.push(options.client);
      return new OutboxIndexer({
        orm: t.app.orm,
        elasticsearch: { client: options.client ?? client, prefix },
        logger: pino({ level: 'silent' }),
        maxBackoffMs: options.maxBackoffMs,
        batchSize: options.batchSize,
      });
    },
    async reindexAll() {
      await reindex({ em: t.app.orm.em.fork(), elasticsearch: { client, prefix }, postgres: true });
    },
    async close() {
      await deleteAllIndexes(client, prefix);
      await client.close();
      for (const c of extraClients) await c.close();
    },
  };
}
