/**
 * `registerBirth` end to end, as the Ministry of Justice calls it: its partner key and
 * the published RegisterBirth operation, over HTTP, one newborn after the other, each
 * into a household the warehouse knows, so every call runs all five steps and issues
 * the card. Reports the median (and p95) time of a first push and of a repeated push.
 *
 * The database is a throw-away warehouse (catalog and the deterministic demo data).
 * Usage: npm run bench:register-birth -- [--runs 100] [--warmup 10] [--database vss_bench_birth] [--keep]
 * Prints a summary, then one JSON line with every figure.
 */
import 'reflect-metadata';
import { benchOptions, medianAndP95, startInProcessApi } from './lib/api.js';
import { createWarehouseDatabase, dropWarehouseDatabase } from './lib/database.js';
import { seedDemo } from '../src/seed/demo.js';
import { MANIFEST_PATH, PERSISTED_DIR, publishPersistedOperations, readManifest, readPurposes } from '../src/partners/publish.js';
import { createPartner } from '../src/services/partner.service.js';
import { buildPersonalId } from '../src/domain/identifiers.js';
import { vietnamDate } from '../src/domain/dates.js';

const values = benchOptions({ runs: '100', warmup: '10', database: 'vss_bench_birth', keep: false });
const runs = Number(values.runs);
const warmup = Number(values.warmup);

const databaseUrl = await createWarehouseDatabase(values.database);
const api = await startInProcessApi(databaseUrl);
const { app, config, url } = api;
try {
  await seedDemo(app.orm.em.fork(), { seed: config.demoSeed });
  await app.orm.em.fork().getConnection().execute('analyze');
  const published = await publishPersistedOperations(app.orm.em.fork(), await readManifest(MANIFEST_PATH), await readPurposes(PERSISTED_DIR));
  const hash = published.find((op) => op.operationName === 'RegisterBirth')!.hash;
  const { key } = await createPartner(app.orm.em.fork(), { name: 'bo-tu-phap-bench', scopes: ['documents:share', 'personal-data:read'], operations: ['RegisterBirth'] });
  const households = await app.orm.em.fork().getConnection().execute<{ household_code: string; commune_code: string }[]>(
    `select distinct on (household_code) household_code, commune_code from individual
      where household_code is not null and commune_code is not null order by household_code limit ?`,
    [runs + warmup],
  );
  const today = vietnamDate(new Date());
  const bornOn = new Date(Date.parse(`${today}T00:00:00Z`) - 20 * 86_400_000).toISOString().slice(0, 10);
  const birth = (i: number) => {
    const personalId = buildPersonalId('001', Number(bornOn.slice(0, 4)), i % 2 ? 'MALE' : 'FEMALE', String(500_000 + i));
    const household = households[i % households.length]!;
    return {
      birthCertificateNumber: `BENCH-${personalId}`,
      registeredOn: today,
      registrationAuthority: 'UBND phường Ba Đình, thành phố Hà Nội',
      child: { personalId, fullName: 'Nguyễn Minh Anh', dateOfBirth: bornOn, gender: i % 2 ? 'MALE' : 'FEMALE' },
      householdCode: household.household_code,
      communeCode: household.commune_code,
    };
  };
  const push = async (input: ReturnType<typeof birth>) => {
    const started = process.hrtime.bigint();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ variables: { input }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    const answer = (await response.json()) as { data?: { registerBirth: { status: string } }; errors?: unknown };
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (answer.data?.registerBirth.status !== 'ISSUED') throw new Error(`not issued: ${JSON.stringify(answer).slice(0, 400)}`);
    return ms;
  };

  for (let i = 0; i < warmup; i += 1) await push(birth(runs + i));
  const first: number[] = [];
  for (let i = 0; i < runs; i += 1) first.push(await push(birth(i)));
  const repeated: number[] = [];
  for (let i = 0; i < runs; i += 1) repeated.push(await push(birth(i)));
  const result = { runs, firstPush: medianAndP95(first), repeatedPush: medianAndP95(repeated) };
  console.log(`registerBirth end to end (partner key, persisted operation, card issued): median ${result.firstPush.medianMs} ms, p95 ${result.firstPush.p95Ms} ms over ${runs} newborns; a repeated push: median ${result.repeatedPush.medianMs} ms`);
  console.log(JSON.stringify(result));
} finally {
  await api.close();
  if (!values.keep) await dropWarehouseDatabase(values.database);
}
