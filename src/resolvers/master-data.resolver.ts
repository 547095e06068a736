import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { Individual } from '../entities/individual.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { ShareDocumentInput, UpsertIndividualInput, UpsertOrganizationInput } from '../schema/process.types.js';
import { upsertIndividual, upsertOrganization } from '../services/master-data.service.js';
import { share } from '../services/evidence.service.js';

/** What the registers and connected systems feed into the warehouse. */
@Resolver()
export class MasterDataResolver {
  @Mutation(() => Individual, { description: 'Master data from the population register (administrators, sync jobs).' })
  upsertIndividual(@Ctx() ctx: Context, @Arg('input', () => UpsertIndividualInput) input: UpsertIndividualInput): Promise<Individual> {
    return upsertIndividual(ctx, input);
  }

  @Mutation(() => Organization, { description: 'Master data from the enterprise register (administrators, sync jobs).' })
  upsertOrganization(@Ctx() ctx: Context, @Arg('input', () => UpsertOrganizationInput) input: UpsertOrganizationInput): Promise<Organization> {
    return upsertOrganization(ctx, input);
  }

  @Mutation(() => DigitizedDocument, { description: 'A connected system or the national portal puts an electronic document into the warehouse.' })
  shareDocument(@Ctx() ctx: Context, @Arg('input', () => ShareDocumentInput) input: ShareDocumentInput): Promise<DigitizedDocument> {
    return share(ctx, input);
  }
}
