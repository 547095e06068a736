/**
 * Read replicas (opt-in: DATABASE_REPLICA_URLS). MikroORM opens one pool per replica (`replicas`) and asks the
 * driver for a 'read' connection on every read outside a transaction; the driver below answers from the route of
 * the request (an AsyncLocalStorage set by the /graphql middleware):
 * - no route (background workers, commands, the edges before /graphql): the primary, as without replicas;
 * - the request has committed a transaction: the primary for the rest of it (read-your-writes in the request);
 * - the officer's (or partner's) last commit LSN, remembered for a while, not yet replayed by the chosen replica
 *   within a bounded wait: the primary (read-your-writes across requests, and across API processes through Redis);
 * - otherwise one replica in rotation. A monitor takes a replica out when it cannot be reached, is not in recovery,
 *   or lags beyond the bound; a connection lost on a replica takes it out at once (the request runs again, on the primary).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ConnectionType, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { isConnectionLoss } from './faults.js';

export interface ReplicaSettings {
  urls: string[];
  /** A replica further behind than this leaves the rotation. */
  maxLagMs: number;
  /** How long a read waits for the chosen replica to replay the caller's last write before it goes to the primary. */
  waitMs: number;
  /** How often the monitor reads each replica's state. */
  checkMs: number;
  /** How long a caller's last commit LSN is remembered. */
  rememberWritesMs: number;
}

/** What one request reads from. */
export interface ReadRoute {
  /** Who asks (`officer:<code>`, `partner:<name>`): the key of the last-write memory. */
  key: string | undefined;
  /** Index of the replica chosen for the request; undefined: the primary. */
  replica: number | undefined;
  /** Set once the request has committed: its later reads go to the primary. */
  wrote: boolean;
}

/** Minimal view of a MikroORM connection: what the router runs on it. */
interface SqlConnection {
  execute(query: string, params?: unknown[], method?: 'all' | 'get' | 'run', ...rest: unknown[]): Promise<unknown>;
}

/** A PostgreSQL LSN (`16/B374D848`) as one number, so two can be compared. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  if (high === undefined || low === undefined || !/^[0-9A-F]+$/i.test(high) || !/^[0-9A-F]+$/i.test(low)) throw new Error(`not an LSN: ${lsn}`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * Replication lag in time, measured from the primary's side: each check notes (when, primary LSN); the lag is the age
 * of the oldest noted LSN the replica has not replayed yet (0 when it has replayed them all). It sees a paused replay,
 * a slow one and a broken stream alike, unlike the replica's last-transaction timestamp.
 */
export class LagClock {
  private samples: { at: number; lsn: bigint }[] = [];

  note(at: number, primaryLsn: bigint): void {
    this.samples.push({ at, lsn: primaryLsn });
    if (this.samples.length > 10_000) this.samples.shift();
  }

  lagMs(now: number, replayed: bigint): number {
    while (this.samples.length > 0 && this.samples[0]!.lsn <= replayed) this.samples.shift();
    return this.samples.length === 0 ? 0 : now - this.samples[0]!.at;
  }
}

/** The last commit LSN of each caller; in Redis when set, so every API process sees it. */
export interface WriteMemory {
  get(key: string): Promise<bigint | undefined>;
  set(key: string, lsn: bigint): Promise<void>;
}

export class MemoryWriteMemory implements WriteMemory {
  private readonly entries = new Map<string, { lsn: bigint; until: number }>();
  constructor(private readonly ttlMs: number, private readonly maxEntries = 100_000) {}

  async get(key: string): Promise<bigint | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.lsn;
  }

  async set(key: string, lsn: bigint): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { lsn, until: Date.now() + this.ttlMs });
    // Oldest first in a Map: drop the oldest beyond the bound.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

export class RedisWriteMemory implements WriteMemory {
  constructor(private readonly redis: Redis, private readonly ttlMs: number) {}

  async get(key: string): Promise<bigint | undefined> {
    const value = await this.redis.get(`vss:lsn:${key}`);
    return value === null ? undefined : BigInt(value);
  }

  async set(key: string, lsn: bigint): Promise<void> {
    await this.redis.set(`vss:lsn:${key}`, lsn.toString(), 'PX', this.ttlMs);
  }
}

interface ReplicaState {
  label: string;
  connection: SqlConnection;
  inRotation: boolean;
  replayed: bigint | undefined;
  lag: LagClock;
}

/** An LSN no replica reaches: the caller's reads stay on the primary until it is forgotten. */
const UNKNOWN_WRITE = 2n ** 64n - 1n;

const REPLICA_STATE_SQL = `select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as replayed`;

export class ReadRouter {
  private readonly routes = new AsyncLocalStorage<ReadRoute>();
  private primary: SqlConnection | undefined;
  private replicas: ReplicaState[] = [];
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private next = 0;
  private routed: Counter<'route'> | undefined;
  private lagSeconds: Gauge<'replica'> | undefined;
  private lagBytes: Gauge<'replica'> | undefined;
  private rotation: Gauge<'replica'> | undefined;
  private latestPrimary = 0n;

  constructor(
    readonly settings: ReplicaSettings,
    private readonly memory: WriteMemory,
    private readonly logger: Logger,
  ) {}

  /** MikroORM's `replicas` option: one per URL, named by host and port (no password in logs or metrics). */
  replicaOptions(): { name: string; clientUrl: string }[] {
    return this.settings.urls.map((clientUrl) => {
      const url = new URL(clientUrl);
      return { name: `replica ${url.hostname}:${url.port || 5432}${url.pathname}`, clientUrl };
    });
  }

  /** Called by the driver once its connections exist; a replica whose connection is lost leaves the rotation at once. */
  attach(primary: SqlConnection, replicas: SqlConnection[]): void {
    this.primary = primary;
    const names = this.replicaOptions();
    this.replicas = replicas.map((connection, index) => {
      const state: ReplicaState = { label: names[index]!.name.slice('replica '.length), connection, inRotation: false, replayed: undefined, lag: new LagClock() };
      const execute = connection.execute.bind(connection);
      connection.execute = async (...args: Parameters<SqlConnection['execute']>) => {
        try {
          return await execute(...args);
        } catch (error) {
          if (isConnectionLoss(error) && state.inRotation) {
            state.inRotation = false;
            this.rotation?.set({ replica: state.label }, 0);
            this.logger.warn({ replica: state.label, err: error }, 'read replica lost; reads go to the primary until it is back');
          }
          throw error;
        }
      };
      return state;
    });
  }

  /** The connection a read of the current request uses. */
  readConnection<C>(primary: C, replicas: C[]): C {
    const route = this.routes.getStore();
    if (!route || route.wrote || route.replica === undefined) return primary;
    const state = this.replicas[route.replica];
    return state?.inRotation ? (replicas[route.replica] ?? primary) : primary;
  }

  /** Runs `work` (the rest of a request) under `route`. */
  run<T>(route: ReadRoute, work: () => T): T {
    return this.routes.run(route, work);
  }

  /** The route of a new request of `key`: a replica in rotation that has replayed the caller's last write, else the primary. */
  async route(key: string | undefined): Promise<ReadRoute> {
    const candidates = this.replicas.map((state, index) => ({ state, index })).filter(({ state }) => state.inRotation);
    if (candidates.length === 0) return this.count({ key, replica: undefined, wrote: false }, 'primary-no-replica');
    const { state, index } = candidates[this.next++ % candidates.length]!;
    let needed: bigint | undefined;
    try {
      needed = key ? await this.memory.get(key) : undefined;
    } catch (error) {
      // Without the memory nobody can say the replica is fresh enough for this caller.
      this.logger.warn({ err: error }, 'last-write memory unreachable; the read goes to the primary');
      return this.count({ key, replica: undefined, wrote: false }, 'primary-after-write');
    }
    if (needed === undefined || (state.replayed !== undefined && state.replayed >= needed)) return this.count({ key, replica: index, wrote: false }, 'replica');
    if (needed !== UNKNOWN_WRITE && (await this.waitForReplay(state, needed))) return this.count({ key, replica: index, wrote: false }, 'replica-after-wait');
    return this.count({ key, replica: undefined, wrote: false }, 'primary-after-write');
  }

  private count(route: ReadRoute, kind: string): ReadRoute {
    this.routed?.inc({ route: kind });
    return route;
  }

  private async waitForReplay(state: ReplicaState, needed: bigint): Promise<boolean> {
    const deadline = Date.now() + this.settings.waitMs;
    for (;;) {
      try {
        const rows = (await state.connection.execute('select pg_last_wal_replay_lsn()::text as replayed')) as { replayed: string | null }[];
        const replayed = rows[0]?.replayed ? parseLsn(rows[0].replayed) : undefined;
        if (replayed !== undefined && replayed >= needed) return true;
      } catch {
        return false;
      }
      if (Date.now() + 5 > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** After each commit of a routed request: its later reads go to the primary, and the caller's commit LSN is remembered. */
  async committed(): Promise<void> {
    const route = this.routes.getStore();
    if (!route) return;
    route.wrote = true;
    if (!route.key) return;
    let lsn = UNKNOWN_WRITE;
    try {
      const rows = (await this.primary!.execute('select pg_current_wal_lsn()::text as lsn')) as { lsn: string }[];
      lsn = parseLsn(rows[0]!.lsn);
    } catch (error) {
      this.logger.warn({ err: error }, 'commit LSN unknown; the caller reads from the primary for a while');
    }
    try {
      await this.memory.set(route.key, lsn);
    } catch (error) {
      this.logger.warn({ err: error }, 'last-write memory unreachable; later reads of this caller may go to a replica');
    }
  }

  /** Reads every replica's state once: in recovery, replayed LSN, lag against the primary. */
  check(): Promise<void> {
    this.checking ??= this.checkNow().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkNow(): Promise<void> {
    let primaryLsn: bigint | undefined;
    try {
      const rows = (await this.primary!.execute('select pg_current_wal_lsn()::text as lsn')) as { lsn: string }[];
      primaryLsn = parseLsn(rows[0]!.lsn);
      this.latestPrimary = primaryLsn;
    } catch (error) {
      this.logger.warn({ err: error }, 'primary unreachable from the replica monitor');
    }
    const now = Date.now();
    await Promise.all(
      this.replicas.map(async (state) => {
        if (primaryLsn !== undefined) state.lag.note(now, primaryLsn);
        let healthy = false;
        try {
          const rows = (await withTimeout(state.connection.execute(REPLICA_STATE_SQL), Math.max(1000, this.settings.checkMs * 2))) as { recovery: boolean; replayed: string | null }[];
          const row = rows[0];
          if (row?.recovery && row.replayed) {
            state.replayed = parseLsn(row.replayed);
            const lagMs = state.lag.lagMs(Date.now(), state.replayed);
            this.lagSeconds?.set({ replica: state.label }, lagMs / 1000);
            this.lagBytes?.set({ replica: state.label }, Number(this.latestPrimary > state.replayed ? this.latestPrimary - state.replayed : 0n));
            healthy = lagMs <= this.settings.maxLagMs;
          }
        } catch {
          healthy = false;
        }
        if (healthy !== state.inRotation) this.logger.warn({ replica: state.label, inRotation: healthy }, healthy ? 'read replica back in rotation' : 'read replica out of rotation');
        state.inRotation = healthy;
        this.rotation?.set({ replica: state.label }, healthy ? 1 : 0);
      }),
    );
  }

  /** First check now (replicas enter the rotation only once seen healthy), then every `checkMs`. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.settings.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking;
  }

  registerMetrics(registry: Registry): void {
    this.lagSeconds = new Gauge({ name: 'db_replica_lag_seconds', help: 'How long the oldest primary WAL position the replica has not replayed has existed (0: caught up)', labelNames: ['replica'], registers: [registry] });
    this.lagBytes = new Gauge({ name: 'db_replica_lag_bytes', help: 'WAL bytes between the primary and what the replica has replayed', labelNames: ['replica'], registers: [registry] });
    this.rotation = new Gauge({ name: 'db_replica_in_rotation', help: '1 when the replica serves reads, 0 when it is down, not in recovery or lagging beyond DATABASE_REPLICA_MAX_LAG_MS', labelNames: ['replica'], registers: [registry] });
    this.routed = new Counter({ name: 'db_read_routes_total', help: 'GraphQL requests by where their reads went', labelNames: ['route'], registers: [registry] });
    for (const state of this.replicas) this.rotation.set({ replica: state.label }, state.inRotation ? 1 : 0);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** The PostgreSQL driver whose 'read' connection is the request's route (see above). */
export function routedDriver(router: ReadRouter): typeof PostgreSqlDriver {
  return class RoutedPostgreSqlDriver extends PostgreSqlDriver {
    constructor(...args: ConstructorParameters<typeof PostgreSqlDriver>) {
      super(...args);
      router.attach(this.connection as unknown as SqlConnection, this.replicas as unknown as SqlConnection[]);
    }

    override getConnection(type: ConnectionType = 'write'): ReturnType<PostgreSqlDriver['getConnection']> {
      if (type === 'write') return this.connection;
      return router.readConnection(this.connection, this.replicas);
    }
  };
}

/** Tells the router about every commit (the hook runs in the request's async context). */
export class ReadYourWritesSubscriber implements EventSubscriber {
  constructor(private readonly router: ReadRouter) {}

  async afterTransactionCommit(_args: TransactionEventArgs): Promise<void> {
    await this.router.committed();
  }
}
