/** What `/metrics` says about the portal outbox, read from the database at each scrape (every relay counts). */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Registry } from 'prom-client';
import { registerBacklogGauges } from '../http/metrics.js';
import { portalSyncBacklog } from '../services/portal-sync.service.js';

export function registerPortalSyncMetrics(registry: Registry, em: EntityManager): void {
  registerBacklogGauges(registry, () => portalSyncBacklog(em.fork()), {
    waiting: { name: 'portal_sync_backlog', help: 'Dossier status changes not yet acknowledged by the national portal.' },
    oldestAge: {
      name: 'portal_sync_oldest_unsent_age_seconds',
      help: 'Age of the oldest status change not yet acknowledged by the national portal (0 when none waits).',
    },
  });
}
