import { rm } from 'node:fs/promises';
import pg from 'pg';

const server = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Drops this run's Elasticsearch indexes (the run's prefix, see global-setup). */
async function dropIndexes() {
  const url = process.env.ELASTICSEARCH_URL;
  const prefix = process.env.SEARCH_INDEX_PREFIX;
  if (!url || !prefix?.startsWith('vss_test_')) return;
  await fetch(`${url}/${prefix}*?allow_no_indices=true&ignore_unavailable=true&expand_wildcards=all`, { method: 'DELETE' }).catch(() => {});
}

export default async function globalTeardown() {
  await dropIndexes();
  // This run's DATA_DIR (see global-setup).
  if (process.env.VSS_TEST_DATA_DIR) await rm(process.env.VSS_TEST_DATA_DIR, { recursive: true, force: true });
  const name = process.env.VSS_TEST_DATABASE_NAME;
  if (!name || process.env.VSS_KEEP_TEST_DATABASE) return;
  const u = new URL(server);
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    // The run's database and the per-file ones a failed file left (test/helpers/database.ts: fileDatabaseName):
    // all named after this run, so `force` only ends this run's own connections.
    const { rows } = await client.query('select datname from pg_database where datname = $1 or starts_with(datname, $2)', [name, `${name}_`]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}
