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
// The API refuses a token whose officer is not registered and active at that agency.
const officer = option('officer') ?? OFFICERS.find((o) => o.agencyCode === agency && o.roles.includes(role as OfficerRole))?.code;
if (!officer) {
  console.error(`No demo officer of agency ${agency} has the role ${role}: name one with --officer <CODE>`);
  process.exit(2);
}
console.error(`Token for ${officer} (${role}) at ${agency}, valid ${config.jwt.maxLifetimeSeconds / 3600} hours:`);
console.log(await signDevelopmentToken(config, { sub: officer, agency, roles: [role as OfficerRole] }));
