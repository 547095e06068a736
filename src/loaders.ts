/** Per-request DataLoaders for what is not a plain relation (MikroORM batches those itself). */
import type { EntityManager } from '@mikro-orm/postgresql';

export type Loaders = Record<string, never>;

export function createLoaders(_em: EntityManager): Loaders {
  return {};
}
