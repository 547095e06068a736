/**
 * The HTTP edge of the error model (src/domain/errors.ts): the one status of
 * each DomainError, for every route and middleware that answers outside Apollo's
 * execution (authentication, persisted documents, rate limits, files) and for
 * the refusals Apollo answers before executing (limits). The body is the
 * graph's error shape.
 */
import type { Response } from 'express';
import type { DomainError, ErrorCode, ErrorReason } from '../domain/errors.js';
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
  return REASON_STATUS[error.reason] ?? STATUS[error.code];
}

/** Answers a request with the error in the graph's shape, its status from the table above, and no stack trace. */
export function refuse(res: Response, error: DomainError): void {
  res.status(httpStatusOf(error)).json(errorResponseBody(error));
}
