import { Migration } from '@mikro-orm/migrations';

export class Migration20261204180841_working_calendar extends Migration {

  override name = 'Migration20261204180841_working_calendar';

  override up(): void | Promise<void> {
    this.addSql(`create table "calendar_day" ("date" date not null, "kind" varchar(24) not null, "name" text not null, "origin" varchar(10) not null, "source" text null, primary key ("date"));`);

    this.addSql(`create table "calendar_year" ("year" smallint not null, "origin" varchar(10) not null, "note" text not null, "stored_at" timestamptz not null default now(), primary key ("year"));`);

    this.addSql(`create table "calendar_amendment" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "reason" text not null, "source" text null, "amended_by_id" uuid not null, "amended_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "calendar_amendment_amended_at_idx" on "calendar_amendment" ("amended_at");`);

    this.addSql(`create table "calendar_day_change" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "amendment_id" uuid not null, "date" date not null, "before" jsonb null, "after" jsonb null, primary key ("id"));`);
    this.addSql(`create index "calendar_day_change_date_idx" on "calendar_day_change" ("date");`);

    this.addSql(`alter table "calendar_day" add constraint "calendar_day_origin" check (origin in ('LAW', 'ANNOUNCED', 'AMENDED'));`);
    this.addSql(`alter table "calendar_day" add constraint "calendar_day_kind" check (kind in ('PUBLIC_HOLIDAY', 'COMPENSATORY_DAY_OFF', 'SWAPPED_DAY_OFF', 'SWAPPED_WORKING_DAY'));`);

    this.addSql(`alter table "calendar_year" add constraint "calendar_year_origin" check (origin in ('LAW', 'ANNOUNCED', 'AMENDED'));`);

    this.addSql(`alter table "calendar_amendment" add constraint "calendar_amendment_amended_by_id_foreign" foreign key ("amended_by_id") references "officer" ("id");`);

    this.addSql(`alter table "calendar_day_change" add constraint "calendar_day_change_amendment_id_foreign" foreign key ("amendment_id") references "calendar_amendment" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "calendar_day_change" drop constraint "calendar_day_change_amendment_id_foreign";`);

    this.addSql(`drop table if exists "calendar_day" cascade;`);
    this.addSql(`drop table if exists "calendar_year" cascade;`);
    this.addSql(`drop table if exists "calendar_amendment" cascade;`);
    this.addSql(`drop table if exists "calendar_day_change" cascade;`);
  }

}
