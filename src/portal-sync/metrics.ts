/** What `/metrics` says about the portal outbox, read from the database at each scrape (every relay counts). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Gauge, type Registry } from 'prom-client';
import { portalSyncBacklog } from '../services/portal-sync.service.js';

export function registerPortalSyncMetrics(registry: Registry, em: EntityManager): void {
  let pending: ReturnType<typeof portalSyncBacklog> | undefined;
  // Both gauges come from one query per scrape.
  const backlog = () => (pending ??= portalSyncBacklog(em.fork()).finally(() => setImmediate(() => (pending = undefined))));
  new Gauge({
    name: 'portal_sync_backlog',
    help: 'Dossier status changes not yet acknowledged by the national portal.',
    registers: [registry],
    async collect() {
      this.set((await backlog()).waiting);
    },
  });
  new Gauge({
    name: 'portal_sync_oldest_unsent_age_seconds',
    help: 'Age of the oldest status change not yet acknowledged by the national portal (0 when none waits).',
    registers: [registry],
    async collect() {
      this.set((await backlog()).oldestAgeSeconds);
    },
  });
}
