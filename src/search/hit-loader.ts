/** Search hits become graph objects in one query per kind per request (a DataLoader). */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Individual } from '../entities/individual.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { Dossier } from '../entities/dossier.entity.js';
import { keyOf } from './writes.js';
import type { SearchKindName } from './documents.js';

export type SearchHitEntity = Individual | Organization | DigitizedDocument | Dossier;

const ENTITY_OF_KIND = { INDIVIDUAL: Individual, ORGANIZATION: Organization, DOCUMENT: DigitizedDocument, DOSSIER: Dossier } as const;

/** Keys are `keyOf(kind, id)`; a row deleted since it was indexed loads as null. */
export function createSearchHitLoader(em: EntityManager): DataLoader<string, SearchHitEntity | null> {
  return new DataLoader(async (keys) => {
    const byKind = new Map<SearchKindName, string[]>();
    for (const key of keys) {
      const [kind, id] = key.split(':') as [SearchKindName, string];
      byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
    }
    const found = new Map<string, SearchHitEntity>();
    for (const [kind, ids] of byKind) {
      const rows = (await em.find(ENTITY_OF_KIND[kind] as typeof Individual, { id: { $in: ids } })) as SearchHitEntity[];
      for (const row of rows) found.set(keyOf(kind, row.id), row);
    }
    return keys.map((key) => found.get(key) ?? null);
  });
}
