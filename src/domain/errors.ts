/**
 * One error model. The process throws `DomainError` with a stable reason; each
 * reason has one public code (`extensions.code` on the graph). The edges map
 * them once each: src/schema/errors.ts to the GraphQL response, src/http/errors.ts
 * to an HTTP status. No GraphQL or HTTP import here: services, the CLI, the
 * importer and workers throw the same errors.
 */

/** Public error codes (`extensions.code`). */
export const ERROR_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'INTERNAL', 'PERSISTED_QUERY_NOT_FOUND', 'RATE_LIMITED', 'UNAVAILABLE'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Stable domain reasons (`extensions.reason`). */
export type ErrorReason =
  | 'INVALID_ARGUMENT'
  | 'INVALID_IDENTIFIER'
  | 'INVALID_DATE'
  | 'INVALID_METADATA'
  | 'INVALID_FILE'
  | 'FILE_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_CURSOR'
  /** A global ID whose type or key is not one the API gives out. */
  | 'INVALID_ID'
  /** A string with refused characters (NUL, lone surrogates, controls, bidi overrides), too long, or a name without letters. */
  | 'INVALID_TEXT'
  /** A key of a JSON value that names no field (or a prototype name). */
  | 'UNKNOWN_FIELD'
  /** A request the transport could not read: a broken body, multipart form or URI encoding, an APQ hash that does not match its text. */
  | 'MALFORMED_REQUEST'
  | 'PAGE_SIZE_EXCEEDED'
  | 'NOT_FOUND'
  | 'APPLICANT_NOT_FOUND'
  | 'DOSSIER_NOT_FOUND'
  | 'DOCUMENT_NOT_FOUND'
  | 'PROCEDURE_NOT_FOUND'
  | 'REQUIREMENT_NOT_FOUND'
  | 'DOCUMENT_TYPE_NOT_FOUND'
  | 'FILE_NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'OUTSIDE_AGENCY'
  | 'INVALID_TRANSITION'
  | 'CONCURRENT_UPDATE'
  | 'DUPLICATE'
  | 'DOCUMENT_OWNER_MISMATCH'
  | 'DOCUMENT_TYPE_MISMATCH'
  | 'DOCUMENT_NOT_REUSABLE'
  | 'PARTY_KIND_MISMATCH'
  /** A read of personal data in clear without a declared purpose, in production (Decree 13/2023/NĐ-CP): nothing was revealed. */
  | 'PURPOSE_REQUIRED'
  | 'COMPONENTS_MISSING'
  | 'COMPONENT_ALREADY_PROVIDED'
  | 'IDEMPOTENCY_KEY_REUSED'
  /** A verification of the dossier still waits for its answer: the dossier cannot be approved yet. */
  | 'VERIFICATION_PENDING'
  /** The verification was answered already. */
  | 'VERIFICATION_ANSWERED'
  /** The proposal not to digitize was decided already, or another one waits. */
  | 'PROPOSAL_DECIDED'
  | 'VERIFICATION_NOT_FOUND'
  | 'PROPOSAL_NOT_FOUND'
  /** A way of returning the result the procedure or the applicant does not allow (ELECTRONIC without the procedure's leave or a portal account). */
  | 'RESULT_CHANNEL_NOT_ALLOWED'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COSTLY'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_REQUIRED'
  | 'OPERATION_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'COST_BUDGET_EXCEEDED'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_ROOT_FIELDS'
  | 'DATABASE_UNAVAILABLE'
  | 'ACCESS_LOG_UNAVAILABLE'
  | 'SHUTTING_DOWN';

export function codeOf(reason: ErrorReason): ErrorCode {
  switch (reason) {
    case 'INVALID_ARGUMENT':
    case 'INVALID_IDENTIFIER':
    case 'INVALID_DATE':
    case 'INVALID_METADATA':
    case 'INVALID_FILE':
    case 'FILE_TOO_LARGE':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'INVALID_CURSOR':
    case 'INVALID_ID':
    case 'INVALID_TEXT':
    case 'UNKNOWN_FIELD':
    case 'MALFORMED_REQUEST':
    case 'PAGE_SIZE_EXCEEDED':
    case 'DOCUMENT_OWNER_MISMATCH':
    case 'DOCUMENT_TYPE_MISMATCH':
    case 'DOCUMENT_NOT_REUSABLE':
    case 'QUERY_TOO_DEEP':
    case 'QUERY_TOO_COSTLY':
    case 'TOO_MANY_ALIASES':
    case 'TOO_MANY_ROOT_FIELDS':
    case 'PARTY_KIND_MISMATCH':
    case 'RESULT_CHANNEL_NOT_ALLOWED':
    case 'PURPOSE_REQUIRED':
      return 'BAD_USER_INPUT';
    case 'NOT_FOUND':
    case 'APPLICANT_NOT_FOUND':
    case 'DOSSIER_NOT_FOUND':
    case 'DOCUMENT_NOT_FOUND':
    case 'PROCEDURE_NOT_FOUND':
    case 'REQUIREMENT_NOT_FOUND':
    case 'DOCUMENT_TYPE_NOT_FOUND':
    case 'FILE_NOT_FOUND':
    case 'VERIFICATION_NOT_FOUND':
    case 'PROPOSAL_NOT_FOUND':
      return 'NOT_FOUND';
    case 'UNAUTHENTICATED':
      return 'UNAUTHENTICATED';
    case 'FORBIDDEN':
    case 'OUTSIDE_AGENCY':
    case 'PERSISTED_QUERY_REQUIRED':
    case 'OPERATION_NOT_ALLOWED':
      return 'FORBIDDEN';
    case 'INVALID_TRANSITION':
    case 'CONCURRENT_UPDATE':
    case 'DUPLICATE':
    case 'COMPONENTS_MISSING':
    case 'COMPONENT_ALREADY_PROVIDED':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'VERIFICATION_PENDING':
    case 'VERIFICATION_ANSWERED':
    case 'PROPOSAL_DECIDED':
      return 'CONFLICT';
    case 'PERSISTED_QUERY_NOT_FOUND':
      return 'PERSISTED_QUERY_NOT_FOUND';
    case 'RATE_LIMITED':
    case 'COST_BUDGET_EXCEEDED':
      return 'RATE_LIMITED';
    // Retryable: the request was not served, nothing was revealed, sending it again later may succeed (HTTP 503 with Retry-After).
    case 'DATABASE_UNAVAILABLE':
    case 'ACCESS_LOG_UNAVAILABLE':
    case 'SHUTTING_DOWN':
      return 'UNAVAILABLE';
  }
}

export interface ErrorDetails {
  /** Path of the offending argument, e.g. `["input", "applicant", "personalId"]`. */
  argumentPath?: (string | number)[];
  /** Anything else that helps the caller fix the request (violations, current status...). */
  [key: string]: unknown;
}

/** An expected failure with a stable reason; safe to show to the caller. */
export class DomainError extends Error {
  constructor(
    readonly reason: ErrorReason,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get code(): ErrorCode {
    return codeOf(this.reason);
  }
}

export const badInput = (argumentPath: (string | number)[], message: string, reason: ErrorReason = 'INVALID_ARGUMENT', extra: ErrorDetails = {}) =>
  new DomainError(reason, message, { ...extra, argumentPath });

/** A request the transport could not read (body, multipart form, URI encoding, APQ hash): the HTTP edges answer it with its 4xx. */
export const malformedRequest = (message: string, details: ErrorDetails = {}) => new DomainError('MALFORMED_REQUEST', message, details);
