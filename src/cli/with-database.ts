/** For commands: the command line, the configuration, the ORM on DATABASE_URL, and a clean exit code. */
import 'reflect-metadata';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfigOrExit, type AppConfig } from '../config.js';
import { createOrm, type MikroORM } from '../db/orm.js';

/** The configuration of a command that works on DATABASE_URL. */
export type CommandConfig = AppConfig & { databaseUrl: string };

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

/** The configuration of a command that needs DATABASE_URL; exits 2 with the reason when it is invalid or unset. */
export function loadCommandConfig(): CommandConfig {
  const config = loadConfigOrExit();
  if (!config.databaseUrl) fail('DATABASE_URL is not set: point it at the PostgreSQL server (the embedded database belongs to `npm start`).', 2);
  return { ...config, databaseUrl: config.databaseUrl };
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
