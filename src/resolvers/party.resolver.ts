import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { Context } from '../context.js';
import { Individual } from '../entities/individual.entity.js';
import { Organization } from '../entities/organization.entity.js';
import {
  AdministrativeArea, DigitizedDocumentConnection, DossierConnection, PartyDocumentsArgs, PartyDossiersArgs,
} from '../schema/warehouse.types.js';
import { toConnection } from '../schema/relay.js';
import { findIndividual, findOrganization, type Party } from '../services/party.service.js';
import { ownerDocuments } from '../services/document-query.service.js';
import { applicantDossiers } from '../services/dossier-query.service.js';
import { residenceOf, type Residence } from '../services/area.service.js';

/**
 * The fields every party has, the same for individuals and organizations:
 * where it lives, its papers in the warehouse and the dossiers it filed. Each
 * party type's resolver extends the class this makes for it.
 */
function PartyFieldsResolver<T extends Party>(partyType: ClassType<T>) {
  @Resolver(() => partyType)
  abstract class PartyFields {
    @FieldResolver(() => AdministrativeArea, { nullable: true })
    residence(@Root() party: T, @Ctx() ctx: Context): Promise<Residence | null> {
      return residenceOf(ctx, party);
    }

    @FieldResolver(() => DigitizedDocumentConnection)
    async documents(@Root() party: T, @Ctx() ctx: Context, @Args() args: PartyDocumentsArgs) {
      return toConnection(await ownerDocuments(ctx, party, args.filter, args), DigitizedDocumentConnection);
    }

    @FieldResolver(() => DossierConnection)
    async dossiers(@Root() party: T, @Ctx() ctx: Context, @Args() args: PartyDossiersArgs) {
      return toConnection(await applicantDossiers(ctx, party, args.status, args), DossierConnection);
    }
  }
  return PartyFields;
}

@Resolver(() => Individual)
export class IndividualResolver extends PartyFieldsResolver(Individual) {
  @Query(() => Individual, { nullable: true, description: 'A citizen, by personal ID or social insurance code (give one).' })
  individual(
    @Ctx() ctx: Context,
    @Arg('personalId', () => String, { nullable: true }) personalId?: string,
    @Arg('socialInsuranceCode', () => String, { nullable: true }) socialInsuranceCode?: string,
  ): Promise<Individual | null> {
    return findIndividual(ctx, { personalId, socialInsuranceCode });
  }
}

@Resolver(() => Organization)
export class OrganizationResolver extends PartyFieldsResolver(Organization) {
  @Query(() => Organization, { nullable: true, description: 'A unit, by VSS unit code or tax code (give one).' })
  organization(
    @Ctx() ctx: Context,
    @Arg('unitCode', () => String, { nullable: true }) unitCode?: string,
    @Arg('taxCode', () => String, { nullable: true }) taxCode?: string,
  ): Promise<Organization | null> {
    return findOrganization(ctx, { unitCode, taxCode });
  }
}
