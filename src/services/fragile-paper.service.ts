/**
 * Important, fragile papers that should not be digitized (Decision 1333, Art. 13.3: "đối với
 * giấy tờ, tài liệu quan trọng, dễ hư hỏng ... thủ trưởng đơn vị quyết định không số hóa"):
 * the receiving officer proposes, an approver of the same agency decides with a reason.
 * Accepted, the component is NOT_DIGITIZED and says where the paper is kept. A paper that
 * scanning might damage but that is digitized all the same goes through `digitize` with
 * `fromCopy` (SCANNED_FROM_COPY).
 */
import { ref } from '@mikro-orm/core';
import type { Context } from '../context.js';
import { NonDigitizationProposal, type DossierComponent } from '../entities/dossier.entity.js';
import { ComponentProvision, OfficerRole, ProposalStatus } from '../entities/enums.js';
import { DomainError, badInput } from '../domain/errors.js';
import { checkText } from '../domain/text.js';
import { componentToProvide, provideComponent, writeDossier } from './core/dossier-write.js';

/** The receiving officer's proposal not to digitize a component's paper. */
export interface ProposeNotDigitizingCommand {
  dossierCode: string;
  requirementCode: string;
  /** Why: the paper's importance and condition. */
  reason: string;
  /** Where the paper will be kept (archive, shelf, file). */
  paperKeptAt: string;
}

/** The approver's decision on the waiting proposal of a component. */
export interface DecideNotDigitizingCommand {
  dossierCode: string;
  requirementCode: string;
  accept: boolean;
  /** Why, for an acceptance as for a refusal. */
  reason: string;
}

function required(value: string, kind: 'paragraph' | 'line', path: (string | number)[], what: string): string {
  checkText(value, kind, path);
  const trimmed = value.trim();
  if (!trimmed) throw badInput(path, `${what} must not be blank`);
  return trimmed;
}

async function waitingProposal(component: DossierComponent): Promise<NonDigitizationProposal | undefined> {
  return (await component.nonDigitizationProposals.load()).getItems().find((p) => p.status === ProposalStatus.PROPOSED);
}

/** The receiving officer proposes not to digitize a pending component's paper; one proposal waits at a time. */
export function proposeNotDigitizing(ctx: Context, input: ProposeNotDigitizingCommand): Promise<NonDigitizationProposal> {
  const reason = required(input.reason, 'paragraph', ['input', 'reason'], 'The reason');
  const paperKeptAt = required(input.paperKeptAt, 'line', ['input', 'paperKeptAt'], 'Where the paper is kept');
  const write = { roles: [OfficerRole.RECEIVING_OFFICER], action: 'propose not to digitize papers', argumentPath: ['input', 'dossierCode'] };
  return writeDossier(ctx, input.dossierCode, write, async (em, dossier, officer, now) => {
    const component = componentToProvide(dossier, input.requirementCode, ['input', 'requirementCode']);
    if (await waitingProposal(component)) {
      throw new DomainError('PROPOSAL_DECIDED', `A proposal not to digitize component ${input.requirementCode} of dossier ${dossier.code} already waits for the approver`, {
        argumentPath: ['input', 'requirementCode'],
      });
    }
    // Written so that the version check orders this proposal against other writes on the dossier.
    dossier.updatedAt = now;
    return em.create(NonDigitizationProposal, { component, reason, paperKeptAt, proposedBy: officer, proposedAt: now });
  });
}

/**
 * An approver of the dossier's agency decides the waiting proposal: accepted, the
 * component is NOT_DIGITIZED, kept where the proposal says; refused, it still waits
 * for its scan. Both need the reason.
 */
export function decideNotDigitizing(ctx: Context, input: DecideNotDigitizingCommand): Promise<NonDigitizationProposal> {
  const reason = required(input.reason, 'paragraph', ['input', 'reason'], 'The reason');
  const write = { roles: [OfficerRole.APPROVER], action: 'decide not to digitize papers', argumentPath: ['input', 'dossierCode'] };
  return writeDossier(ctx, input.dossierCode, write, async (em, dossier, officer, now) => {
    const component = componentToProvide(dossier, input.requirementCode, ['input', 'requirementCode']);
    const proposal = await waitingProposal(component);
    if (!proposal) {
      throw new DomainError('PROPOSAL_NOT_FOUND', `No proposal not to digitize component ${input.requirementCode} of dossier ${dossier.code} waits for a decision`, {
        argumentPath: ['input', 'requirementCode'],
      });
    }
    proposal.status = input.accept ? ProposalStatus.ACCEPTED : ProposalStatus.REFUSED;
    proposal.decidedBy = ref(officer);
    proposal.decidedAt = now;
    proposal.decisionReason = reason;
    if (input.accept) {
      await provideComponent(em, dossier, component, ComponentProvision.NOT_DIGITIZED, null, officer, now, { paperKeptAt: proposal.paperKeptAt });
    } else {
      dossier.updatedAt = now;
    }
    return proposal;
  });
}
