/**
 * Development sign-in, shared by `npm run token` and `POST /dev/token` (GraphiQL's
 * role switcher, the console's picker): a token for a demo officer of the chosen
 * role and agency. Never in production — the identity provider signs there.
 */
import type { AppConfig } from '../config.js';
import { AGENCIES, OFFICERS } from '../catalog/agencies.js';
import { OfficerRole } from '../entities/enums.js';
import { DomainError, badInput } from '../domain/errors.js';
import { signDevelopmentToken } from './tokens.js';

export interface DevelopmentTokenCommand {
  role: string;
  /** Agency code; the first agency (the Hà Nội office) when absent. */
  agency?: string;
  /** Officer code; the demo officer of that role at that agency when absent. */
  officer?: string;
}

export interface DevelopmentToken {
  token: string;
  officer: string;
  officerName: string;
  agency: string;
  role: OfficerRole;
  expiresAt: string;
}

/** Who can sign in, for pickers: the roles, and per agency that has demo officers, one officer per role. */
export interface DevelopmentSignInOptions {
  roles: OfficerRole[];
  agencies: { code: string; name: string; officers: { code: string; fullName: string; roles: string[] }[] }[];
}

const ROLES = Object.values(OfficerRole) as string[];

export function developmentSignInOptions(): DevelopmentSignInOptions {
  const withOfficers = AGENCIES.filter((a) => OFFICERS.some((o) => o.agencyCode === a.code));
  return {
    roles: ROLES as OfficerRole[],
    agencies: withOfficers.map((a) => ({
      code: a.code,
      name: a.name,
      officers: OFFICERS.filter((o) => o.agencyCode === a.code).map((o) => ({ code: o.code, fullName: o.fullName, roles: [...o.roles] })),
    })),
  };
}

/** Signs a development token; refuses in production, and an unknown role, agency or officer with the path of the field. */
export async function issueDevelopmentToken(config: AppConfig, command: DevelopmentTokenCommand): Promise<DevelopmentToken> {
  if (config.nodeEnv === 'production') throw new DomainError('FORBIDDEN', 'Development tokens are not issued in production; use the identity provider.');
  if (typeof command.role !== 'string' || !ROLES.includes(command.role)) throw badInput(['role'], `role must be one of ${ROLES.join(', ')}`);
  const role = command.role as OfficerRole;
  const agency = command.agency ?? AGENCIES[0]!.code;
  if (typeof agency !== 'string' || !AGENCIES.some((a) => a.code === agency)) throw badInput(['agency'], 'Unknown agency');
  // The API refuses a token whose officer is not registered and active at that agency.
  const officer = command.officer
    ? OFFICERS.find((o) => o.code === command.officer && o.agencyCode === agency)
    : OFFICERS.find((o) => o.agencyCode === agency && o.roles.includes(role));
  if (!officer) {
    throw command.officer
      ? badInput(['officer'], `No demo officer ${String(command.officer)} at agency ${agency}`)
      : badInput(['agency'], `No demo officer of agency ${agency} has the role ${role}: name one with officer`);
  }
  const lifetime = config.jwt.maxLifetimeSeconds;
  const token = await signDevelopmentToken(config, { sub: officer.code, agency, roles: [role] }, lifetime);
  return { token, officer: officer.code, officerName: officer.fullName, agency, role, expiresAt: new Date(Date.now() + lifetime * 1000).toISOString() };
}
