/** Per-request DataLoaders for what is not a plain relation (MikroORM batches those itself). */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createSearchHitLoader, type SearchHitEntity } from './search/hit-loader.js';

export interface Loaders {
  /** The CMS signature of a document by id (a lazy column: one query for every signature a response shows). */
  documentSignature: DataLoader<string, Buffer | null>;
  /** Search hits as entities, by `<kind>:<id>`: one query per kind for a whole page. */
  searchHits: DataLoader<string, SearchHitEntity | null>;
}

export function createLoaders(em: EntityManager): Loaders {
  return {
    documentSignature: new DataLoader(async (ids) => {
      const rows = await em.getConnection().execute<{ id: string; signature: Buffer | null }[]>(
        'select id, signature from digitized_document where id in (?)',
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r.signature]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    searchHits: createSearchHitLoader(em),
  };
}
