/**
 * Writing index documents: into `search_entry` (PostgreSQL backend, and the
 * fallback) and into Elasticsearch with one `_bulk` request and external
 * versions, so a stale write never overwrites a newer one. Used by the indexer
 * and by reindex alike.
 */
import type { estypes } from '@elastic/elasticsearch';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from './client.js';
import type { SearchDocument, SearchKindName } from './documents.js';
import { INDEX_SPECS } from './mappings.js';
import { textArrayLiteral } from './backends/postgres.js';

/** A row that no longer exists: what the index still needs to remove it. */
export interface DeletedRef {
  kind: SearchKindName;
  entityId: string;
  /** Routing of documents and dossiers. */
  ownerId: string | null;
  /** The last version indexed, when known: the delete then carries a newer external version. */
  version: number | null;
}

export const keyOf = (kind: SearchKindName, entityId: string) => `${kind}:${entityId}`;

/** Upserts entries; an entry already at a newer version is left alone. */
export async function writeSearchEntries(em: EntityManager, documents: readonly SearchDocument[]): Promise<void> {
  if (documents.length === 0) return;
  const rows = documents.map(() => '(?, ?::uuid, ?::uuid, ?, ?, ?::text[], ?, ?, ?::date, ?, now())').join(', ');
  const params = documents.flatMap((d) => [
    d.kind, d.entityId, d.ownerId, d.display, d.text, textArrayLiteral(d.identifiers), d.provinceCode, d.documentTypeCode, d.date, d.sourceVersion,
  ]);
  await em.execute(
    `insert into search_entry (kind, entity_id, owner_id, text, folded_text, identifiers, province_code, document_type_code, issued_on, source_version, indexed_at)
     values ${rows}
     on conflict (kind, entity_id) do update set owner_id = excluded.owner_id, text = excluded.text, folded_text = excluded.folded_text,
       identifiers = excluded.identifiers, province_code = excluded.province_code, document_type_code = excluded.document_type_code,
       issued_on = excluded.issued_on, source_version = excluded.source_version, indexed_at = excluded.indexed_at
     where search_entry.source_version <= excluded.source_version`,
    params,
  );
  // The words the PostgreSQL backend expands typos against.
  await em.execute(
    `insert into search_word (word) select distinct w from unnest(string_to_array(?, ' ')) as w where w <> '' on conflict do nothing`,
    [documents.map((d) => d.text).join(' ')],
  );
}

/** Removes entries and returns the owner and version they had (the Elasticsearch delete needs both). */
export async function deleteSearchEntries(em: EntityManager, refs: readonly { kind: SearchKindName; entityId: string }[]): Promise<Map<string, { ownerId: string | null; version: number }>> {
  const removed = new Map<string, { ownerId: string | null; version: number }>();
  if (refs.length === 0) return removed;
  const rows = await em.execute<{ kind: SearchKindName; entity_id: string; owner_id: string | null; source_version: string }[]>(
    `delete from search_entry where (kind, entity_id) in (${refs.map(() => '(?, ?::uuid)').join(', ')})
     returning kind, entity_id, owner_id, source_version`,
    refs.flatMap((r) => [r.kind, r.entityId]),
  );
  for (const row of rows) removed.set(keyOf(row.kind, row.entity_id), { ownerId: row.owner_id, version: Number(row.source_version) });
  return removed;
}

/** Bulk item outcomes that mean "done": a newer version is already there, or the document to delete is gone. */
function succeeded(action: 'index' | 'delete', item: estypes.BulkResponseItem): boolean {
  if (item.status < 300) return true;
  if (item.status === 409 && item.error?.type === 'version_conflict_engine_exception') return true;
  return action === 'delete' && item.status === 404 && item.error === undefined;
}

export interface BulkOutcome {
  /** Keys (`keyOf`) of the documents some write of which failed. */
  failed: Set<string>;
  /** First failure reasons, for the log. */
  errors: string[];
}

/**
 * Sends one `_bulk` request writing every upsert and delete to each target index
 * of its kind. Throws when the cluster cannot be reached at all.
 */
export async function bulkWrite(
  client: Client,
  targets: Record<SearchKindName, string[]>,
  upserts: readonly SearchDocument[],
  deletes: readonly DeletedRef[],
  refresh: estypes.Refresh = false,
): Promise<BulkOutcome> {
  const operations: unknown[] = [];
  const keys: { key: string; action: 'index' | 'delete' }[] = [];
  const failed = new Set<string>();
  const routing = (kind: SearchKindName, ownerId: string | null) => (INDEX_SPECS[kind].routedByOwner && ownerId ? { routing: ownerId } : {});
  for (const doc of upserts) {
    const key = keyOf(doc.kind, doc.entityId);
    if (targets[doc.kind].length === 0) failed.add(key);
    for (const index of targets[doc.kind]) {
      operations.push({ index: { _index: index, _id: doc.entityId, version: doc.sourceVersion, version_type: 'external_gte', ...routing(doc.kind, doc.ownerId) } }, doc);
      keys.push({ key, action: 'index' });
    }
  }
  for (const ref of deletes) {
    const key = keyOf(ref.kind, ref.entityId);
    if (INDEX_SPECS[ref.kind].routedByOwner && !ref.ownerId) continue; // never indexed with a known owner: nothing to remove
    if (targets[ref.kind].length === 0) failed.add(key);
    for (const index of targets[ref.kind]) {
      const version = ref.version === null ? {} : { version: ref.version + 1, version_type: 'external' as const };
      operations.push({ delete: { _index: index, _id: ref.entityId, ...version, ...routing(ref.kind, ref.ownerId) } });
      keys.push({ key, action: 'delete' });
    }
  }
  const errors: string[] = [];
  if (operations.length === 0) return { failed, errors };
  const response = await client.bulk({ operations, refresh });
  response.items.forEach((entry, i) => {
    const { key, action } = keys[i];
    const item = entry.index ?? entry.delete;
    if (item && succeeded(action, item)) return;
    failed.add(key);
    if (errors.length < 5) errors.push(`${key}: ${item?.status} ${item?.error?.type ?? ''} ${item?.error?.reason ?? ''}`);
  });
  return { failed, errors };
}
