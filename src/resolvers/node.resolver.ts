import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Node } from '../schema/relay.js';
import { GLOBAL_ID_TYPES, fromGlobalId } from '../domain/global-id.js';
import { Officer } from '../entities/officer.entity.js';
import { Individual } from '../entities/individual.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { DocumentType } from '../entities/document-type.entity.js';
import { AdministrativeProcedure } from '../entities/procedure.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { Dossier } from '../entities/dossier.entity.js';

/** Types reachable through `node(id)`; the global ID names the type (a Map: no prototype to reach). */
const NODE_TYPES = new Map<string, typeof Dossier>(
  [Individual, Organization, DocumentType, AdministrativeProcedure, DigitizedDocument, Dossier, Officer].map((entity) => [entity.name, entity as typeof Dossier]),
);
for (const type of new Set([...NODE_TYPES.keys(), ...GLOBAL_ID_TYPES.keys()])) {
  if (!NODE_TYPES.has(type) || !GLOBAL_ID_TYPES.has(type)) throw new Error(`node(id): ${type} must be both a node entity and a global ID type`);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID (Relay).' })
  async node(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Node | null> {
    const decoded = fromGlobalId(id);
    return (await ctx.em.findOne(NODE_TYPES.get(decoded.type)!, { id: decoded.id })) as Node | null;
  }
}

@Resolver(() => Officer)
export class OfficerResolver {
  @FieldResolver(() => String)
  async agencyCode(@Root() officer: Officer): Promise<string> {
    return (await officer.agency.loadOrFail()).code;
  }
}
