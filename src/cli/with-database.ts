/** For commands: the command line, the configuration, the ORM on DATABASE_URL, and a clean exit code. */
import 'reflect-metadata';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfigOrExit, type AppConfig } from '../config.js';
import { createOrm, type MikroORM } from '../db/orm.js';
import { runningEmbeddedDatabase } from '../db/embedded.js';

/** The configuration of a command: the database it works on, and whether that is a running `npm start`'s embedded one. */
export type CommandConfig = AppConfig & { databaseUrl: string; embedded: boolean };

/** Prints `message` to stderr and exits with `code` (2: wrong usage or configuration). */
export function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/**
 * Parses the command line as `parseArgs` does; a mistake prints it with `usage`
 * and exits 2, and `--help` (an option the command declares) prints `usage` and exits 0.
 */
export function parseCommandLine<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`, 2);
  }
  if ((parsed.values as { help?: unknown }).help === true) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

/**
 * The configuration of a command that needs a database: DATABASE_URL, else the embedded database
 * a running `npm start` serves from DATA_DIR; exits 2 with the reason when there is neither.
 */
export function loadCommandConfig(): CommandConfig {
  const config = loadConfigOrExit();
  const databaseUrl = config.databaseUrl ?? runningEmbeddedDatabase(config.dataDir);
  if (!databaseUrl) {
    fail(`DATABASE_URL is not set and no \`npm start\` serves its embedded database from DATA_DIR (${config.dataDir}): start it first (in another terminal, same folder), or point DATABASE_URL at a PostgreSQL server.`, 2);
  }
  return { ...config, databaseUrl, embedded: !config.databaseUrl };
}

/**
 * Runs `work` on DATABASE_URL; its result is the exit code. Expected failures
 * (`expected`) print their message, not a stack.
 */
export async function withDatabase(
  work: (orm: MikroORM, config: CommandConfig) => Promise<number>,
  expected: (error: unknown) => boolean = () => false,
): Promise<never> {
  const config = loadCommandConfig();
  const orm = await createOrm({ clientUrl: config.databaseUrl, poolSize: 2 });
  let code: number;
  try {
    code = await work(orm, config);
  } catch (error) {
    if (!expected(error)) throw error;
    console.error((error as Error).message);
    code = 1;
  } finally {
    await orm.close(true);
  }
  process.exit(code);
}
