import { type Opt, type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, OneToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Dossier, DossierStatusChange } from './dossier.entity.js';

/**
 * One dossier status change on its way to the National Public Service Portal
 * ("đồng bộ trạng thái hồ sơ lên Cổng DVCQG"): written in the transaction that
 * makes the change, delivered by the portal-sync relay, then kept as the record
 * of what the portal received. The `id` orders one dossier's changes: change n+1
 * leaves only after the portal acknowledged change n.
 */
@Entity()
@Index({ name: 'portal_sync_event_dossier_idx', properties: ['dossier', 'id'] })
// A dossier's waiting events, for the claim's "every earlier one delivered" check (delivered rows stay, as the record).
@Index({
  name: 'portal_sync_event_dossier_pending_idx',
  expression: 'create index "portal_sync_event_dossier_pending_idx" on "portal_sync_event" ("dossier_id", "id") where "delivered_at" is null',
})
@Index({
  name: 'portal_sync_event_pending_idx',
  expression: 'create index "portal_sync_event_pending_idx" on "portal_sync_event" ("id") where "delivered_at" is null',
})
export class PortalSyncEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string & Opt;

  /** The change this event reports; its id is the event id the portal de-duplicates on. */
  @OneToOne(() => DossierStatusChange, { owner: true, ref: true, unique: 'portal_sync_event_status_change_unique' })
  statusChange!: Ref<DossierStatusChange>;

  @ManyToOne(() => Dossier, { ref: true, index: false })
  dossier!: Ref<Dossier>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  /** Deliveries tried so far, the acknowledged one included. */
  @Property({ type: 'integer', default: 0 })
  attempts: number & Opt = 0;

  /** Earliest next try (exponential backoff after a failure). */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  availableAt: Date & Opt = new Date();

  /** The relay run holding the event, until `claimedUntil`; a crashed relay's claim runs out. */
  @Property({ type: 'uuid', nullable: true })
  claimedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  claimedUntil?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt?: Date | null;

  /** When the portal acknowledged it (2xx); null while it waits. */
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;
}
