import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Individual } from '../entities/individual.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { DossierStatus } from '../entities/enums.js';
import { AdministrativeArea, DigitizedDocumentConnection, DocumentFilter, DossierConnection } from '../schema/warehouse.types.js';
import { toConnection } from '../schema/relay.js';
import { findIndividual, findOrganization, type Party } from '../services/party.service.js';
import { ownerDocuments } from '../services/document-query.service.js';
import { applicantDossiers } from '../services/dossier-query.service.js';
import { residenceOf } from '../services/area.service.js';

@ArgsType()
class DocumentsArgs {
  @Field(() => Int, { nullable: true }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
  @Field(() => DocumentFilter, { nullable: true }) filter?: DocumentFilter;
}

@ArgsType()
class DossiersArgs {
  @Field(() => Int, { nullable: true }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
  @Field(() => DossierStatus, { nullable: true }) status?: DossierStatus;
}

/** Fields every party has: papers in the warehouse and dossiers filed. */
function partyFields(ctx: Context, party: Party) {
  return {
    documents: (args: DocumentsArgs) => ownerDocuments(ctx, party, args.filter, args).then((page) => toConnection(page, DigitizedDocumentConnection)),
    dossiers: (args: DossiersArgs) => applicantDossiers(ctx, party, args.status, args).then((page) => toConnection(page, DossierConnection)),
  };
}

@Resolver(() => Individual)
export class IndividualResolver {
  @Query(() => Individual, { nullable: true, description: 'A citizen, by personal ID or social insurance code (give one).' })
  individual(
    @Ctx() ctx: Context,
    @Arg('personalId', () => String, { nullable: true }) personalId?: string,
    @Arg('socialInsuranceCode', () => String, { nullable: true }) socialInsuranceCode?: string,
  ): Promise<Individual | null> {
    return findIndividual(ctx, { personalId, socialInsuranceCode });
  }

  @FieldResolver(() => AdministrativeArea, { nullable: true })
  residence(@Root() individual: Individual, @Ctx() ctx: Context): Promise<AdministrativeArea | null> {
    return residenceOf(ctx, individual);
  }

  @FieldResolver(() => DigitizedDocumentConnection)
  documents(@Root() individual: Individual, @Ctx() ctx: Context, @Args() args: DocumentsArgs) {
    return partyFields(ctx, individual).documents(args);
  }

  @FieldResolver(() => DossierConnection)
  dossiers(@Root() individual: Individual, @Ctx() ctx: Context, @Args() args: DossiersArgs) {
    return partyFields(ctx, individual).dossiers(args);
  }
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'A unit, by VSS unit code or tax code (give one).' })
  organization(
    @Ctx() ctx: Context,
    @Arg('unitCode', () => String, { nullable: true }) unitCode?: string,
    @Arg('taxCode', () => String, { nullable: true }) taxCode?: string,
  ): Promise<Organization | null> {
    return findOrganization(ctx, { unitCode, taxCode });
  }

  @FieldResolver(() => AdministrativeArea, { nullable: true })
  residence(@Root() organization: Organization, @Ctx() ctx: Context): Promise<AdministrativeArea | null> {
    return residenceOf(ctx, organization);
  }

  @FieldResolver(() => DigitizedDocumentConnection)
  documents(@Root() organization: Organization, @Ctx() ctx: Context, @Args() args: DocumentsArgs) {
    return partyFields(ctx, organization).documents(args);
  }

  @FieldResolver(() => DossierConnection)
  dossiers(@Root() organization: Organization, @Ctx() ctx: Context, @Args() args: DossiersArgs) {
    return partyFields(ctx, organization).dossiers(args);
  }
}
