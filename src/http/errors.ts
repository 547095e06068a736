/**
 * The HTTP edge of the error model (src/domain/errors.ts): the one status of
 * each DomainError, for every route and middleware that answers outside Apollo's
 * execution (authentication, persisted documents, rate limits, files) and for
 * the refusals Apollo answers before executing (limits). The body is the
 * graph's error shape.
 */
import type { Response } from 'express';
import { codeOf, type DomainError, type ErrorCode, type ErrorReason } from '../domain/errors.js';
import { ERROR_REFERENCE, type Language } from '../domain/error-reference.js';
import { errorResponseBody } from '../schema/errors.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INTERNAL: 500,
  PERSISTED_QUERY_NOT_FOUND: 404,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** Reasons whose status is more precise than their code's. */
const REASON_STATUS: Partial<Record<ErrorReason, number>> = { FILE_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415 };

export function httpStatusOf(error: DomainError): number {
  return statusOfReason(error.reason);
}

export function statusOfReason(reason: ErrorReason): number {
  return REASON_STATUS[reason] ?? STATUS[codeOf(reason)];
}

export function statusOfCode(code: ErrorCode): number {
  return STATUS[code];
}

/** One reason as the reference shows it (docs/errors.md, the `errorReference` query). */
export interface ErrorReferenceEntry {
  reason: ErrorReason;
  code: ErrorCode;
  httpStatus: number;
  message: Readonly<Record<Language, string>>;
  fields: readonly string[];
}

/** Every reason with its code, HTTP status, messages and extension fields. */
export function errorReferenceEntries(): ErrorReferenceEntry[] {
  return (Object.keys(ERROR_REFERENCE) as ErrorReason[]).map((reason) => ({
    reason,
    code: codeOf(reason),
    httpStatus: statusOfReason(reason),
    message: ERROR_REFERENCE[reason].message,
    fields: ERROR_REFERENCE[reason].fields,
  }));
}

/** Answers a request with the error in the graph's shape, its status from the table above, and no stack trace. */
export function refuse(res: Response, error: DomainError): void {
  res.status(httpStatusOf(error)).json(errorResponseBody(error));
}
