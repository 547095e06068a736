/**
 * One error model. Services throw `DomainError` with a stable reason; this file
 * maps each reason, once, to the public `extensions.code` of the graph.
 * Anything else becomes INTERNAL: SQL and stack traces never reach a client.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';

/** Public error codes (`extensions.code`). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'INTERNAL' | 'PERSISTED_QUERY_NOT_FOUND' | 'RATE_LIMITED';

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
  | 'COMPONENTS_MISSING'
  | 'COMPONENT_ALREADY_PROVIDED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COSTLY'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_REQUIRED'
  | 'OPERATION_NOT_ALLOWED'
  | 'RATE_LIMITED';

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
    case 'PARTY_KIND_MISMATCH':
      return 'BAD_USER_INPUT';
    case 'NOT_FOUND':
    case 'APPLICANT_NOT_FOUND':
    case 'DOSSIER_NOT_FOUND':
    case 'DOCUMENT_NOT_FOUND':
    case 'PROCEDURE_NOT_FOUND':
    case 'REQUIREMENT_NOT_FOUND':
    case 'DOCUMENT_TYPE_NOT_FOUND':
    case 'FILE_NOT_FOUND':
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
      return 'CONFLICT';
    case 'PERSISTED_QUERY_NOT_FOUND':
      return 'PERSISTED_QUERY_NOT_FOUND';
    case 'RATE_LIMITED':
      return 'RATE_LIMITED';
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

/**
 * A refusal before execution (limits, persisted documents, credentials), as a
 * GraphQLError carrying its HTTP status for Apollo (plugins, context).
 */
export function requestError(error: DomainError, status: number): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, reason: error.reason, ...error.details, http: { status } } });
}

/** The same refusal as a GraphQL response body, for Express middlewares that answer before Apollo. */
export function errorResponseBody(error: DomainError): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message: error.message, extensions: { code: error.code, reason: error.reason, ...error.details } }] };
}

/** Codes Apollo and graphql-js already give to request errors; kept as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * An error Apollo raises about the HTTP request itself, before any GraphQL is
 * read: its BAD_REQUEST, or a code-less error it answers with a 4xx (an
 * automatic persisted query whose hash does not match its text).
 */
function isTransportError(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  return code === 'BAD_REQUEST' || (code === undefined && !error.path && !error.originalError && typeof status === 'number' && status >= 400 && status < 500);
}

/** A transport refusal (body, multipart form, URI encoding) as the graph's error body. */
export function malformedRequest(message: string, details: ErrorDetails = {}): DomainError {
  return new DomainError('MALFORMED_REQUEST', message, details);
}

export interface FormatErrorOptions {
  /** Include stack traces (development only). */
  exposeStack: boolean;
  onInternal: (error: unknown) => void;
}

/** Apollo `formatError`: the one place where an error becomes what the caller sees. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, options: FormatErrorOptions): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, reason: original.reason, ...original.details } };
  }
  if (original instanceof ArgumentValidationError) {
    const violations = original.extensions.validationErrors as { property: string; constraints?: Record<string, string>; children?: unknown[] }[];
    const first = violations?.[0];
    return {
      ...base,
      message: first?.constraints ? Object.values(first.constraints).join('; ') : 'Invalid argument',
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ARGUMENT', argumentPath: first ? [first.property] : undefined, violations },
    };
  }
  if (original instanceof OptimisticLockError) {
    return { ...base, message: 'The record was changed by someone else; reload and try again', extensions: { code: 'CONFLICT', reason: 'CONCURRENT_UPDATE' } };
  }
  if (original instanceof UniqueConstraintViolationException) {
    return { ...base, message: 'A record with the same identifier already exists', extensions: { code: 'CONFLICT', reason: 'DUPLICATE' } };
  }
  if (original instanceof GraphQLError && isTransportError(original)) {
    return { ...base, extensions: { code: 'BAD_USER_INPUT', reason: 'MALFORMED_REQUEST' } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return { ...base, extensions: { ...formatted.extensions, stacktrace: undefined } };
  }
  if (original instanceof GraphQLError && original.extensions?.code && original.extensions.code !== 'INTERNAL_SERVER_ERROR') {
    return { ...base, message: original.message, extensions: { code: original.extensions.code, ...original.extensions } };
  }
  options.onInternal(original);
  return {
    ...base,
    message: 'Internal server error',
    extensions: { code: 'INTERNAL', ...(options.exposeStack && original instanceof Error ? { stacktrace: original.stack?.split('\n') } : {}) },
  };
}
