/**
 * A budget of cost points per client and minute: the request rate limit counts
 * requests, this counts work. Every operation draws its estimated cost
 * (hardening-limits.ts) once it passed the cost check, and every file sent or
 * received through `/files` draws by its size, so neither many cheap-looking
 * requests nor a stream of large scans can hold the service. Counted like the
 * rate limit (fixed one-minute windows, in memory or in Redis shared by every
 * API process); a store that fails lets the request through.
 */
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { DomainError } from '../domain/errors.js';
import { refuse } from './errors.js';
import type { RateLimitStore } from './hardening.js';

const MIB = 1024 * 1024;
/** A file transfer's fixed part: authentication, the document lookup or the staging, the access event. */
export const FILE_BASE_COST = 10;
/** Per MiB sent or received: hashing, storing, streaming (a 20 MiB scan costs about a deep page of 100 dossiers). */
export const FILE_COST_PER_MIB = 100;

/** What moving `bytes` through `/files` costs. */
export function fileTransferCost(bytes: number): number {
  return FILE_BASE_COST + Math.ceil(Math.max(0, bytes) / MIB) * FILE_COST_PER_MIB;
}

export class CostBudget {
  constructor(
    private readonly store: RateLimitStore,
    readonly perMinute: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Draws `cost` (at least 1: every request is work) from `client`'s budget of
   * this minute; the refusal once it is spent, null otherwise. A refused draw
   * still counts: a client over its budget waits for the next minute.
   */
  async draw(client: string, cost: number): Promise<DomainError | null> {
    const amount = Math.max(1, Math.ceil(cost));
    let counted: { count: number; resetsAt: number };
    try {
      counted = await this.store.hit(client, Date.now(), amount);
    } catch (error) {
      this.logger.warn({ err: error }, 'cost budget store unavailable; request let through');
      return null;
    }
    if (counted.count <= this.perMinute) return null;
    const retryAfter = Math.max(1, Math.ceil((counted.resetsAt - Date.now()) / 1000));
    return new DomainError('COST_BUDGET_EXCEEDED', `Cost budget of ${this.perMinute} points per minute spent (this request: ${amount}); retry in ${retryAfter} s`, {
      budget: this.perMinute,
      cost: amount,
      retryAfterSeconds: retryAfter,
    });
  }
}

/** The refusal as Apollo answers it from a plugin: HTTP 429 with `Retry-After`. */
export function budgetRequestError(error: DomainError): GraphQLError {
  const retryAfter = String(error.details.retryAfterSeconds ?? 60);
  return new GraphQLError(error.message, {
    extensions: { code: error.code, reason: error.reason, ...error.details, http: { status: 429, headers: new HeaderMap([['retry-after', retryAfter]]) } },
  });
}

/** The refusal from an Express route: HTTP 429 with `Retry-After`. */
export function refuseOverBudget(res: Response, error: DomainError): void {
  res.setHeader('Retry-After', String(error.details.retryAfterSeconds ?? 60));
  refuse(res, error);
}
