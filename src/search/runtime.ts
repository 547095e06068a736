/**
 * What one process needs to search and index: the Elasticsearch client (when
 * configured) and the backend the configuration chose. Made once per app,
 * closed with it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { MikroORM } from '../db/orm.js';
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { createElasticsearchClient, isUnavailable, type Client } from './client.js';
import { ElasticsearchSearchBackend } from './backends/elasticsearch.js';
import { PostgresSearchBackend } from './backends/postgres.js';
import type { SearchBackend, SearchPage, SearchRequest } from './backend.js';
import { OutboxIndexer, type IndexerOptions } from './indexer.js';

export interface SearchRuntime {
  /** Set when ELASTICSEARCH_URL is. */
  elasticsearch: { client: Client; prefix: string } | null;
  /** The configured backend; the PostgreSQL one works on the request's EntityManager. */
  backend(em: EntityManager): SearchBackend;
  /** The PostgreSQL backend, answering when Elasticsearch cannot. */
  fallback(em: EntityManager): SearchBackend;
  /** Whether searches skip Elasticsearch now (found unreachable, and its window not over): `closed`, `open` or `trying` (one search tries it again). */
  breakerState(): 'closed' | 'open' | 'trying';
  close(): Promise<void>;
}

/**
 * Elasticsearch behind a circuit breaker (cockatiel): once a search finds the
 * cluster unreachable, searches skip it at once for `openMs` — a
 * BrokenCircuitError, which the search service answers from PostgreSQL with
 * `fromFallback: true` — instead of each paying the client's failed attempt and
 * retry. Then one search tries it again (others keep skipping it meanwhile):
 * success closes the circuit, failure opens it for another window.
 */
class GuardedSearchBackend implements SearchBackend {
  readonly name = 'elasticsearch' as const;

  constructor(
    private readonly inner: SearchBackend,
    readonly breaker: CircuitBreakerPolicy,
  ) {}

  search(request: SearchRequest): Promise<SearchPage> {
    // A search is already trying the cluster again: do not wait for its verdict.
    if (this.breaker.state === CircuitState.HalfOpen) return Promise.reject(new BrokenCircuitError('Elasticsearch is being tried again by another search'));
    return this.breaker.execute(() => this.inner.search(request));
  }
}

export function createSearchRuntime(config: Pick<AppConfig, 'elasticsearchUrl' | 'searchBackend' | 'searchIndexPrefix'> & { searchBreakerOpenMs?: number }): SearchRuntime {
  const client = config.elasticsearchUrl ? createElasticsearchClient(config.elasticsearchUrl) : null;
  const elasticsearch = client ? { client, prefix: config.searchIndexPrefix } : null;
  const breaker = circuitBreaker(handleWhen(isUnavailable), { halfOpenAfter: config.searchBreakerOpenMs ?? 10_000, breaker: new ConsecutiveBreaker(1) });
  const esBackend = client && config.searchBackend === 'elasticsearch' ? new GuardedSearchBackend(new ElasticsearchSearchBackend(client, config.searchIndexPrefix), breaker) : null;
  return {
    elasticsearch,
    breakerState: () => (breaker.state === CircuitState.Closed ? 'closed' : breaker.state === CircuitState.HalfOpen ? 'trying' : 'open'),
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
