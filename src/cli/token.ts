import 'reflect-metadata';
/**
 * Prints a development token for an officer; the token is the last line.
 * Usage: npm run token -- --role <ROLE> [--agency <CODE>] [--officer <CODE>]
 */
import { loadConfigOrExit } from '../config.js';
import { signDevelopmentToken } from '../auth/tokens.js';
import { OfficerRole } from '../entities/enums.js';
import { AGENCIES, OFFICERS } from '../catalog/agencies.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const role = option('role');
const roles = Object.values(OfficerRole) as string[];
if (!role || !roles.includes(role)) {
  console.error(`Usage: npm run token -- --role <${roles.join('|')}> [--agency <CODE>] [--officer <CODE>]`);
  process.exit(2);
}
const config = loadConfigOrExit();
if (config.nodeEnv === 'production') {
  console.error('Development tokens are not issued in production; use the identity provider.');
  process.exit(2);
}
const agency = option('agency') ?? AGENCIES[0].code;
if (!AGENCIES.some((a) => a.code === agency)) {
  console.error(`Unknown agency ${agency}`);
  process.exit(2);
}
const officer = option('officer') ?? OFFICERS.find((o) => o.agencyCode === agency && o.roles.includes(role as OfficerRole))?.code ?? `DEV-${role}`;
console.error(`Token for ${officer} (${role}) at ${agency}, valid 12 hours:`);
console.log(await signDevelopmentToken(config, { sub: officer, agency, roles: [role as OfficerRole] }));
