/**
 * The search contract, run against both backends (Elasticsearch, and PostgreSQL on
 * `search_entry`) over HTTP. The data: the demo warehouse plus a few people made
 * through the ORM here, so their outbox rows come from the flush subscriber.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testIndexPrefix, testSearch, type TestSearch } from '../helpers/elasticsearch.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { OutboxEvent } from '../../src/entities/outbox-event.entity.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { toGlobalId } from '../../src/domain/global-id.js';
import { newIndividual, testPersonalId as personalId } from './search-fixtures.js';

const SEARCH = `query Search($query: String!, $filter: SearchFilter, $first: Int, $after: String) {
  search(query: $query, filter: $filter, first: $first, after: $after) {
    totalCount totalCountExact fromFallback indexedThrough
    pageInfo { hasNextPage endCursor }
    facets { field buckets { key count } }
    edges { cursor score highlights node { __typename
      ... on Individual { id fullName personalId }
      ... on Organization { id name }
      ... on DigitizedDocument { id code title }
      ... on Dossier { id code } } }
  }
}`;

type Edge = { cursor: string; score: number; highlights: string[]; node: { __typename: string; id: string; fullName?: string; personalId?: string } };
type Result = {
  totalCount: number; totalCountExact: boolean; fromFallback: boolean; indexedThrough: string | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  facets: { field: string; buckets: { key: string; count: number }[] }[];
  edges: Edge[];
};

let t: TestApp;
let search: TestSearch;
let an: Individual;
let hoa: Individual;

beforeAll(async () => {
  t = await startTestApp();
  search = testSearch(t, testIndexPrefix('contract'));
  const em = t.app.orm.em.fork();
  an = await newIndividual(em, 'Nguyễn Văn An', personalId(1));
  hoa = await newIndividual(em, 'Nguyễn Thị Hoà', personalId(2));
  await em.flush();
  await search.reindexAll();
  await search.indexer().drain();
});
afterAll(async () => {
  await search?.close();
  await t?.close();
});

it('writes one outbox row per changed entity in the flush, in the shape the importer shares', async () => {
  const em = t.app.orm.em.fork();
  const person = await newIndividual(em, 'Trần Văn Bình', personalId(3));
  await em.flush();
  person.fullName = 'Trần Văn Bính';
  await em.flush();
  const rows = await em.find(OutboxEvent, { entityId: person.id });
  expect(rows.map((r) => [r.topic, r.entity, r.operation])).toEqual([
    ['search', 'Individual', 'UPSERT'],
    ['search', 'Individual', 'UPSERT'],
  ]);
  em.remove(person);
  await em.flush();
  const deletion = await em.findOneOrFail(OutboxEvent, { entityId: person.id, operation: 'DELETE' });
  expect(deletion.entity).toBe('Individual');
  await search.indexer().drain();
  expect(await em.count(OutboxEvent, { entityId: person.id })).toBe(0);
});

describe.each(['elasticsearch', 'postgres'] as const)('search on %s', (backend) => {
  let app: TestApp;
  let officer: string;

  beforeAll(async () => {
    app = await startTestApp({ SEARCH_BACKEND: backend, SEARCH_INDEX_PREFIX: search.prefix });
    officer = await app.token(OfficerRole.RECEIVING_OFFICER);
  });
  afterAll(() => app?.close());

  /** Who asks: this backend's app and officer unless a test starts its own app. */
  type Caller = { app: TestApp; token: string };

  async function find(query: string, variables: Record<string, unknown> = {}, as: Caller = { app, token: officer }): Promise<Result> {
    const res = await as.app.graphql(SEARCH, { query, first: 100, ...variables }, as.token);
    expect(res.errors).toBeUndefined();
    return res.data.search as Result;
  }

  /** Every hit of a query, page after page. */
  async function everyHit(query: string, filter?: Record<string, unknown>, first = 25, as?: Caller): Promise<{ edges: Edge[]; totalCount: number; pages: number }> {
    const edges: Edge[] = [];
    let after: string | null = null;
    let pages = 0;
    let totalCount = 0;
    for (;;) {
      const page: Result = await find(query, { filter, first, after }, as);
      pages++;
      totalCount = page.totalCount;
      edges.push(...page.edges);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { edges, totalCount, pages };
  }

  const idOf = (person: Individual) => toGlobalId('Individual', person.id);

  it('answers from the configured backend, with freshness', async () => {
    const result = await find('nguyen van an');
    expect(result.fromFallback).toBe(false);
    expect(Date.parse(result.indexedThrough!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('"nguyen van an" finds "Nguyễn Văn An" among the best hits, highlighted as written', async () => {
    const result = await find('nguyen van an');
    const hit = result.edges.find((e) => e.node.id === idOf(an));
    expect(hit).toBeDefined();
    expect(hit!.score).toBe(result.edges[0].score);
    expect(hit!.highlights).toEqual(['<em>Nguyễn Văn An</em>']);
  });

  it('"NGUYỄN THỊ HÒA" (other tone placement, capitals) finds "Nguyễn Thị Hoà"', async () => {
    const result = await find('NGUYỄN THỊ HÒA');
    const hit = result.edges.find((e) => e.node.id === idOf(hoa));
    expect(hit?.node.fullName).toBe('Nguyễn Thị Hoà');
    expect(hit!.score).toBe(result.edges[0].score);
  });

  it('"Nguyen Vn An" (a typo) still finds him among the best hits', async () => {
    const result = await find('Nguyen Vn An');
    const hit = result.edges.find((e) => e.node.id === idOf(an));
    expect(hit).toBeDefined();
    expect(hit!.score).toBe(result.edges[0].score);
    expect(hit!.highlights).toEqual(['<em>Nguyễn Văn An</em>']);
  });

  it('a personal ID finds exactly that person, first', async () => {
    const result = await find(an.personalId);
    expect(result.edges[0].node).toMatchObject({ __typename: 'Individual', id: idOf(an), personalId: an.personalId });
    expect(result.edges[0].score).toBeGreaterThanOrEqual(100);
    expect(result.edges.filter((e) => e.node.__typename === 'Individual' && e.score >= 100)).toHaveLength(1);
  });

  it('a demo dossier code finds that dossier first', async () => {
    const [row] = await t.app.orm.em.fork().execute<{ code: string; id: string }[]>('select code, id from dossier order by code limit 1');
    const result = await find(row.code.toLowerCase());
    expect(result.edges[0].node).toMatchObject({ __typename: 'Dossier', id: toGlobalId('Dossier', row.id) });
  });

  it('masks personal data in hits for a viewer without the right to read it', async () => {
    const auditor = await app.token(OfficerRole.AUDITOR);
    const res = await app.graphql(SEARCH, { query: an.personalId, first: 1 }, auditor);
    expect(res.errors).toBeUndefined();
    expect(res.data.search.edges[0].node.personalId).toBe(`999${'*'.repeat(7)}${an.personalId.slice(-2)}`);
  });

  it('filters and facets agree with the data', async () => {
    const em = t.app.orm.em.fork();
    const filter = { kinds: ['DOCUMENT'], documentTypeCodes: ['GKS'], issuedFrom: '1990-01-01', issuedTo: '2015-12-31' };
    const years = await em.execute<{ year: string; n: string }[]>(
      `select extract(year from d.issued_on)::int::text as year, count(*) as n from digitized_document d join document_type t on t.id = d.document_type_id
       where t.code = 'GKS' and d.issued_on between '1990-01-01' and '2015-12-31' group by 1`,
    );
    const provinces = await em.execute<{ province: string; n: string }[]>(
      `select coalesce(a.province_code, i.province_code, o.province_code) as province, count(*) as n from digitized_document d
       join document_type t on t.id = d.document_type_id left join agency a on a.id = d.agency_id
       left join individual i on i.id = d.owner_individual_id left join organization o on o.id = d.owner_organization_id
       where t.code = 'GKS' and d.issued_on between '1990-01-01' and '2015-12-31' group by 1`,
    );
    const expected = years.reduce((sum, r) => sum + Number(r.n), 0);
    expect(expected).toBeGreaterThan(0);

    const result = await find('', { filter });
    expect(result.totalCount).toBe(expected);
    const facet = (field: string) => Object.fromEntries(result.facets.find((f) => f.field === field)!.buckets.map((b) => [b.key, b.count]));
    expect(facet('kind')).toEqual({ DOCUMENT: expected });
    expect(facet('documentType')).toEqual({ GKS: expected });
    expect(facet('year')).toEqual(Object.fromEntries(years.map((r) => [r.year, Number(r.n)])));
    expect(facet('province')).toEqual(Object.fromEntries(provinces.map((r) => [r.province, Number(r.n)])));

    // A province filter narrows to exactly that bucket.
    const [province, count] = Object.entries(facet('province'))[0];
    expect((await find('', { filter: { ...filter, provinceCodes: [province] } })).totalCount).toBe(count);
  });

  it('facets of a text query count the kinds of its hits', async () => {
    const result = await find('nguyen', { first: 5 });
    const kinds = result.facets.find((f) => f.field === 'kind')!.buckets;
    // Facets count every hit; the total is exact up to the limit.
    const hits = kinds.reduce((sum, b) => sum + b.count, 0);
    const limit = app.config.searchExactTotalLimit;
    expect(result).toMatchObject({ totalCount: Math.min(hits, limit), totalCountExact: hits <= limit });
    const [row] = await t.app.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from individual where full_name ilike 'Nguyễn %'`);
    expect(kinds.find((b) => b.key === 'INDIVIDUAL')!.count).toBeGreaterThanOrEqual(Number(row.n));
  });

  it('skips the facets nobody selected, with the same hits and total', async () => {
    const withFacets = await find('nguyen', { first: 10 });
    const res = await app.graphql(SEARCH.replace('facets { field buckets { key count } }', ''), { query: 'nguyen', first: 10 }, officer);
    expect(res.errors).toBeUndefined();
    const without = res.data.search as Result;
    expect(without.totalCount).toBe(withFacets.totalCount);
    expect(without.edges.map((e) => e.node.id)).toEqual(withFacets.edges.map((e) => e.node.id));
    expect(withFacets.facets.length).toBeGreaterThan(0);
  });

  it('paging through all results returns each hit once, in score order', async () => {
    const { edges, totalCount, pages } = await everyHit('nguyen thi', { kinds: ['INDIVIDUAL'] });
    expect(pages).toBeGreaterThan(2);
    expect(edges).toHaveLength(totalCount);
    expect(new Set(edges.map((e) => e.node.id)).size).toBe(totalCount);
    for (let i = 1; i < edges.length; i++) expect(edges[i].score).toBeLessThanOrEqual(edges[i - 1].score);
  });

  it('counts hits exactly up to the limit, then gives the limit as a lower bound; paging still reaches every hit', async () => {
    const { edges, totalCount } = await everyHit('nguyen thi', { kinds: ['INDIVIDUAL'] });
    expect((await find('nguyen thi', { filter: { kinds: ['INDIVIDUAL'] } })).totalCountExact).toBe(true);
    expect(totalCount).toBeGreaterThan(20);
    const limited = await startTestApp({ SEARCH_BACKEND: backend, SEARCH_INDEX_PREFIX: search.prefix, SEARCH_EXACT_TOTAL_LIMIT: '20' });
    try {
      const as = { app: limited, token: await limited.token(OfficerRole.RECEIVING_OFFICER) };
      const first = await find('nguyen thi', { filter: { kinds: ['INDIVIDUAL'] } }, as);
      expect(first).toMatchObject({ totalCount: 20, totalCountExact: false });
      // Facets are still exact.
      expect(first.facets.find((f) => f.field === 'kind')!.buckets).toEqual([{ key: 'INDIVIDUAL', count: totalCount }]);
      const paged = await everyHit('nguyen thi', { kinds: ['INDIVIDUAL'] }, 100, as);
      expect(paged.edges.map((e) => e.node.id)).toEqual(edges.map((e) => e.node.id));
      // Under the limit, the count is exact.
      expect(await find(an.personalId, {}, as)).toMatchObject({ totalCountExact: true });
    } finally {
      await limited.close();
    }
  });

  it('refuses a cursor it did not give out, and an inverted date range', async () => {
    const bad = await app.graphql(SEARCH, { query: 'an', after: 'bm90LWEtY3Vyc29y' }, officer);
    expect(bad.errors?.[0].extensions.reason).toBe('INVALID_CURSOR');
    const inverted = await app.graphql(SEARCH, { query: 'an', filter: { issuedFrom: '2020-01-01', issuedTo: '2019-01-01' } }, officer);
    expect(inverted.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

it('both backends rank the same hits the same way, typos included', async () => {
  // A typo after the first letter is tolerated; one in the first letter is not (TYPO_PREFIX_LENGTH), on both.
  const queries = ['tran van hung', 'Nguyen Vn An', 'Bguyen Van An', 'nguyen an'];
  const answers: Record<string, string[][]> = {};
  for (const backend of ['elasticsearch', 'postgres']) {
    const app = await startTestApp({ SEARCH_BACKEND: backend, SEARCH_INDEX_PREFIX: search.prefix });
    try {
      const token = await app.token(OfficerRole.RECEIVING_OFFICER);
      answers[backend] = [];
      for (const query of queries) {
        const res = await app.graphql(SEARCH, { query, first: 30 }, token);
        answers[backend].push([`total ${res.data.search.totalCount}`, ...res.data.search.edges.map((e: Edge) => `${e.node.id}:${e.score}`)]);
      }
    } finally {
      await app.close();
    }
  }
  expect(answers.elasticsearch[0].length).toBeGreaterThan(1);
  expect(answers.elasticsearch[1]).toContain(`${toGlobalId('Individual', an.id)}:${answers.elasticsearch[1][1].split(':').pop()}`);
  expect(answers.elasticsearch[2].join()).not.toContain(toGlobalId('Individual', an.id));
  expect(answers.postgres).toEqual(answers.elasticsearch);
});
