import { BigIntType, type Opt, type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Individual } from './individual.entity.js';
import { Organization } from './organization.entity.js';

/**
 * Who read whose personal data, when, and through which operation
 * ("nhật ký truy cập"; Decree 13/2023/NĐ-CP). Append-only.
 */
@Entity()
@Index({ name: 'access_event_subject_individual_idx', properties: ['subjectIndividual', 'at'] })
@Index({ name: 'access_event_subject_organization_idx', properties: ['subjectOrganization', 'at'] })
@Index({ name: 'access_event_actor_idx', properties: ['actor', 'at'] })
@Unique({ name: 'access_event_writer_seq_unique', properties: ['writer', 'seq'] })
export class AccessEvent {
  /** Chain order; a string in JavaScript (cursors, JSON), a bigint in the database. */
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string & Opt;

  @Index()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date & Opt = new Date();

  /** Officer code or partner name. */
  @Property({ type: 'text' })
  actor!: string;

  /** OFFICER, PARTNER or SYSTEM. */
  @Property({ type: 'string', length: 10 })
  actorKind!: string;

  /**
   * The chain this event belongs to: one per writing process (AUDIT_WRITER_ID),
   * so processes append without waiting for each other; each chain is sealed on its own.
   */
  @Property({ type: 'text' })
  writer!: string;

  /** Position in the writer's chain, from 1; a seal names the position it covers. */
  @Property({ type: new BigIntType('string') })
  seq!: string;

  /** The persisted operation's name, `sha256:<hex>` of an ad-hoc document's text, or the HTTP route for file downloads. */
  @Property({ type: 'text' })
  operation!: string;

  /** Legal purpose of the read (Decree 13/2023/NĐ-CP); null: none was declared (refused in production). */
  @Property({ type: 'text', nullable: true })
  purpose?: string | null;

  @ManyToOne(() => Individual, { ref: true, nullable: true, deleteRule: 'set null' })
  subjectIndividual?: Ref<Individual> | null;

  @ManyToOne(() => Organization, { ref: true, nullable: true, deleteRule: 'set null' })
  subjectOrganization?: Ref<Organization> | null;

  /** Which personal fields were revealed. */
  @Property({ type: 'text[]' })
  fields: string[] = [];

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;

  /** Hash of the previous event of the same writer: the log is a chain, so an altered or deleted row breaks it. */
  @Property({ type: 'string', length: 64, nullable: true })
  prevHash?: string | null;

  /** SHA-256 over this event's content and `prevHash`. */
  @Property({ type: 'string', length: 64, nullable: true })
  hash?: string | null;
}
