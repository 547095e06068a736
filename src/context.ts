/** Per-request context: who asks, a forked EntityManager, loaders, and the access log of this request. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Viewer } from './auth/viewer.js';
import { AccessRecorder } from './auth/access-recorder.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { AppConfig } from './config.js';
import { POSTGRES_SEARCH, type SearchRuntime } from './search/runtime.js';
import { CatalogCache } from './catalog/catalog-cache.js';

export interface Context {
  requestId: string;
  viewer: Viewer;
  em: EntityManager;
  loaders: Loaders;
  audit: AccessRecorder;
  config: AppConfig;
  logger: Logger;
  /** Name of the GraphQL operation being run, for the access log. */
  operationName: string | undefined;
  /** Legal purpose the caller declared (header `X-Purpose`, or the persisted operation's). */
  purpose: string | undefined;
  /** The app's search backends (Elasticsearch client, PostgreSQL fallback). */
  search: SearchRuntime;
  /** The catalog, read once per process (src/catalog/catalog-cache.ts). */
  catalog: CatalogCache;
}

export function createContext(args: {
  requestId: string;
  viewer: Viewer;
  em: EntityManager;
  config: AppConfig;
  logger: Logger;
  purpose?: string;
  /** Default: the PostgreSQL backend only. */
  search?: SearchRuntime;
  /** Default: one read from this request's EntityManager (tests, tools). */
  catalog?: CatalogCache;
}): Context {
  return {
    ...args,
    loaders: createLoaders(args.em),
    audit: new AccessRecorder(),
    operationName: undefined,
    purpose: args.purpose,
    search: args.search ?? POSTGRES_SEARCH,
    catalog: args.catalog ?? new CatalogCache(() => args.em.fork()),
  };
}
