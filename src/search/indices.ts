/**
 * Versioned indexes behind aliases. Searches read the alias `<prefix>-<name>`,
 * which points at one concrete index `<prefix>-<name>-v<N>`. While a reindex
 * builds `v<N+1>`, the alias `<prefix>-<name>-next` points at it and the indexer
 * writes every change to both, so nothing written during a reindex is lost; the
 * reindex then moves the alias in one atomic `_aliases` call.
 */
import type { Client } from './client.js';
import { SEARCH_KINDS, type SearchKindName } from './documents.js';
import { INDEX_SETTINGS, INDEX_SPECS, aliasName } from './mappings.js';

/** Alias of the index a running reindex is building. */
export function nextAliasName(prefix: string, kind: SearchKindName): string {
  return `${aliasName(prefix, kind)}-next`;
}

const VERSION_SUFFIX = /-v(\d+)$/;

/** Concrete indexes behind each alias name (empty when the alias does not exist). */
async function aliasTargets(client: Client, prefix: string): Promise<Map<string, string[]>> {
  const response = await client.indices.getAlias({ index: `${prefix}-*`, allow_no_indices: true, ignore_unavailable: true }, { ignore: [404] });
  const targets = new Map<string, string[]>();
  for (const [index, { aliases }] of Object.entries(response ?? {})) {
    for (const alias of Object.keys(aliases ?? {})) targets.set(alias, [...(targets.get(alias) ?? []), index]);
  }
  return targets;
}

/** Where a change of each kind must be written: the live index, and the one a reindex is building. */
export async function writeTargets(client: Client, prefix: string): Promise<Record<SearchKindName, string[]>> {
  const targets = await aliasTargets(client, prefix);
  return Object.fromEntries(
    SEARCH_KINDS.map((kind) => [kind, [...new Set([...(targets.get(aliasName(prefix, kind)) ?? []), ...(targets.get(nextAliasName(prefix, kind)) ?? [])])]]),
  ) as Record<SearchKindName, string[]>;
}

/** Concrete indexes of a kind (`<alias>-v<N>`), whatever points at them. */
export async function versionedIndexes(client: Client, prefix: string, kind: SearchKindName): Promise<{ name: string; version: number }[]> {
  const alias = aliasName(prefix, kind);
  const response = await client.indices.get({ index: `${alias}-v*`, allow_no_indices: true, ignore_unavailable: true, features: ['aliases'] });
  return Object.keys(response)
    .map((name) => ({ name, version: Number(VERSION_SUFFIX.exec(name)?.[1] ?? NaN) }))
    .filter((i) => i.name.startsWith(`${alias}-v`) && Number.isInteger(i.version));
}

export async function createVersionedIndex(client: Client, prefix: string, kind: SearchKindName, aliases: string[]): Promise<string> {
  const existing = await versionedIndexes(client, prefix, kind);
  const version = Math.max(0, ...existing.map((i) => i.version)) + 1;
  const name = `${aliasName(prefix, kind)}-v${version}`;
  await client.indices.create({
    index: name,
    // Refreshed every second even while a reindex loads it: the indexer's `refresh: wait_for` writes reach it too.
    settings: INDEX_SETTINGS,
    mappings: INDEX_SPECS[kind].mappings,
    aliases: Object.fromEntries(aliases.map((a) => [a, {}])),
  });
  return name;
}

/** Makes sure every kind has its alias and an index behind it (a fresh cluster gets `v1`). */
export async function ensureIndexes(client: Client, prefix: string): Promise<void> {
  const targets = await aliasTargets(client, prefix);
  for (const kind of SEARCH_KINDS) {
    const alias = aliasName(prefix, kind);
    if (targets.get(alias)?.length) continue;
    try {
      await createVersionedIndex(client, prefix, kind, [alias]);
    } catch (error) {
      // Another process created it meanwhile.
      if ((await aliasTargets(client, prefix)).get(alias)?.length) continue;
      throw error;
    }
  }
}

/** Deletes every index of a prefix (tests clean up after themselves with it). */
export async function deleteAllIndexes(client: Client, prefix: string): Promise<void> {
  await client.indices.delete({ index: `${prefix}-*`, allow_no_indices: true, ignore_unavailable: true, expand_wildcards: 'all' });
}
