// Once per `npm test` (plain JavaScript: Jest loads global setup outside its
// module system). Makes an empty database of the run's own on the PostgreSQL
// server of DATABASE_URL (default: the local one); the first test that needs it
// migrates and seeds it (test/helpers/test-database.ts), under a lock.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const server = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function onDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function globalSetup() {
  const name = `vss_test_${process.pid}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: onDatabase(server, 'postgres') });
  try {
    await client.connect();
    await client.query(`create database "${name}" template template0 encoding 'UTF8'`);
  } catch (error) {
    throw new Error(`The tests need PostgreSQL at ${server} (set DATABASE_URL): ${error.message}`);
  } finally {
    await client.end().catch(() => {});
  }
  process.env.VSS_TEST_DATABASE_NAME = name;
  process.env.VSS_TEST_DATABASE_URL = onDatabase(server, name);

  // A real Elasticsearch node: ELASTICSEARCH_URL, or the local one started (or reused) by the script.
  if (!process.env.ELASTICSEARCH_URL) {
    try {
      const out = execFileSync('bash', ['scripts/elasticsearch/start.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      process.env.ELASTICSEARCH_URL = out.trim().split('\n').at(-1);
    } catch (error) {
      throw new Error(`The tests need Elasticsearch: scripts/elasticsearch/start.sh failed (or set ELASTICSEARCH_URL): ${error.message}`);
    }
  }
  // Files and development keys of this run only (never the checkout's ./data, which `npm start` and
  // concurrent runs share); removed by the global teardown.
  process.env.DATA_DIR = process.env.VSS_TEST_DATA_DIR = await mkdtemp(join(tmpdir(), 'vss-test-data-'));
  // The access log's seal key: production-mode apps refuse to start without one.
  await mkdir(join(process.env.DATA_DIR, 'pki'), { recursive: true });
  // Named in AUDIT_SEAL_KEY_FILE too: apps given a DATA_DIR of their own (process fixtures) use the same key.
  process.env.AUDIT_SEAL_KEY_FILE = join(process.env.DATA_DIR, 'pki', 'audit-seal-ed25519.pem');
  await writeFile(process.env.AUDIT_SEAL_KEY_FILE, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });

  // Index names of this run only, so concurrent runs on one node never collide; dropped at the end.
  process.env.SEARCH_INDEX_PREFIX = `vss_test_${process.pid}_${Date.now().toString(36)}`;
}
