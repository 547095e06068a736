import pg from 'pg';

const server = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function globalTeardown() {
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
