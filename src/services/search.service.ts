/**
 * One text box for everything (contract: `search`): identifiers exactly and
 * first, names and titles accent- and case-insensitively with a typo per word,
 * filters, facets, cursor pages, highlights, and how fresh the index is.
 * Elasticsearch when configured; the PostgreSQL backend otherwise, and instead
 * of failing when Elasticsearch is unreachable.
 */
import type { Context } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { decodeScoreCursor, encodeScoreCursor } from '../domain/cursor.js';
import { checkText } from '../domain/text.js';
import { pageSize, type PageInfoFacts } from './core/pagination.js';
import { parseQuery, type FacetBucketValue, type SearchAfter, type SearchFilterInput, type SearchPage, type SearchRequest } from '../search/backend.js';
import type { SearchHitEntity } from '../search/hit-loader.js';
import type { SearchKindName } from '../search/documents.js';
import { BrokenCircuitError } from 'cockatiel';
import { isUnavailable } from '../search/client.js';
import { highlight } from '../search/text.js';
import { keyOf } from '../search/writes.js';
import { SEARCH_TOPIC } from '../search/outbox.js';

export interface SearchArgs {
  query: string;
  filter?: SearchFilterInput | null;
  first?: number | null;
  after?: string | null;
  /** Facets cost an aggregation over every hit: computed only when asked for. */
  withFacets?: boolean;
}

/** One hit of a page: the entity, its score, and where the query matched. */
export interface SearchResultHit {
  cursor: string;
  node: SearchHitEntity;
  score: number;
  highlights: string[];
  /** The kind of hit: which field its highlights are cut from (the personal-data policy's HIGHLIGHT_SOURCES). */
  kind: SearchKindName;
}

/** A page of search results with its counts, facets and freshness (the graph's SearchResultConnection). */
export interface SearchResults {
  edges: SearchResultHit[];
  pageInfo: PageInfoFacts;
  totalCount: number;
  totalCountExact: boolean;
  facets: { field: string; buckets: FacetBucketValue[] }[];
  indexedThrough: Date | null;
  fromFallback: boolean;
}

function decodeSearchCursor(cursor: string): SearchAfter {
  const { score, id } = decodeScoreCursor(cursor);
  return { score, entityId: id };
}

function checkFilter(filter: SearchFilterInput): void {
  if (filter.issuedFrom && filter.issuedTo && filter.issuedFrom > filter.issuedTo) {
    throw new DomainError('INVALID_ARGUMENT', '`issuedFrom` is after `issuedTo`', { argumentPath: ['filter', 'issuedFrom'] });
  }
}

/** Searches with the configured backend, falling back to PostgreSQL when Elasticsearch is unreachable. */
async function runSearch(ctx: Context, request: SearchRequest): Promise<{ page: SearchPage; fromFallback: boolean }> {
  const backend = ctx.search.backend(ctx.em);
  try {
    return { page: await backend.search(request), fromFallback: false };
  } catch (error) {
    if (backend.name !== 'elasticsearch' || !isUnavailable(error)) throw error;
    // Skipped at once while known down (the runtime's circuit breaker); warned once when found down.
    if (error instanceof BrokenCircuitError) ctx.logger.debug('Elasticsearch known unreachable: answering search from PostgreSQL');
    else ctx.logger.warn({ err: (error as Error).message }, 'Elasticsearch unreachable: answering search from PostgreSQL');
    return { page: await ctx.search.fallback(ctx.em).search(request), fromFallback: true };
  }
}

/** The instant before which every committed write is searchable: the oldest change still in the outbox, or now. */
async function indexedThrough(ctx: Context): Promise<Date> {
  const [row] = await ctx.em.execute<{ epoch: string }[]>(
    `select extract(epoch from coalesce(min(created_at), now())) as epoch from outbox_event where topic = ?`,
    [SEARCH_TOPIC],
  );
  return new Date(Number(row.epoch) * 1000);
}

/** Runs `search(query, filter, first, after)`. */
export async function search(ctx: Context, args: SearchArgs): Promise<SearchResults> {
  checkText(args.query, 'query', ['query']);
  const filter: SearchFilterInput = { ...args.filter };
  checkFilter(filter);
  const request: SearchRequest = {
    query: parseQuery(args.query),
    filter,
    first: pageSize(ctx, args.first),
    after: args.after ? decodeSearchCursor(args.after) : null,
    withFacets: args.withFacets ?? true,
    exactTotalLimit: ctx.config.searchExactTotalLimit,
  };
  // Freshness first: a write indexed while the search runs is then reported conservatively.
  const through = await indexedThrough(ctx);
  const { page, fromFallback } = await runSearch(ctx, request);
  const nodes = await Promise.all(page.hits.map((hit) => ctx.loaders.searchHits.load(keyOf(hit.kind, hit.entityId))));
  const edges: SearchResultHit[] = [];
  page.hits.forEach((hit, i) => {
    const node = nodes[i];
    if (!node) return; // deleted since it was indexed; its outbox row will remove it
    const marked = highlight(hit.display, request.query.words);
    edges.push({ cursor: encodeScoreCursor(hit.score, hit.entityId), node, score: hit.score, highlights: marked ? [marked] : [], kind: hit.kind });
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
    totalCountExact: page.totalCountExact,
    facets: page.facets,
    indexedThrough: through,
    fromFallback,
  };
}
