import { Migration } from '@mikro-orm/migrations';

export class Migration20261125080727_outbox_created_index extends Migration {

  override name = 'Migration20261125080727_outbox_created_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "outbox_event_topic_created_idx" on "outbox_event" ("topic", "created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "outbox_event_topic_created_idx";`);
  }

}
