/** The Elasticsearch client, and how to tell "the cluster is unreachable" from other failures. */
import { Client, errors } from '@elastic/elasticsearch';
import { BrokenCircuitError } from 'cockatiel';

export function createElasticsearchClient(url: string, options: { requestTimeoutMs?: number } = {}): Client {
  return new Client({
    node: url,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    // A dead node should fail fast: the caller falls back or retries with backoff.
    maxRetries: 1,
    compression: false,
  });
}

/** True when the error means the cluster cannot answer (down, unreachable, timed out, no shard available, or skipped while known down). */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof BrokenCircuitError) return true;
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError) return true;
  return error instanceof errors.ResponseError && (error.statusCode === 503 || error.statusCode === 502 || error.statusCode === 504);
}

export type { Client };
