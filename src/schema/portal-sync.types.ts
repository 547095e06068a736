/** The graph's view of what the national portal received for a dossier. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DossierStatus } from '../entities/enums.js';
import { DateTimeScalar } from './scalars.js';
import type { PortalSyncDeliveryRecord, PortalSyncReport } from '../services/portal-sync.service.js';

@ObjectType({ description: 'One status change of a dossier and its delivery to the National Public Service Portal.' })
export class PortalSyncDelivery implements PortalSyncDeliveryRecord {
  @Field(() => ID, { description: 'Event id the portal de-duplicates on (the status change).' }) eventId!: string;
  @Field(() => DossierStatus, { nullable: true }) from!: DossierStatus | null;
  @Field(() => DossierStatus) to!: DossierStatus;
  @Field(() => DateTimeScalar, { description: 'When the change happened.' }) at!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the portal acknowledged it; null while it waits.' }) deliveredAt!: Date | null;
  @Field(() => Int, { description: 'Deliveries tried, the acknowledged one included.' }) attempts!: number;
  @Field(() => String, { nullable: true, description: 'Why the last try failed.' }) lastError!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Earliest next try, while it waits.' }) nextAttemptAt!: Date | null;
}

@ObjectType({ description: "A dossier's status sync with the National Public Service Portal." })
export class PortalSyncStatus implements PortalSyncReport {
  @Field() dossierCode!: string;
  @Field(() => Int, { description: 'Changes the portal acknowledged.' }) delivered!: number;
  @Field(() => Int, { description: 'Changes waiting to be delivered.' }) waiting!: number;
  @Field(() => [PortalSyncDelivery], { description: 'Every change, oldest first.' }) events!: PortalSyncDelivery[];
}
