/**
 * One error model. Services throw `DomainError` with a stable reason; this file
 * maps each reason, once, to the public `extensions.code` of the graph.
 * Anything else becomes INTERNAL: SQL and stack traces never reach a client.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { isConnectionLoss } from '../db/faults.js';

/** Public error codes (`extensions.code`). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'INTERNAL' | 'PERSISTED_QUERY_NOT_FOUND' | 'RATE_LIMITED' | 'UNAVAILABLE';

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
    case 'PAGE_SIZE_EXCEEDED':
    case 'DOCUMENT_OWNER_MISMATCH':
    case 'DOCUMENT_TYPE_MISMATCH':
    case 'DOCUMENT_NOT_REUSABLE':
    case 'QUERY_TOO_DEEP':
    case 'QUERY_TOO_COSTLY':
    case 'TOO_MANY_ALIASES':
    case 'TOO_MANY_ROOT_FIELDS':
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

/** Seconds a client is told to wait before retrying a request the database could not serve. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/** The database connection was lost and the request could not be retried safely: retry it later. */
export function databaseUnavailable(): DomainError {
  return new DomainError('DATABASE_UNAVAILABLE', 'The database could not serve the request; retry shortly', { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS });
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
  if (isConnectionLoss(original)) {
    // Never INTERNAL: the database went away under the request; the HTTP edge answers it as a retryable 503 (src/http/graphql-handler.ts).
    const unavailable = databaseUnavailable();
    return { ...base, message: unavailable.message, extensions: { code: unavailable.code, reason: unavailable.reason, ...unavailable.details } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    // A limit found by a validation rule (aliases) carries our reason: answer it with the reason's code, like every other limit.
    const reason = formatted.extensions?.reason;
    const ours = typeof reason === 'string' ? (codeOf(reason as ErrorReason) as ErrorCode | undefined) : undefined;
    return { ...base, extensions: { ...formatted.extensions, ...(ours ? { code: ours } : {}), stacktrace: undefined } };
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
