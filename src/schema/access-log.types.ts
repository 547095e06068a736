/** The graph's view of the access log ("nhật ký truy cập", Decree 13/2023/NĐ-CP); the hash chain stays internal. */
import { ArgsType, Field, InputType, ObjectType } from 'type-graphql';
import type { AccessEvent } from '../entities/access-event.entity.js';
import type { AccessEventQuery } from '../services/access-log.service.js';
import { DateTimeScalar } from './scalars.js';
import { ConnectionArgs, ConnectionType } from './relay.js';
import { PartyRef } from './warehouse.types.js';

@ObjectType('AccessEvent', { description: 'One read of personal data ("nhật ký truy cập", Decree 13/2023/NĐ-CP).' })
export class AccessEventView {
  @Field(() => DateTimeScalar) at!: Date;
  @Field({ description: 'Officer code or partner name.' }) actor!: string;
  @Field({ description: 'GraphQL operation (or file route) that read the data.' }) operation!: string;
  @Field(() => String, { nullable: true, description: 'Legal purpose declared by the officer or bound to the persisted operation.' }) purpose!: string | null;
  @Field(() => [String], { description: 'Which personal fields were shown.' }) fields!: string[];
}

@InputType()
export class AccessEventFilter implements AccessEventQuery {
  @Field(() => PartyRef, { nullable: true, description: 'Whose data was read.' }) subject?: PartyRef;
  @Field(() => String, { nullable: true, description: 'Officer code or partner name.' }) actor?: string;
  @Field(() => DateTimeScalar, { nullable: true }) from?: Date;
  @Field(() => DateTimeScalar, { nullable: true }) to?: Date;
}

// Nodes are AccessEvent entities, shown through the AccessEventView type.
export const AccessEventConnection = ConnectionType<AccessEvent>('AccessEvent', () => AccessEventView);

/** Arguments of `Query.accessEvents`. */
@ArgsType()
export class AccessEventsArgs extends ConnectionArgs {
  @Field(() => AccessEventFilter, { nullable: true }) filter?: AccessEventFilter;
}
