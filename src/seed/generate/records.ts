/** Records: the plain shapes the generator emits (JSONL for the importer, rows for the demo). */
import type { Gender } from '../vietnamese-names.js';
import type { ComponentProvision, DocumentSource, DocumentStatus, DossierStatus, SubmissionChannel } from '../../entities/enums.js';

export type { Gender };
// The entities' enums as the plain strings a record holds (records are JSON; the generator loads no ORM or GraphQL code).
export type DocumentStatusValue = `${DocumentStatus}`;
export type DocumentSourceValue = `${DocumentSource}`;
export type DossierStatusValue = `${DossierStatus}`;
export type ChannelValue = `${SubmissionChannel}`;
export type ProvisionValue = `${ComponentProvision}`;

export const DOSSIER_STATUSES: readonly DossierStatusValue[] = [
  'RECEIVED',
  'DIGITIZING',
  'PROCESSING',
  'NEEDS_SUPPLEMENT',
  'APPROVED',
  'REJECTED',
  'RESULT_RETURNED',
];

export interface IndividualRecord {
  personalId: string;
  socialInsuranceCode: string | null;
  fullName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  gender: Gender;
  householdCode: string | null;
  /** Current (post-2025) province of residence. */
  provinceCode: string;
  communeCode: string;
  hasPortalAccount: boolean;
}

export interface OrganizationRecord {
  unitCode: string;
  taxCode: string;
  name: string;
  address: string;
  provinceCode: string;
  hasTransactionAccount: boolean;
}

export type OwnerRef = { kind: 'INDIVIDUAL'; personalId: string } | { kind: 'ORGANIZATION'; unitCode: string };

export interface DocumentRecord {
  /** Digitization result code, `<agency>.<type>.<YYMMDD>.<sequence>`. */
  code: string;
  documentTypeCode: string;
  owner: OwnerRef;
  title: string;
  issuedBy: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
  /** YYYY-MM-DD, from the type's validityMonths; null: no expiry. */
  validUntil: string | null;
  status: DocumentStatusValue;
  source: DocumentSourceValue;
  /** Valid against the type's metadataSchema. */
  metadata: Record<string, unknown>;
  /** ISO instant. */
  digitizedAt: string;
  agencyCode: string;
  officerCode: string | null;
  /** The dossier that scanned or produced it. */
  originDossierCode: string | null;
}

export interface DossierComponentRecord {
  requirementCode: string;
  provision: ProvisionValue;
  documentCode: string | null;
  providedAt: string | null;
  providedByCode: string | null;
}

export interface DossierStatusChangeRecord {
  from: DossierStatusValue | null;
  to: DossierStatusValue;
  at: string;
  byCode: string | null;
  note: string | null;
}

export interface ProcedureResultRecord {
  /** `KQ.<dossier code>`. */
  code: string;
  decision: 'APPROVED' | 'REJECTED';
  reason: string | null;
  documentCode: string | null;
  decidedByCode: string;
  decidedAt: string;
  returnedAt: string | null;
}

export interface DossierRecord {
  code: string;
  procedureCode: string;
  applicant: OwnerRef;
  channel: ChannelValue;
  agencyCode: string;
  receivedAt: string;
  receivedByCode: string;
  /** End of the processing time: processingDays working days after receipt, by the seeded calendar (src/domain/working-days.ts). */
  dueAt: string;
  status: DossierStatusValue;
  components: DossierComponentRecord[];
  history: DossierStatusChangeRecord[];
  result: ProcedureResultRecord | null;
}

export interface DemoData {
  individuals: IndividualRecord[];
  organizations: OrganizationRecord[];
  documents: DocumentRecord[];
  dossiers: DossierRecord[];
}

export interface DemoOptions {
  seed: number;
  individuals: number;
  organizations: number;
  dossiers: number;
  now: Date;
}

/** One record of the stream, in an order a loader can follow (see generateDemoStream). */
export type DemoItem =
  | { kind: 'individual'; record: IndividualRecord }
  | { kind: 'organization'; record: OrganizationRecord }
  | { kind: 'document'; record: DocumentRecord }
  | { kind: 'dossier'; record: DossierRecord };

/** A party the warehouse knows, with its record (documents are generated from it). */
export type Party = { kind: 'INDIVIDUAL'; record: IndividualRecord } | { kind: 'ORGANIZATION'; record: OrganizationRecord };

export function ownerRefOf(party: Party): OwnerRef {
  return party.kind === 'INDIVIDUAL'
    ? { kind: 'INDIVIDUAL', personalId: party.record.personalId }
    : { kind: 'ORGANIZATION', unitCode: party.record.unitCode };
}

export function ownerKey(owner: OwnerRef): string {
  return owner.kind === 'INDIVIDUAL' ? `I:${owner.personalId}` : `O:${owner.unitCode}`;
}
