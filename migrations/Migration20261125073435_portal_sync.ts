import { Migration } from '@mikro-orm/migrations';

export class Migration20261125073435_portal_sync extends Migration {

  override name = 'Migration20261125073435_portal_sync';

  override up(): void | Promise<void> {
    this.addSql(`create table "portal_sync_event" ("id" bigserial primary key, "status_change_id" uuid not null, "dossier_id" uuid not null, "created_at" timestamptz not null default now(), "attempts" int not null default 0, "available_at" timestamptz not null default now(), "claimed_by" uuid null, "claimed_until" timestamptz null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "last_error" text null);`);
    this.addSql(`alter table "portal_sync_event" add constraint "portal_sync_event_status_change_unique" unique ("status_change_id");`);
    this.addSql(`create index "portal_sync_event_pending_idx" on "portal_sync_event" ("id") where "delivered_at" is null;`);
    this.addSql(`create index "portal_sync_event_dossier_idx" on "portal_sync_event" ("dossier_id", "id");`);

    this.addSql(`alter table "portal_sync_event" add constraint "portal_sync_event_status_change_id_foreign" foreign key ("status_change_id") references "dossier_status_change" ("id");`);
    this.addSql(`alter table "portal_sync_event" add constraint "portal_sync_event_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "portal_sync_event" cascade;`);
  }

}
