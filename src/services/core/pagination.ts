/**
 * Keyset pagination, newest first, on (timestamp, id): a page costs the same
 * whatever its depth, and rows inserted meanwhile never shift a page.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../domain/cursor.js';
import type { KeyKind } from '../../domain/ids.js';

/** One page of a list; `totalCount` is computed only when asked for. The graph shows it as a Relay connection. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cursorOf: (node: T) => string;
  totalCount: () => Promise<number>;
}

/** Where a page stands, as Relay's PageInfo shows it. */
export interface PageInfoFacts {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;

export function pageSize(ctx: Context, first: number | null | undefined, argumentPath = ['first']): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) {
    throw new DomainError('INVALID_ARGUMENT', '`first` must be a non-negative integer', { argumentPath });
  }
  if (first > ctx.config.maxPageSize) {
    throw new DomainError('PAGE_SIZE_EXCEEDED', `\`first\` may be at most ${ctx.config.maxPageSize}`, { argumentPath, max: ctx.config.maxPageSize });
  }
  return first;
}

/** Fetches one page of `entity` matching `where`, ordered by `timeField` then id, both descending. */
export async function keysetPage<T extends { id: string }>(
  ctx: Context,
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  timeField: keyof T & string,
  args: PageArgs,
  keyKind: KeyKind = 'uuid',
): Promise<Page<T>> {
  const limit = pageSize(ctx, args.first);
  const conditions: FilterQuery<T>[] = [where];
  if (args.after) {
    const { at, id } = decodeKeysetCursor(args.after, keyKind);
    conditions.push({ $or: [{ [timeField]: { $lt: at } }, { [timeField]: at, id: { $lt: id } }] } as FilterQuery<T>);
  }
  const rows = limit === 0 ? [] : await em.find(entity, { $and: conditions } as FilterQuery<T>, {
    orderBy: { [timeField]: 'desc', id: 'desc' } as never,
    limit: limit + 1,
  });
  let total: Promise<number> | undefined;
  return {
    nodes: rows.slice(0, limit),
    hasNextPage: rows.length > limit,
    hasPreviousPage: Boolean(args.after),
    cursorOf: (node) => encodeKeysetCursor(node[timeField] as Date, node.id),
    totalCount: () => (total ??= em.count(entity, where)),
  };
}
