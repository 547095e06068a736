/** The officer behind a request, and the rules about where an officer may write. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context.js';
import { Officer } from '../entities/officer.entity.js';
import type { Agency } from '../entities/agency.entity.js';
import { DomainError } from '../domain/errors.js';
import type { OfficerRole } from '../entities/enums.js';
import { hasRole } from '../auth/viewer.js';

/** The signed-in officer's row (with their agency); FORBIDDEN for partners and unknown or inactive officers. */
export async function currentOfficer(ctx: Context, em: EntityManager = ctx.em): Promise<Officer> {
  if (ctx.viewer.kind !== 'officer') throw new DomainError('FORBIDDEN', 'Only officers may do this');
  const officer = await em.findOne(Officer, { code: ctx.viewer.code, active: true }, { populate: ['agency'] });
  if (!officer) throw new DomainError('FORBIDDEN', `Officer ${ctx.viewer.code} is not registered or not active`);
  if (officer.agency.getEntity().code !== ctx.viewer.agencyCode) {
    throw new DomainError('FORBIDDEN', `Officer ${ctx.viewer.code} does not belong to agency ${ctx.viewer.agencyCode}`);
  }
  return officer;
}

export function requireRole(ctx: Context, roles: readonly OfficerRole[], action: string): void {
  if (ctx.viewer.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  if (!hasRole(ctx.viewer, roles)) throw new DomainError('FORBIDDEN', `Only ${roles.join(' or ')} may ${action}`);
}

/** Writes stay inside the officer's own agency. */
export function requireOwnAgency(officer: Officer, agency: Agency | { id: string }, what: string): void {
  if (officer.agency.id !== agency.id) {
    throw new DomainError('OUTSIDE_AGENCY', `${what} belongs to another agency; officers write only in their own`);
  }
}
