import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Context } from '../context.js';
import { Discrepancy, Dossier, DossierComponent, NonDigitizationProposal, Verification } from '../entities/dossier.entity.js';
import { PartyRef } from '../schema/warehouse.types.js';
import {
  AnswerVerificationInput, DecideNotDigitizingInput, DigitizeComponentInput, EvidenceMatch, ProposeNotDigitizingInput, ReceiveDossierInput, RequestVerificationInput,
  ResolveDossierInput, ReuseDocumentInput,
} from '../schema/process.types.js';
import * as workflow from '../services/dossier-workflow.service.js';
import { reusableEvidence } from '../services/evidence.service.js';
import { checkConsistency } from '../services/consistency.service.js';
import { digitize } from '../services/digitization.service.js';
import { decideNotDigitizing, proposeNotDigitizing } from '../services/fragile-paper.service.js';
import { answerVerification, requestVerification } from '../services/verification.service.js';

/** The steps of a dossier at the one-stop shop, from reception to the returned result. */
@Resolver()
export class DossierProcessResolver {
  @Query(() => [EvidenceMatch], { description: 'Warehouse documents that can be reused for each required component of a procedure.' })
  reusableEvidence(
    @Ctx() ctx: Context,
    @Arg('procedureCode') procedureCode: string,
    @Arg('owner', () => PartyRef) owner: PartyRef,
  ): Promise<EvidenceMatch[]> {
    return reusableEvidence(ctx, procedureCode, owner);
  }

  @Mutation(() => Dossier, { description: 'Receives a dossier (receiving officers). The same idempotencyKey returns the same dossier.' })
  receiveDossier(@Ctx() ctx: Context, @Arg('input', () => ReceiveDossierInput) input: ReceiveDossierInput): Promise<Dossier> {
    return workflow.receive(ctx, input);
  }

  @Mutation(() => DossierComponent, { description: 'Links a warehouse document to a component instead of asking for the paper (receiving officers).' })
  reuseDocument(@Ctx() ctx: Context, @Arg('input', () => ReuseDocumentInput) input: ReuseDocumentInput): Promise<DossierComponent> {
    return workflow.reuse(ctx, input);
  }

  @Mutation(() => DossierComponent, { description: 'Turns an uploaded scan into a signed warehouse document for a component (receiving officers).' })
  digitizeComponent(@Ctx() ctx: Context, @Arg('input', () => DigitizeComponentInput) input: DigitizeComponentInput): Promise<DossierComponent> {
    return digitize(ctx, input);
  }

  @Mutation(() => [Discrepancy], { description: 'Compares declared values with the warehouse and records the differences.' })
  checkConsistency(
    @Ctx() ctx: Context,
    @Arg('dossierCode') dossierCode: string,
    @Arg('declared', () => GraphQLJSONObject) declared: Record<string, unknown>,
  ): Promise<Discrepancy[]> {
    return checkConsistency(ctx, { dossierCode, declared });
  }

  @Mutation(() => Dossier, { description: 'Hands the dossier to processing once every mandatory component is provided (processing officers).' })
  submitForProcessing(@Ctx() ctx: Context, @Arg('dossierCode') dossierCode: string): Promise<Dossier> {
    return workflow.submit(ctx, { dossierCode });
  }

  @Mutation(() => Dossier, { description: 'Returns the dossier to the applicant for more papers (processing officers).' })
  requestSupplement(@Ctx() ctx: Context, @Arg('dossierCode') dossierCode: string, @Arg('note') note: string): Promise<Dossier> {
    return workflow.requestSupplement(ctx, { dossierCode, note });
  }

  @Mutation(() => Dossier, { description: 'Approves (issuing the result) or rejects (with a reason) a dossier in processing (approvers).' })
  resolveDossier(@Ctx() ctx: Context, @Arg('input', () => ResolveDossierInput) input: ResolveDossierInput): Promise<Dossier> {
    return workflow.resolve(ctx, input);
  }

  @Mutation(() => Dossier, {
    description: 'Hands the paper result over, at the desk or by post as chosen at reception, recording who handed it to whom and when (receiving officers, or approvers).',
  })
  returnResult(
    @Ctx() ctx: Context,
    @Arg('dossierCode') dossierCode: string,
    @Arg('handedOverTo', () => String, { nullable: true, description: 'Who received the paper (a representative, the addressee by post); default: the applicant.' })
    handedOverTo?: string | null,
  ): Promise<Dossier> {
    return workflow.returnResult(ctx, { dossierCode, handedOverTo });
  }

  @Mutation(() => NonDigitizationProposal, { description: 'Proposes not to digitize an important, fragile paper; an approver decides (receiving officers).' })
  proposeNotDigitizing(@Ctx() ctx: Context, @Arg('input', () => ProposeNotDigitizingInput) input: ProposeNotDigitizingInput): Promise<NonDigitizationProposal> {
    return proposeNotDigitizing(ctx, input);
  }

  @Mutation(() => NonDigitizationProposal, { description: "Accepts (the component becomes NOT_DIGITIZED) or refuses a proposal not to digitize a paper (approvers of the dossier's agency)." })
  decideNotDigitizing(@Ctx() ctx: Context, @Arg('input', () => DecideNotDigitizingInput) input: DecideNotDigitizingInput): Promise<NonDigitizationProposal> {
    return decideNotDigitizing(ctx, input);
  }

  @Mutation(() => Verification, { description: 'Asks another agency to verify or give an opinion while the dossier is processed (processing officers).' })
  requestVerification(@Ctx() ctx: Context, @Arg('input', () => RequestVerificationInput) input: RequestVerificationInput): Promise<Verification> {
    return requestVerification(ctx, input);
  }

  @Mutation(() => Verification, {
    description: "Records another agency's answer, digitized into the dossier: a scan by an officer, or a document pushed by the agency's connected system (partners with verifications:answer).",
  })
  answerVerification(@Ctx() ctx: Context, @Arg('input', () => AnswerVerificationInput) input: AnswerVerificationInput): Promise<Verification> {
    return answerVerification(ctx, input);
  }
}
