/**
 * Reading the portal outbox: per dossier, what the National Public Service Portal
 * received (Decision 271/QĐ-BHXH, 2024: every dossier status synchronized with the
 * portal), and how much is still waiting.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context.js';
import { Dossier } from '../entities/dossier.entity.js';
import { OfficerRole } from '../entities/enums.js';
import { PortalSyncEvent } from '../entities/portal-sync-event.entity.js';
import { DomainError } from '../domain/errors.js';
import { PortalSyncDelivery, PortalSyncStatus } from '../portal-sync/types.js';
import { requireRole } from './officers.js';

/** Every officer may see where a dossier's sync stands: it is about the dossier, not about a person. */
const ANY_OFFICER = Object.values(OfficerRole);

export async function portalSyncStatus(ctx: Context, dossierCode: string): Promise<PortalSyncStatus> {
  requireRole(ctx, ANY_OFFICER, 'see the portal sync of dossiers');
  const dossier = await ctx.em.findOne(Dossier, { code: dossierCode.trim() });
  if (!dossier) throw new DomainError('DOSSIER_NOT_FOUND', `No dossier has the code ${dossierCode}`, { argumentPath: ['dossierCode'] });
  const rows = await ctx.em.find(PortalSyncEvent, { dossier }, { populate: ['statusChange'], orderBy: { id: 'asc' } });
  const events = rows.map((row) => {
    const change = row.statusChange.getEntity();
    return Object.assign(new PortalSyncDelivery(), {
      eventId: change.id,
      from: change.from ?? null,
      to: change.to,
      at: change.at,
      deliveredAt: row.deliveredAt ?? null,
      attempts: row.attempts,
      lastError: row.lastError ?? null,
      nextAttemptAt: row.deliveredAt ? null : row.availableAt,
    });
  });
  const delivered = events.filter((e) => e.deliveredAt).length;
  return Object.assign(new PortalSyncStatus(), { dossierCode: dossier.code, delivered, waiting: events.length - delivered, events });
}

/** How many changes wait for the portal, and how long the oldest has waited (seconds; 0 when none). */
export async function portalSyncBacklog(em: EntityManager): Promise<{ waiting: number; oldestAgeSeconds: number }> {
  const [row] = await em.getConnection().execute<{ waiting: string; oldest: number | null }[]>(
    `select count(*) as waiting, extract(epoch from now() - min(created_at))::float8 as oldest
       from portal_sync_event where delivered_at is null`,
  );
  return { waiting: Number(row!.waiting), oldestAgeSeconds: Math.max(0, row!.oldest ?? 0) };
}
