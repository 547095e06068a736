/** Where the tests' PostgreSQL server is, and the database the global setup made on it. */
export const TEST_SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDatabaseUrl(): string {
  const url = process.env.VSS_TEST_DATABASE_URL;
  if (!url) throw new Error('VSS_TEST_DATABASE_URL is not set: run the tests through `npm test` (jest.config.js globalSetup)');
  return url;
}

/**
 * A database name for a test file that needs a database of its own: this run's
 * name (unique per run) and the file's label, so no other run, and no rerun
 * with a recycled process ID, ever drops or recreates it. The file drops it;
 * the global teardown drops what a failed file left.
 */
export function fileDatabaseName(label: string): string {
  const run = process.env.VSS_TEST_DATABASE_NAME;
  if (!run) throw new Error('VSS_TEST_DATABASE_NAME is not set: run the tests through `npm test` (jest.config.js globalSetup)');
  return `${run}_${label}`;
}
