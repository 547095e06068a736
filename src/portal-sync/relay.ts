/**
 * The portal-sync relay: drains the portal outbox (PortalSyncEvent) to the National
 * Public Service Portal, at least once and in order per dossier.
 *
 * - Claim: the first waiting event of each dossier whose predecessors are all
 *   delivered, `FOR UPDATE SKIP LOCKED`, so any number of relays share the work
 *   without waiting on each other; then the next few events of those dossiers,
 *   which no other relay can take while their head is unacknowledged. A claim is
 *   a lease: a relay that dies gives its events back when the lease runs out.
 * - Deliver: one signed JSON POST per event; a dossier's events go one after the
 *   other and stop at the first failure, so event n+1 never leaves before n is
 *   acknowledged (2xx). Different dossiers go in parallel.
 * - Record: acknowledged events are marked delivered; a failed one is retried
 *   after an exponential backoff, and holds back the rest of its dossier.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { Counter } from 'prom-client';
import type { PortalSyncConfig } from '../config.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, idArray, loadEvents, signature, type PortalEvent } from './event.js';

/** Events of one dossier sent in one round, one after the other. */
const PER_DOSSIER = 20;
/** Longest error text kept on an event. */
const ERROR_LENGTH = 500;

export interface RoundResult {
  claimed: number;
  delivered: number;
  failed: number;
}

interface Outcome {
  delivered: string[];
  failed: Array<{ id: string; error: string }>;
}

export class PortalSyncRelay {
  private stopped = true;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly deliveries: Counter<'outcome'> | undefined;

  constructor(
    /** A fork of its own: the relay runs beside requests, never in their EntityManager. */
    private readonly em: EntityManager,
    private readonly config: PortalSyncConfig & { url: string },
    private readonly logger: Logger,
    registry?: Registry,
  ) {
    this.deliveries = registry
      ? new Counter({ name: 'portal_sync_deliveries_total', help: 'Deliveries to the national portal, by outcome (acknowledged or failed).', labelNames: ['outcome'], registers: [registry] })
      : undefined;
  }

  /** Runs rounds until stopped; sleeps `pollIntervalMs` when nothing is waiting. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let claimed = 0;
      try {
        claimed = (await this.round()).claimed;
      } catch (error) {
        this.logger.error({ err: error }, 'portal sync round failed');
      }
      if (claimed === 0 && !this.stopped) await this.sleep(this.config.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One claim → deliver → record round. */
  async round(): Promise<RoundResult> {
    const em = this.em.fork();
    const claim = randomUUID();
    const ids = await this.claim(em, claim);
    if (ids.length === 0) return { claimed: 0, delivered: 0, failed: 0 };
    const events = await loadEvents(em, ids);
    const outcome = await this.deliver(events);
    await this.record(em, claim, outcome);
    this.deliveries?.inc({ outcome: 'acknowledged' }, outcome.delivered.length);
    this.deliveries?.inc({ outcome: 'failed' }, outcome.failed.length);
    if (outcome.failed.length > 0) this.logger.warn({ failed: outcome.failed.length, firstError: outcome.failed[0]!.error }, 'portal sync: deliveries failed, will retry');
    return { claimed: ids.length, delivered: outcome.delivered.length, failed: outcome.failed.length };
  }

  private async claim(em: EntityManager, claim: string): Promise<string[]> {
    const leaseMs = this.config.timeoutMs * PER_DOSSIER + 30_000;
    return em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const trx = tx.getTransactionContext();
      const heads = await connection.execute<{ dossier_id: string }[]>(
        `with heads as (
           select e.id from portal_sync_event e
            where e.delivered_at is null
              and e.available_at <= now()
              and (e.claimed_until is null or e.claimed_until < now())
              and not exists (select 1 from portal_sync_event p
                               where p.dossier_id = e.dossier_id and p.delivered_at is null and p.id < e.id)
            order by e.id
            limit ?
            for update skip locked)
         update portal_sync_event e set claimed_by = ?, claimed_until = now() + ? * interval '1 millisecond'
           from heads where e.id = heads.id
         returning e.dossier_id`,
        [this.config.batchSize, claim, leaseMs],
        'all',
        trx,
      );
      if (heads.length === 0) return [];
      const claimed = await connection.execute<{ id: string }[]>(
        `update portal_sync_event e set claimed_by = ?, claimed_until = now() + ? * interval '1 millisecond'
           from (select id, row_number() over (partition by dossier_id order by id) as n
                   from portal_sync_event
                  where dossier_id = any(?::uuid[]) and delivered_at is null) next
          where e.id = next.id and next.n <= ?
         returning e.id`,
        [claim, leaseMs, idArray(heads.map((h) => h.dossier_id)), PER_DOSSIER],
        'all',
        trx,
      );
      return claimed.map((row) => String(row.id));
    });
  }

  private async deliver(events: Array<{ dossierId: string; event: PortalEvent }>): Promise<Outcome> {
    const byDossier = new Map<string, PortalEvent[]>();
    for (const { dossierId, event } of events) {
      const queue = byDossier.get(dossierId) ?? [];
      queue.push(event);
      byDossier.set(dossierId, queue);
    }
    const outcome: Outcome = { delivered: [], failed: [] };
    const queues = [...byDossier.values()];
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const event of queue) {
          const error = await this.post(event);
          if (error) {
            outcome.failed.push({ id: String(event.sequence), error });
            break;
          }
          outcome.delivered.push(String(event.sequence));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.concurrency, queues.length) }, worker));
    return outcome;
  }

  /** Sends one event; null when the portal acknowledged it, else what went wrong. */
  private async post(event: PortalEvent): Promise<string | null> {
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(this.config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [EVENT_ID_HEADER]: event.eventId,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signature(this.config.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      const text = await response.text().catch(() => '');
      if (response.ok) return null;
      return `HTTP ${response.status}${text ? `: ${text}` : ''}`.slice(0, ERROR_LENGTH);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return `${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`.slice(0, ERROR_LENGTH);
    }
  }

  /**
   * Marks acknowledged events delivered, pushes failed ones back by
   * `backoffBaseMs · 2^(attempts − 1)` (at most `backoffMaxMs`, ±20% jitter so
   * relays do not retry in step), and gives back what this round did not send.
   * Only rows still under this round's claim are touched.
   */
  private async record(em: EntityManager, claim: string, outcome: Outcome): Promise<void> {
    const connection = em.getConnection();
    if (outcome.delivered.length > 0) {
      await connection.execute(
        `update portal_sync_event set delivered_at = now(), last_attempt_at = now(), attempts = attempts + 1, last_error = null
          where id = any(?::bigint[]) and claimed_by = ?`,
        [idArray(outcome.delivered), claim],
      );
    }
    for (const failure of outcome.failed) {
      await connection.execute(
        `update portal_sync_event
            set attempts = attempts + 1, last_attempt_at = now(), last_error = ?,
                available_at = now() + least(?::float8, ?::float8 * power(2, attempts)) * (0.8 + random() * 0.4) * interval '1 millisecond'
          where id = ? and claimed_by = ?`,
        [failure.error, this.config.backoffMaxMs, this.config.backoffBaseMs, failure.id, claim],
      );
    }
    await connection.execute('update portal_sync_event set claimed_by = null, claimed_until = null where claimed_by = ?', [claim]);
  }
}

/** Starts a relay when PORTAL_SYNC_URL is set; without it nothing is sent and every change waits in the outbox. */
export function startPortalSyncRelay(em: EntityManager, config: PortalSyncConfig, logger: Logger, registry?: Registry): PortalSyncRelay | undefined {
  if (!config.url) {
    logger.warn('portal sync off: PORTAL_SYNC_URL is not set, status changes wait in the outbox');
    return undefined;
  }
  const relay = new PortalSyncRelay(em, { ...config, url: config.url }, logger, registry);
  relay.start();
  logger.info({ url: config.url }, 'portal sync relay started');
  return relay;
}
