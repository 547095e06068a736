/**
 * A cheap, honest "did anything change" for the test database: per table, the
 * row count and the sum of a 64-bit hash of each row's text together with its
 * `xmin` (the transaction that wrote that row version). An insert, a delete or
 * an update — even one that writes the same values back — changes the sum; only
 * a hash collision could hide a change. One statement over every table of the
 * public schema (the test database is small: a few thousand rows).
 */
import type { TestApp } from '../helpers/app.js';

export type Checksum = Record<string, string>;

/** Builds the statement once: every base table of the public schema. */
export async function checksumStatement(t: TestApp): Promise<string> {
  const tables = await t.app.orm.em.fork().getConnection().execute<{ name: string }[]>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  return tables
    .map(({ name }) => {
      const q = `"${name.replace(/"/g, '""')}"`;
      return `select '${name.replace(/'/g, "''")}' as name, count(*)::text || ':' || coalesce(sum(hashtextextended(r::text || '@' || r.xmin::text, 0)), 0)::text as sum from public.${q} r`;
    })
    .join(' union all ');
}

/** The checksum of every table now. */
export async function checksum(t: TestApp, statement: string): Promise<Checksum> {
  const rows = await t.app.orm.em.fork().getConnection().execute<{ name: string; sum: string }[]>(statement);
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}

/** Tables whose checksum differs between two readings. */
export function changedTables(before: Checksum, after: Checksum): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => before[name] !== after[name]).sort();
}
