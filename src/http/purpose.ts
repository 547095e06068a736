/**
 * The purpose of a request's reads of personal data (Decree 13/2023/NĐ-CP:
 * personal data is processed for a declared purpose, and the processing is
 * logged with it). Where it comes from:
 * - a partner on the graph: its persisted operation's published purpose (never a header);
 * - an officer: `X-Purpose` (free text, UTF-8 percent-encoded: headers carry Latin-1),
 *   or `X-Purpose-Dossier: <dossier code>` — the dossier being worked on, which must exist;
 *   failing both, the purpose of a published operation named by `documentId`;
 * - a file download (no published operation there): `X-Purpose` / `X-Purpose-Dossier`, partners included.
 * A request without one may still read masked data; its clear reads are refused
 * in production (`PURPOSE_REQUIRED`, src/auth/access-recorder.ts).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { DomainError } from '../domain/errors.js';
import { checkText } from '../domain/text.js';
import { Dossier } from '../entities/dossier.entity.js';
import type { PersistedRequest } from '../partners/trusted-documents.js';
import { viewerOf } from './hardening.js';
import { refuse } from './errors.js';

/** HTTP headers carry Latin-1 only: a Vietnamese purpose comes percent-encoded (UTF-8). */
function decodeHeader(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The purpose the request declares; throws a DomainError (400 on a malformed
 * header, 404 on a dossier that does not exist). `persisted`: the published
 * operation the request named, if any.
 */
export async function declaredPurpose(req: Request, viewer: Viewer, persisted: PersistedRequest | undefined, fork: () => EntityManager, route: 'graphql' | 'files'): Promise<string | undefined> {
  if (viewer.kind === 'partner' && route === 'graphql') return persisted?.purpose;
  const header = req.header('x-purpose');
  const text = header === undefined ? '' : checkText(decodeHeader(header).trim(), 'line', ['X-Purpose']);
  const dossierHeader = req.header('x-purpose-dossier');
  if (dossierHeader !== undefined && dossierHeader.trim() !== '') {
    const code = checkText(dossierHeader.trim(), 'code', ['X-Purpose-Dossier']);
    const found = await fork().count(Dossier, { code });
    if (found === 0) throw new DomainError('DOSSIER_NOT_FOUND', `X-Purpose-Dossier names no dossier: ${code}`, { argumentPath: ['X-Purpose-Dossier'] });
    return text ? `${text} (dossier ${code})` : `dossier ${code}`;
  }
  return text || persisted?.purpose;
}

/** For `/graphql`: the declared purpose on `res.locals.purpose`, or the refusal answered. */
export function purposeOfRequest(fork: () => EntityManager): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.purpose = await declaredPurpose(req, viewerOf(res), res.locals.persisted as PersistedRequest | undefined, fork, 'graphql');
    } catch (error) {
      if (error instanceof DomainError) return refuse(res, error);
      return next(error);
    }
    next();
  };
}
