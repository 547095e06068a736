/**
 * One search contract, two backends (Elasticsearch; PostgreSQL on `search_entry`).
 *
 * Both score a hit the same way, from the hit alone (no corpus statistics), so
 * rankings agree between backends and a cursor stays valid while the index
 * changes: identifier match 100, whole name equal to the query 20, the query as
 * a phrase 10, and per query word 3 when present exactly or 1 within one typo.
 * Every query word must match (or the identifier must). Ties go by entity id.
 */
import type { SearchKindName } from './documents.js';
import { identifierOf, searchTokens } from './text.js';

export const SCORE = { identifier: 100, wholeText: 20, phrase: 10, exactWord: 2, fuzzyWord: 1 } as const;

/** At most this many words of a query are used (each becomes a clause). */
export const MAX_QUERY_WORDS = 8;

export interface SearchFilterInput {
  kinds?: SearchKindName[] | null;
  documentTypeCodes?: string[] | null;
  provinceCodes?: string[] | null;
  /** YYYY-MM-DD, inclusive; hits without a date are left out when a bound is given. */
  issuedFrom?: string | null;
  issuedTo?: string | null;
}

/** A query as both backends read it. */
export interface ParsedQuery {
  /** Folded words (at most MAX_QUERY_WORDS). */
  words: string[];
  /** The folded words joined by spaces. */
  phrase: string;
  /** Upper-case identifier when the query is shaped like one. */
  identifier: string | null;
}

/** Words that tolerate a typo: those with a letter (a mistyped number is another number). */
export function toleratesTypo(word: string): boolean {
  return /[a-z]/.test(word);
}

export function parseQuery(query: string): ParsedQuery {
  const words = searchTokens(query).slice(0, MAX_QUERY_WORDS);
  return { words, phrase: words.join(' '), identifier: identifierOf(query) };
}

/** Position after which the next page starts: the last hit's score and entity id. */
export interface SearchAfter {
  score: number;
  entityId: string;
}

export interface SearchRequest {
  query: ParsedQuery;
  filter: SearchFilterInput;
  first: number;
  after: SearchAfter | null;
  /** False: `facets` comes back empty, and the backends skip their aggregations. */
  withFacets: boolean;
  /**
   * Hits are counted exactly up to this many (config `searchExactTotalLimit`,
   * 1,000 by default); past it a total is only "at least", as Elasticsearch's
   * `track_total_hits` does. Counting every hit of a common name kept name
   * search slow at 5M documents (npm run bench:lookup, large, searchName:
   * exact 58 req/s, 10,000: 62, 1,000: 76). Facets stay exact.
   */
  exactTotalLimit: number;
}

export interface SearchHitRef {
  kind: SearchKindName;
  entityId: string;
  score: number;
  /** Name or title as written, for highlights. */
  display: string;
}

export interface FacetBucketValue {
  key: string;
  count: number;
}

/** Facets of the whole result (not only the page): kind, documentType, province, year. */
export type FacetField = 'kind' | 'documentType' | 'province' | 'year';
export const FACET_FIELDS: readonly FacetField[] = ['kind', 'documentType', 'province', 'year'];
/** Largest number of buckets per facet (34 provinces, a few dozen document types). */
export const FACET_SIZE = 100;

export interface SearchPage {
  hits: SearchHitRef[];
  hasNextPage: boolean;
  /** At most `exactTotalLimit`. */
  totalCount: number;
  /** False when more hits than `exactTotalLimit` matched: `totalCount` is then that limit. */
  totalCountExact: boolean;
  facets: { field: FacetField; buckets: FacetBucketValue[] }[];
}

export interface SearchBackend {
  readonly name: 'elasticsearch' | 'postgres';
  search(request: SearchRequest): Promise<SearchPage>;
}

/** Bucket order of both backends: most hits first, then by key. */
export function sortBuckets(buckets: FacetBucketValue[]): FacetBucketValue[] {
  return buckets.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, FACET_SIZE);
}
