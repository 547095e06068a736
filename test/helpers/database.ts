/** Where the tests' PostgreSQL server is, and the database the global setup made on it. */
export const TEST_SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDatabaseUrl(): string {
  const url = process.env.VSS_TEST_DATABASE_URL;
  if (!url) throw new Error('VSS_TEST_DATABASE_URL is not set: run the tests through `npm test` (jest.config.js globalSetup)');
  return url;
}
