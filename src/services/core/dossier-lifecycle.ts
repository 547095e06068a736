/**
 * The statuses a dossier moves through (Decision 1333, Art. 13) and the only
 * moves allowed between them. Every move is kept in the dossier's history.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { Dossier, type DossierComponent, DossierStatusChange } from '../../entities/dossier.entity.js';
import { ComponentProvision, DossierStatus, OfficerRole } from '../../entities/enums.js';
import { hasRole, type Viewer } from '../../auth/viewer.js';
import type { Officer } from '../../entities/officer.entity.js';
import { DomainError } from '../../domain/errors.js';
import { requireOwnAgency } from './officers.js';

/**
 * The steps that move a dossier and who takes each (Decision 1333, Art. 13): the
 * services check these roles, and `allowedTransitions` reads the same table.
 */
export enum DossierStep {
  /** Reuse a warehouse document or digitize a paper for a component. */
  PROVIDE_COMPONENT = 'PROVIDE_COMPONENT',
  SUBMIT = 'SUBMIT',
  REQUEST_SUPPLEMENT = 'REQUEST_SUPPLEMENT',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  RETURN_RESULT = 'RETURN_RESULT',
}

export const STEP_ROLES: Readonly<Record<DossierStep, readonly OfficerRole[]>> = {
  [DossierStep.PROVIDE_COMPONENT]: [OfficerRole.RECEIVING_OFFICER],
  [DossierStep.SUBMIT]: [OfficerRole.PROCESSING_OFFICER],
  [DossierStep.REQUEST_SUPPLEMENT]: [OfficerRole.PROCESSING_OFFICER],
  [DossierStep.APPROVE]: [OfficerRole.APPROVER],
  [DossierStep.REJECT]: [OfficerRole.APPROVER],
  // At the one-stop shop the desk that received the dossier returns it, as may the approver.
  [DossierStep.RETURN_RESULT]: [OfficerRole.RECEIVING_OFFICER, OfficerRole.APPROVER],
};

/** Every allowed move and the step that makes it: the one transition table. */
export const TRANSITIONS: readonly { from: DossierStatus; to: DossierStatus; step: DossierStep }[] = [
  { from: DossierStatus.RECEIVED, to: DossierStatus.DIGITIZING, step: DossierStep.PROVIDE_COMPONENT },
  { from: DossierStatus.RECEIVED, to: DossierStatus.PROCESSING, step: DossierStep.SUBMIT },
  // More papers keep a dossier DIGITIZING: a step, not a move (no history row), listed so allowedTransitions offers it.
  { from: DossierStatus.DIGITIZING, to: DossierStatus.DIGITIZING, step: DossierStep.PROVIDE_COMPONENT },
  { from: DossierStatus.DIGITIZING, to: DossierStatus.PROCESSING, step: DossierStep.SUBMIT },
  { from: DossierStatus.PROCESSING, to: DossierStatus.NEEDS_SUPPLEMENT, step: DossierStep.REQUEST_SUPPLEMENT },
  { from: DossierStatus.PROCESSING, to: DossierStatus.APPROVED, step: DossierStep.APPROVE },
  { from: DossierStatus.PROCESSING, to: DossierStatus.REJECTED, step: DossierStep.REJECT },
  { from: DossierStatus.NEEDS_SUPPLEMENT, to: DossierStatus.DIGITIZING, step: DossierStep.PROVIDE_COMPONENT },
  { from: DossierStatus.NEEDS_SUPPLEMENT, to: DossierStatus.PROCESSING, step: DossierStep.SUBMIT },
  { from: DossierStatus.APPROVED, to: DossierStatus.RESULT_RETURNED, step: DossierStep.RETURN_RESULT },
  { from: DossierStatus.REJECTED, to: DossierStatus.RESULT_RETURNED, step: DossierStep.RETURN_RESULT },
];

/** Statuses in which components may be provided: before submission, or when the processing officer asked for more. */
export const PROVIDING: readonly DossierStatus[] = TRANSITIONS.filter((t) => t.step === DossierStep.PROVIDE_COMPONENT).map((t) => t.from);

/** Statuses after the decision: the dossier is closed to new papers and checks. */
export const CLOSED: readonly DossierStatus[] = [DossierStatus.APPROVED, DossierStatus.REJECTED, DossierStatus.RESULT_RETURNED];
export function canMove(from: DossierStatus, to: DossierStatus): boolean {
  return from !== to && TRANSITIONS.some((t) => t.from === from && t.to === to);
}

/** Codes of the mandatory components still pending: submission waits for them. */
export function missingMandatory(dossier: Dossier): string[] {
  return dossier.components.getItems()
    .map((c) => ({ provision: c.provision, requirement: c.requirement.getEntity() }))
    .filter((c) => c.provision === ComponentProvision.PENDING && c.requirement.mandatory)
    .map((c) => c.requirement.code);
}

/** Whether some component can be provided now (pending, or any while a supplement is asked for). */
function hasComponentToProvide(dossier: Dossier): boolean {
  return PROVIDING.includes(dossier.status)
    && dossier.components.getItems().some((c) => c.provision === ComponentProvision.PENDING || dossier.status === DossierStatus.NEEDS_SUPPLEMENT);
}

/** A move the viewer may make now, and the step that makes it. */
export interface AllowedTransition {
  to: DossierStatus;
  step: DossierStep;
}

/**
 * The moves `viewer` may make on the dossier now, by the rules the steps enforce:
 * the transition table, the step's roles, the receiving agency, and the step's own
 * condition (mandatory components before submission, a component left to provide).
 * The dossier's components (with their requirements) must be loaded.
 */
export function allowedTransitions(viewer: Viewer, dossier: Dossier, agencyCode: string): AllowedTransition[] {
  if (viewer.kind !== 'officer' || viewer.agencyCode !== agencyCode) return [];
  return TRANSITIONS
    .filter((t) => t.from === dossier.status && hasRole(viewer, STEP_ROLES[t.step]))
    .filter((t) => {
      if (t.step === DossierStep.SUBMIT) return missingMandatory(dossier).length === 0;
      if (t.step === DossierStep.PROVIDE_COMPONENT) return hasComponentToProvide(dossier);
      return true;
    })
    .map((t) => ({ to: t.to, step: t.step }));
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
