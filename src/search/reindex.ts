/**
 * Rebuilds the search index from PostgreSQL with zero downtime.
 *
 * Elasticsearch, per kind: create `<alias>-v<N+1>` behind the `-next` alias (from
 * then on the indexer writes every change to it as well as to the live index),
 * fill it from PostgreSQL in id order with bulk requests (external versions: a
 * change the indexer already wrote is never overwritten by an older row), then
 * move the alias in one atomic `_aliases` call and drop the old index.
 * A rerun first drops what an interrupted run left behind.
 *
 * PostgreSQL: the same scan upserts `search_entry` and removes entries whose row
 * is gone.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from './client.js';
import { SEARCH_KINDS, type SearchDocument, type SearchKindName } from './documents.js';
import { aliasName } from './mappings.js';
import { createVersionedIndex, nextAliasName, versionedIndexes } from './indices.js';
import { countRows, scanDocuments } from './sources.js';
import { bulkWrite, writeSearchEntries } from './writes.js';

export interface ReindexOptions {
  em: EntityManager;
  /** Rebuild these Elasticsearch indexes (unset: none). */
  elasticsearch: { client: Client; prefix: string } | null;
  /** Rebuild `search_entry` too. */
  postgres: boolean;
  kinds?: readonly SearchKindName[];
  /** Rows per bulk request. */
  batchSize?: number;
  /** Called when a kind starts (0 done) and after each batch, with the rows done so far and the total (rows present at the start). */
  onProgress?: (kind: SearchKindName, done: number, total: number) => void;
  /** Awaited after each batch (tests write while a reindex runs). */
  afterBatch?: (kind: SearchKindName, batch: number) => Promise<void>;
}

export interface ReindexReport {
  kind: SearchKindName;
  documents: number;
  /** The new Elasticsearch index, when one was built. */
  index: string | null;
  /** Indexes dropped after the swap. */
  dropped: string[];
  ms: number;
}

type TableName = 'individual' | 'organization' | 'digitized_document' | 'dossier';
const TABLES: Record<SearchKindName, TableName> = { INDIVIDUAL: 'individual', ORGANIZATION: 'organization', DOCUMENT: 'digitized_document', DOSSIER: 'dossier' };

export async function reindex(options: ReindexOptions): Promise<ReindexReport[]> {
  const reports: ReindexReport[] = [];
  for (const kind of options.kinds ?? SEARCH_KINDS) reports.push(await reindexKind(options, kind));
  return reports;
}

async function reindexKind(options: ReindexOptions, kind: SearchKindName): Promise<ReindexReport> {
  const started = performance.now();
  const { em, elasticsearch } = options;
  const batchSize = options.batchSize ?? 2_000;
  const index = elasticsearch ? await prepareIndex(elasticsearch.client, elasticsearch.prefix, kind) : null;

  const total = await countRows(em, kind);
  options.onProgress?.(kind, 0, total);
  let done = 0;
  let batchNumber = 0;
  const write = async (documents: SearchDocument[]) => {
    const writes: Promise<unknown>[] = [];
    if (elasticsearch && index) {
      writes.push(bulkWrite(elasticsearch.client, { [kind]: [index] } as Record<SearchKindName, string[]>, documents, []).then((outcome) => {
        if (outcome.failed.size) throw new Error(`bulk into ${index} failed for ${outcome.failed.size} documents: ${outcome.errors.join('; ')}`);
      }));
    }
    if (options.postgres) writes.push(writeSearchEntries(em.fork(), documents));
    await Promise.all(writes);
  };
  // Reads the next batch while the current one is written.
  let batch = await scanDocuments(em, kind, null, batchSize);
  while (batch.length) {
    const next = batch.length === batchSize ? scanDocuments(em.fork(), kind, batch.at(-1)!.entityId, batchSize) : Promise.resolve([]);
    await write(batch);
    done += batch.length;
    options.onProgress?.(kind, done, Math.max(total, done));
    await options.afterBatch?.(kind, ++batchNumber);
    batch = await next;
  }

  if (options.postgres) {
    await em.execute(`delete from search_entry e where e.kind = ? and not exists (select 1 from ${TABLES[kind]} t where t.id = e.entity_id)`, [kind]);
  }
  const dropped = elasticsearch && index ? await swapAlias(elasticsearch.client, elasticsearch.prefix, kind, index) : [];
  return { kind, documents: done, index, dropped, ms: Math.round(performance.now() - started) };
}

/** Drops what an interrupted run left behind the `-next` alias, then creates the new index behind it. */
async function prepareIndex(client: Client, prefix: string, kind: SearchKindName): Promise<string> {
  const live = new Set(await aliasIndexes(client, aliasName(prefix, kind)));
  const leftovers = (await aliasIndexes(client, nextAliasName(prefix, kind))).filter((name) => !live.has(name));
  if (leftovers.length) await client.indices.delete({ index: leftovers });
  return createVersionedIndex(client, prefix, kind, [nextAliasName(prefix, kind)]);
}

async function aliasIndexes(client: Client, alias: string): Promise<string[]> {
  const response = await client.indices.getAlias({ name: alias }, { ignore: [404] });
  return Object.keys(response ?? {}).filter((name) => name !== 'error' && name !== 'status');
}

/** Points the alias at the new index in one atomic call, then drops the indexes it left. */
async function swapAlias(client: Client, prefix: string, kind: SearchKindName, index: string): Promise<string[]> {
  await client.indices.refresh({ index });
  const alias = aliasName(prefix, kind);
  const old = (await aliasIndexes(client, alias)).filter((name) => name !== index);
  await client.indices.updateAliases({
    actions: [
      ...old.map((name) => ({ remove: { index: name, alias } })),
      { add: { index, alias } },
      { remove: { index, alias: nextAliasName(prefix, kind) } },
    ],
  });
  // Older versions nothing points at any more (an earlier interrupted swap) go too.
  const stale = (await versionedIndexes(client, prefix, kind)).map((i) => i.name).filter((name) => name !== index && !old.includes(name));
  const nextTargets = new Set(await aliasIndexes(client, nextAliasName(prefix, kind)));
  const dropped = [...old, ...stale.filter((name) => !nextTargets.has(name))];
  if (dropped.length) await client.indices.delete({ index: dropped, ignore_unavailable: true });
  return dropped;
}
