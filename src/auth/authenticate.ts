/**
 * Who is asking, decided once per request before GraphQL sees it: officers by
 * `Authorization: Bearer <JWT>`, partner systems by `X-Api-Key`, anyone else
 * anonymous. Bad credentials get 401 at once.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../domain/errors.js';
import { refuse } from '../http/errors.js';
import type { TokenVerifier } from './tokens.js';
import type { Viewer } from './viewer.js';
import { authenticateApiKey } from './partner-auth.js';

/** The viewer of a request; throws DomainError UNAUTHENTICATED on bad credentials. */
export async function resolveViewer(req: Request, fork: () => EntityManager, verifyToken: TokenVerifier): Promise<Viewer> {
  const apiKey = req.header('x-api-key');
  const authorization = req.header('authorization');
  if (apiKey !== undefined && authorization !== undefined) {
    throw new DomainError('UNAUTHENTICATED', 'Send X-Api-Key (partner systems) or Authorization (officers), not both');
  }
  if (apiKey !== undefined) return authenticateApiKey(fork(), apiKey);
  if (authorization === undefined) return { kind: 'anonymous' };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw new DomainError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
  return verifyToken(match[1]);
}

/** Puts the viewer on `res.locals.viewer`. */
export function authenticateRequest(fork: () => EntityManager, verifyToken: TokenVerifier): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.viewer = await resolveViewer(req, fork, verifyToken);
    } catch (error) {
      if (error instanceof DomainError) return refuse(res, error);
      return next(error);
    }
    next();
  };
}
