import { type Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * The PostgreSQL search backend's index: one row per searchable object, built
 * by the same pure functions and the same outbox relay as the Elasticsearch
 * documents. Text is folded (no diacritics, lower case) by `foldVietnamese`.
 */
@Entity()
@Unique({ name: 'search_entry_kind_entity_unique', properties: ['kind', 'entityId'] })
@Index({ name: 'search_entry_folded_trgm_idx', expression: 'create index "search_entry_folded_trgm_idx" on "search_entry" using gin ("folded_text" gin_trgm_ops)' })
@Index({ name: 'search_entry_folded_fts_idx', expression: `create index "search_entry_folded_fts_idx" on "search_entry" using gin (to_tsvector('simple', "folded_text"))` })
@Index({ name: 'search_entry_identifiers_idx', expression: 'create index "search_entry_identifiers_idx" on "search_entry" using gin ("identifiers")' })
@Index({ name: 'search_entry_owner_idx', properties: ['ownerId'] })
export class SearchEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string & Opt;

  /** INDIVIDUAL, ORGANIZATION, DOCUMENT or DOSSIER. */
  @Property({ type: 'string', length: 16 })
  kind!: string;

  @Property({ type: 'uuid' })
  entityId!: string;

  /** The owner (documents, dossiers): one person's papers stay together. */
  @Property({ type: 'uuid', nullable: true })
  ownerId?: string | null;

  /** Names and titles as written, for highlighting. */
  @Property({ type: 'text' })
  text!: string;

  /** `text` folded by foldVietnamese. */
  @Property({ type: 'text' })
  foldedText!: string;

  /** Identifiers matched exactly: personal ID, social insurance code, tax and unit codes, business codes. */
  @Property({ type: 'text[]' })
  identifiers: string[] = [];

  @Property({ type: 'string', length: 2, nullable: true })
  provinceCode?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  documentTypeCode?: string | null;

  @Property({ type: 'date', nullable: true })
  issuedOn?: string | null;

  /** Version of the source row when indexed; an older update never overwrites a newer one. */
  @Property({ type: 'bigint', runtimeType: 'number' })
  sourceVersion!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  indexedAt: Date & Opt = new Date();
}

/**
 * Every folded word of `search_entry`, once: a typo is tolerated by asking which
 * one-edit variants of a query word exist here, then matching only those
 * (what Elasticsearch's `fuzzy` query does with its term dictionary).
 */
@Entity()
export class SearchWord {
  @PrimaryKey({ type: 'text' })
  word!: string;
}
