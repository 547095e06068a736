import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import type { AccessEvent } from '../entities/access-event.entity.js';
import { AccessEventConnection, AccessEventView, AccessEventsArgs } from '../schema/access-log.types.js';
import { toConnection } from '../schema/relay.js';
import { Party } from '../schema/warehouse.types.js';
import { listAccessEvents } from '../services/access-log.service.js';
import { loadParty, type Party as PartyEntity } from '../services/party.service.js';

@Resolver(() => AccessEventView)
export class AccessEventResolver {
  @Query(() => AccessEventConnection, {
    description: 'Who read whose personal data, when, and for what purpose (auditors; a person\'s own log through the portal).',
  })
  async accessEvents(@Ctx() ctx: Context, @Args() args: AccessEventsArgs) {
    return toConnection(await listAccessEvents(ctx, args.filter, args), AccessEventConnection);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'Whose data was read.' })
  subject(@Root() event: AccessEvent): Promise<PartyEntity> | null {
    return event.subjectIndividual || event.subjectOrganization ? loadParty(event.subjectIndividual, event.subjectOrganization) : null;
  }
}
