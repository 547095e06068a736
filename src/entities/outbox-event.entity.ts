import { type Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';

/**
 * A change that must leave the database: written in the same transaction as
 * the change itself, drained by a relay (search indexer, portal sync).
 */
@Entity()
@Index({ name: 'outbox_event_topic_idx', properties: ['topic', 'id'] })
/** Relays claim ready rows of a topic in id order. */
@Index({ name: 'outbox_event_topic_available_idx', properties: ['topic', 'availableAt', 'id'] })
/** The oldest waiting change of a topic: how fresh the search index is (`indexedThrough`). */
@Index({ name: 'outbox_event_topic_created_idx', properties: ['topic', 'createdAt'] })
/**
 * Wakes the relays that LISTEN on `outbox_event` (payload: the topic), whoever
 * inserts: ORM flushes and the bulk importer's SQL alike. Notifications are
 * delivered on commit, and identical ones of one transaction are sent once.
 */
@Trigger({ name: 'outbox_event_notify', timing: 'after', events: ['insert'], forEach: 'row', body: `perform pg_notify('outbox_event', NEW.topic); return null;` })
export class OutboxEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string & Opt;

  /** Which relay drains it, e.g. `search`. */
  @Property({ type: 'string', length: 32 })
  topic!: string;

  /** Entity name, e.g. `Individual`. */
  @Property({ type: 'string', length: 64 })
  entity!: string;

  @Property({ type: 'uuid' })
  entityId!: string;

  /** UPSERT or DELETE. */
  @Property({ type: 'string', length: 8 })
  operation!: string;

  @Property({ type: 'json', nullable: true })
  payload?: Record<string, unknown> | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'integer', default: 0 })
  attempts: number & Opt = 0;

  @Property({ type: 'timestamptz', nullable: true })
  availableAt?: Date | null;
}
