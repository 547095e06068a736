/**
 * Status sync with the National Public Service Portal, against a real HTTP receiver
 * on 127.0.0.1: the outbox row is written in the change's transaction, nothing is
 * lost while no endpoint answers, and two relays deliver every change at least once,
 * in order per dossier, through downtime and 500s.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { HANOI_AGENCY, HANOI_OFFICER, startTestApp, type TestApp } from '../helpers/app.js';
import { createContext } from '../../src/context.js';
import { Dossier, DossierStatusChange } from '../../src/entities/dossier.entity.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { PortalSyncEvent } from '../../src/entities/portal-sync-event.entity.js';
import { DossierStatus, OfficerRole, SubmissionChannel } from '../../src/entities/enums.js';
import { receive } from '../../src/services/dossier-workflow.service.js';
import { moveDossier } from '../../src/services/core/dossier-lifecycle.js';
import { PortalSyncRelay } from '../../src/portal-sync/relay.js';

const SECRET = 'portal-sync-test-secret-0123456789';
/** A dossier's path, over and over: each step a status change. */
const CYCLE = [DossierStatus.DIGITIZING, DossierStatus.PROCESSING, DossierStatus.NEEDS_SUPPLEMENT];

let t: TestApp;
let applicant: Individual;
const run = Date.now().toString(36);

beforeAll(async () => {
  t = await startTestApp();
  applicant = await t.app.orm.em.fork().findOneOrFail(Individual, { personalId: { $ne: null } }, { orderBy: { personalId: 'asc' } });
});
afterAll(async () => {
  await t?.close();
});

/** Receives a dossier through the process service, as the Hà Nội receiving officer (its first change: RECEIVED). */
async function receiveDossier(key: string): Promise<string> {
  const ctx = createContext({
    requestId: key,
    viewer: { kind: 'officer', code: HANOI_OFFICER.RECEIVING_OFFICER, agencyCode: HANOI_AGENCY, roles: [OfficerRole.RECEIVING_OFFICER] },
    em: t.app.orm.em.fork() as EntityManager,
    config: t.config,
    logger: pino({ level: 'silent' }),
  });
  const dossier = await receive(ctx, {
    procedureCode: '9.000002',
    applicant: { personalId: applicant.personalId },
    channel: SubmissionChannel.ONLINE,
    idempotencyKey: `portal-sync-${run}-${key}`,
  });
  return dossier.code;
}

/** One status change in its own transaction. */
async function step(code: string, to: DossierStatus, fail = false): Promise<void> {
  await t.app.orm.em.fork().transactional(async (em) => {
    const dossier = await em.findOneOrFail(Dossier, { code });
    moveDossier(em as EntityManager, dossier, to, null, `step to ${to}`);
    if (fail) throw new Error('rolled back on purpose');
  });
}

async function outboxOf(code: string): Promise<PortalSyncEvent[]> {
  return t.app.orm.em.fork().find(PortalSyncEvent, { dossier: { code } }, { populate: ['statusChange'], orderBy: { id: 'asc' } });
}

async function metric(name: string): Promise<number> {
  const res = await t.http.get('/metrics');
  expect(res.status).toBe(200);
  const line = res.text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no metric ${name} in /metrics`);
  return Number(line.split(' ')[1]);
}

describe('portal outbox', () => {
  it('writes one outbox row per status change, in the transaction of the change', async () => {
    const code = await receiveDossier('outbox');
    await step(code, DossierStatus.DIGITIZING);
    await expect(step(code, DossierStatus.PROCESSING, true)).rejects.toThrow('rolled back on purpose');

    const events = await outboxOf(code);
    const history = await t.app.orm.em.fork().find(DossierStatusChange, { dossier: { code } }, { orderBy: { at: 'asc', id: 'asc' } });
    expect(history.map((c) => c.to)).toEqual([DossierStatus.RECEIVED, DossierStatus.DIGITIZING]);
    expect(events.map((e) => e.statusChange.id)).toEqual(history.map((c) => c.id));
    expect(events.every((e) => e.deliveredAt === null && e.attempts === 0)).toBe(true);
  });

  it('keeps changes waiting when no endpoint is configured, and says so in /metrics and portalSyncStatus', async () => {
    const code = await receiveDossier('waiting');
    await step(code, DossierStatus.DIGITIZING);
    await new Promise((r) => setTimeout(r, 20));

    expect(t.config.portalSync.url).toBeUndefined();
    expect(await metric('portal_sync_backlog')).toBeGreaterThanOrEqual(2);
    expect(await metric('portal_sync_oldest_unsent_age_seconds')).toBeGreaterThan(0);

    const token = await t.token(OfficerRole.PROCESSING_OFFICER);
    const { data, errors } = await t.graphql(
      `query($code: String!) { portalSyncStatus(dossierCode: $code) { dossierCode delivered waiting events { eventId from to deliveredAt attempts lastError nextAttemptAt } } }`,
      { code },
      token,
    );
    expect(errors).toBeUndefined();
    expect(data.portalSyncStatus).toMatchObject({ dossierCode: code, delivered: 0, waiting: 2 });
    expect(data.portalSyncStatus.events.map((e: { from: string | null; to: string }) => [e.from, e.to])).toEqual([
      [null, 'RECEIVED'],
      ['RECEIVED', 'DIGITIZING'],
    ]);
    expect(data.portalSyncStatus.events[0]).toMatchObject({ deliveredAt: null, attempts: 0, lastError: null });

    const anonymous = await t.graphql(`query($code: String!) { portalSyncStatus(dossierCode: $code) { waiting } }`, { code });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

interface Received {
  eventId: string;
  sequence: number;
  dossier: { code: string };
  from: string | null;
  to: string;
}

/**
 * The portal's side: checks the signature, de-duplicates by event id, and keeps,
 * per dossier, the order in which new events arrived. Some requests get a 500
 * before the event is taken, some after (a lost acknowledgement: the relay must
 * send it again, and the receiver sees a duplicate).
 */
class Receiver {
  readonly firstSeen = new Map<string, Received[]>();
  readonly acks = new Map<string, number>();
  readonly seen = new Set<string>();
  duplicates = 0;
  refusedBefore = 0;
  lostAcks = 0;
  badSignatures = 0;
  private requests = 0;
  private server = http.createServer((req, res) => void this.handle(req, res));
  port = 0;

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Down: the port refuses connections. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const timestamp = String(req.headers['x-vss-timestamp']);
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
    if (req.headers['x-vss-signature'] !== expected) {
      this.badSignatures++;
      res.writeHead(401).end('bad signature');
      return;
    }
    const event = JSON.parse(body) as Received;
    const n = ++this.requests;
    if (n % 7 === 3) {
      this.refusedBefore++;
      res.writeHead(500).end('busy');
      return;
    }
    if (this.seen.has(event.eventId)) {
      this.duplicates++;
    } else {
      this.seen.add(event.eventId);
      const list = this.firstSeen.get(event.dossier.code) ?? [];
      list.push(event);
      this.firstSeen.set(event.dossier.code, list);
      if (n % 11 === 5) {
        this.lostAcks++;
        res.writeHead(500).end('took it, but the answer is lost');
        return;
      }
    }
    this.acks.set(event.eventId, (this.acks.get(event.eventId) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  }
}

describe('portal-sync relay', () => {
  it('delivers 200 changes of 10 dossiers through downtime and 500s: all of them, in order per dossier, each acknowledged once', async () => {
    const receiver = new Receiver();
    await receiver.listen();
    const port = receiver.port;
    await receiver.close(); // down when the run starts

    const config = {
      ...t.config.portalSync,
      url: `http://127.0.0.1:${port}/portal/events`,
      secret: SECRET,
      pollIntervalMs: 20,
      batchSize: 4,
      concurrency: 3,
      timeoutMs: 2000,
      backoffBaseMs: 20,
      backoffMaxMs: 200,
    };
    const logger = pino({ level: 'silent' });
    const relays = [new PortalSyncRelay(t.app.orm.em.fork() as EntityManager, config, logger), new PortalSyncRelay(t.app.orm.em.fork() as EntityManager, config, logger)];
    relays.forEach((r) => r.start());

    // 10 dossiers × (RECEIVED + 19 steps), each dossier's steps one after the other, the dossiers side by side.
    const codes = await Promise.all(Array.from({ length: 10 }, (_, i) => receiveDossier(`relay-${i}`)));
    const writing = Promise.all(
      codes.map(async (code) => {
        for (let s = 0; s < 19; s++) await step(code, CYCLE[s % CYCLE.length]!);
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    await receiver.listen(port);
    await new Promise((r) => setTimeout(r, 300));
    await receiver.close(); // down again in the middle of the run
    await new Promise((r) => setTimeout(r, 300));
    await receiver.listen(port);
    await writing;

    const em = t.app.orm.em.fork();
    const deadline = Date.now() + 45_000;
    const waitingOfMine = () => em.count(PortalSyncEvent, { dossier: { code: { $in: codes } }, deliveredAt: null });
    // The relays deliver everything waiting, earlier tests' changes included.
    while ((await em.count(PortalSyncEvent, { deliveredAt: null })) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await Promise.all(relays.map((r) => r.stop()));
    await receiver.close();

    expect(await waitingOfMine()).toBe(0);
    expect(receiver.badSignatures).toBe(0);
    // The run met every kind of trouble it was meant to.
    expect(receiver.refusedBefore).toBeGreaterThan(0);
    expect(receiver.lostAcks).toBeGreaterThan(0);
    expect(receiver.duplicates).toBeGreaterThanOrEqual(receiver.lostAcks);

    let total = 0;
    for (const code of codes) {
      const outbox = await outboxOf(code);
      expect(outbox).toHaveLength(20);
      total += outbox.length;
      const got = receiver.firstSeen.get(code) ?? [];
      // Complete and in order: the portal took the changes exactly in the dossier's order...
      expect(got.map((e) => e.eventId)).toEqual(outbox.map((e) => e.statusChange.id));
      // ...and each one follows from the one before (from = previous to), starting at reception.
      expect(got[0]!.from).toBeNull();
      got.slice(1).forEach((e, i) => expect(e.from).toBe(got[i]!.to));
      for (const e of outbox) {
        expect(receiver.acks.get(e.statusChange.id)).toBe(1);
        expect(e.deliveredAt).not.toBeNull();
        expect(e.lastError).toBeNull();
      }
    }
    expect(total).toBe(200);
    // Some events needed more than one try (connection refused, 500s), and say so.
    const retried = (await Promise.all(codes.map(outboxOf))).flat().filter((e) => e.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);

    const token = await t.token(OfficerRole.AUDITOR);
    const { data } = await t.graphql(`query($code: String!) { portalSyncStatus(dossierCode: $code) { delivered waiting events { deliveredAt attempts } } }`, { code: codes[0] }, token);
    expect(data.portalSyncStatus).toMatchObject({ delivered: 20, waiting: 0 });
    expect(data.portalSyncStatus.events.every((e: { deliveredAt: string | null }) => e.deliveredAt !== null)).toBe(true);

    // Nothing is left waiting.
    expect(await metric('portal_sync_backlog')).toBe(0);
    expect(await metric('portal_sync_oldest_unsent_age_seconds')).toBe(0);
  });
});
