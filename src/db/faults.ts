/**
 * Telling "the database connection went away" from every other failure: a
 * terminated backend (`pg_terminate_backend`, a failover, a restart), a socket
 * closed under a query, a pool that cannot connect, or a pool already closed
 * by a shutdown. Such a failure says nothing about the request: a read can be
 * run again, and a write whose transaction never reached COMMIT too; anything
 * else is answered as retryable (503 UNAVAILABLE), never INTERNAL.
 */
import { DomainError } from '../domain/errors.js';

/** Seconds a client is told to wait before retrying a request the database (or the shutdown) could not serve. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/** The database connection was lost and the request could not be run again safely: send it again later. */
export function databaseUnavailable(): DomainError {
  return new DomainError('DATABASE_UNAVAILABLE', 'The database could not serve the request; retry shortly', { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS });
}

/** SQLSTATE classes and codes of a lost or refused connection (PostgreSQL appendix A). */
const CONNECTION_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, smart or fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, in recovery
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
]);

/** Node socket errors of a connection that broke or could not be made. */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/** Messages of pg, pg-pool and kysely when the connection (or the pool) is gone; they carry no code. */
const MESSAGES = [
  /^Connection terminated/i, // pg: "Connection terminated unexpectedly", "Connection terminated due to connection timeout"
  /Client has encountered a connection error and is not queryable/i,
  /terminating connection due to/i,
  /server closed the connection unexpectedly/i,
  /timeout exceeded when trying to connect/i,
  /Cannot use a pool after calling end on the pool/i,
  /driver has already been destroyed/i, // kysely, once the ORM was closed by a shutdown
  /Client was closed and is not queryable/i,
];

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  originalError?: unknown;
  previous?: unknown;
}

/** True when `error` (or what it wraps) is a lost, refused or closed database connection. */
export function isConnectionLoss(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as ErrorLike;
    if (typeof e.code === 'string' && (CONNECTION_SQLSTATES.has(e.code) || e.code.startsWith('08') || SOCKET_CODES.has(e.code))) return true;
    if (typeof e.message === 'string' && MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
    current = e.originalError ?? e.cause ?? e.previous;
  }
  return false;
}
