import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { PortalSyncStatus } from '../schema/portal-sync.types.js';
import { portalSyncStatus } from '../services/portal-sync.service.js';

@Resolver()
export class PortalSyncResolver {
  @Query(() => PortalSyncStatus, { description: "What the National Public Service Portal received of a dossier's status changes (officers)." })
  portalSyncStatus(@Ctx() ctx: Context, @Arg('dossierCode') dossierCode: string): Promise<PortalSyncStatus> {
    return portalSyncStatus(ctx, dossierCode);
  }
}
