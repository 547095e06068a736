import { Collection, type Opt, type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.entity.js';

/** A partner ministry's system (Justice, Public Security, Health, Labour): persisted operations only. */
@Entity()
export class PartnerClient extends BaseEntity {
  @Property({ type: 'string', length: 64, unique: true })
  name!: string;

  /** e.g. individuals:read, personal-data:read, documents:read, documents:share. */
  @Property({ type: 'text[]' })
  scopes: string[] = [];

  /** Names of the persisted operations this partner may run. */
  @Property({ type: 'text[]' })
  allowedOperations: string[] = [];

  @Property({ type: 'integer', default: 600 })
  rateLimitPerMinute: number & Opt = 600;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @OneToMany(() => PartnerKey, (k) => k.partner)
  keys = new Collection<PartnerKey>(this);
}

/** An API key of a partner, stored as its SHA-256; several may be valid during a rotation's grace period. */
@Entity()
export class PartnerKey extends BaseEntity {
  @Index()
  @ManyToOne(() => PartnerClient, { ref: true })
  partner!: Ref<PartnerClient>;

  @Property({ type: 'string', length: 64, unique: true })
  keyHash!: string;

  /** First characters of the key, to tell keys apart in listings. */
  @Property({ type: 'string', length: 12 })
  prefix!: string;

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}

/** A reviewed, published GraphQL document that partners call by hash ("trusted document"). */
@Entity()
export class PersistedOperation {
  /** SHA-256 of the document text, hex. */
  @PrimaryKey({ type: 'string', length: 64 })
  hash!: string;

  @Property({ type: 'string', length: 128 })
  operationName!: string;

  @Property({ type: 'text' })
  document!: string;

  /** Legal purpose written into the access log of every read it makes. */
  @Property({ type: 'text' })
  purpose!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  publishedAt: Date & Opt = new Date();
}
