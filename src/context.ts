/** Per-request context: who asks, a forked EntityManager, loaders, and the access log of this request. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { limitKey, type Viewer } from './auth/viewer.js';
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
  /** What the access log records as the operation: the persisted operation's name, or `sha256:<hex>` of an ad-hoc document. */
  operationName: string | undefined;
  /** Legal purpose the caller declared (header `X-Purpose`, or the persisted operation's). */
  purpose: string | undefined;
  /** The app's search backends (Elasticsearch client, PostgreSQL fallback). */
  search: SearchRuntime;
  /** The catalog, read once per process (src/catalog/catalog-cache.ts). */
  catalog: CatalogCache;
  /** Who the rate limit and the cost budget count (`officer:<code>`, `partner:<name>`, `ip:<address>`). */
  client: string;
  /** What went wrong under this request that the HTTP edge answers as a fault (src/http/graphql-handler.ts). */
  faults: RequestFaults;
}

/** Faults seen while serving one request: they decide between a retry, a 503 and the answer as it is. */
export interface RequestFaults {
  /** A database connection was lost under the request. */
  connectionLost: boolean;
  /** A transaction of the request reached COMMIT: whether it committed is unknown after a connection loss, so the request is not run again. */
  commitAttempted: boolean;
  /** Storing the request's access events failed: the answer must not leave. */
  accessLogFailed: boolean;
}

export function createContext(args: {
  requestId: string;
  viewer: Viewer;
  em: EntityManager;
  config: AppConfig;
  logger: Logger;
  purpose?: string;
  /** The persisted operation's name, when the request named one (else the document's hash, set once parsed). */
  operationName?: string;
  /** Refuse reads of personal data when `purpose` is missing (default: in production). */
  requirePurpose?: boolean;
  /** Default: the PostgreSQL backend only. */
  search?: SearchRuntime;
  /** Default: one read from this request's EntityManager (tests, tools). */
  catalog?: CatalogCache;
  /** Default: the viewer's own key (anonymous callers without an address share one). */
  client?: string;
}): Context {
  return {
    ...args,
    loaders: createLoaders(args.em),
    audit: new AccessRecorder(!args.purpose && (args.requirePurpose ?? args.config.nodeEnv === 'production')),
    operationName: args.operationName,
    purpose: args.purpose,
    search: args.search ?? POSTGRES_SEARCH,
    catalog: args.catalog ?? new CatalogCache(() => args.em.fork()),
    client: args.client ?? limitKey(args.viewer, undefined),
    faults: { connectionLost: false, commitAttempted: false, accessLogFailed: false },
  };
}
