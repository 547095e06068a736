import { type Opt, type Ref } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.entity.js';
import { Officer } from './officer.entity.js';

/**
 * An uploaded scan, or a file the warehouse made (a signed PDF, a result paper).
 * The bytes live in the content-addressed file store under their SHA-256; this
 * row is the upload (who, when, what kind of file, made from what).
 */
@Entity()
@Check({ name: 'stored_file_sha256_shape', expression: "sha256 ~ '^[0-9a-f]{64}$'" })
@Check({ name: 'stored_file_byte_size', expression: 'byte_size > 0' })
export class StoredFile extends BaseEntity {
  @Index()
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'string', length: 64 })
  mediaType!: string;

  @Property({ type: 'bigint', runtimeType: 'number' })
  byteSize!: number;

  @Property({ type: 'integer', nullable: true })
  pageCount?: number | null;

  @ManyToOne(() => Officer, { ref: true, nullable: true })
  uploadedBy?: Ref<Officer> | null;

  /**
   * The file this one was made from: a signed PDF's scan as it was uploaded
   * (kept, unchanged, under its own SHA-256; the document's file is the signed PDF).
   */
  @ManyToOne(() => StoredFile, { ref: true, nullable: true })
  source?: Ref<StoredFile> | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  uploadedAt: Date & Opt = new Date();
}
