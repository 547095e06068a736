import { type Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * How far a bulk import of one file has come: the last line whose batch is
 * committed, updated in that batch's transaction, so a crashed import resumes
 * right after it. Keyed by the file's SHA-256 and the record kind: the same
 * bytes imported as the same kind are the same import, whatever the file name.
 */
@Entity()
export class ImportCheckpoint {
  @PrimaryKey({ type: 'string', length: 64 })
  fileSha256!: string;

  /** `individuals`, `organizations` or `documents`. */
  @PrimaryKey({ type: 'string', length: 16 })
  kind!: string;

  /** The path the file was imported from, for people reading the table. */
  @Property({ type: 'text' })
  fileName!: string;

  /** Last line (1-based) of the last committed batch. */
  @Property({ type: 'bigint', runtimeType: 'number', default: 0 })
  line: number & Opt = 0;

  @Property({ type: 'bigint', runtimeType: 'number', default: 0 })
  inserted: number & Opt = 0;

  /** Valid records whose natural key was already in the warehouse. */
  @Property({ type: 'bigint', runtimeType: 'number', default: 0 })
  existing: number & Opt = 0;

  @Property({ type: 'bigint', runtimeType: 'number', default: 0 })
  rejected: number & Opt = 0;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  startedAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date & Opt = new Date();

  /** Set when the whole file went through; a later run of the same file starts over (idempotently). */
  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;
}
