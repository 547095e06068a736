import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Node } from '../schema/relay.js';
import { fromGlobalId } from '../domain/global-id.js';
import { Officer } from '../entities/officer.entity.js';
import { Individual } from '../entities/individual.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { DocumentType } from '../entities/document-type.entity.js';
import { AdministrativeProcedure } from '../entities/procedure.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { Dossier } from '../entities/dossier.entity.js';

/** Types reachable through `node(id)`; the global ID names the type. */
const NODE_TYPES = { Individual, Organization, DocumentType, AdministrativeProcedure, DigitizedDocument, Dossier, Officer } as const;

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID (Relay).' })
  async node(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Node | null> {
    const decoded = fromGlobalId(id);
    const entity = decoded && NODE_TYPES[decoded.type as keyof typeof NODE_TYPES];
    if (!decoded || !entity) return null;
    return (await ctx.em.findOne(entity as typeof Dossier, { id: decoded.id })) as Node | null;
  }
}

@Resolver(() => Officer)
export class OfficerResolver {
  @FieldResolver(() => String)
  async agencyCode(@Root() officer: Officer): Promise<string> {
    return (await officer.agency.loadOrFail()).code;
  }
}
