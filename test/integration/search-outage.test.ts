/**
 * Elasticsearch unreachable: writes keep succeeding, their outbox rows wait,
 * `search` answers from PostgreSQL and says so; once the cluster is back every
 * write becomes searchable, none lost. "Down" is an indexer and an app pointed
 * at a port nothing listens on; the real node stays up for the other tests.
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testIndexPrefix, testSearch, type TestSearch } from '../helpers/elasticsearch.js';
import { createElasticsearchClient } from '../../src/search/client.js';
import { OutboxEvent } from '../../src/entities/outbox-event.entity.js';
import { OfficerRole } from '../../src/entities/enums.js';
import type { Individual } from '../../src/entities/individual.entity.js';
import { toGlobalId } from '../../src/domain/global-id.js';
import { newIndividual, testPersonalId } from './search-fixtures.js';

const SEARCH = `query Search($query: String!) {
  search(query: $query, first: 10) {
    fromFallback
    edges { score highlights node { __typename ... on Individual { id fullName } } }
  }
}`;

let t: TestApp;
let search: TestSearch;

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  t = await startTestApp();
  search = testSearch(t, testIndexPrefix('outage'));
  await search.reindexAll();
});
afterAll(async () => {
  await search?.close();
  await t?.close();
});

it('loses no write while Elasticsearch is down, and answers from PostgreSQL meanwhile', async () => {
  const em = t.app.orm.em.fork();
  const toRename = await newIndividual(em, 'Quách Thị Sương', testPersonalId(41));
  const toDelete = await newIndividual(em, 'Khổng Văn Giá', testPersonalId(42));
  await em.flush();
  await search.indexer().drain();

  // Down: every write below waits in the outbox.
  const downUrl = `http://127.0.0.1:${await closedPort()}`;
  const downIndexer = search.indexer({ client: createElasticsearchClient(downUrl, { requestTimeoutMs: 2_000 }), maxBackoffMs: 200 });
  const created: Individual[] = [];
  for (let i = 0; i < 30; i++) created.push(await newIndividual(em, `Lục Thị Mưa Số ${i}`, testPersonalId(50 + i)));
  await em.flush();
  toRename.fullName = 'Quách Thị Nắng';
  em.remove(toDelete);
  await em.flush();
  const ids = [...created.map((p) => p.id), toRename.id, toDelete.id];

  expect(await downIndexer.drain()).toBe(0);
  const waiting = await em.fork().find(OutboxEvent, { entityId: { $in: ids } });
  expect(new Set(waiting.map((r) => r.entityId)).size).toBe(ids.length);
  expect(waiting.every((r) => r.attempts >= 1 && r.availableAt)).toBe(true);

  // Meanwhile the API, configured with the unreachable cluster, answers from PostgreSQL.
  const downApp = await startTestApp({ ELASTICSEARCH_URL: downUrl, SEARCH_INDEX_PREFIX: search.prefix });
  try {
    const officer = await downApp.token(OfficerRole.RECEIVING_OFFICER);
    const res = await downApp.graphql(SEARCH, { query: created[7].personalId }, officer);
    expect(res.errors).toBeUndefined();
    expect(res.data.search.fromFallback).toBe(true);
    expect(res.data.search.edges[0].node.id).toBe(toGlobalId('Individual', created[7].id));
    const renamed = await downApp.graphql(SEARCH, { query: 'quach thi nang' }, officer);
    expect(renamed.data.search.fromFallback).toBe(true);
    expect(renamed.data.search.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(toGlobalId('Individual', toRename.id));
  } finally {
    await downApp.close();
  }

  // Back: the waiting rows are indexed once their backoff is over.
  const upIndexer = search.indexer({ maxBackoffMs: 200 });
  const deadline = Date.now() + 30_000;
  while ((await em.fork().count(OutboxEvent, { entityId: { $in: ids } })) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    await upIndexer.drain();
  }
  expect(await em.fork().count(OutboxEvent, { entityId: { $in: ids } })).toBe(0);

  const app = await startTestApp({ SEARCH_INDEX_PREFIX: search.prefix });
  try {
    const officer = await app.token(OfficerRole.RECEIVING_OFFICER);
    for (const person of created) {
      const res = await app.graphql(SEARCH, { query: person.personalId }, officer);
      expect(res.data.search.fromFallback).toBe(false);
      expect(res.data.search.edges[0]).toMatchObject({ node: { id: toGlobalId('Individual', person.id), fullName: person.fullName } });
    }
    const renamed = await app.graphql(SEARCH, { query: 'quach thi nang' }, officer);
    const hit = renamed.data.search.edges.find((e: { node: { id: string } }) => e.node.id === toGlobalId('Individual', toRename.id));
    expect(hit.highlights).toEqual(['<em>Quách Thị Nắng</em>']);
    const oldName = await app.graphql(SEARCH, { query: 'quach thi suong' }, officer);
    expect(oldName.data.search.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(toGlobalId('Individual', toRename.id));
    const deleted = await search.client.search({ index: `${search.prefix}-individuals`, query: { ids: { values: [toDelete.id] } } });
    expect(deleted.hits.hits).toHaveLength(0);
  } finally {
    await app.close();
  }
});

it('skips an Elasticsearch found unreachable at once for a window, then tries it again with one search (circuit breaker)', async () => {
  // A window far longer than the ten searches take, even on a loaded machine: no search may reach the cluster in it.
  const downApp = await startTestApp({ ELASTICSEARCH_URL: `http://127.0.0.1:${await closedPort()}`, SEARCH_INDEX_PREFIX: search.prefix, SEARCH_BREAKER_OPEN_MS: '600000' });
  try {
    const officer = await downApp.token(OfficerRole.RECEIVING_OFFICER);
    // Every request the Elasticsearch client sends (a retry counts again): the work a search paid for the dead cluster.
    let sent = 0;
    downApp.app.search.elasticsearch!.client.diagnostic.on('request', () => void (sent += 1));

    const first = await downApp.graphql(SEARCH, { query: 'quach thi' }, officer);
    expect(first.data.search.fromFallback).toBe(true);
    const paidByFirst = sent;
    expect(paidByFirst).toBeGreaterThanOrEqual(1);
    expect(downApp.app.search.breakerState()).toBe('open');

    // Known down: ten searches answer from PostgreSQL without one request to the cluster.
    for (let i = 0; i < 10; i++) {
      const res = await downApp.graphql(SEARCH, { query: `quach thi ${i}` }, officer);
      expect(res.errors).toBeUndefined();
      expect(res.data.search.fromFallback).toBe(true);
    }
    expect(sent).toBe(paidByFirst);
    const ready = await downApp.http.get('/readyz');
    expect(ready.body.checks.elasticsearch).toContain('searches answer from PostgreSQL meanwhile');

  } finally {
    await downApp.close();
  }
  // After the window one search tries it again (and finds it still down): the circuit opens for another window.
  const shortApp = await startTestApp({ ELASTICSEARCH_URL: `http://127.0.0.1:${await closedPort()}`, SEARCH_INDEX_PREFIX: search.prefix, SEARCH_BREAKER_OPEN_MS: '1500' });
  try {
    const officer = await shortApp.token(OfficerRole.RECEIVING_OFFICER);
    let sent = 0;
    shortApp.app.search.elasticsearch!.client.diagnostic.on('request', () => void (sent += 1));
    expect((await shortApp.graphql(SEARCH, { query: 'quach thi' }, officer)).data.search.fromFallback).toBe(true);
    const paidByFirst = sent;
    expect(shortApp.app.search.breakerState()).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const retry = await shortApp.graphql(SEARCH, { query: 'quach thi' }, officer);
    expect(retry.data.search.fromFallback).toBe(true);
    expect(sent).toBeGreaterThan(paidByFirst);
    expect(shortApp.app.search.breakerState()).toBe('open');
  } finally {
    await shortApp.close();
  }
});
