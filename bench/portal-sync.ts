/**
 * Portal-sync throughput: how many dossier status changes per second the relays
 * deliver to a portal endpoint that acknowledges at once (a local HTTP server that
 * checks each signature). The backlog is written first, through the ORM, so the
 * outbox subscriber makes the events exactly as in production; then the relays drain it.
 *
 * Usage: npm run bench:portal-sync -- [--changes 10000] [--dossiers 500] [--relays 2] [--batch 100] [--concurrency 8] [--database vss_bench_portal_sync] [--keep]
 * Prints a summary, then one JSON line with every figure.
 */
import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { benchOptions } from './lib/api.js';
import { createWarehouseDatabase, dropWarehouseDatabase } from './lib/database.js';
import { createOrm } from '../src/db/orm.js';
import { loadConfig } from '../src/config.js';
import { Agency, AdministrativeProcedure, Dossier, DossierStatusChange, Individual } from '../src/entities/index.js';
import { DossierStatus, Gender, SubmissionChannel } from '../src/entities/enums.js';
import { PortalSyncRelay } from '../src/portal-sync/relay.js';
import { portalSyncBacklog } from '../src/services/portal-sync.service.js';

const values = benchOptions({ changes: '10000', dossiers: '500', relays: '2', batch: '100', concurrency: '8', database: 'vss_bench_portal_sync', keep: false });
const changes = Number(values.changes);
const dossiers = Number(values.dossiers);
const SECRET = 'portal-sync-benchmark-secret';
const PATH = [DossierStatus.DIGITIZING, DossierStatus.PROCESSING, DossierStatus.NEEDS_SUPPLEMENT];

let received = 0;
let badSignatures = 0;
const portal = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${req.headers['x-vss-timestamp']}.${body}`).digest('hex')}`;
    if (req.headers['x-vss-signature'] !== expected) badSignatures += 1;
    received += 1;
    res.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));

const databaseUrl = await createWarehouseDatabase(values.database);
const orm = await createOrm({ clientUrl: databaseUrl, poolSize: 10 });
try {
  // The backlog: `dossiers` dossiers, each RECEIVED then moving along, `changes` status changes in all.
  const em = orm.em.fork();
  const procedure = await em.findOneOrFail(AdministrativeProcedure, { code: '9.000002' });
  const agency = await em.findOneOrFail(Agency, { code: '000.00.01.H41' });
  const person = Object.assign(new Individual(), { personalId: '001190999002', fullName: 'Lê Văn Bình', gender: Gender.MALE, hasPortalAccount: true });
  em.persist(person);
  const now = Date.now();
  for (let d = 0; d < dossiers; d += 1) {
    const at = new Date(now - 86_400_000);
    const dossier = em.create(Dossier, {
      code: `BENCH-PS-${d}`, procedure, applicantIndividual: person, channel: SubmissionChannel.ONLINE, agency, province: agency.province,
      receivedAt: at, dueAt: new Date(at.getTime() + 3 * 86_400_000),
    });
    const steps = Math.floor(changes / dossiers) + (d < changes % dossiers ? 1 : 0);
    let from: DossierStatus | null = null;
    for (let s = 0; s < steps; s += 1) {
      const to = s === 0 ? DossierStatus.RECEIVED : PATH[(s - 1) % PATH.length]!;
      em.create(DossierStatusChange, { dossier, from, to, at: new Date(at.getTime() + s * 1000) });
      from = to;
    }
    dossier.status = from!;
  }
  await em.flush();
  await em.getConnection().execute('analyze');
  const waiting = (await portalSyncBacklog(orm.em.fork())).waiting;

  const config = {
    ...loadConfig({ ...process.env, DATABASE_URL: databaseUrl }).portalSync,
    url: `http://127.0.0.1:${(portal.address() as AddressInfo).port}/events`,
    secret: SECRET,
    batchSize: Number(values.batch),
    concurrency: Number(values.concurrency),
    pollIntervalMs: 20,
  };
  const relays = Array.from({ length: Number(values.relays) }, () => new PortalSyncRelay(orm.em.fork(), config, pino({ level: 'silent' })));
  const started = process.hrtime.bigint();
  relays.forEach((r) => r.start());
  while ((await portalSyncBacklog(orm.em.fork())).waiting > 0) await new Promise((r) => setTimeout(r, 20));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(relays.map((r) => r.stop()));

  const result = {
    changes: waiting, dossiers, relays: relays.length, batch: config.batchSize, concurrency: config.concurrency,
    seconds: Number(seconds.toFixed(2)), changesPerSecond: Math.round(waiting / seconds), requestsReceived: received, badSignatures,
  };
  console.log(`portal sync: ${waiting} changes of ${dossiers} dossiers delivered by ${relays.length} relays in ${result.seconds} s: ${result.changesPerSecond} changes/s (${received} requests, ${badSignatures} bad signatures)`);
  console.log(JSON.stringify(result));
} finally {
  await orm.close(true);
  portal.close();
  if (!values.keep) await dropWarehouseDatabase(values.database);
}
