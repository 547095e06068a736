/**
 * A bounded, draining shutdown: on SIGTERM (or SIGINT) stop accepting, answer
 * new requests on open connections 503 with `Connection: close`, let the
 * requests in flight and the background workers finish, then close the pools
 * and exit — all within SHUTDOWN_TIMEOUT_MS. A second signal exits at once.
 *
 * The deadline holds even when the main thread is stuck (the embedded
 * database, PGlite, runs its WebAssembly on it; an API once stayed alive 25
 * minutes after SIGTERM): a watchdog on a thread of its own kills the process
 * shortly after the deadline if the main thread did not end it by then.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { DrainingServer } from './http/draining-server.js';

/** Something that runs beside the requests and finishes its current round when stopped. */
export interface BackgroundWorker {
  name: string;
  stop(): Promise<void>;
}

export interface ShutdownOptions {
  http: DrainingServer;
  workers: BackgroundWorker[];
  /** Closes the app (Apollo, pools, Redis, Elasticsearch) and the embedded database. */
  close(): Promise<void>;
  deadlineMs: number;
  logger: Logger;
}

/** How long the watchdog waits past the deadline before it kills a process whose main thread never got to exit. */
export const WATCHDOG_GRACE_MS = 500;

/**
 * Kills this process (SIGKILL) after `ms` from a worker thread: it fires even
 * when the main thread is blocked and cannot run its own timers or signal
 * handlers. Unreferenced: it never keeps the process alive by itself.
 */
export function startWatchdog(ms: number): Worker {
  const watchdog = new Worker(
    `const { workerData } = require('node:worker_threads');
     setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), workerData.ms);`,
    { eval: true, workerData: { pid: process.pid, ms } },
  );
  watchdog.unref();
  return watchdog;
}

const sleep = (ms: number) => new Promise<'deadline'>((resolve) => setTimeout(() => resolve('deadline'), Math.max(0, ms)));

/**
 * Runs the shutdown; resolves with the exit code (0: everything drained and
 * closed in time; 1: the deadline cut something short). The caller exits.
 */
export async function shutdownGracefully(options: ShutdownOptions): Promise<number> {
  const { http, workers, logger, deadlineMs } = options;
  const started = Date.now();
  const deadline = started + deadlineMs;
  // Closing the pools gets the last fifth of the time (at least 1 s, at most 3 s); draining the rest.
  const closeReserve = Math.min(3_000, Math.max(1_000, deadlineMs / 5), deadlineMs / 2);
  const drainBy = deadline - closeReserve;
  logger.info({ inFlight: http.inFlight(), connections: http.connections(), deadlineMs }, 'shutting down: no new requests, draining');

  const drain = Promise.all([
    http.drain().then(() => http.closeIdle(Math.min(1_000, Math.max(0, drainBy - Date.now())))),
    ...workers.map((worker) =>
      worker.stop().catch((error: unknown) => logger.warn({ err: error, worker: worker.name }, 'background worker failed while stopping')),
    ),
  ]).then(() => 'drained' as const);
  const drained = await Promise.race([drain, sleep(drainBy - Date.now())]);
  if (drained === 'deadline') {
    logger.warn({ inFlight: http.inFlight() }, 'shutdown deadline: answering what is still in flight 503 and closing every connection');
  }
  http.abort();

  const closed = await Promise.race([
    options.close().then(
      () => 'closed' as const,
      (error: unknown) => {
        logger.warn({ err: error }, 'closing failed');
        return 'failed' as const;
      },
    ),
    sleep(deadline - Date.now()),
  ]);
  const ms = Date.now() - started;
  if (drained === 'drained' && closed === 'closed') {
    logger.info({ ms }, 'stopped');
    return 0;
  }
  logger.warn({ ms, drained, closed }, 'stopped at the deadline');
  return 1;
}
