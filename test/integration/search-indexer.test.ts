/**
 * The outbox indexer on its own: rows written with SQL the way the bulk importer
 * writes them, a wake-up by NOTIFY (not by the timer), several indexers sharing
 * one backlog, and external versions refusing a stale write.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { testIndexPrefix, testSearch, type TestSearch } from '../helpers/elasticsearch.js';
import { OutboxIndexer } from '../../src/search/indexer.js';
import { loadDocuments } from '../../src/search/sources.js';
import { bulkWrite } from '../../src/search/writes.js';
import { writeTargets } from '../../src/search/indices.js';
import { uuidv7 } from '../../src/domain/ids.js';
import { OutboxEvent } from '../../src/entities/outbox-event.entity.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { testPersonalId } from './search-fixtures.js';

let t: TestApp;
let search: TestSearch;

beforeAll(async () => {
  t = await startTestApp();
  search = testSearch(t, testIndexPrefix('indexer'));
  await search.reindexAll();
  await search.indexer().drain();
});
afterAll(async () => {
  await search?.close();
  await t?.close();
});

/** Inserts individuals and their outbox rows with SQL, as the bulk importer does. */
async function importWithSql(names: string[], firstNumber: number): Promise<string[]> {
  const em = t.app.orm.em.fork();
  const ids = names.map(() => uuidv7());
  await em.transactional(async (tx) => {
    await tx.execute(
      `insert into individual (id, personal_id, full_name, province_code) values ${names.map(() => '(?, ?, ?, ?)').join(', ')}`,
      names.flatMap((name, i) => [ids[i], testPersonalId(firstNumber + i), name, '01']),
    );
    await tx.execute(
      `insert into outbox_event (topic, entity, entity_id, operation) values ${ids.map(() => `('search', 'Individual', ?, 'UPSERT')`).join(', ')}`,
      ids,
    );
  });
  return ids;
}

async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

it('wakes on NOTIFY for rows the importer wrote with SQL, long before its timer', async () => {
  const indexer = new OutboxIndexer({
    orm: t.app.orm,
    elasticsearch: { client: search.client, prefix: search.prefix },
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 600_000,
    listenUrl: testDatabaseUrl(),
  });
  indexer.start();
  try {
    await indexer.listeningReady;
    await new Promise((resolve) => setTimeout(resolve, 200)); // its first round (at start) is over
    const [id] = await importWithSql(['Đinh Thị Thông Báo'], 200);
    const em = t.app.orm.em.fork();
    expect(await waitUntil(async () => (await em.fork().count(OutboxEvent, { entityId: id })) === 0, 10_000)).toBe(true);
    const found = await search.client.get<{ display: string }>({ index: `${search.prefix}-individuals`, id });
    expect(found._source?.display).toBe('Đinh Thị Thông Báo');
    const entry = await em.execute<{ folded_text: string }[]>('select folded_text from search_entry where entity_id = ?', [id]);
    expect(entry).toEqual([{ folded_text: 'dinh thi thong bao' }]);
  } finally {
    await indexer.stop();
  }
});

it('lets several indexers share one backlog, each row indexed once', async () => {
  const ids = await importWithSql(Array.from({ length: 300 }, (_, i) => `Mạc Văn Song Song ${i}`), 300);
  const indexers = [1, 2, 3].map(() => search.indexer({ batchSize: 40 }));
  const indexed = await Promise.all(indexers.map((i) => i.drain()));
  expect(indexed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(300);
  expect(indexed.filter((n) => n > 0).length).toBeGreaterThan(1);
  expect(await t.app.orm.em.fork().count(OutboxEvent, { entityId: { $in: ids } })).toBe(0);
  await search.client.indices.refresh({ index: `${search.prefix}-individuals` });
  const { count } = await search.client.count({ index: `${search.prefix}-individuals`, query: { ids: { values: ids } } });
  expect(count).toBe(300);
});

it('reports the outbox on /metrics and Elasticsearch on /readyz', async () => {
  const app = await startTestApp({ SEARCH_INDEX_PREFIX: search.prefix });
  try {
    await importWithSql(['Hà Văn Chờ Đợi'], 700);
    const metrics = await app.http.get('/metrics');
    const depth = /^search_outbox_depth (\d+)$/m.exec(metrics.text);
    expect(Number(depth?.[1])).toBeGreaterThanOrEqual(1);
    expect(metrics.text).toMatch(/^search_outbox_oldest_age_seconds \d/m);
    const ready = await app.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.elasticsearch).toMatch(/^ok/);
    await search.indexer().drain();
    expect((await app.http.get('/metrics')).text).toMatch(/^search_outbox_depth 0$/m);
  } finally {
    await app.close();
  }
});

it('never lets a stale version overwrite a newer one', async () => {
  const em = t.app.orm.em.fork();
  const person = await em.findOneOrFail(Individual, { personalId: testPersonalId(200) });
  const [stale] = await loadDocuments(em, 'INDIVIDUAL', [person.id]);
  person.fullName = 'Đinh Thị Mới Hơn';
  await em.flush();
  await search.indexer().drain();
  // A slow indexer arrives late with what it loaded before the rename.
  const outcome = await bulkWrite(search.client, await writeTargets(search.client, search.prefix), [stale], [], 'wait_for');
  expect(outcome.failed.size).toBe(0); // a conflict with a newer version counts as done
  const found = await search.client.get<{ display: string }>({ index: `${search.prefix}-individuals`, id: person.id });
  expect(found._source?.display).toBe('Đinh Thị Mới Hơn');
  expect(found._version).toBe(person.version);
});
