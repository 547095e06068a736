/**
 * Composition root: config → ORM → schema → Apollo → Express. No listening
 * here, so tests drive the same app through supertest.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { apolloLogger } from './logger.js';
import type { AppConfig } from './config.js';
import { createOrm, type MikroORM } from './db/orm.js';
import { createSchema } from './schema/build-schema.js';
import { errorResponseBody, formatError, localized } from './schema/errors.js';
import { requestLanguageMiddleware } from './http/language.js';
import { malformedRequest } from './domain/errors.js';
import { createContext, type Context } from './context.js';
import { createTokenVerifier, type TokenVerifier } from './auth/tokens.js';
import { authenticateRequest, credentialsPlugin, resolveViewer } from './auth/authenticate.js';
import { OfficerDirectory, checkingOfficers, officerLookup } from './auth/officer-directory.js';
import { MemoryRateLimitStore, RedisRateLimitStore, clientOf, countRequest, rateLimit, viewerOf } from './http/hardening.js';
import { maxAliasesRule, operationLimitsPlugin } from './http/hardening-limits.js';
import { CostBudget, budgetRequestError, refuseOverBudget } from './http/cost-budget.js';
import { faultsPlugin, graphqlHandler, refuseUnavailable } from './http/graphql-handler.js';
import { databaseUnavailable, isConnectionLoss } from './db/faults.js';
import { inputBoundaryPlugin } from './schema/input-boundary.js';
import { connectRedis, persistedQueryOptions } from './http/persisted-queries.js';
import { TrustedDocumentStore, trustedDocuments, type PersistedRequest } from './partners/trusted-documents.js';
import { purposeOfRequest } from './http/purpose.js';
import { openAccessLog, storeAccessEvents } from './services/access-log.service.js';
import { fileSealSigner } from './pki/seal-signer.js';
import { graphiqlAssets, graphiqlPage } from './http/graphiql.js';
import { printEmittedSchema } from './schema/emit.js';
import { developmentSignInRouter } from './http/development-sign-in.js';
import type { Registry } from 'prom-client';
import type { Viewer } from './auth/viewer.js';
import { filesRouter } from './http/files.js';
import { consoleRouter } from './http/console.js';
import { createMetricsRegistry, metricsHandler } from './http/metrics.js';
import { registerPortalSyncMetrics } from './portal-sync/metrics.js';
import { createSearchRuntime, type SearchRuntime } from './search/runtime.js';
import { registerSearchOutboxMetrics } from './search/metrics.js';
import { CatalogCache } from './catalog/catalog-cache.js';
import { MemoryWriteMemory, ReadRouter, RedisWriteMemory } from './db/replicas.js';

/** Development only: the schema in SDL. */
export const SCHEMA_PATH = '/schema.graphql';

export interface App {
  express: Express;
  orm: MikroORM;
  schema: GraphQLSchema;
  apollo: ApolloServer<Context>;
  /** What `/metrics` serves; workers started beside the app add theirs. */
  metrics: Registry;
  /** Search backends; the indexer started beside the app uses its Elasticsearch client. */
  search: SearchRuntime;
  /** With DATABASE_REPLICA_URLS: where reads go (src/db/replicas.ts). */
  readRouter: ReadRouter | undefined;
  close(): Promise<void>;
}

export interface AppOptions {
  config: AppConfig;
  logger: Logger;
  databaseUrl: string;
  /** Receives every SQL statement (tests count them) and, with replicas, the name of the connection that ran it. */
  onQuery?: (sql: string, connection?: string) => void;
}

/**
 * Stores the access events of a request before its response is sent. When the
 * store fails the answer must not leave: the HTTP edge answers 503 instead
 * (src/http/graphql-handler.ts); when the database connection was lost the
 * answer is run again or refused, so nothing is revealed and nothing recorded.
 */
function accessLogPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // What the server knows, not what the client calls it: the persisted operation's name (set with the
        // context), else the SHA-256 of the document's text (Apollo's queryHash, also the APQ hash).
        async didResolveOperation({ contextValue, queryHash }) {
          contextValue.operationName ??= `sha256:${queryHash}`;
        },
        async willSendResponse({ contextValue }) {
          if (contextValue.faults.connectionLost) return;
          const subjects = contextValue.audit.drain();
          try {
            await storeAccessEvents(contextValue.em.fork(), contextValue, contextValue.operationName ?? 'unresolved', subjects);
          } catch (error) {
            logger.error({ err: error, requestId: contextValue.requestId }, 'access log store failed; the answer is refused');
            contextValue.faults.accessLogFailed = true;
          }
        },
      };
    },
  };
}

/** What a client may read of a transport error: the parser's own words when they are meant for clients (http-errors' `expose`). */
function transportMessage(error: Error & { expose?: boolean }, status: number): string {
  if (error instanceof URIError || /decode/i.test(error.message)) return 'The request path is not valid percent-encoded UTF-8';
  if (status === 413) return 'The request body is larger than the server accepts';
  return error.expose ? error.message : 'The request could not be read';
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  // Shared by every API process when set: automatic persisted queries and rate-limit counts. First, so an unreachable one leaves nothing open.
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined;
  // The seal key first: production refuses to start without it, before anything is opened.
  const sealSigner = await fileSealSigner(config.audit.sealKeyFile, config.audit.generateSealKey).catch(async (error: unknown) => {
    await redis?.quit();
    throw error;
  });
  // Read replicas, opt-in (src/db/replicas.ts): the last commit of each caller is remembered in Redis when set, so every process honours it.
  const readRouter = config.replicas
    ? new ReadRouter(config.replicas, redis ? new RedisWriteMemory(redis, config.replicas.rememberWritesMs) : new MemoryWriteMemory(config.replicas.rememberWritesMs), logger)
    : undefined;
  const orm = await createOrm({ clientUrl: options.databaseUrl, poolSize: config.dbPoolSize, onQuery: options.onQuery, readRouter });
  await readRouter?.start();
  const accessLog = openAccessLog(orm.em.fork(), {
    writerId: config.audit.writerId,
    signer: sealSigner,
    sealFile: config.audit.sealFile,
    sealEveryEvents: config.audit.sealEveryEvents,
    sealIntervalMs: config.audit.sealIntervalMs,
    logger,
  });
  const schema = await createSchema();
  const production = config.nodeEnv === 'production';
  const fork = () => orm.em.fork() as Context['em'];
  // A valid signature is not enough: the officer must still exist, be active and belong to the token's agency.
  const verifyToken = checkingOfficers(createTokenVerifier(config), new OfficerDirectory(officerLookup(fork), config.officerCacheSeconds * 1000));
  const search = createSearchRuntime(config);
  const catalog = new CatalogCache(fork);
  // Requests and cost points per client and minute, shared by every API process through Redis when set.
  const requestCounts = redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore();
  const budget = new CostBudget(redis ? new RedisRateLimitStore(redis, 'vss:cost') : new MemoryRateLimitStore(), config.costBudgetPerMinute, logger);
  const drawCost = async (context: Context, cost: number) => {
    const refusal = await budget.draw(context.client, cost);
    if (refusal) throw budgetRequestError(refusal);
  };

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !production,
    csrfPrevention: true,
    // main.ts owns shutdown; Apollo's own signal handlers made stop() wait forever on SIGTERM.
    stopOnTerminationSignals: false,
    logger: apolloLogger(logger),
    includeStacktraceInErrorResponses: false,
    persistedQueries: persistedQueryOptions(redis, logger),
    // The parser stops at this many tokens: validation's work is bounded by the document's size.
    parseOptions: { maxTokens: config.maxQueryTokens },
    validationRules: [maxAliasesRule(config.maxAliases)],
    plugins: [operationLimitsPlugin(config, drawCost), inputBoundaryPlugin(schema), credentialsPlugin, accessLogPlugin(logger), faultsPlugin],
    formatError: (formatted, error) =>
      formatError(formatted, error, {
        exposeStack: config.nodeEnv === 'development',
        onInternal: (e) => logger.error({ err: e }, 'internal error'),
      }),
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = (req.header('x-request-id') ?? '').slice(0, 64) || randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info({ requestId, method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    });
    next();
  });
  app.use(requestLanguageMiddleware);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      await orm.em.getConnection().execute('select 1');
      checks.database = 'ok';
    } catch (error) {
      checks.database = `unreachable: ${(error as Error).message}`;
    }
    if (search.elasticsearch) {
      // Not required for readiness: search falls back to PostgreSQL, but operators should see it.
      const skipped = search.breakerState() === 'closed' ? '' : '; searches answer from PostgreSQL meanwhile';
      checks.elasticsearch = await search.elasticsearch.client.cluster
        .health({ timeout: '2s' }, { requestTimeout: 3_000 })
        .then((health) => `ok (${health.status})${skipped}`, (error: Error) => `unreachable: ${error.message}${skipped}`);
    }
    const ready = checks.database === 'ok' && Object.entries(checks).every(([name, v]) => name === 'elasticsearch' || v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });

  const metrics = createMetricsRegistry();
  registerPortalSyncMetrics(metrics, orm.em.fork());
  registerSearchOutboxMetrics(metrics, fork());
  readRouter?.registerMetrics(metrics);
  app.get('/metrics', metricsHandler(metrics, config.metricsToken));

  if (!production) {
    app.use(developmentSignInRouter(config));
    app.use(graphiqlAssets());
    // The schema in SDL for tools and front-ends (codegen, editors): the running one, printed as `npm run schema` emits it.
    let sdl: string | undefined;
    app.get(SCHEMA_PATH, (_req, res) => {
      sdl ??= printEmittedSchema(schema);
      res.type('text/plain; charset=utf-8').set('Cache-Control', 'no-cache').send(sdl);
    });
    app.get('/graphql', (req, res, next) => {
      // GraphiQL for browsers; GraphQL GET requests (with a query) go on to Apollo.
      if (req.query.query || !req.accepts('html')) return next();
      res.type('html').send(graphiqlPage());
    });
  }

  // The officer console (static, every mode) and how it signs in.
  app.use(consoleRouter(config));

  // Refusals (credentials, rate, persisted documents) answer before Apollo parses anything.
  app.use(
    '/graphql',
    express.json({ limit: config.maxBodyBytes }),
    authenticateRequest(fork, verifyToken),
    rateLimit(config, requestCounts, logger),
    trustedDocuments(new TrustedDocumentStore(fork, schema)),
    // With replicas: where this request's reads go, decided once it is known who asks.
    ...(readRouter
      ? [
          async (req: Request, res: Response, next: NextFunction) => {
            const route = await readRouter.route(clientOf(req, viewerOf(res), config).client);
            readRouter.run(route, next);
          },
        ]
      : []),
    purposeOfRequest(fork),
    graphqlHandler(apollo, {
      logger,
      context: async (req, res) =>
        createContext({
          requestId: res.locals.requestId as string,
          viewer: viewerOf(res),
          em: fork(),
          config,
          logger: logger.child({ requestId: res.locals.requestId }),
          purpose: res.locals.purpose as string | undefined,
          operationName: (res.locals.persisted as PersistedRequest | undefined)?.operationName,
          search,
          catalog,
          client: clientOf(req, viewerOf(res), config).client,
        }),
    }),
  );

  /** The viewer of a request outside `/graphql` (files). */
  const authenticate = (req: Request, verify: TokenVerifier) => resolveViewer(req, fork, verify);

  // Scans: upload, and download through a document's downloadUrl.
  // Files count like requests and draw on the same cost budget, by their size.
  const admit = async (req: Request, res: Response, viewer: Viewer, cost: number): Promise<boolean> => {
    if (!(await countRequest(req, res, viewer, config, requestCounts, logger))) return false;
    const refusal = await budget.draw(clientOf(req, viewer, config).client, cost);
    if (refusal) refuseOverBudget(res, refusal);
    return !refusal;
  };
  app.use('/files', filesRouter({ orm, config, logger, viewerOf: (req) => authenticate(req, verifyToken), admit }));

  // Transport errors (a broken JSON body, an unknown charset or encoding, a body over the limit, a bad URI
  // encoding): their 4xx with the graph's error body; anything else a 500 that says nothing more.
  app.use((error: Error & { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (isConnectionLoss(error)) {
      logger.warn({ err: error, requestId: res.locals.requestId, path: req.path }, 'database connection lost; answered 503');
      return refuseUnavailable(res, databaseUnavailable());
    }
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) {
      logger.error({ err: error, requestId: res.locals.requestId }, 'unhandled error');
      res.status(500).json({ errors: [localized({ message: 'Internal server error', extensions: { code: 'INTERNAL' } })] });
      return;
    }
    logger.warn({ requestId: res.locals.requestId, type: error.type, path: req.path }, 'client error');
    // The parser's own status (400, 413, 415), the graph's error body.
    res.status(status).json(errorResponseBody(malformedRequest(transportMessage(error, status))));
  });

  return {
    express: app,
    orm,
    schema,
    apollo,
    metrics,
    search,
    readRouter,
    async close() {
      await apollo.stop();
      // The chain's last events sealed before the pool closes.
      await accessLog.close().catch((error: unknown) => logger.error({ err: error }, 'access log not sealed at shutdown'));
      await readRouter?.stop();
      await orm.close(true);
      await redis?.quit();
      await search.close();
    },
  };
}
