/**
 * `/metrics` in the Prometheus text format. One registry per app (not prom-client's
 * global one), so several apps in one process — the tests — never clash. Modules
 * add their own metrics to it; gauges that read the database do it when scraped.
 */
import type { RequestHandler } from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export function metricsHandler(registry: Registry): RequestHandler {
  return async (_req, res, next) => {
    try {
      const body = await registry.metrics();
      res.type(registry.contentType).send(body);
    } catch (error) {
      next(error);
    }
  };
}
