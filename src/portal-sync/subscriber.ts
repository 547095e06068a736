/**
 * The portal outbox is filled here, not in the services: every DossierStatusChange
 * a flush creates gets its PortalSyncEvent in the same flush, hence the same
 * transaction. A change that rolls back takes its event with it; a committed one
 * is never missed, whichever service made it.
 */
import { ChangeSetType, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { DossierStatusChange } from '../entities/dossier.entity.js';
import { PortalSyncEvent } from '../entities/portal-sync-event.entity.js';

export class PortalSyncSubscriber implements EventSubscriber {
  /** Change sets come in creation order, so one dossier's events get increasing ids in the order its steps were taken. */
  onFlush({ em, uow }: FlushEventArgs): void {
    for (const changeSet of uow.getChangeSets()) {
      if (changeSet.type !== ChangeSetType.CREATE || !(changeSet.entity instanceof DossierStatusChange)) continue;
      const change = changeSet.entity;
      const event = em.create(PortalSyncEvent, { statusChange: change, dossier: change.dossier }, { persist: false });
      uow.computeChangeSet(event);
    }
  }
}
