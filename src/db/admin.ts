/** Database-level chores: create or drop a database on a server (tests, scratch work). */
import pg from 'pg';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function recreateDatabase(url: string, database: string): Promise<void> {
  await onServer(url, async (client) => {
    await client.query(`drop database if exists ${quoteIdent(database)} with (force)`);
    await client.query(`create database ${quoteIdent(database)} template template0 encoding 'UTF8'`);
  });
}

export async function dropDatabase(url: string, database: string): Promise<void> {
  await onServer(url, (client) => client.query(`drop database if exists ${quoteIdent(database)} with (force)`));
}
