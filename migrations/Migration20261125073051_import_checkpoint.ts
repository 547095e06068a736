import { Migration } from '@mikro-orm/migrations';

export class Migration20261125073051_import_checkpoint extends Migration {

  override name = 'Migration20261125073051_import_checkpoint';

  override up(): void | Promise<void> {
    this.addSql(`create table "import_checkpoint" ("file_sha256" varchar(64) not null, "kind" varchar(16) not null, "file_name" text not null, "line" bigint not null default '0', "inserted" bigint not null default '0', "existing" bigint not null default '0', "rejected" bigint not null default '0', "started_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "completed_at" timestamptz null, primary key ("file_sha256", "kind"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "import_checkpoint" cascade;`);
  }

}
