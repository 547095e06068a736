/**
 * The GraphQL edge of the error model (src/domain/errors.ts): a DomainError's
 * reason becomes `extensions.code` and `extensions.reason`, here and only here.
 * Anything else becomes INTERNAL: SQL and stack traces never reach a client.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { DomainError, codeOf, type ErrorCode, type ErrorReason } from '../domain/errors.js';
import { databaseUnavailable, isConnectionLoss } from '../db/faults.js';
import { INTERNAL_MESSAGE, isErrorReason, reasonMessage, type Language } from '../domain/error-reference.js';
import { requestLanguage } from '../http/language.js';

/**
 * The message a caller reads, in its language (Accept-Language, Vietnamese by
 * default): in English the message written where the error was raised (the
 * most specific), in Vietnamese the reason's message from the table
 * (src/domain/error-reference.ts) filled with the error's extension fields.
 * Codes, reasons and fields never change with the language.
 */
export function localized(formatted: GraphQLFormattedError, language: Language = requestLanguage()): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const reason = extensions.reason;
  if (isErrorReason(reason)) {
    return language === 'en' ? formatted : { ...formatted, message: reasonMessage(reason, language, extensions) };
  }
  if (extensions.code === 'INTERNAL') return { ...formatted, message: INTERNAL_MESSAGE[language] };
  return formatted;
}

/**
 * A refusal before execution (limits, persisted documents, credentials), as a
 * GraphQLError carrying its HTTP status for Apollo (plugins, context).
 */
export function requestError(error: DomainError, status: number): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, reason: error.reason, ...error.details, http: { status } } });
}

/** The same refusal as a GraphQL response body, for Express middlewares that answer before Apollo. */
export function errorResponseBody(error: DomainError, language: Language = requestLanguage()): { errors: GraphQLFormattedError[] } {
  return { errors: [localized({ message: error.message, extensions: { code: error.code, reason: error.reason, ...error.details } }, language)] };
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

export interface FormatErrorOptions {
  /** Include stack traces (development only). */
  exposeStack: boolean;
  onInternal: (error: unknown) => void;
}

/** Apollo `formatError`: the one place where an error becomes what the caller sees, in the caller's language. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, options: FormatErrorOptions): GraphQLFormattedError {
  return localized(formatInEnglish(formatted, error, options));
}

function formatInEnglish(formatted: GraphQLFormattedError, error: unknown, options: FormatErrorOptions): GraphQLFormattedError {
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
