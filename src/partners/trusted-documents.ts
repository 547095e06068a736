/**
 * Trusted documents: the reviewed, published operations partner systems call
 * by hash. A request names one by `extensions.persistedQuery.sha256Hash`
 * (Apollo's form) or by `documentId` (GraphQL over HTTP, Appendix A:
 * `sha256:<hex>`), with its variables.
 *
 * A partner never sends GraphQL text: a free-form query, an unknown hash, an
 * operation outside its allow-list, or one selecting fields its scopes do not
 * open is refused here, before Apollo parses or runs anything. The request that
 * passes is rewritten into an ordinary one carrying the stored text.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse, type GraphQLSchema } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PersistedOperation } from '../entities/partner.entity.js';
import { DomainError } from '../domain/errors.js';
import { viewerOf } from '../http/hardening.js';
import { refuse } from '../http/errors.js';
import { operationScopes, type OperationScopes } from './scopes.js';
import type { PartnerViewer } from '../auth/viewer.js';

export interface TrustedDocument {
  hash: string;
  operationName: string;
  document: string;
  /** Legal purpose, written into the access log of every read it makes. */
  purpose: string;
  access: OperationScopes;
}

/** What the request handler leaves on `res.locals.persisted` for the context. */
export interface PersistedRequest {
  operationName: string;
  purpose: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Published documents by hash. A hash names one text forever, so a found
 * document is cached; only its purpose may be republished, hence the short TTL.
 */
export class TrustedDocumentStore {
  private readonly cache = new Map<string, { document: TrustedDocument; expiresAt: number }>();

  constructor(
    private readonly fork: () => EntityManager,
    private readonly schema: GraphQLSchema,
    private readonly ttlMs = 30_000,
  ) {}

  async get(hash: string): Promise<TrustedDocument | null> {
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > Date.now()) return cached.document;
    const row = await this.fork().findOne(PersistedOperation, { hash });
    if (!row) return null;
    const document: TrustedDocument = {
      hash: row.hash,
      operationName: row.operationName,
      document: row.document,
      purpose: row.purpose,
      access: cached?.document.access ?? operationScopes(this.schema, parse(row.document)),
    };
    this.cache.set(hash, { document, expiresAt: Date.now() + this.ttlMs });
    return document;
  }
}

/** The GraphQL-over-HTTP parameters of a request: a POST's JSON body, or a GET's query string. */
interface GraphQLParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
  documentId?: unknown;
}

function jsonParam(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function paramsOf(req: Request): GraphQLParams | null {
  if (req.method === 'GET') {
    const search = new URL(req.url, 'http://localhost').searchParams;
    return {
      query: search.get('query') ?? undefined,
      operationName: search.get('operationName') ?? undefined,
      variables: jsonParam(search.get('variables')),
      extensions: jsonParam(search.get('extensions')),
      documentId: search.get('documentId') ?? undefined,
    };
  }
  const body: unknown = req.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as GraphQLParams) : null;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The hash a request names; `undefined` when it names none. */
function requestedHash(params: GraphQLParams): string | undefined {
  if (params.documentId !== undefined) {
    const id = String(params.documentId);
    const hex = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
    if (!SHA256_HEX.test(hex)) throw new DomainError('PERSISTED_QUERY_NOT_FOUND', 'A documentId is "sha256:" followed by 64 lower-case hex digits');
    return hex;
  }
  const persisted = isObject(params.extensions) ? params.extensions.persistedQuery : undefined;
  if (!isObject(persisted)) return undefined;
  const hash = String(persisted.sha256Hash ?? '');
  if (!SHA256_HEX.test(hash)) throw new DomainError('PERSISTED_QUERY_NOT_FOUND', 'extensions.persistedQuery.sha256Hash must be 64 lower-case hex digits');
  return hash;
}

/** Replaces the request's parameters by the stored document, its name, and the caller's variables. */
function rewrite(req: Request, params: GraphQLParams, trusted: TrustedDocument): void {
  const extensions = isObject(params.extensions) ? { ...params.extensions } : undefined;
  if (extensions) delete extensions.persistedQuery;
  const hasExtensions = extensions && Object.keys(extensions).length > 0;
  if (req.method === 'GET') {
    const search = new URLSearchParams({ query: trusted.document, operationName: trusted.operationName });
    if (params.variables !== undefined) search.set('variables', JSON.stringify(params.variables));
    if (hasExtensions) search.set('extensions', JSON.stringify(extensions));
    req.url = `${req.path}?${search}`;
  } else {
    // No `variables` key when none were sent: Apollo refuses a present-but-undefined one (400 BAD_REQUEST).
    req.body = { query: trusted.document, operationName: trusted.operationName, ...(params.variables !== undefined ? { variables: params.variables } : {}), ...(hasExtensions ? { extensions } : {}) };
  }
}

/** The partner may run this document: it is on the allow-list and its scopes open every field it selects. */
function checkPartnerAccess(viewer: PartnerViewer, trusted: TrustedDocument): void {
  if (!viewer.allowedOperations.includes(trusted.operationName)) {
    throw new DomainError('OPERATION_NOT_ALLOWED', `Operation ${trusted.operationName} is not on the allow-list of ${viewer.name}`, { operationName: trusted.operationName });
  }
  if (trusted.access.closedFields.length > 0) {
    throw new DomainError('FORBIDDEN', `Partners may not select ${trusted.access.closedFields.join(', ')}`, { operationName: trusted.operationName });
  }
  const missing = trusted.access.scopes.filter((s) => !viewer.scopes.includes(s));
  if (missing.length > 0) {
    throw new DomainError('FORBIDDEN', `Operation ${trusted.operationName} needs the scopes ${missing.join(', ')}`, { operationName: trusted.operationName, missingScopes: missing });
  }
}

/**
 * Partners: persisted documents only. Anyone may also name a trusted document
 * by `documentId`; officers' other requests (ad-hoc, or Apollo's automatic
 * persisted queries) go on to Apollo untouched.
 */
export function trustedDocuments(store: TrustedDocumentStore): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const viewer = viewerOf(res);
    const params = paramsOf(req);
    const partner = viewer.kind === 'partner' ? viewer : null;
    if (!partner && params?.documentId === undefined) return next();
    try {
      if (partner && params?.query !== undefined && params.query !== null) {
        throw new DomainError('PERSISTED_QUERY_REQUIRED', 'Partner systems run published operations only: send extensions.persistedQuery.sha256Hash or documentId, not a query');
      }
      const hash = params ? requestedHash(params) : undefined;
      if (!params || hash === undefined) {
        throw new DomainError('PERSISTED_QUERY_REQUIRED', 'Name a published operation by extensions.persistedQuery.sha256Hash or documentId');
      }
      const trusted = await store.get(hash);
      if (!trusted) throw new DomainError('PERSISTED_QUERY_NOT_FOUND', `No published operation has the hash ${hash}`);
      if (partner) checkPartnerAccess(partner, trusted);
      rewrite(req, params, trusted);
      res.locals.persisted = { operationName: trusted.operationName, purpose: trusted.purpose } satisfies PersistedRequest;
    } catch (error) {
      if (error instanceof DomainError) return refuse(res, error);
      return next(error);
    }
    next();
  };
}
