/** MikroORM on PostgreSQL, configured from the entity list (no file discovery) and the checked-in migrations. */
import { DataloaderType, DefaultLogger, type LoggerOptions, type LogContext } from '@mikro-orm/core';
import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { ENTITIES } from '../entities/index.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { PortalSyncSubscriber } from '../portal-sync/subscriber.js';
import { SearchOutboxSubscriber } from '../search/outbox.js';
import { CONNECTION_TIMEOUT_MS, guardPool } from './pool-guard.js';
import { ReadYourWritesSubscriber, routedDriver, type ReadRouter } from './replicas.js';

export interface OrmOptions {
  clientUrl: string;
  poolSize: number;
  /** Called with every SQL statement the ORM runs (used to count statements), and the name of the connection that ran it. */
  onQuery?: (sql: string, connection?: string) => void;
  debug?: boolean;
  /** Read replicas (src/db/replicas.ts); unset: every statement on the primary, as before. */
  readRouter?: ReadRouter;
}

/** Hands every statement to `onQuery` (tests count statements per request). */
class StatementLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly onQuery: (sql: string, connection?: string) => void,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    this.onQuery(context.query, context.connection?.name);
  }
}

export function ormConfig(options: OrmOptions): Options {
  return defineConfig({
    clientUrl: options.clientUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    // Batches Ref.load() and Collection.load() of one tick into one query per relation.
    dataloader: DataloaderType.ALL,
    pool: { min: 0, max: options.poolSize },
    // Never wait for ever for a connection, and never keep one the server ended (src/db/pool-guard.ts).
    driverOptions: { connectionTimeoutMillis: CONNECTION_TIMEOUT_MS, onPoolCreated: guardPool },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ignoreUndefinedInQuery: true,
    migrations: {
      tableName: 'schema_migration',
      path: 'migrations',
      pathTs: 'migrations',
      migrationsList: MIGRATIONS,
      silent: true,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    debug: options.onQuery ? ['query'] : (options.debug ?? false),
    ...(options.onQuery ? { loggerFactory: (o: LoggerOptions) => new StatementLogger(o, options.onQuery!) } : {}),
    discovery: { checkDuplicateTableNames: true },
    // Database functions (the access log's append_access_events) come from hand-written migrations; without this the schema diff of `migration:create` would drop them.
    schemaGenerator: { ignoreRoutines: true },
    // Outboxes filled in the flush that makes the change, so in its transaction.
    subscribers: [new PortalSyncSubscriber(), new SearchOutboxSubscriber(), ...(options.readRouter ? [new ReadYourWritesSubscriber(options.readRouter)] : [])],
    // Reads outside a transaction ask for a 'read' connection; the routed driver answers with the request's route.
    ...(options.readRouter
      ? { driver: routedDriver(options.readRouter), preferReadReplicas: true, replicas: options.readRouter.replicaOptions().map((replica) => ({ ...replica, pool: { min: 0, max: options.poolSize } })) }
      : {}),
  });
}

export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

export { MikroORM };
