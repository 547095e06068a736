/**
 * What keeps the graph standing when anyone on the network can reach it:
 * refusals answered before Apollo, and per-client rate limiting.
 * Depth and cost limits live in hardening-limits.ts.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { limitKey, type Viewer } from '../auth/viewer.js';
import { DomainError } from '../domain/errors.js';
import { refuse } from './errors.js';

/** The viewer the authentication middleware put on the response. */
export function viewerOf(res: Response): Viewer {
  return (res.locals.viewer as Viewer | undefined) ?? { kind: 'anonymous' };
}

const WINDOW_MS = 60_000;

/** How many requests a client made in the current one-minute window, and when that window ends. */
export interface WindowCount {
  count: number;
  resetsAt: number;
}

/** Counts requests (or cost points) per client in fixed one-minute windows. */
export interface RateLimitStore {
  /** Adds `amount` (1: one request) to the client's count of the window `now` falls in. */
  hit(client: string, now: number, amount?: number): Promise<WindowCount>;
}

/** One process's counts; enough for one API process or a development machine. */
export class MemoryRateLimitStore implements RateLimitStore {
  private window = -1;
  private counts = new Map<string, number>();

  async hit(client: string, now: number, amount = 1): Promise<WindowCount> {
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.window) {
      // A new window: every count starts again, and the map never outgrows one minute of clients.
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(client) ?? 0) + amount;
    this.counts.set(client, count);
    return { count, resetsAt: (window + 1) * WINDOW_MS };
  }
}

/** Counts shared by every API process through Redis: one INCRBY per request, the key expiring with its window. */
export class RedisRateLimitStore implements RateLimitStore {
  /** `prefix`: what is counted (`vss:rate` requests, `vss:cost` cost points). */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'vss:rate',
  ) {}

  async hit(client: string, now: number, amount = 1): Promise<WindowCount> {
    const window = Math.floor(now / WINDOW_MS);
    const key = `${this.prefix}:${client}:${window}`;
    const results = await this.redis.multi().incrby(key, amount).pexpire(key, WINDOW_MS).exec();
    const count = Number(results?.[0]?.[1]);
    if (!Number.isFinite(count)) throw new Error('Redis did not count the request');
    return { count, resetsAt: (window + 1) * WINDOW_MS };
  }
}

/** Who is counted (`officer:<code>`, `partner:<name>`, `ip:<address>`), and how many requests a minute they get. */
export function clientOf(req: Request, viewer: Viewer, config: AppConfig): { client: string; limit: number } {
  return { client: limitKey(viewer, req.ip), limit: viewer.kind === 'partner' ? viewer.rateLimitPerMinute : config.rateLimitPerMinute };
}

/**
 * Counts one request of `viewer`: true when it may go on, false once the 429
 * (with `Retry-After`) is sent. When the store fails (Redis down), requests go
 * through: the limiter protects the service, it must not take it down.
 */
export async function countRequest(req: Request, res: Response, viewer: Viewer, config: AppConfig, store: RateLimitStore, logger: Logger): Promise<boolean> {
  const { client, limit } = clientOf(req, viewer, config);
  let counted: WindowCount;
  try {
    counted = await store.hit(client, Date.now());
  } catch (error) {
    logger.warn({ err: error }, 'rate limit store unavailable; request let through');
    return true;
  }
  res.setHeader('RateLimit-Limit', String(limit));
  res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - counted.count)));
  if (counted.count <= limit) return true;
  const retryAfter = Math.max(1, Math.ceil((counted.resetsAt - Date.now()) / 1000));
  res.setHeader('Retry-After', String(retryAfter));
  refuse(res, new DomainError('RATE_LIMITED', `Rate limit of ${limit} requests per minute reached; retry in ${retryAfter} s`, { limit, retryAfterSeconds: retryAfter }));
  return false;
}

/** HTTP 429 with `Retry-After` once a client has used its requests of the minute. Runs after authentication (partners have their own limit). */
export function rateLimit(config: AppConfig, store: RateLimitStore, logger: Logger): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (await countRequest(req, res, viewerOf(res), config, store, logger)) next();
  };
}
