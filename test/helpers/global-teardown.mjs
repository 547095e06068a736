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
  const name = process.env.VSS_TEST_DATABASE_NAME;
  if (!name || process.env.VSS_KEEP_TEST_DATABASE) return;
  const u = new URL(server);
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
