/** For commands that work on DATABASE_URL: config, ORM, the work, and a clean exit code. */
import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '../config.js';
import { createOrm, type MikroORM } from '../db/orm.js';

/** The configuration of a command that needs DATABASE_URL; exits 2 with the reason when it is invalid or unset. */
export function loadCommandConfig(): AppConfig & { databaseUrl: string } {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (!config.databaseUrl) {
    console.error('DATABASE_URL is not set: point it at the PostgreSQL server the API uses.');
    process.exit(2);
  }
  return { ...config, databaseUrl: config.databaseUrl };
}

/** Runs `work` on DATABASE_URL; its result is the exit code. Expected failures (`expected`) print their message, not a stack. */
export async function withDatabase(work: (orm: MikroORM) => Promise<number>, expected: (error: unknown) => boolean = () => false): Promise<never> {
  const config = loadCommandConfig();
  const orm = await createOrm({ clientUrl: config.databaseUrl, poolSize: 2 });
  let code: number;
  try {
    code = await work(orm);
  } catch (error) {
    if (!expected(error)) throw error;
    console.error((error as Error).message);
    code = 1;
  } finally {
    await orm.close(true);
  }
  process.exit(code);
}
