import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { ProcedureResult } from '../entities/dossier.entity.js';
import { findProcedureResult } from '../services/result-query.service.js';

/** Entry points partner systems need beyond the officers' graph. */
@Resolver(() => ProcedureResult)
export class PartnerQueryResolver {
  @Query(() => ProcedureResult, { nullable: true, description: 'A procedure result by its code, `KQ.<dossier code>`.' })
  procedureResult(@Ctx() ctx: Context, @Arg('code') code: string): Promise<ProcedureResult | null> {
    return findProcedureResult(ctx, code);
  }
}
