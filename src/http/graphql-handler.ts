/**
 * `/graphql` on Express: Apollo's Express integration (@as-integrations/express5,
 * a dozen lines) plus what it cannot do, answering faults as faults.
 *
 * - A database connection lost under the request (a terminated backend, a
 *   failover): when the request is safe to run again — nothing reached COMMIT,
 *   so it was a read, or a write whose transaction never committed — it runs
 *   once more with a fresh context; otherwise, or when it fails again, the
 *   answer is HTTP 503 `UNAVAILABLE` with `Retry-After`, never INTERNAL, and no
 *   partial data leaves.
 * - The access log could not store the request's events: the data must not
 *   leave unrecorded, so the answer is the same retryable 503.
 */
import { parse as urlParse } from 'node:url';
import type { Request, RequestHandler, Response } from 'express';
import { HeaderMap, type ApolloServer, type ApolloServerPlugin, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { UNAVAILABLE_RETRY_AFTER_SECONDS, databaseUnavailable, isConnectionLoss } from '../db/faults.js';
import { refuse } from './errors.js';

/** Marks the request's faults from the errors its execution met. */
export const faultsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        if (errors.some((error) => isConnectionLoss(error.originalError ?? error))) contextValue.faults.connectionLost = true;
      },
    };
  },
};

export function accessLogUnavailable(): DomainError {
  return new DomainError('ACCESS_LOG_UNAVAILABLE', 'The access log could not record this read, so its answer was not sent; retry shortly', {
    retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
  });
}

/** HTTP 503 with `Retry-After` and the graph's error body. */
export function refuseUnavailable(res: Response, error: DomainError): void {
  res.setHeader('Retry-After', String(error.details.retryAfterSeconds ?? UNAVAILABLE_RETRY_AFTER_SECONDS));
  refuse(res, error);
}

function httpGraphQLRequest(req: Request): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return { method: req.method.toUpperCase(), headers, search: urlParse(req.url).search ?? '', body: req.body };
}

async function send(res: Response, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status || 200;
  if (response.body.kind === 'complete') {
    res.send(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export function graphqlHandler(apollo: ApolloServer<Context>, options: { context: (req: Request, res: Response) => Promise<Context>; logger: Logger }): RequestHandler {
  return async (req: Request, res: Response) => {
    const request = httpGraphQLRequest(req);
    for (let attempt = 1; ; attempt++) {
      let context: Context | undefined;
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: request,
        context: async () => (context = await options.context(req, res)),
      });
      const faults = context?.faults;
      if (faults?.accessLogFailed) return refuseUnavailable(res, accessLogUnavailable());
      if (faults?.connectionLost) {
        if (attempt === 1 && !faults.commitAttempted && response.body.kind === 'complete') {
          options.logger.warn({ requestId: res.locals.requestId }, 'database connection lost; running the request once more');
          continue;
        }
        options.logger.warn({ requestId: res.locals.requestId, attempt, commitAttempted: faults.commitAttempted }, 'database connection lost; answered 503');
        return refuseUnavailable(res, databaseUnavailable());
      }
      return send(res, response);
    }
  };
}
