import { Args, ArgsType, Ctx, Field, FieldResolver, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { AccessEvent } from '../entities/access-event.entity.js';
import { DateTimeScalar } from '../schema/scalars.js';
import { ConnectionType, toConnection } from '../schema/relay.js';
import { Party, PartyRef } from '../schema/warehouse.types.js';
import { listAccessEvents } from '../services/access-log.service.js';
import { loadParty, type Party as PartyEntity } from '../services/party.service.js';

/** The graph's view of an access event; the hash chain stays internal. */
@ObjectType('AccessEvent', { description: 'One read of personal data ("nhật ký truy cập", Decree 13/2023/NĐ-CP).' })
export class AccessEventView {
  @Field(() => DateTimeScalar) at!: Date;
  @Field({ description: 'Officer code or partner name.' }) actor!: string;
  @Field({ description: 'GraphQL operation (or file route) that read the data.' }) operation!: string;
  @Field(() => String, { nullable: true, description: 'Legal purpose declared by the officer or bound to the persisted operation.' }) purpose!: string | null;
  @Field(() => [String], { description: 'Which personal fields were shown.' }) fields!: string[];
}

@InputType()
export class AccessEventFilter {
  @Field(() => PartyRef, { nullable: true, description: 'Whose data was read.' }) subject?: PartyRef;
  @Field(() => String, { nullable: true, description: 'Officer code or partner name.' }) actor?: string;
  @Field(() => DateTimeScalar, { nullable: true }) from?: Date;
  @Field(() => DateTimeScalar, { nullable: true }) to?: Date;
}

// Nodes are AccessEvent entities, shown through the AccessEventView type.
export const AccessEventConnection = ConnectionType<AccessEvent>('AccessEvent', () => AccessEventView);

@ArgsType()
class AccessEventsArgs {
  @Field(() => AccessEventFilter, { nullable: true }) filter?: AccessEventFilter;
  @Field(() => Int, { nullable: true }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
}

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
