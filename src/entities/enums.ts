/**
 * Enumerations shared by the entities and the graph. Each is stored as text
 * with a check constraint, and registered once as a GraphQL enum.
 */
import { registerEnumType } from 'type-graphql';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export enum PartyKind {
  INDIVIDUAL = 'INDIVIDUAL',
  ORGANIZATION = 'ORGANIZATION',
}

export enum DocumentStatus {
  VALID = 'VALID',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
  SUPERSEDED = 'SUPERSEDED',
}

export enum DocumentSource {
  /** Digitized from paper by an officer. */
  SCANNED = 'SCANNED',
  /** Submitted electronically. */
  ELECTRONIC = 'ELECTRONIC',
  /** Shared from the National Public Service Portal. */
  NATIONAL_PORTAL = 'NATIONAL_PORTAL',
  /** Shared by a connected ministry system. */
  CONNECTED_SYSTEM = 'CONNECTED_SYSTEM',
  /** The result of an earlier procedure. */
  PROCEDURE_RESULT = 'PROCEDURE_RESULT',
}

/** How the signer's signature over a document's file is kept. */
export enum SignatureFormat {
  /** Embedded in the PDF (PAdES, ETSI.CAdES.detached) with its stamp on page 1, top left. */
  PADES = 'PADES',
  /** A CMS/PKCS#7 detached signature over the whole file, kept beside it (documents digitized before PAdES). */
  CMS_DETACHED = 'CMS_DETACHED',
}

export enum SubmissionChannel {
  IN_PERSON = 'IN_PERSON',
  POSTAL = 'POSTAL',
  ONLINE = 'ONLINE',
}

export enum DossierStatus {
  RECEIVED = 'RECEIVED',
  DIGITIZING = 'DIGITIZING',
  PROCESSING = 'PROCESSING',
  NEEDS_SUPPLEMENT = 'NEEDS_SUPPLEMENT',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  RESULT_RETURNED = 'RESULT_RETURNED',
}

export enum ComponentProvision {
  PENDING = 'PENDING',
  REUSED = 'REUSED',
  SCANNED = 'SCANNED',
  ELECTRONIC = 'ELECTRONIC',
  /** A fragile original photocopied first, the copy scanned (Decision 1333, Art. 13.3). */
  SCANNED_FROM_COPY = 'SCANNED_FROM_COPY',
  /** An important, fragile paper the approver decided not to digitize: kept on paper (Art. 13.3). */
  NOT_DIGITIZED = 'NOT_DIGITIZED',
}

/** An officer's proposal not to digitize a fragile paper, and the approver's decision on it. */
export enum ProposalStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
}

/** What another agency answered to a verification or consultation (Art. 13.4). */
export enum VerificationOutcome {
  /** Confirms what the dossier says, or a favourable opinion. */
  CONFIRMED = 'CONFIRMED',
  /** Contradicts the dossier, or an unfavourable opinion: grounds for a rejection. */
  NEGATIVE = 'NEGATIVE',
}

/** How the applicant receives the result (Art. 13.5): chosen at reception, one or several. */
export enum ResultChannel {
  /** To the applicant's National Public Service Portal account (only where the procedure allows it). */
  ELECTRONIC = 'ELECTRONIC',
  /** On paper at the one-stop desk. */
  DESK = 'DESK',
  /** On paper by post. */
  POST = 'POST',
}

export enum Decision {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum OfficerRole {
  RECEIVING_OFFICER = 'RECEIVING_OFFICER',
  PROCESSING_OFFICER = 'PROCESSING_OFFICER',
  APPROVER = 'APPROVER',
  ARCHIVIST = 'ARCHIVIST',
  AUDITOR = 'AUDITOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Gender, { name: 'Gender' });
registerEnumType(DocumentStatus, { name: 'DocumentStatus' });
registerEnumType(DocumentSource, { name: 'DocumentSource' });
registerEnumType(SubmissionChannel, { name: 'SubmissionChannel' });
registerEnumType(SignatureFormat, { name: 'SignatureFormat' });
registerEnumType(DossierStatus, { name: 'DossierStatus' });
registerEnumType(ComponentProvision, { name: 'ComponentProvision' });
registerEnumType(Decision, { name: 'Decision' });
registerEnumType(ProposalStatus, { name: 'ProposalStatus' });
registerEnumType(VerificationOutcome, { name: 'VerificationOutcome' });
registerEnumType(ResultChannel, { name: 'ResultChannel', description: 'How the applicant receives the result.' });
registerEnumType(OfficerRole, { name: 'OfficerRole' });
registerEnumType(PartyKind, { name: 'PartyKind' });

/** SQL check constraint listing an enum's values, so the database refuses anything else. */
export function enumCheck(column: string, values: Record<string, string>): string {
  return `${column} in (${Object.values(values).map((v) => `'${v}'`).join(', ')})`;
}
