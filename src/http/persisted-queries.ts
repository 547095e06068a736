/**
 * Apollo's automatic persisted queries for officers' front-ends: a client sends
 * the SHA-256 of its query; the first time, it sends the text too and the
 * server keeps it. Kept in this process's memory by default, in Redis when
 * REDIS_URL is set, so every API process knows every registered query.
 * (Partner systems use trusted documents instead: src/partners/trusted-documents.ts.)
 */
import { Redis } from 'ioredis';
import { ErrorsAreMissesCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { PersistedQueryOptions } from '@apollo/server';
import type { Logger } from 'pino';
import { apolloLogger } from '../logger.js';

/** Registered queries live a day after their last registration. */
const APQ_TTL_SECONDS = 24 * 60 * 60;

class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EX', options.ttl);
    else await this.redis.set(this.prefix + key, value);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}

/**
 * One connection per app, established before the app serves (a configured but
 * unreachable Redis stops the start); afterwards commands fail fast instead of
 * queueing while Redis is down.
 */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis error'));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`REDIS_URL: cannot reach Redis (${(error as Error).message})`);
  }
  return redis;
}

/** Apollo's `persistedQueries` option; a Redis failure is a cache miss (the client resends the text), never an error. */
export function persistedQueryOptions(redis: Redis | undefined, logger: Logger): PersistedQueryOptions {
  if (!redis) return { ttl: APQ_TTL_SECONDS };
  return { ttl: APQ_TTL_SECONDS, cache: new ErrorsAreMissesCache(new RedisKeyValueCache(redis, 'vss:'), apolloLogger(logger)) };
}
