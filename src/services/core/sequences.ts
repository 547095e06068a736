/**
 * Business-code sequences: one counter row per scope (agency and day), bumped
 * with one upsert, so agencies never wait on each other and a rolled-back
 * transaction gives its number back.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export async function nextSequence(em: EntityManager, scope: string): Promise<number> {
  const [row] = await em.getConnection().execute<{ value: string | number }[]>(
    `insert into code_sequence (scope, value) values (?, 1)
     on conflict (scope) do update set value = code_sequence.value + 1
     returning value`,
    [scope],
    'all',
    em.getTransactionContext(),
  );
  return Number(row.value);
}
