/**
 * The Elasticsearch backend: one request over the aliases of the asked kinds.
 * Scores are constant per clause (see `backend.ts`), so `search_after` on
 * (score, entityId) pages stably and the PostgreSQL backend ranks alike.
 */
import type { estypes } from '@elastic/elasticsearch';
import type { Client } from '../client.js';
import {
  FACET_SIZE, SCORE, sortBuckets, toleratesTypo,
  type FacetField, type SearchBackend, type SearchPage, type SearchRequest,
} from '../backend.js';
import { SEARCH_KINDS, type SearchKindName } from '../documents.js';
import { aliasName } from '../mappings.js';
import { TYPO_PREFIX_LENGTH } from '../text.js';

const constant = (filter: estypes.QueryDslQueryContainer, boost: number): estypes.QueryDslQueryContainer => ({ constant_score: { filter, boost } });

/** Facet field → index field. */
const FACET_SOURCES: Record<FacetField, string> = { kind: 'kind', documentType: 'documentTypeCode', province: 'provinceCode', year: 'year' };

interface HitSource {
  kind: SearchKindName;
  entityId: string;
  display: string;
}

export function elasticsearchQuery({ query, filter }: SearchRequest): estypes.QueryDslQueryContainer {
  const filters: estypes.QueryDslQueryContainer[] = [];
  if (filter.documentTypeCodes?.length) filters.push({ terms: { documentTypeCode: filter.documentTypeCodes } });
  if (filter.provinceCodes?.length) filters.push({ terms: { provinceCode: filter.provinceCodes } });
  if (filter.issuedFrom || filter.issuedTo) {
    filters.push({ range: { date: { ...(filter.issuedFrom ? { gte: filter.issuedFrom } : {}), ...(filter.issuedTo ? { lte: filter.issuedTo } : {}) } } });
  }
  const matches: estypes.QueryDslQueryContainer[] = [];
  const should: estypes.QueryDslQueryContainer[] = [];
  if (query.identifier) matches.push(constant({ term: { identifiers: query.identifier } }, SCORE.identifier));
  if (query.words.length) {
    matches.push({
      bool: {
        must: query.words.map((word) => ({
          bool: {
            should: [
              constant({ term: { text: word } }, SCORE.exactWord),
              toleratesTypo(word)
                ? constant({ fuzzy: { text: { value: word, fuzziness: 1, transpositions: true, prefix_length: TYPO_PREFIX_LENGTH, max_expansions: 500 } } }, SCORE.fuzzyWord)
                : constant({ term: { text: word } }, SCORE.fuzzyWord),
            ],
            minimum_should_match: 1,
          },
        })),
      },
    });
    should.push(constant({ term: { textExact: query.phrase } }, SCORE.wholeText));
    should.push(constant({ match_phrase: { text: query.phrase } }, SCORE.phrase));
  }
  return {
    bool: {
      filter: filters,
      must: matches.length ? [{ bool: { should: matches, minimum_should_match: 1 } }] : [{ match_all: { boost: 0 } }],
      should,
    },
  };
}

export class ElasticsearchSearchBackend implements SearchBackend {
  readonly name = 'elasticsearch';

  constructor(
    private readonly client: Client,
    private readonly prefix: string,
  ) {}

  async search(request: SearchRequest): Promise<SearchPage> {
    const kinds = request.filter.kinds?.length ? request.filter.kinds : SEARCH_KINDS;
    const response = await this.client.search<HitSource>({
      index: kinds.map((kind) => aliasName(this.prefix, kind)),
      ignore_unavailable: true,
      allow_no_indices: true,
      query: elasticsearchQuery(request),
      sort: [{ _score: { order: 'desc' } }, { entityId: { order: 'asc' } }],
      ...(request.after ? { search_after: [request.after.score, request.after.entityId] } : {}),
      size: request.first + 1,
      track_total_hits: request.exactTotalLimit,
      _source: ['kind', 'entityId', 'display'],
      ...(request.withFacets ? {
        aggs: Object.fromEntries(
          (Object.entries(FACET_SOURCES) as [FacetField, string][]).map(([facet, field]) => [facet, { terms: { field, size: FACET_SIZE } }]),
        ),
      } : {}),
    });
    const hits = response.hits.hits;
    const total = response.hits.total;
    const aggregations = (response.aggregations ?? {}) as Record<string, estypes.AggregationsStringTermsAggregate | estypes.AggregationsLongTermsAggregate>;
    return {
      hits: hits.slice(0, request.first).map((hit) => ({
        kind: hit._source!.kind,
        entityId: hit._source!.entityId,
        score: Number(hit.sort?.[0] ?? hit._score ?? 0),
        display: hit._source!.display,
      })),
      hasNextPage: hits.length > request.first,
      totalCount: typeof total === 'number' ? total : (total?.value ?? 0),
      totalCountExact: typeof total === 'number' || total?.relation !== 'gte',
      facets: !request.withFacets ? [] : (Object.keys(FACET_SOURCES) as FacetField[]).map((field) => {
        const buckets = aggregations[field]?.buckets;
        const list = Array.isArray(buckets) ? buckets : [];
        return { field, buckets: sortBuckets(list.map((b) => ({ key: String(b.key), count: b.doc_count }))) };
      }),
    };
  }
}
