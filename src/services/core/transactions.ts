/**
 * One mutation, one transaction, one flush. The callback gets a transactional
 * EntityManager; anything it throws rolls everything back, outbox rows included.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';

export function inTransaction<T>(ctx: Context, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return ctx.em.transactional((em) => work(em as EntityManager));
}
