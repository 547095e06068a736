/**
 * `/metrics` in the Prometheus text format. One registry per app (not prom-client's
 * global one), so several apps in one process — the tests — never clash. Modules
 * add their own metrics to it; gauges that read the database do it when scraped.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Serves the registry; with `token`, only to `Authorization: Bearer <token>`. */
export function metricsHandler(registry: Registry, token?: string): RequestHandler {
  const expected = token === undefined ? undefined : createHash('sha256').update(token).digest();
  return async (req, res, next) => {
    if (expected) {
      const given = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1] ?? '';
      // Hashes compared, so neither the length nor the content leaks through timing.
      if (!timingSafeEqual(createHash('sha256').update(given).digest(), expected)) {
        res.status(401).set('www-authenticate', 'Bearer').type('text/plain').send('metrics need the METRICS_TOKEN bearer token\n');
        return;
      }
    }
    try {
      const body = await registry.metrics();
      res.type(registry.contentType).send(body);
    } catch (error) {
      next(error);
    }
  };
}

/** What waits in an outbox: how many rows, and how long the oldest has waited (0 when none). */
export interface Backlog {
  waiting: number;
  oldestAgeSeconds: number;
}

/**
 * Two gauges of one outbox (how many wait, the oldest's age), filled by one
 * query per scrape: the first gauge collected starts it, the second shares it.
 */
export function registerBacklogGauges(
  registry: Registry,
  readBacklog: () => Promise<Backlog>,
  gauges: { waiting: { name: string; help: string }; oldestAge: { name: string; help: string } },
): void {
  let pending: Promise<Backlog> | undefined;
  const read = () => (pending ??= readBacklog().finally(() => setImmediate(() => (pending = undefined))));
  new Gauge({
    ...gauges.waiting,
    registers: [registry],
    async collect() {
      this.set((await read()).waiting);
    },
  });
  new Gauge({
    ...gauges.oldestAge,
    registers: [registry],
    async collect() {
      this.set((await read()).oldestAgeSeconds);
    },
  });
}
