import { Migration } from '@mikro-orm/migrations';

/**
 * Decision 1333, Art. 13, steps 3–5: papers scanned from a copy or kept on paper (and the
 * proposals not to digitize), verifications asked of other agencies, how the result is
 * returned (channels chosen at reception, the paper handover, the electronic delivery).
 * (down: the access-log function of Migration20261125103000 is not this migration's; the
 * generator's copy of it was left out.)
 */
export class Migration20261205140730_process_1333_steps extends Migration {

  override name = 'Migration20261205140730_process_1333_steps';

  override up(): void | Promise<void> {
    this.addSql(`create table "non_digitization_proposal" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "component_id" uuid not null, "status" varchar(10) not null default 'PROPOSED', "reason" text not null, "paper_kept_at" text not null, "proposed_by_id" uuid not null, "proposed_at" timestamptz not null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_reason" text null, primary key ("id"));`);
    this.addSql(`create index "non_digitization_proposal_component_id_index" on "non_digitization_proposal" ("component_id");`);

    this.addSql(`create table "verification" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "dossier_id" uuid not null, "code" varchar(56) not null, "agency" text not null, "connected_system" varchar(64) null, "question" text not null, "due_on" date not null, "requested_by_id" uuid not null, "requested_at" timestamptz not null, "outcome" varchar(10) null, "answer" text null, "answered_at" timestamptz null, "answer_recorded_by_id" uuid null, "document_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "verification_dossier_id_index" on "verification" ("dossier_id");`);
    this.addSql(`alter table "verification" add constraint "verification_code_unique" unique ("code");`);
    this.addSql(`create index "verification_open_due_idx" on "verification" ("due_on", "dossier_id") where "answered_at" is null;`);

    this.addSql(`alter table "administrative_procedure" add "electronic_result" boolean not null default false;`);

    this.addSql(`alter table "dossier" add "result_channels" text[] not null default '{DESK}', add "postal_address" text null;`);
    this.addSql(`alter table "dossier" add constraint "dossier_postal_address_when_post" check (('POST' = any(result_channels)) = (postal_address is not null));`);
    this.addSql(`alter table "dossier" add constraint "dossier_result_channels" check (cardinality(result_channels) >= 1 and cardinality(result_channels) <= 2 and result_channels <@ array['ELECTRONIC', 'DESK', 'POST'] and not (result_channels @> array['DESK', 'POST']));`);

    this.addSql(`alter table "procedure_result" add "delivered_electronically_at" timestamptz null, add "return_channel" varchar(10) null, add "returned_by_id" uuid null, add "returned_to" text null;`);
    this.addSql(`alter table "procedure_result" add constraint "procedure_result_returned_by_id_foreign" foreign key ("returned_by_id") references "officer" ("id") on delete set null;`);

    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_document_when_provided";`);
    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_provision";`);
    this.addSql(`alter table "dossier_component" add "original_also_scanned" boolean null, add "paper_kept_at" text null;`);
    this.addSql(`alter table "dossier_component" alter column "provision" type varchar(20) using ("provision"::varchar(20));`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_original_scanned_from_copy" check ((provision = 'SCANNED_FROM_COPY') = (original_also_scanned is not null));`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_paper_kept_when_not_digitized" check ((provision = 'NOT_DIGITIZED') = (paper_kept_at is not null));`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_document_when_digitized" check ((provision in ('PENDING', 'NOT_DIGITIZED')) = (document_id is null));`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_provision" check (provision in ('PENDING', 'REUSED', 'SCANNED', 'ELECTRONIC', 'SCANNED_FROM_COPY', 'NOT_DIGITIZED'));`);

    this.addSql(`alter table "non_digitization_proposal" add constraint "non_digitization_proposal_component_id_foreign" foreign key ("component_id") references "dossier_component" ("id");`);
    this.addSql(`alter table "non_digitization_proposal" add constraint "non_digitization_proposal_proposed_by_id_foreign" foreign key ("proposed_by_id") references "officer" ("id");`);
    this.addSql(`alter table "non_digitization_proposal" add constraint "non_digitization_proposal_decided_by_id_foreign" foreign key ("decided_by_id") references "officer" ("id") on delete set null;`);
    this.addSql(`alter table "non_digitization_proposal" add constraint "non_digitization_proposal_decided" check ((status = 'PROPOSED') = (decided_at is null));`);
    this.addSql(`alter table "non_digitization_proposal" add constraint "non_digitization_proposal_status" check (status in ('PROPOSED', 'ACCEPTED', 'REFUSED'));`);

    this.addSql(`alter table "verification" add constraint "verification_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id");`);
    this.addSql(`alter table "verification" add constraint "verification_requested_by_id_foreign" foreign key ("requested_by_id") references "officer" ("id");`);
    this.addSql(`alter table "verification" add constraint "verification_answer_recorded_by_id_foreign" foreign key ("answer_recorded_by_id") references "officer" ("id") on delete set null;`);
    this.addSql(`alter table "verification" add constraint "verification_document_id_foreign" foreign key ("document_id") references "digitized_document" ("id") on delete set null;`);
    this.addSql(`alter table "verification" add constraint "verification_answered" check ((outcome is null) = (answered_at is null) and (outcome is null) = (document_id is null));`);
    this.addSql(`alter table "verification" add constraint "verification_outcome" check (outcome in ('CONFIRMED', 'NEGATIVE'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "non_digitization_proposal" cascade;`);
    this.addSql(`drop table if exists "verification" cascade;`);

    this.addSql(`alter table "procedure_result" drop constraint "procedure_result_returned_by_id_foreign";`);

    this.addSql(`alter table "administrative_procedure" drop column "electronic_result";`);

    this.addSql(`alter table "dossier" drop constraint "dossier_postal_address_when_post";`);
    this.addSql(`alter table "dossier" drop constraint "dossier_result_channels";`);
    this.addSql(`alter table "dossier" drop column "result_channels", drop column "postal_address";`);

    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_original_scanned_from_copy";`);
    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_paper_kept_when_not_digitized";`);
    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_document_when_digitized";`);
    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_provision";`);
    this.addSql(`alter table "dossier_component" drop column "original_also_scanned", drop column "paper_kept_at";`);
    this.addSql(`alter table "dossier_component" alter column "provision" type varchar(12) using ("provision"::varchar(12));`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_document_when_provided" check ((provision = 'PENDING'::text) = (document_id IS NULL));`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_provision" check ("provision" in ('PENDING', 'REUSED', 'SCANNED', 'ELECTRONIC'));`);

    this.addSql(`alter table "procedure_result" drop column "delivered_electronically_at", drop column "return_channel", drop column "returned_by_id", drop column "returned_to";`);
  }

}
