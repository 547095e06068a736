import 'reflect-metadata';
/**
 * Prints a development token for an officer; the token is the last line.
 * Usage: npm run token -- --role <ROLE> [--agency <CODE>] [--officer <CODE>]
 * (The same tokens come from `POST /dev/token` of a running development API.)
 */
import { loadConfigOrExit } from '../config.js';
import { issueDevelopmentToken } from '../auth/development-tokens.js';
import { DomainError } from '../domain/errors.js';
import { OfficerRole } from '../entities/enums.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const config = loadConfigOrExit();
try {
  const issued = await issueDevelopmentToken(config, { role: option('role') ?? '', agency: option('agency'), officer: option('officer') });
  console.error(`Token for ${issued.officer} (${issued.role}) at ${issued.agency}, valid ${config.jwt.maxLifetimeSeconds / 3600} hours:`);
  console.log(issued.token);
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(error.message);
  if (error.details.argumentPath?.[0] === 'role') console.error(`Usage: npm run token -- --role <${Object.values(OfficerRole).join('|')}> [--agency <CODE>] [--officer <CODE>]`);
  process.exit(2);
}
