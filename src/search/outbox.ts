/**
 * The search outbox: every flush that creates, changes or deletes an indexed
 * entity also inserts `outbox_event` rows (topic `search`) in the same
 * transaction, so the index can lag but never miss a committed write.
 *
 * The shape is a contract shared with the bulk importer, which writes the same
 * rows with SQL: `entity` is the entity class name (`Individual`, `Organization`,
 * `DigitizedDocument`, `Dossier`), `entity_id` its id, `operation` `UPSERT` or
 * `DELETE`. A trigger (migration `search_outbox_notify`) sends `NOTIFY outbox_event`
 * with the topic on every insert, so indexers wake at once in any process.
 */
import { EventEmitter } from 'node:events';
import { ChangeSetType, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent } from '../entities/outbox-event.entity.js';
import { isIndexedEntity, type IndexedEntityName } from './documents.js';

export const SEARCH_TOPIC = 'search';
/** The channel of the insert trigger's NOTIFY (payload: the topic). */
export const OUTBOX_CHANNEL = 'outbox_event';

/** Wakes the indexer of this process right after a flush that wrote search rows. */
export const outboxWritten = new EventEmitter();

interface Owned {
  ownerIndividual?: { id: string } | null;
  ownerOrganization?: { id: string } | null;
  applicantIndividual?: { id: string } | null;
  applicantOrganization?: { id: string } | null;
}

/** What a delete still needs once the row is gone: the routing (owner) and the last version. */
function deletePayload(entity: { version?: number } & Owned): Record<string, unknown> {
  const owner = entity.ownerIndividual ?? entity.ownerOrganization ?? entity.applicantIndividual ?? entity.applicantOrganization;
  return { version: entity.version ?? null, ownerId: owner?.id ?? null };
}

export class SearchOutboxSubscriber implements EventSubscriber {
  /** Set when a flush wrote search rows; the wake-up waits for the commit that makes them visible. */
  private pendingWake = false;

  onFlush({ uow }: FlushEventArgs): void {
    const seen = new Set<string>();
    for (const changeSet of uow.getChangeSets()) {
      const entityName = changeSet.meta.className;
      if (!isIndexedEntity(entityName)) continue;
      const entity = changeSet.entity as { id: string; version?: number } & Owned;
      const operation = changeSet.type === ChangeSetType.DELETE || changeSet.type === ChangeSetType.DELETE_EARLY ? 'DELETE' : 'UPSERT';
      const key = `${entityName}:${entity.id}:${operation}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const event = new OutboxEvent();
      event.topic = SEARCH_TOPIC;
      event.entity = entityName;
      event.entityId = entity.id;
      event.operation = operation;
      event.payload = operation === 'DELETE' ? deletePayload(entity) : null;
      uow.computeChangeSet(event);
    }
    if (seen.size) this.pendingWake = true;
  }

  afterFlush({ em }: FlushEventArgs): void {
    if (!em.isInTransaction()) this.wake();
  }

  afterTransactionCommit(): void {
    this.wake();
  }

  private wake(): void {
    if (!this.pendingWake) return;
    this.pendingWake = false;
    outboxWritten.emit('written');
  }
}

/**
 * Queues every indexed row of the warehouse (after loads that bypass the unit of
 * work, such as the demo seed's multi-row inserts). One statement per entity.
 */
export async function enqueueEverything(em: EntityManager): Promise<void> {
  const tables: Record<IndexedEntityName, string> = {
    Individual: 'individual',
    Organization: 'organization',
    DigitizedDocument: 'digitized_document',
    Dossier: 'dossier',
  };
  for (const [entity, table] of Object.entries(tables)) {
    await em.execute(
      `insert into outbox_event (topic, entity, entity_id, operation) select ?, ?, id, 'UPSERT' from ${table}`,
      [SEARCH_TOPIC, entity],
    );
  }
  outboxWritten.emit('written');
}
