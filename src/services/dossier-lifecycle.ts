/**
 * The statuses a dossier moves through (Decision 1333, Art. 13) and the only
 * moves allowed between them. Every move is kept in the dossier's history.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context.js';
import { Dossier, DossierComponent, DossierStatusChange } from '../entities/dossier.entity.js';
import { DossierStatus } from '../entities/enums.js';
import type { Officer } from '../entities/officer.entity.js';
import { DomainError } from '../domain/errors.js';
import { requireOwnAgency } from './officers.js';

const ALLOWED: Record<DossierStatus, readonly DossierStatus[]> = {
  [DossierStatus.RECEIVED]: [DossierStatus.DIGITIZING, DossierStatus.PROCESSING],
  [DossierStatus.DIGITIZING]: [DossierStatus.PROCESSING],
  [DossierStatus.PROCESSING]: [DossierStatus.NEEDS_SUPPLEMENT, DossierStatus.APPROVED, DossierStatus.REJECTED],
  [DossierStatus.NEEDS_SUPPLEMENT]: [DossierStatus.DIGITIZING, DossierStatus.PROCESSING],
  [DossierStatus.APPROVED]: [DossierStatus.RESULT_RETURNED],
  [DossierStatus.REJECTED]: [DossierStatus.RESULT_RETURNED],
  [DossierStatus.RESULT_RETURNED]: [],
};

export function canMove(from: DossierStatus, to: DossierStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Moves the dossier and records the step; CONFLICT (with the current status) when the move is not allowed. */
export function moveDossier(em: EntityManager, dossier: Dossier, to: DossierStatus, by: Officer | null, note: string | null = null, at = new Date()): void {
  const from = dossier.status;
  if (!canMove(from, to)) {
    throw new DomainError('INVALID_TRANSITION', `A dossier in status ${from} cannot move to ${to}`, { currentStatus: from, requestedStatus: to });
  }
  dossier.status = to;
  em.persist(em.create(DossierStatusChange, { dossier, from, to, at, by, note }));
}

/**
 * Loads a dossier to change it: NOT_FOUND when unknown, OUTSIDE_AGENCY when the
 * officer's agency did not receive it. Its components come along.
 */
export async function loadDossierForWrite(ctx: Context, em: EntityManager, code: string, officer: Officer, argumentPath: (string | number)[]): Promise<Dossier> {
  const dossier = await em.findOne(Dossier, { code: code.trim() }, { populate: ['components', 'components.requirement'] });
  if (!dossier) throw new DomainError('DOSSIER_NOT_FOUND', `No dossier has the code ${code}`, { argumentPath });
  requireOwnAgency(officer, dossier.agency, `Dossier ${dossier.code}`);
  return dossier;
}

/** The dossier's component for a required-component code of its procedure. */
export function componentFor(dossier: Dossier, requirementCode: string, argumentPath: (string | number)[]): DossierComponent {
  const component = dossier.components.getItems().find((c) => c.requirement.getEntity().code === requirementCode.trim());
  if (!component) {
    throw new DomainError('REQUIREMENT_NOT_FOUND', `The procedure of dossier ${dossier.code} has no required component ${requirementCode}`, { argumentPath });
  }
  return component;
}
