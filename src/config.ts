/**
 * One typed, validated configuration object, read from the environment once.
 * An invalid value stops the process with a message naming the variable.
 */
import path from 'node:path';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import type { ReplicaSettings } from './db/replicas.js';

export type SearchBackendKind = 'postgres' | 'elasticsearch';
export type NodeEnv = 'development' | 'test' | 'production';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Unset: the embedded PGlite database under `dataDir`. */
  databaseUrl: string | undefined;
  /** Streaming replicas of `databaseUrl` that serve reads (src/db/replicas.ts); undefined: none, everything on the primary. */
  replicas: ReplicaSettings | undefined;
  dataDir: string;
  elasticsearchUrl: string | undefined;
  searchBackend: SearchBackendKind;
  /** Elasticsearch index names start with it: `<prefix>-individuals` (tests use one per run). */
  searchIndexPrefix: string;
  /** Run the search outbox indexer inside the API process (set false when `npm run indexer` processes do it). */
  searchIndexerInApi: boolean;
  /** Search totals are exact up to this many hits; past it `totalCount` is this limit and `totalCountExact` false. */
  searchExactTotalLimit: number;
  jwt: {
    /** HS256 secret for development and tests. */
    secret: string;
    /** When set, tokens are verified against this JWKS instead of the secret. */
    jwksUrl: string | undefined;
    issuer: string;
    audience: string;
    /** Longest lifetime a token may have (`exp` − `iat`, and `exp` − now); tokens without `exp` are refused. */
    maxLifetimeSeconds: number;
  };
  /**
   * How long an officer's row (exists, active, agency) is trusted before it is
   * read again: a deactivation takes effect within this many seconds (0: every request).
   */
  officerCacheSeconds: number;
  logLevel: string;
  /** Maximum page size of any connection. */
  maxPageSize: number;
  /** Load the demo data on first start of an empty database. */
  seedDemo: boolean;
  demoSeed: number;
  /** Demo documents given a signed PDF file on first start (0: none). */
  demoSignedFiles: number;
  dbPoolSize: number;
  /** Requests per minute of one officer (partners have their own limit). */
  rateLimitPerMinute: number;
  /** Largest request body accepted; larger ones get 413. */
  maxBodyBytes: number;
  /**
   * Express's `trust proxy`: which connecting addresses may set X-Forwarded-For,
   * and so the client address anonymous requests are rate-limited by. Trusting
   * every sender would let any caller pick its own key.
   */
  trustProxy: boolean | number | string;
  /** Largest scan accepted by `POST /files`; larger ones get 413. */
  maxUploadBytes: number;
  /** Deepest field nesting of an operation. */
  maxQueryDepth: number;
  /** Highest estimated cost of an operation (list fields count by their page size). */
  maxQueryCost: number;
  /** Most root fields one operation may select (fragments expanded). */
  maxRootFields: number;
  /** Most aliases one operation may use (fragments expanded). */
  maxAliases: number;
  /** Most lexical tokens a GraphQL document may have (the parser stops there). */
  maxQueryTokens: number;
  /**
   * Cost points one officer, partner or anonymous client address may spend per
   * minute: each operation's estimated cost, and each file sent or received
   * (`POST /files`, `GET /files/documents/…`) by its size.
   */
  costBudgetPerMinute: number;
  /** How long a SIGTERM waits for in-flight requests and background workers before closing the pools and exiting. */
  shutdownTimeoutMs: number;
  /** How long `search` skips an Elasticsearch found unreachable, answering from PostgreSQL at once, before trying it again. */
  searchBreakerOpenMs: number;
  /** Redis for the automatic persisted queries cache; unset: in-process memory. */
  redisUrl: string | undefined;
  /** When set, `/metrics` answers only `Authorization: Bearer <this token>` (the outbox gauges read the database on every scrape). */
  metricsToken: string | undefined;
  /** Status sync with the National Public Service Portal. */
  portalSync: PortalSyncConfig;
  /** The console's sign-in in production: the agency's OpenID Connect provider (authorization code with PKCE). */
  console: { oidcIssuer: string | undefined; oidcClientId: string | undefined };
  /** Sealing of the access log's chains (src/audit/). */
  audit: AuditConfig;
}

export interface AuditConfig {
  /** This process's chain of the access log: one chain per writer, so processes never queue on each other. */
  writerId: string;
  /** Ed25519 private key (PKCS#8 PEM) that signs the seals; generated on first start outside production. */
  sealKeyFile: string;
  /** Generate the key when it is missing (development, test); production refuses to start without it. */
  generateSealKey: boolean;
  /** Where the public key is read by `audit:verify` (default: derived from the private key file). */
  sealPublicKeyFile: string | undefined;
  /** Append-only copy of every seal (JSON lines). */
  sealFile: string;
  /** A chain's head is sealed once this many events follow its last seal… */
  sealEveryEvents: number;
  /** …or this many milliseconds after its first unsealed event. */
  sealIntervalMs: number;
}

export interface PortalSyncConfig {
  /** Where status changes are POSTed; unset: they wait in the outbox. */
  url: string | undefined;
  /** HMAC-SHA256 key of the signature header. */
  secret: string;
  /** Run the relay inside the API process (set false when `npm run portal-sync` processes do it). */
  inApi: boolean;
  pollIntervalMs: number;
  /** Dossiers claimed per round. */
  batchSize: number;
  /** Dossiers delivered at once. */
  concurrency: number;
  timeoutMs: number;
  /** First retry delay; doubles with each failed attempt up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const DEV_JWT_SECRET = 'vss-development-secret-change-me-in-production';

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

function portalSyncConfig(env: NodeJS.ProcessEnv): PortalSyncConfig {
  const syncUrl = url(env, 'PORTAL_SYNC_URL', ['http:', 'https:']);
  const secret = env.PORTAL_SYNC_SECRET ?? '';
  if (syncUrl && secret.length < 16) throw new ConfigError('PORTAL_SYNC_SECRET', 'must be set to at least 16 characters when PORTAL_SYNC_URL is set');
  const inApi = oneOf(env, 'PORTAL_SYNC_IN_API', ['true', 'false'] as const, 'true') === 'true';
  return {
    url: syncUrl,
    secret,
    inApi,
    pollIntervalMs: integer(env, 'PORTAL_SYNC_POLL_MS', 1000, 10, 3_600_000),
    batchSize: integer(env, 'PORTAL_SYNC_BATCH_SIZE', 100, 1, 10_000),
    concurrency: integer(env, 'PORTAL_SYNC_CONCURRENCY', 8, 1, 256),
    timeoutMs: integer(env, 'PORTAL_SYNC_TIMEOUT_MS', 10_000, 100, 600_000),
    backoffBaseMs: integer(env, 'PORTAL_SYNC_BACKOFF_BASE_MS', 1000, 1, 3_600_000),
    backoffMaxMs: integer(env, 'PORTAL_SYNC_BACKOFF_MAX_MS', 15 * 60_000, 1, 86_400_000),
  };
}

function replicaSettings(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): ReplicaSettings | undefined {
  const raw = (env.DATABASE_REPLICA_URLS ?? '').trim();
  if (raw === '') return undefined;
  if (!databaseUrl) throw new ConfigError('DATABASE_REPLICA_URLS', 'needs DATABASE_URL (the embedded database has no replicas)');
  const urls = raw.split(',').map((entry) => entry.trim());
  for (const entry of urls) url({ DATABASE_REPLICA_URLS: entry }, 'DATABASE_REPLICA_URLS', ['postgres:', 'postgresql:']);
  const maxLagMs = integer(env, 'DATABASE_REPLICA_MAX_LAG_MS', 5_000, 100, 3_600_000);
  return {
    urls,
    maxLagMs,
    waitMs: integer(env, 'DATABASE_REPLICA_WAIT_MS', 200, 0, 10_000),
    checkMs: integer(env, 'DATABASE_REPLICA_CHECK_MS', 1_000, 50, 60_000),
    rememberWritesMs: integer(env, 'DATABASE_REPLICA_REMEMBER_WRITES_MS', 300_000, 1_000, 86_400_000),
  };
}

/** TRUST_PROXY: `false`, `true`, a number of proxy hops, or a comma-separated list of `loopback`, `linklocal`, `uniquelocal`, addresses and CIDR ranges. */
function trustProxy(env: NodeJS.ProcessEnv): boolean | number | string {
  const raw = (env.TRUST_PROXY ?? 'loopback').trim();
  if (raw === 'false' || raw === 'true') return raw === 'true';
  if (/^\d+$/.test(raw)) return Number(raw);
  const valid = raw.split(',').map((entry) => entry.trim()).every((entry) => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    return family !== 0 && extra === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
  });
  if (!valid) throw new ConfigError('TRUST_PROXY', `must be true, false, a number of hops, or a list of loopback, linklocal, uniquelocal, addresses and CIDR ranges, got "${raw}"`);
  return raw;
}

function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.METRICS_TOKEN;
  if (token === undefined || token === '') return undefined;
  if (token.length < 16) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters when set');
  return token;
}

function indexPrefix(env: NodeJS.ProcessEnv): string {
  const prefix = env.SEARCH_INDEX_PREFIX || 'vss';
  if (!/^[a-z0-9][a-z0-9_]{0,40}$/.test(prefix)) {
    throw new ConfigError('SEARCH_INDEX_PREFIX', `must be lower-case letters, digits and _ (Elasticsearch index names), got "${prefix}"`);
  }
  return prefix;
}

function auditConfig(env: NodeJS.ProcessEnv, nodeEnv: NodeEnv): AuditConfig {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const writerId = env.AUDIT_WRITER_ID || `${hostname().replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60)}:${process.pid}`;
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(writerId)) {
    throw new ConfigError('AUDIT_WRITER_ID', `must be 1 to 100 letters, digits, ".", "_", ":" or "-", got "${writerId}"`);
  }
  return {
    writerId,
    sealKeyFile: path.resolve(env.AUDIT_SEAL_KEY_FILE || path.join(dataDir, 'pki', 'audit-seal-ed25519.pem')),
    generateSealKey: nodeEnv !== 'production',
    sealPublicKeyFile: env.AUDIT_SEAL_PUBLIC_KEY_FILE ? path.resolve(env.AUDIT_SEAL_PUBLIC_KEY_FILE) : undefined,
    sealFile: path.resolve(env.AUDIT_SEAL_FILE || path.join(dataDir, 'audit', 'seals.jsonl')),
    sealEveryEvents: integer(env, 'AUDIT_SEAL_EVERY_EVENTS', 1000, 1, 10_000_000),
    sealIntervalMs: integer(env, 'AUDIT_SEAL_INTERVAL_SECONDS', 60, 1, 86_400) * 1000,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const elasticsearchUrl = url(env, 'ELASTICSEARCH_URL', ['http:', 'https:']);
  const searchBackend = oneOf(env, 'SEARCH_BACKEND', ['postgres', 'elasticsearch'] as const, elasticsearchUrl ? 'elasticsearch' : 'postgres');
  if (searchBackend === 'elasticsearch' && !elasticsearchUrl) {
    throw new ConfigError('SEARCH_BACKEND', 'is "elasticsearch" but ELASTICSEARCH_URL is not set');
  }
  const secret = env.JWT_SECRET || (nodeEnv === 'production' ? '' : DEV_JWT_SECRET);
  const jwksUrl = url(env, 'JWKS_URL', ['http:', 'https:']);
  if (nodeEnv === 'production' && !jwksUrl && secret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be set to at least 32 characters in production (or set JWKS_URL)');
  }
  if (env.JWT_SECRET !== undefined && env.JWT_SECRET !== '' && env.JWT_SECRET.length < 16) {
    throw new ConfigError('JWT_SECRET', 'must be at least 16 characters');
  }
  const embedded = databaseUrl === undefined;
  return {
    nodeEnv,
    port: integer(env, 'PORT', 4000, 0, 65535),
    databaseUrl,
    replicas: replicaSettings(env, databaseUrl),
    dataDir: path.resolve(env.DATA_DIR || './data'),
    elasticsearchUrl,
    searchBackend,
    searchIndexPrefix: indexPrefix(env),
    searchIndexerInApi: oneOf(env, 'SEARCH_INDEXER_IN_API', ['true', 'false'] as const, 'true') === 'true',
    searchExactTotalLimit: integer(env, 'SEARCH_EXACT_TOTAL_LIMIT', 1_000, 1, 10_000_000),
    jwt: {
      secret,
      jwksUrl,
      issuer: env.JWT_ISSUER || 'vss-dwh',
      audience: env.JWT_AUDIENCE || 'vss-dwh-api',
      maxLifetimeSeconds: integer(env, 'JWT_MAX_LIFETIME_SECONDS', 12 * 3600, 60, 24 * 3600),
    },
    officerCacheSeconds: integer(env, 'OFFICER_CACHE_SECONDS', 30, 0, 60),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    maxPageSize: integer(env, 'MAX_PAGE_SIZE', 100, 1, 1000),
    seedDemo: (env.SEED_DEMO ?? (embedded ? 'true' : 'false')) === 'true',
    demoSeed: integer(env, 'DEMO_SEED', 1333, 0, 2 ** 31 - 1),
    demoSignedFiles: integer(env, 'DEMO_SIGNED_FILES', 12, 0, 200),
    // PGlite serves one connection at a time.
    dbPoolSize: embedded ? 1 : integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    trustProxy: trustProxy(env),
    maxUploadBytes: integer(env, 'MAX_UPLOAD_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxQueryDepth: integer(env, 'MAX_QUERY_DEPTH', 12, 2, 100),
    maxQueryCost: integer(env, 'MAX_QUERY_COST', 10_000, 10, 10_000_000),
    maxRootFields: integer(env, 'MAX_ROOT_FIELDS', 20, 1, 1_000),
    maxAliases: integer(env, 'MAX_ALIASES', 30, 0, 10_000),
    maxQueryTokens: integer(env, 'MAX_QUERY_TOKENS', 5_000, 100, 1_000_000),
    costBudgetPerMinute: integer(env, 'COST_BUDGET_PER_MINUTE', 200_000, 10, 1_000_000_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    searchBreakerOpenMs: integer(env, 'SEARCH_BREAKER_OPEN_MS', 10_000, 100, 3_600_000),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    metricsToken: metricsToken(env),
    portalSync: portalSyncConfig(env),
    audit: auditConfig(env, nodeEnv),
    console: { oidcIssuer: url(env, 'OIDC_ISSUER', ['http:', 'https:']), oidcClientId: env.OIDC_CLIENT_ID || undefined },
  };
}

/** For entry points (the API, the commands): the configuration, or the message naming the bad variable and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
