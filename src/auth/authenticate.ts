/**
 * Who is asking, decided once per request before GraphQL sees it: officers by
 * `Authorization: Bearer <JWT>`, partner systems by `X-Api-Key`, anyone else
 * anonymous. Bad credentials get 401 at once; missing ones get the same 401 on
 * anything that needs credentials (every root field but introspection).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { DomainError } from '../domain/errors.js';
import { requestError } from '../schema/errors.js';
import { httpStatusOf, refuse } from '../http/errors.js';
import type { Context } from '../context.js';
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

/** Whether an operation selects any root field other than introspection (`__schema`, `__type`, `__typename`). */
export function needsCredentials(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const seen = new Set<string>();
  const selects = (set: SelectionSetNode): boolean =>
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return !selection.name.value.startsWith('__');
      if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      const fragment = fragments.get(name);
      return fragment ? selects(fragment.selectionSet) : false;
    });
  return selects(operation.selectionSet);
}

/**
 * Missing credentials answer like bad ones: HTTP 401 UNAUTHENTICATED, before
 * anything runs, for an anonymous operation that selects any root field other
 * than introspection (which stays open where it is enabled, for GraphiQL).
 */
export const credentialsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document, operation }) {
        if (operation && contextValue.viewer.kind === 'anonymous' && needsCredentials(document, operation)) {
          const error = new DomainError('UNAUTHENTICATED', 'Sign in: send "Authorization: Bearer <token>" (officers) or "X-Api-Key" (partners)');
          throw requestError(error, httpStatusOf(error));
        }
      },
    };
  },
};
