/**
 * `npm run reindex` in the middle of writes: a new versioned index filled from
 * PostgreSQL, writes made meanwhile reaching it through the indexer, an atomic
 * alias swap, the old index dropped; and a rerun (also after an interrupted run).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testIndexPrefix, testSearch, type TestSearch } from '../helpers/elasticsearch.js';
import { reindex } from '../../src/search/reindex.js';
import { createVersionedIndex, nextAliasName } from '../../src/search/indices.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { toGlobalId } from '../../src/domain/global-id.js';
import { newIndividual, testPersonalId } from './search-fixtures.js';

let t: TestApp;
let search: TestSearch;
let alias: string;

beforeAll(async () => {
  t = await startTestApp();
  search = testSearch(t, testIndexPrefix('reindex'));
  alias = `${search.prefix}-individuals`;
  await search.reindexAll();
  await search.indexer().drain();
});
afterAll(async () => {
  await search?.close();
  await t?.close();
});

/** The concrete indexes behind an alias. */
async function behind(name: string): Promise<string[]> {
  return Object.keys(await search.client.indices.getAlias({ name }, { ignore: [404] })).filter((k) => k !== 'error' && k !== 'status').sort();
}

async function countIn(index: string): Promise<number> {
  await search.client.indices.refresh({ index });
  return (await search.client.count({ index })).count;
}

const rebuildIndividuals = (afterBatch?: (kind: string, batch: number) => Promise<void>) =>
  reindex({ em: t.app.orm.em.fork(), elasticsearch: { client: search.client, prefix: search.prefix }, postgres: true, kinds: ['INDIVIDUAL'], batchSize: 250, afterBatch });

it('keeps the writes made during a reindex, then swaps the alias and drops the old index', async () => {
  const [old] = await behind(alias);
  expect(old).toMatch(/-individuals-v\d+$/);
  const em = t.app.orm.em.fork();
  // The first row in id order: the reindex has copied it before the rename below.
  const [first] = await em.find(Individual, {}, { orderBy: { id: 'asc' }, limit: 1 });
  const indexer = search.indexer();
  let added: Individual | undefined;
  let liveCountDuring = 0;

  const [report] = await rebuildIndividuals(async (_kind, batch) => {
    if (batch !== 1) return;
    const tx = t.app.orm.em.fork();
    (await tx.findOneOrFail(Individual, { id: first.id })).fullName = 'Tạ Thị Giữa Chừng';
    added = await newIndividual(tx, 'Tạ Văn Mới Vào', testPersonalId(90));
    await tx.flush();
    await indexer.drain();
    // Zero downtime: the live alias still answers, from the old index.
    expect(await behind(alias)).toEqual([old]);
    liveCountDuring = await countIn(alias);
  });

  expect(report.documents).toBeGreaterThan(250);
  expect(liveCountDuring).toBeGreaterThan(0);
  expect(await behind(alias)).toEqual([report.index]);
  expect(report.dropped).toEqual([old]);
  expect(await search.client.indices.exists({ index: old })).toBe(false);
  expect(await behind(nextAliasName(search.prefix, 'INDIVIDUAL'))).toEqual([]);
  expect(await countIn(alias)).toBe(await em.fork().count(Individual, {}));

  const app = await startTestApp({ SEARCH_INDEX_PREFIX: search.prefix });
  try {
    const officer = await app.token(OfficerRole.RECEIVING_OFFICER);
    const renamed = await app.graphql(`{ search(query: "ta thi giua chung", first: 5) { fromFallback edges { highlights node { ... on Individual { id } } } } }`, {}, officer);
    expect(renamed.data.search.fromFallback).toBe(false);
    expect(renamed.data.search.edges[0]).toEqual({ highlights: ['<em>Tạ Thị Giữa Chừng</em>'], node: { id: toGlobalId('Individual', first.id) } });
    const fresh = await app.graphql(`query($q: String!) { search(query: $q, first: 1) { edges { node { ... on Individual { id } } } } }`, { q: added!.personalId }, officer);
    expect(fresh.data.search.edges[0].node.id).toBe(toGlobalId('Individual', added!.id));
  } finally {
    await app.close();
  }
});

it('is safe to rerun, also after a run that was interrupted', async () => {
  const [live] = await behind(alias);
  // An interrupted run leaves a half-built index behind the -next alias.
  const leftover = await createVersionedIndex(search.client, search.prefix, 'INDIVIDUAL', [nextAliasName(search.prefix, 'INDIVIDUAL')]);
  const stray = '00000000-0000-7000-8000-000000000000';
  await search.client.index({ index: leftover, id: stray, document: { kind: 'INDIVIDUAL', entityId: stray, display: 'x', text: 'x', textExact: 'x', identifiers: [], sourceVersion: 1 }, refresh: true });
  const [report] = await rebuildIndividuals();
  // The half-built index was dropped (its name may be reused by the new one).
  expect((await search.client.search({ index: alias, query: { ids: { values: [stray] } } })).hits.hits).toHaveLength(0);
  expect(report.dropped).toEqual([live]);
  expect(await behind(alias)).toEqual([report.index]);
  expect(await countIn(alias)).toBe(await t.app.orm.em.fork().count(Individual, {}));
  const [again] = await rebuildIndividuals();
  expect(await behind(alias)).toEqual([again.index]);
  expect(again.documents).toBe(report.documents);
});
