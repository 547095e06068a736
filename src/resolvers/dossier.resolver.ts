import { Arg, Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Discrepancy, Dossier, DossierComponent, DossierStatusChange, NonDigitizationProposal, ProcedureResult, Verification } from '../entities/dossier.entity.js';
import { AdministrativeProcedure, RequiredComponent } from '../entities/procedure.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { Officer } from '../entities/officer.entity.js';
import { DossierConnection, DossiersArgs, Party } from '../schema/warehouse.types.js';
import { toConnection } from '../schema/relay.js';
import { dossierTransitions, findDossier, listDossiers, reuseRate } from '../services/dossier-query.service.js';
import { DossierTransition } from '../schema/process.types.js';
import { loadParty, type Party as PartyEntity } from '../services/party.service.js';
import { loadOptional } from '../db/refs.js';
import { DateScalar } from '../schema/scalars.js';
import { dueDay } from '../domain/working-days.js';

@Resolver(() => Dossier)
export class DossierResolver {
  @Query(() => Dossier, { nullable: true, description: 'A dossier by its code.' })
  dossier(@Ctx() ctx: Context, @Arg('code') code: string): Promise<Dossier | null> {
    return findDossier(ctx, code);
  }

  @Query(() => DossierConnection, { description: 'Dossiers, newest first.' })
  async dossiers(@Ctx() ctx: Context, @Args() args: DossiersArgs) {
    return toConnection(await listDossiers(ctx, args.filter, args), DossierConnection);
  }

  @FieldResolver(() => AdministrativeProcedure)
  procedure(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<AdministrativeProcedure> {
    return ctx.catalog.procedure(dossier.procedure);
  }

  @FieldResolver(() => Party)
  applicant(@Root() dossier: Dossier): Promise<PartyEntity> {
    return loadParty(dossier.applicantIndividual, dossier.applicantOrganization);
  }

  @FieldResolver(() => Officer, { nullable: true })
  receivedBy(@Root() dossier: Dossier): Promise<Officer | null> {
    return loadOptional(dossier.receivedBy);
  }

  @FieldResolver(() => DateScalar, {
    description: 'The day the result is promised for ("ngày hẹn trả kết quả", Vietnam time): the last working day of the processing time; `dueAt` is its end.',
  })
  dueOn(@Root() dossier: Dossier): string {
    return dueDay(dossier.dueAt);
  }

  @FieldResolver(() => [DossierComponent])
  async components(@Root() dossier: Dossier): Promise<DossierComponent[]> {
    return (await dossier.components.load()).getItems();
  }

  @FieldResolver(() => [Discrepancy])
  async discrepancies(@Root() dossier: Dossier): Promise<Discrepancy[]> {
    return (await dossier.discrepancies.load()).getItems();
  }

  @FieldResolver(() => [DossierStatusChange])
  async history(@Root() dossier: Dossier): Promise<DossierStatusChange[]> {
    return (await dossier.history.load()).getItems();
  }

  @FieldResolver(() => [Verification], { description: 'Verifications and consultations asked of other agencies, and their answers (each its own document of the dossier).' })
  async verifications(@Root() dossier: Dossier): Promise<Verification[]> {
    return (await dossier.verifications.load()).getItems();
  }

  @FieldResolver(() => ProcedureResult, { nullable: true })
  result(@Root() dossier: Dossier): Promise<ProcedureResult | null> {
    return loadOptional(dossier.result);
  }

  @FieldResolver(() => [DossierTransition], {
    description: 'The statuses the viewer may move this dossier to now, with the mutation to call: the rules the workflow enforces (transitions, roles, agency, mandatory components). Empty for partners and other agencies.',
  })
  async allowedTransitions(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<DossierTransition[]> {
    return (await dossierTransitions(ctx, dossier)).map(DossierTransition.of);
  }

  @FieldResolver(() => Float, { description: 'Share of provided components that were reused rather than scanned, 0..1.' })
  reuseRate(@Root() dossier: Dossier): Promise<number> {
    return reuseRate(dossier);
  }
}

@Resolver(() => DossierComponent)
export class DossierComponentResolver {
  @FieldResolver(() => RequiredComponent)
  requirement(@Root() component: DossierComponent, @Ctx() ctx: Context): Promise<RequiredComponent> {
    return ctx.catalog.requirement(component.requirement);
  }

  @FieldResolver(() => DigitizedDocument, { nullable: true })
  document(@Root() component: DossierComponent): Promise<DigitizedDocument | null> {
    return loadOptional(component.document);
  }

  @FieldResolver(() => Officer, { nullable: true })
  providedBy(@Root() component: DossierComponent): Promise<Officer | null> {
    return loadOptional(component.providedBy);
  }

  @FieldResolver(() => [NonDigitizationProposal], { description: 'Proposals not to digitize this paper, and their decisions.' })
  async nonDigitizationProposals(@Root() component: DossierComponent): Promise<NonDigitizationProposal[]> {
    return (await component.nonDigitizationProposals.load()).getItems();
  }
}

@Resolver(() => NonDigitizationProposal)
export class NonDigitizationProposalResolver {
  @FieldResolver(() => Officer)
  proposedBy(@Root() proposal: NonDigitizationProposal): Promise<Officer> {
    return proposal.proposedBy.loadOrFail();
  }

  @FieldResolver(() => Officer, { nullable: true })
  decidedBy(@Root() proposal: NonDigitizationProposal): Promise<Officer | null> {
    return loadOptional(proposal.decidedBy);
  }

  @FieldResolver(() => DossierComponent)
  component(@Root() proposal: NonDigitizationProposal): Promise<DossierComponent> {
    return proposal.component.loadOrFail();
  }
}

@Resolver(() => Verification)
export class VerificationResolver {
  @FieldResolver(() => Officer)
  requestedBy(@Root() verification: Verification): Promise<Officer> {
    return verification.requestedBy.loadOrFail();
  }

  @FieldResolver(() => Officer, { nullable: true, description: 'The officer who scanned a paper answer; null when the connected system pushed it.' })
  answerRecordedBy(@Root() verification: Verification): Promise<Officer | null> {
    return loadOptional(verification.answerRecordedBy);
  }

  @FieldResolver(() => DigitizedDocument, { nullable: true, description: 'The answer, digitized into the warehouse.' })
  document(@Root() verification: Verification): Promise<DigitizedDocument | null> {
    return loadOptional(verification.document);
  }
}

@Resolver(() => DossierStatusChange)
export class DossierStatusChangeResolver {
  @FieldResolver(() => Officer, { nullable: true })
  by(@Root() change: DossierStatusChange): Promise<Officer | null> {
    return loadOptional(change.by);
  }
}

@Resolver(() => ProcedureResult)
export class ProcedureResultResolver {
  @FieldResolver(() => DigitizedDocument, { nullable: true })
  document(@Root() result: ProcedureResult): Promise<DigitizedDocument | null> {
    return loadOptional(result.document);
  }

  @FieldResolver(() => Officer)
  decidedBy(@Root() result: ProcedureResult): Promise<Officer> {
    return result.decidedBy.loadOrFail();
  }

  @FieldResolver(() => Officer, { nullable: true, description: 'The officer who handed the paper result over (or posted it).' })
  returnedBy(@Root() result: ProcedureResult): Promise<Officer | null> {
    return loadOptional(result.returnedBy);
  }
}

@Resolver(() => Discrepancy)
export class DiscrepancyResolver {
  @FieldResolver(() => DigitizedDocument, { nullable: true })
  document(@Root() discrepancy: Discrepancy): Promise<DigitizedDocument | null> {
    return loadOptional(discrepancy.document);
  }
}
