import { Migration } from '@mikro-orm/migrations';

export class Migration20261125074246_search_outbox extends Migration {

  override name = 'Migration20261125074246_search_outbox';

  override up(): void | Promise<void> {
    this.addSql(`create table "search_word" ("word" text not null, primary key ("word"));`);

    this.addSql(`create index "outbox_event_topic_available_idx" on "outbox_event" ("topic", "available_at", "id");`);
    this.addSql(`create or replace function "outbox_event_outbox_event_notify_fn"() returns trigger as \$\$ begin perform pg_notify('outbox_event', NEW.topic); return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "outbox_event_notify" AFTER INSERT on "outbox_event" for each ROW execute function "outbox_event_outbox_event_notify_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "search_word" cascade;`);

    this.addSql(`drop index "outbox_event_topic_available_idx";`);
    this.addSql(`drop trigger if exists "outbox_event_notify" on "outbox_event";`);
    this.addSql(`drop function if exists "outbox_event_outbox_event_notify_fn"();`);
  }

}
