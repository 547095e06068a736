/**
 * What one process needs to search and index: the Elasticsearch client (when
 * configured) and the backend the configuration chose. Made once per app,
 * closed with it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { MikroORM } from '../db/orm.js';
import { createElasticsearchClient, type Client } from './client.js';
import { ElasticsearchSearchBackend } from './backends/elasticsearch.js';
import { PostgresSearchBackend } from './backends/postgres.js';
import type { SearchBackend } from './backend.js';
import { OutboxIndexer, type IndexerOptions } from './indexer.js';

export interface SearchRuntime {
  /** Set when ELASTICSEARCH_URL is. */
  elasticsearch: { client: Client; prefix: string } | null;
  /** The configured backend; the PostgreSQL one works on the request's EntityManager. */
  backend(em: EntityManager): SearchBackend;
  /** The PostgreSQL backend, answering when Elasticsearch cannot. */
  fallback(em: EntityManager): SearchBackend;
  close(): Promise<void>;
}

export function createSearchRuntime(config: Pick<AppConfig, 'elasticsearchUrl' | 'searchBackend' | 'searchIndexPrefix'>): SearchRuntime {
  const client = config.elasticsearchUrl ? createElasticsearchClient(config.elasticsearchUrl) : null;
  const elasticsearch = client ? { client, prefix: config.searchIndexPrefix } : null;
  const esBackend = client && config.searchBackend === 'elasticsearch' ? new ElasticsearchSearchBackend(client, config.searchIndexPrefix) : null;
  return {
    elasticsearch,
    backend: (em) => esBackend ?? new PostgresSearchBackend(em),
    fallback: (em) => new PostgresSearchBackend(em),
    close: async () => {
      await client?.close();
    },
  };
}

/** Search on PostgreSQL only, for contexts made outside an app (workers, tests of services). */
export const POSTGRES_SEARCH: SearchRuntime = createSearchRuntime({ elasticsearchUrl: undefined, searchBackend: 'postgres', searchIndexPrefix: 'vss' });

/** The outbox indexer of this configuration: Elasticsearch when configured, `search_entry` always. */
export function createIndexer(
  runtime: SearchRuntime,
  orm: MikroORM,
  logger: Logger,
  options: { listenUrl?: string } & Pick<IndexerOptions, 'batchSize' | 'pollIntervalMs' | 'maxBackoffMs'> = {},
): OutboxIndexer {
  return new OutboxIndexer({ orm, elasticsearch: runtime.elasticsearch, logger: logger.child({ component: 'search-indexer' }), ...options });
}
