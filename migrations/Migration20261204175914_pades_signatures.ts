import { Migration } from '@mikro-orm/migrations';

export class Migration20261204175914_pades_signatures extends Migration {

  override name = 'Migration20261204175914_pades_signatures';

  override up(): void | Promise<void> {
    this.addSql(`alter table "stored_file" add "source_id" uuid null;`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_source_id_foreign" foreign key ("source_id") references "stored_file" ("id") on delete set null;`);

    this.addSql(`alter table "digitized_document" add "signature_format" varchar(12) null;`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_signature_format" check (signature_format in ('PADES', 'CMS_DETACHED'));`);
    // Signatures made before PAdES are detached CMS over the whole file: they stay, and stay verified, as they are.
    this.addSql(`update "digitized_document" set "signature_format" = 'CMS_DETACHED' where "signature" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "stored_file" drop constraint "stored_file_source_id_foreign";`);

    this.addSql(`alter table "digitized_document" drop constraint "digitized_document_signature_format";`);
    this.addSql(`alter table "digitized_document" drop column "signature_format";`);

    this.addSql(`alter table "stored_file" drop column "source_id";`);
  }

}
