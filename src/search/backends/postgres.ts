/**
 * The PostgreSQL backend: the search contract on `search_entry` (folded text,
 * identifiers), for the embedded default, small deployments, and as the fallback
 * when Elasticsearch is unreachable.
 *
 * Words match through the `to_tsvector('simple', folded_text)` GIN index; a typo
 * is tolerated by looking up which words within one edit (`oneEditVariants`)
 * exist in `search_word` and matching those, as Elasticsearch's `fuzzy` query
 * expands a word against its term dictionary. Scores follow `backend.ts`.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  FACET_SIZE, SCORE, sortBuckets, toleratesTypo,
  type FacetField, type SearchBackend, type SearchPage, type SearchRequest,
} from '../backend.js';
import type { SearchKindName } from '../documents.js';
import { oneEditVariants } from '../text.js';

const TSV = `to_tsvector('simple', e.folded_text)`;

/** A statement fragment and its parameters. */
interface Sql {
  text: string;
  params: unknown[];
}

const sql = (text: string, ...params: unknown[]): Sql => ({ text, params });

function join(parts: Sql[], separator: string): Sql {
  return { text: parts.map((p) => p.text).join(separator), params: parts.flatMap((p) => p.params) };
}

/** A PostgreSQL array literal of text values (MikroORM spreads JS arrays given as parameters). */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

export class PostgresSearchBackend implements SearchBackend {
  readonly name = 'postgres';

  constructor(private readonly em: EntityManager) {}

  async search(request: SearchRequest): Promise<SearchPage> {
    const hits = this.hitsQuery(request, await this.wordVariants(request.query.words));
    const pageConditions: Sql[] = [];
    if (request.after) {
      pageConditions.push(sql('(h.score < ? or (h.score = ? and h.entity_id > ?::uuid))', request.after.score, request.after.score, request.after.entityId));
    }
    const page = request.first === 0 ? [] : await this.em.execute<{ kind: SearchKindName; entity_id: string; score: number; display: string }[]>(
      `with h as (${hits.text}) select h.kind, h.entity_id, h.score, h.display from h
       ${pageConditions.length ? `where ${join(pageConditions, ' and ').text}` : ''}
       order by h.score desc, h.entity_id asc limit ?`,
      [...hits.params, ...join(pageConditions, ' and ').params, request.first + 1],
    );
    // The kind buckets also give the total, so they are counted even without facets.
    const counts = request.withFacets
      ? `select h.kind, h.document_type_code, h.province_code, h.year::text as year, count(*) as n from h
         group by grouping sets ((h.kind), (h.document_type_code), (h.province_code), (h.year))`
      : 'select h.kind, null as document_type_code, null as province_code, null as year, count(*) as n from h group by h.kind';
    const facetRows = await this.em.execute<{ kind: string | null; document_type_code: string | null; province_code: string | null; year: string | null; n: string }[]>(
      `with h as (${hits.text}) ${counts}`,
      hits.params,
    );
    const buckets: Record<FacetField, { key: string; count: number }[]> = { kind: [], documentType: [], province: [], year: [] };
    let totalCount = 0;
    for (const row of facetRows) {
      const count = Number(row.n);
      if (row.kind !== null) {
        buckets.kind.push({ key: row.kind, count });
        totalCount += count;
      } else if (row.document_type_code !== null) buckets.documentType.push({ key: row.document_type_code, count });
      else if (row.province_code !== null) buckets.province.push({ key: row.province_code, count });
      else if (row.year !== null) buckets.year.push({ key: row.year, count });
    }
    return {
      hits: page.slice(0, request.first).map((row) => ({ kind: row.kind, entityId: row.entity_id, score: Number(row.score), display: row.display })),
      hasNextPage: page.length > request.first,
      totalCount: Math.min(totalCount, request.exactTotalLimit),
      totalCountExact: totalCount <= request.exactTotalLimit,
      facets: !request.withFacets ? [] : (Object.keys(buckets) as FacetField[]).map((field) => ({ field, buckets: sortBuckets(buckets[field]).slice(0, FACET_SIZE) })),
    };
  }

  /** For each query word, the indexed words it matches: itself and, if it tolerates a typo, those one edit away. */
  private async wordVariants(words: string[]): Promise<string[][]> {
    if (words.length === 0) return [];
    const candidates = words.map((w) => (toleratesTypo(w) ? oneEditVariants(w) : [w]));
    const rows = await this.em.execute<{ word: string }[]>('select word from search_word where word = any(?::text[])', [
      textArrayLiteral([...new Set(candidates.flat())]),
    ]);
    const indexed = new Set(rows.map((r) => r.word));
    return candidates.map((list) => list.filter((w) => indexed.has(w)));
  }

  /** Every matching entry with its score: the `h` of the statements above. */
  private hitsQuery({ query, filter }: SearchRequest, variants: string[][]): Sql {
    const where: Sql[] = [];
    if (filter.kinds?.length) where.push(sql('e.kind = any(?::text[])', textArrayLiteral(filter.kinds)));
    if (filter.documentTypeCodes?.length) where.push(sql('e.document_type_code = any(?::text[])', textArrayLiteral(filter.documentTypeCodes)));
    if (filter.provinceCodes?.length) where.push(sql('e.province_code = any(?::text[])', textArrayLiteral(filter.provinceCodes)));
    if (filter.issuedFrom) where.push(sql('e.issued_on >= ?::date', filter.issuedFrom));
    if (filter.issuedTo) where.push(sql('e.issued_on <= ?::date', filter.issuedTo));

    const score: Sql[] = [sql('0')];
    const matches: Sql[] = [];
    if (query.identifier) {
      const hasIdentifier = sql('e.identifiers @> ?::text[]', textArrayLiteral([query.identifier]));
      score.push(sql(`case when ${hasIdentifier.text} then ${SCORE.identifier} else 0 end`, ...hasIdentifier.params));
      matches.push(hasIdentifier);
    }
    // A word matching no indexed word: no text hit.
    if (query.words.length && variants.every((list) => list.length > 0)) {
      const fuzzy = variants.map((list) => `(${list.join(' | ')})`);
      const everyWord = fuzzy.join(' & ');
      matches.push(sql(`${TSV} @@ ?::tsquery`, everyWord));
      score.push(sql(`case when e.folded_text = ? then ${SCORE.wholeText} else 0 end`, query.phrase));
      score.push(sql(`case when position(? in ' ' || e.folded_text || ' ') > 0 then ${SCORE.phrase} else 0 end`, ` ${query.phrase} `));
      // Words count only when all of them match (an identifier hit alone scores no words), as in Elasticsearch.
      const perWord = query.words.map((word, i) => sql(
        `case when v.tsv @@ ?::tsquery then ${SCORE.exactWord + SCORE.fuzzyWord} when v.tsv @@ ?::tsquery then ${SCORE.fuzzyWord} else 0 end`,
        word, fuzzy[i],
      ));
      const words = join(perWord, ' + ');
      score.push(sql(`case when v.tsv @@ ?::tsquery then ${words.text} else 0 end`, everyWord, ...words.params));
    }
    if (matches.length) where.push(sql(`(${join(matches, ' or ').text})`, ...join(matches, ' or ').params));
    else if (query.words.length || query.identifier) where.push(sql('false'));
    const scoreSql = join(score, ' + ');
    const whereSql = join(where, ' and ');
    return sql(
      `select e.kind, e.entity_id, e.text as display, e.document_type_code, e.province_code,
         extract(year from e.issued_on)::int as year, (${scoreSql.text})::int as score
       from search_entry e cross join lateral (select ${TSV} as tsv) v ${where.length ? `where ${whereSql.text}` : ''}`,
      ...scoreSql.params, ...whereSql.params,
    );
  }
}
