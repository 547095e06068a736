import { type Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A change that must leave the database: written in the same transaction as
 * the change itself, drained by a relay (search indexer, portal sync).
 */
@Entity()
@Index({ name: 'outbox_event_topic_idx', properties: ['topic', 'id'] })
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
