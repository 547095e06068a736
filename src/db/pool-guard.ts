/**
 * A pooled connection the server ended while it was checked out goes back to
 * the pool, as broken, at once.
 *
 * Why: MikroORM 7 runs its transactions through kysely, which gives a
 * transaction's connection back to the pool only once COMMIT or ROLLBACK
 * succeeded. On a connection the server ended (`pg_terminate_backend`, a
 * failover) both fail, so the connection stays checked out for ever: after
 * DB_POOL_SIZE such losses every request waits for a connection that never
 * comes, and `pool.end()` at shutdown never returns. Its holder may still
 * release it later: that second release does nothing.
 *
 * Likewise a connection whose statement failed because the connection was
 * lost is dropped when its holder gives it back, not kept idle: the server's
 * close may arrive a moment after the failure, and a request run again at
 * once must not be handed the same dead connection.
 */
import type { Pool, PoolClient } from 'pg';
import { isConnectionLoss } from './faults.js';

/** Longest wait for a pooled connection; past it the request fails as a lost connection (a retryable 503), it never hangs. */
export const CONNECTION_TIMEOUT_MS = 10_000;

/** Connections a statement of which failed with a lost connection. */
const broken = new WeakSet<PoolClient>();
const watched = new WeakSet<PoolClient>();

function watchStatements(client: PoolClient): void {
  if (watched.has(client)) return;
  watched.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const result = query(...args);
    // Registered before the caller's own handlers, so the mark is set before the caller releases the connection.
    if (result instanceof Promise) result.catch((error: unknown) => void (isConnectionLoss(error) && broken.add(client)));
    return result;
  }) as PoolClient['query'];
}

export function guardPool(pool: Pool): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  pool.connect = ((...args: unknown[]) => {
    // The callback form is left as it is; kysely uses the promise form.
    if (args.length > 0) return connect(...args);
    return (connect() as Promise<PoolClient>).then((client) => {
      watchStatements(client);
      const release = client.release.bind(client);
      let released = false;
      const giveBack = (error?: Error | boolean) => {
        if (released) return;
        released = true;
        client.removeListener('end', onEnd);
        release(error ?? (broken.has(client) ? new Error('A statement on this connection failed because the connection was lost') : undefined));
      };
      const onEnd = () => giveBack(new Error('The server ended this connection while it was checked out'));
      client.once('end', onEnd);
      client.release = giveBack;
      return client;
    });
  }) as Pool['connect'];
}
