/**
 * One mutation, one transaction, one flush. The callback gets a transactional
 * EntityManager; anything it throws rolls everything back, outbox rows included.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';

export function inTransaction<T>(ctx: Context, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return ctx.em.transactional(async (em) => {
    const result = await work(em as EntityManager);
    await em.flush();
    // COMMIT comes next. A connection lost before this line rolled everything back, so the request may run again;
    // from here on whether it committed is unknown, and the request is answered as retryable instead (src/http/graphql-handler.ts).
    ctx.faults.commitAttempted = true;
    return result;
  });
}
