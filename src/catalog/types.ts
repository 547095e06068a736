/**
 * Shapes of the reference data ("danh mục") seeded into the warehouse.
 * The data files beside this one hold the values; keep every format there,
 * so that a correction from the official source is a one-line change.
 */

/** Who may own a document of a type, or apply for a procedure. */
export type PartyKind = 'INDIVIDUAL' | 'ORGANIZATION';

/** Province-level unit ("tỉnh, thành phố trực thuộc trung ương"), 34 since 1 July 2025. */
export interface ProvinceSeed {
  /** Two digits, leading zero kept (Decision 19/2025/QĐ-TTg). */
  code: string;
  name: string;
}

/** A province of the 63-province era, mapped to the province that absorbed it on 1 July 2025. */
export interface FormerProvinceSeed {
  /** Two-digit administrative code before 1 July 2025. */
  code: string;
  /** Three-digit code used as the prefix of personal identification numbers (e.g. "001" Hà Nội). */
  personalIdPrefix: string;
  name: string;
  /** Code of the current province it belongs to. */
  mergedInto: string;
  /** ISO date from which the mapping applies. */
  effectiveFrom: string;
}

/** Commune-level unit ("xã, phường, đặc khu"). */
export interface CommuneSeed {
  code: string;
  name: string;
  provinceCode: string;
}

/** A kind of paper ("loại giấy tờ") and the data extracted from it (Circular 01/2023, Art. 9). */
export interface DocumentTypeSeed {
  code: string;
  name: string;
  ownerKind: PartyKind;
  /** How long a document stays valid after issue; null: no expiry. */
  validityMonths: number | null;
  /** True for the types a procedure's result is issued as (decision, card, book). */
  isResult: boolean;
  /** JSON Schema (draft-07) of the extracted metadata; validated with Ajv. */
  metadataSchema: Record<string, unknown>;
}

/** One entry of a procedure's required dossier components ("thành phần hồ sơ"). */
export interface RequiredComponentSeed {
  code: string;
  name: string;
  documentTypeCode: string;
  mandatory: boolean;
}

/** An administrative procedure ("thủ tục hành chính") of the national catalog. */
export interface ProcedureSeed {
  /** National code shaped d.dddddd. */
  code: string;
  name: string;
  field: string;
  processingDays: number;
  applicantKind: PartyKind;
  /** Document type of the result paper when approved; null when the result is not a document. */
  resultDocumentTypeCode: string | null;
  /** The result may be returned to the applicant's portal account (Decision 1333, Art. 13.5); default false. */
  electronicResult?: boolean;
  components: RequiredComponentSeed[];
}

/** A VSS agency ("cơ quan BHXH"): the central office or a province office. */
export interface AgencySeed {
  /** QCVN 102:2016 shape ddd.dd.dd.Ldd. */
  code: string;
  name: string;
  provinceCode: string;
}

export type OfficerRole =
  | 'RECEIVING_OFFICER'
  | 'PROCESSING_OFFICER'
  | 'APPROVER'
  | 'ARCHIVIST'
  | 'AUDITOR'
  | 'ADMIN';

export interface OfficerSeed {
  code: string;
  fullName: string;
  agencyCode: string;
  roles: OfficerRole[];
  /** False for an account nobody signs in with (the system's own), when the row is created. Default true. */
  active?: boolean;
}
