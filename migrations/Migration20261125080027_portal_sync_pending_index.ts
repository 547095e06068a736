import { Migration } from '@mikro-orm/migrations';

export class Migration20261125080027_portal_sync_pending_index extends Migration {

  override name = 'Migration20261125080027_portal_sync_pending_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "portal_sync_event_dossier_pending_idx" on "portal_sync_event" ("dossier_id", "id") where "delivered_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "portal_sync_event_dossier_pending_idx";`);
  }

}
