/**
 * What the National Public Service Portal receives for one dossier status change,
 * and how it is signed. Built from facts that never change after the change was
 * committed (the change itself, the dossier's code, procedure and due date — a
 * calendar amendment does not move a due date already given —, the decision),
 * so a retry sends the same event. No personal data: the portal knows the dossier
 * by its code (Decree 13/2023: collect no more than the purpose needs).
 */
import { createHmac } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DossierStatus } from '../entities/enums.js';

export interface PortalEvent {
  /** The status change's id: the portal de-duplicates on it. */
  eventId: string;
  type: 'DOSSIER_STATUS_CHANGED';
  /** Increases with each change of one dossier: change n+1 is sent only after n was acknowledged. */
  sequence: number;
  occurredAt: string;
  /** `dueAt`: the appointment given at reception, 24:00 Vietnam time of the last working day (src/domain/working-days.ts). */
  dossier: { code: string; procedureCode: string; agencyCode: string; dueAt: string; resultChannels: string[] };
  /** The change happened after the dossier's due date ("trễ hạn"): the portal counts late processing from it. */
  overdue: boolean;
  from: DossierStatus | null;
  to: DossierStatus;
  note: string | null;
  /** Officer code; the automatic steps carry the system's account. */
  actor: string | null;
  /** The decision and its result paper, on APPROVED, REJECTED and RESULT_RETURNED. */
  result: {
    code: string;
    decision: string;
    reason: string | null;
    decidedAt: string;
    returnedAt: string | null;
    /**
     * The result goes to the applicant's portal account (ELECTRONIC chosen at reception,
     * Decision 1333, Art. 13.5): the portal puts this result (and its document) there.
     */
    deliverToPortalAccount: boolean;
    document: { code: string; documentTypeCode: string; issuedOn: string | null; validUntil: string | null } | null;
  } | null;
}

const WITH_RESULT: readonly string[] = [DossierStatus.APPROVED, DossierStatus.REJECTED, DossierStatus.RESULT_RETURNED];

interface EventRow {
  sequence: string;
  event_id: string;
  at: Date;
  from: DossierStatus | null;
  to: DossierStatus;
  note: string | null;
  actor: string | null;
  dossier_id: string;
  dossier_code: string;
  due_at: Date;
  result_channels: string[];
  procedure_code: string;
  agency_code: string;
  result_code: string | null;
  decision: string | null;
  reason: string | null;
  decided_at: Date | null;
  returned_at: Date | null;
  delivered_electronically_at: Date | null;
  document_code: string | null;
  document_type_code: string | null;
  issued_on: string | null;
  valid_until: string | null;
}

/** A `'{…}'` array literal of ids the database produced (bigints or UUIDs). */
export function idArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}

/** The events of these outbox rows, in sequence order, each with its dossier's id. */
export async function loadEvents(em: EntityManager, ids: readonly string[]): Promise<Array<{ dossierId: string; event: PortalEvent }>> {
  if (ids.length === 0) return [];
  const rows = await em.getConnection().execute<EventRow[]>(
    `select e.id as sequence, c.id as event_id, c.at, c."from", c."to", c.note, o.code as actor,
            d.id as dossier_id, d.code as dossier_code, d.due_at, d.result_channels, p.code as procedure_code, a.code as agency_code,
            r.code as result_code, r.decision, r.reason, r.decided_at, r.returned_at, r.delivered_electronically_at,
            doc.code as document_code, t.code as document_type_code, doc.issued_on::text, doc.valid_until::text
       from portal_sync_event e
       join dossier_status_change c on c.id = e.status_change_id
       join dossier d on d.id = e.dossier_id
       join administrative_procedure p on p.id = d.procedure_id
       join agency a on a.id = d.agency_id
       left join officer o on o.id = c.by_id
       left join procedure_result r on r.dossier_id = d.id
       left join digitized_document doc on doc.id = r.document_id
       left join document_type t on t.id = doc.document_type_id
      where e.id = any(?::bigint[])
      order by e.id`,
    [idArray(ids)],
  );
  return rows.map((row) => ({ dossierId: row.dossier_id, event: toEvent(row) }));
}

function toEvent(row: EventRow): PortalEvent {
  const withResult = WITH_RESULT.includes(row.to) && row.result_code !== null;
  return {
    eventId: row.event_id,
    type: 'DOSSIER_STATUS_CHANGED',
    sequence: Number(row.sequence),
    occurredAt: new Date(row.at).toISOString(),
    dossier: {
      code: row.dossier_code,
      procedureCode: row.procedure_code,
      agencyCode: row.agency_code,
      dueAt: new Date(row.due_at).toISOString(),
      resultChannels: row.result_channels,
    },
    overdue: new Date(row.at).getTime() > new Date(row.due_at).getTime(),
    from: row.from,
    to: row.to,
    note: row.note,
    actor: row.actor,
    result: withResult
      ? {
          code: row.result_code!,
          decision: row.decision!,
          reason: row.reason,
          decidedAt: new Date(row.decided_at!).toISOString(),
          // Returned later than decided: only the return's own event says when.
          returnedAt: row.to === DossierStatus.RESULT_RETURNED && row.returned_at ? new Date(row.returned_at).toISOString() : null,
          // Set in the decision's transaction: the decision's own event already carries it.
          deliverToPortalAccount: row.delivered_electronically_at !== null,
          document: row.document_code
            ? { code: row.document_code, documentTypeCode: row.document_type_code!, issuedOn: row.issued_on, validUntil: row.valid_until }
            : null,
        }
      : null,
  };
}

/** Header names of a delivery. */
export const SIGNATURE_HEADER = 'x-vss-signature';
export const TIMESTAMP_HEADER = 'x-vss-timestamp';
export const EVENT_ID_HEADER = 'x-vss-event-id';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the shared secret: the
 * portal recomputes it to know the event comes from us, unchanged, and recently.
 */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
