import { Migration } from '@mikro-orm/migrations';

export class Migration20261123154319_warehouse extends Migration {

  override name = 'Migration20261123154319_warehouse';

  override up(): void | Promise<void> {
    // Trigram indexes of the PostgreSQL search backend.
    this.addSql(`create extension if not exists pg_trgm;`);

    this.addSql(`create table "code_sequence" ("scope" text not null, "value" bigint not null, primary key ("scope"));`);

    this.addSql(`create table "document_type" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(32) not null, "name" text not null, "owner_kind" varchar(12) not null, "metadata_schema" jsonb not null, "validity_months" int null, "is_result" boolean not null default false, primary key ("id"));`);
    this.addSql(`alter table "document_type" add constraint "document_type_code_unique" unique ("code");`);

    this.addSql(`create table "administrative_procedure" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(8) not null, "name" text not null, "field" text not null, "processing_days" int not null, "applicant_kind" varchar(12) not null, "result_document_type_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "administrative_procedure" add constraint "administrative_procedure_code_unique" unique ("code");`);

    this.addSql(`create table "outbox_event" ("id" bigserial primary key, "topic" varchar(32) not null, "entity" varchar(64) not null, "entity_id" uuid not null, "operation" varchar(8) not null, "payload" jsonb null, "created_at" timestamptz not null default now(), "attempts" int not null default 0, "available_at" timestamptz null);`);
    this.addSql(`create index "outbox_event_topic_idx" on "outbox_event" ("topic", "id");`);

    this.addSql(`create table "partner_client" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(64) not null, "scopes" text[] not null, "allowed_operations" text[] not null, "rate_limit_per_minute" int not null default 600, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "partner_client" add constraint "partner_client_name_unique" unique ("name");`);

    this.addSql(`create table "partner_key" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "partner_id" uuid not null, "key_hash" varchar(64) not null, "prefix" varchar(12) not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "partner_key_partner_id_index" on "partner_key" ("partner_id");`);
    this.addSql(`alter table "partner_key" add constraint "partner_key_key_hash_unique" unique ("key_hash");`);

    this.addSql(`create table "persisted_operation" ("hash" varchar(64) not null, "operation_name" varchar(128) not null, "document" text not null, "purpose" text not null, "published_at" timestamptz not null default now(), primary key ("hash"));`);

    this.addSql(`create table "province" ("code" varchar(2) not null, "name" text not null, primary key ("code"));`);

    this.addSql(`create table "organization" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "unit_code" varchar(20) not null, "tax_code" varchar(14) null, "name" text not null, "address" text null, "province_code" varchar(2) null, "has_transaction_account" boolean not null default false, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "organization" add constraint "organization_unit_code_unique" unique ("unit_code");`);
    this.addSql(`alter table "organization" add constraint "organization_tax_code_unique" unique ("tax_code");`);

    this.addSql(`create table "former_province" ("code" varchar(2) not null, "personal_id_prefix" varchar(3) not null, "name" text not null, "merged_into" varchar(2) not null, "effective_from" date not null, primary key ("code"));`);
    this.addSql(`alter table "former_province" add constraint "former_province_personal_id_prefix_unique" unique ("personal_id_prefix");`);

    this.addSql(`create table "commune" ("code" varchar(5) not null, "name" text not null, "province_code" varchar(2) not null, primary key ("code"));`);
    this.addSql(`create index "commune_province_code_index" on "commune" ("province_code");`);

    this.addSql(`create table "individual" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "personal_id" varchar(12) not null, "social_insurance_code" varchar(10) null, "full_name" text not null, "date_of_birth" date null, "gender" varchar(6) null, "household_code" varchar(20) null, "province_code" varchar(2) null, "commune_code" varchar(5) null, "has_portal_account" boolean not null default false, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "individual" add constraint "individual_personal_id_unique" unique ("personal_id");`);
    this.addSql(`alter table "individual" add constraint "individual_social_insurance_code_unique" unique ("social_insurance_code");`);
    this.addSql(`create index "individual_household_code_index" on "individual" ("household_code");`);

    this.addSql(`create table "access_event" ("id" bigserial primary key, "at" timestamptz not null default now(), "actor" text not null, "actor_kind" varchar(10) not null, "operation" text not null, "purpose" text null, "subject_individual_id" uuid null, "subject_organization_id" uuid null, "fields" text[] not null, "request_id" varchar(64) null, "prev_hash" varchar(64) null, "hash" varchar(64) null);`);
    this.addSql(`create index "access_event_at_index" on "access_event" ("at");`);
    this.addSql(`create index "access_event_actor_idx" on "access_event" ("actor", "at");`);
    this.addSql(`create index "access_event_subject_organization_idx" on "access_event" ("subject_organization_id", "at");`);
    this.addSql(`create index "access_event_subject_individual_idx" on "access_event" ("subject_individual_id", "at");`);

    this.addSql(`create table "agency" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(13) not null, "name" text not null, "province_code" varchar(2) not null, primary key ("id"));`);
    this.addSql(`alter table "agency" add constraint "agency_code_unique" unique ("code");`);

    this.addSql(`create table "officer" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(32) not null, "full_name" text not null, "agency_id" uuid not null, "roles" text[] not null, "active" boolean not null default true, primary key ("id"));`);
    this.addSql(`alter table "officer" add constraint "officer_code_unique" unique ("code");`);
    this.addSql(`create index "officer_agency_id_index" on "officer" ("agency_id");`);

    this.addSql(`create table "dossier" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(40) not null, "procedure_id" uuid not null, "applicant_individual_id" uuid null, "applicant_organization_id" uuid null, "channel" varchar(12) not null, "status" varchar(20) not null default 'RECEIVED', "agency_id" uuid not null, "province_code" varchar(2) not null, "received_at" timestamptz not null, "received_by_id" uuid null, "due_at" timestamptz not null, "idempotency_key" varchar(128) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "dossier" add constraint "dossier_code_unique" unique ("code");`);
    this.addSql(`create index "dossier_agency_id_index" on "dossier" ("agency_id");`);
    this.addSql(`alter table "dossier" add constraint "dossier_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "dossier_province_received_idx" on "dossier" ("province_code", "received_at");`);
    this.addSql(`create index "dossier_procedure_received_idx" on "dossier" ("procedure_id", "received_at");`);
    this.addSql(`create index "dossier_status_received_idx" on "dossier" ("status", "received_at");`);
    this.addSql(`create index "dossier_received_at_idx" on "dossier" ("received_at", "id");`);
    this.addSql(`create index "dossier_applicant_organization_idx" on "dossier" ("applicant_organization_id", "received_at");`);
    this.addSql(`create index "dossier_applicant_individual_idx" on "dossier" ("applicant_individual_id", "received_at");`);

    this.addSql(`create table "dossier_status_change" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "dossier_id" uuid not null, "from" varchar(20) null, "to" varchar(20) not null, "at" timestamptz not null, "by_id" uuid null, "note" text null, primary key ("id"));`);
    this.addSql(`create index "dossier_status_change_dossier_at_idx" on "dossier_status_change" ("dossier_id", "at");`);

    this.addSql(`create table "required_component" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "procedure_id" uuid not null, "code" varchar(16) not null, "name" text not null, "document_type_id" uuid not null, "mandatory" boolean not null, "position" smallint not null, primary key ("id"));`);
    this.addSql(`create index "required_component_document_type_id_index" on "required_component" ("document_type_id");`);
    this.addSql(`alter table "required_component" add constraint "required_component_procedure_code_unique" unique ("procedure_id", "code");`);

    this.addSql(`create table "search_entry" ("id" bigserial primary key, "kind" varchar(16) not null, "entity_id" uuid not null, "owner_id" uuid null, "text" text not null, "folded_text" text not null, "identifiers" text[] not null, "province_code" varchar(2) null, "document_type_code" varchar(32) null, "issued_on" date null, "source_version" bigint not null, "indexed_at" timestamptz not null default now());`);
    this.addSql(`create index "search_entry_owner_idx" on "search_entry" ("owner_id");`);
    this.addSql(`create index "search_entry_identifiers_idx" on "search_entry" using gin ("identifiers");`);
    this.addSql(`create index "search_entry_folded_fts_idx" on "search_entry" using gin (to_tsvector('simple', "folded_text"));`);
    this.addSql(`create index "search_entry_folded_trgm_idx" on "search_entry" using gin ("folded_text" gin_trgm_ops);`);
    this.addSql(`alter table "search_entry" add constraint "search_entry_kind_entity_unique" unique ("kind", "entity_id");`);

    this.addSql(`create table "stored_file" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "sha256" varchar(64) not null, "media_type" varchar(64) not null, "byte_size" bigint not null, "page_count" int null, "uploaded_by_id" uuid null, "uploaded_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "stored_file_sha256_index" on "stored_file" ("sha256");`);

    this.addSql(`create table "digitized_document" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(64) not null, "document_type_id" uuid not null, "owner_individual_id" uuid null, "owner_organization_id" uuid null, "title" text not null, "issued_by" text null, "issued_on" date null, "valid_until" date null, "status" varchar(12) not null default 'VALID', "source" varchar(20) not null, "metadata" jsonb not null, "file_id" uuid null, "signature" bytea null, "signed_by_id" uuid null, "signed_at" timestamptz null, "certificate_fingerprint" varchar(64) null, "digitized_at" timestamptz not null, "digitized_by_id" uuid null, "agency_id" uuid null, "origin_dossier_id" uuid null, "reuse_count" int not null default 0, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_code_unique" unique ("code");`);
    this.addSql(`create index "digitized_document_origin_dossier_id_index" on "digitized_document" ("origin_dossier_id");`);
    this.addSql(`create index "digitized_document_owner_organization_type_idx" on "digitized_document" ("owner_organization_id", "document_type_id", "status");`);
    this.addSql(`create index "digitized_document_owner_individual_type_idx" on "digitized_document" ("owner_individual_id", "document_type_id", "status");`);

    this.addSql(`create table "procedure_result" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "dossier_id" uuid not null, "code" varchar(48) not null, "decision" varchar(10) not null, "reason" text null, "document_id" uuid null, "decided_by_id" uuid not null, "decided_at" timestamptz not null, "returned_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "procedure_result" add constraint "procedure_result_dossier_id_unique" unique ("dossier_id");`);
    this.addSql(`alter table "procedure_result" add constraint "procedure_result_code_unique" unique ("code");`);

    this.addSql(`create table "dossier_component" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "dossier_id" uuid not null, "requirement_id" uuid not null, "position" smallint not null, "provision" varchar(12) not null default 'PENDING', "document_id" uuid null, "provided_at" timestamptz null, "provided_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "dossier_component_document_id_index" on "dossier_component" ("document_id");`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_requirement_unique" unique ("dossier_id", "requirement_id");`);

    this.addSql(`create table "discrepancy" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "dossier_id" uuid not null, "field" text not null, "declared" text null, "stored" text null, "document_id" uuid null, "recorded_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "discrepancy_dossier_id_index" on "discrepancy" ("dossier_id");`);

    this.addSql(`alter table "document_type" add constraint "document_type_validity" check (validity_months is null or validity_months > 0);`);
    this.addSql(`alter table "document_type" add constraint "document_type_owner_kind" check (owner_kind in ('INDIVIDUAL', 'ORGANIZATION'));`);

    this.addSql(`alter table "administrative_procedure" add constraint "administrative_procedure_result_document_type_id_foreign" foreign key ("result_document_type_id") references "document_type" ("id") on delete set null;`);
    this.addSql(`alter table "administrative_procedure" add constraint "procedure_processing_days" check (processing_days > 0);`);
    this.addSql(`alter table "administrative_procedure" add constraint "procedure_applicant_kind" check (applicant_kind in ('INDIVIDUAL', 'ORGANIZATION'));`);
    this.addSql(`alter table "administrative_procedure" add constraint "procedure_code_shape" check (code ~ '^[0-9]\\.[0-9]{6}\$');`);

    this.addSql(`alter table "partner_key" add constraint "partner_key_partner_id_foreign" foreign key ("partner_id") references "partner_client" ("id");`);

    this.addSql(`alter table "organization" add constraint "organization_province_code_foreign" foreign key ("province_code") references "province" ("code") on delete set null;`);
    this.addSql(`alter table "organization" add constraint "organization_tax_code_shape" check (tax_code ~ '^[0-9]{10}(-[0-9]{3})?\$');`);
    this.addSql(`alter table "organization" add constraint "organization_unit_code_shape" check (unit_code ~ '^[A-Z0-9.-]{1,20}\$');`);

    this.addSql(`alter table "former_province" add constraint "former_province_merged_into_foreign" foreign key ("merged_into") references "province" ("code");`);

    this.addSql(`alter table "commune" add constraint "commune_province_code_foreign" foreign key ("province_code") references "province" ("code");`);

    this.addSql(`alter table "individual" add constraint "individual_province_code_foreign" foreign key ("province_code") references "province" ("code") on delete set null;`);
    this.addSql(`alter table "individual" add constraint "individual_commune_code_foreign" foreign key ("commune_code") references "commune" ("code") on delete set null;`);
    this.addSql(`alter table "individual" add constraint "individual_gender" check (gender in ('MALE', 'FEMALE'));`);
    this.addSql(`alter table "individual" add constraint "individual_si_code_shape" check (social_insurance_code ~ '^[0-9]{10}\$');`);
    this.addSql(`alter table "individual" add constraint "individual_personal_id_shape" check (personal_id ~ '^[0-9]{12}\$');`);

    this.addSql(`alter table "access_event" add constraint "access_event_subject_individual_id_foreign" foreign key ("subject_individual_id") references "individual" ("id") on delete set null;`);
    this.addSql(`alter table "access_event" add constraint "access_event_subject_organization_id_foreign" foreign key ("subject_organization_id") references "organization" ("id") on delete set null;`);

    this.addSql(`alter table "agency" add constraint "agency_province_code_foreign" foreign key ("province_code") references "province" ("code");`);
    this.addSql(`alter table "agency" add constraint "agency_code_shape" check (code ~ '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}\$');`);

    this.addSql(`alter table "officer" add constraint "officer_agency_id_foreign" foreign key ("agency_id") references "agency" ("id");`);

    this.addSql(`alter table "dossier" add constraint "dossier_procedure_id_foreign" foreign key ("procedure_id") references "administrative_procedure" ("id");`);
    this.addSql(`alter table "dossier" add constraint "dossier_applicant_individual_id_foreign" foreign key ("applicant_individual_id") references "individual" ("id") on delete restrict;`);
    this.addSql(`alter table "dossier" add constraint "dossier_applicant_organization_id_foreign" foreign key ("applicant_organization_id") references "organization" ("id") on delete restrict;`);
    this.addSql(`alter table "dossier" add constraint "dossier_agency_id_foreign" foreign key ("agency_id") references "agency" ("id");`);
    this.addSql(`alter table "dossier" add constraint "dossier_province_code_foreign" foreign key ("province_code") references "province" ("code");`);
    this.addSql(`alter table "dossier" add constraint "dossier_received_by_id_foreign" foreign key ("received_by_id") references "officer" ("id") on delete set null;`);
    this.addSql(`alter table "dossier" add constraint "dossier_due_after_receipt" check (due_at >= received_at);`);
    this.addSql(`alter table "dossier" add constraint "dossier_channel" check (channel in ('IN_PERSON', 'POSTAL', 'ONLINE'));`);
    this.addSql(`alter table "dossier" add constraint "dossier_status" check (status in ('RECEIVED', 'DIGITIZING', 'PROCESSING', 'NEEDS_SUPPLEMENT', 'APPROVED', 'REJECTED', 'RESULT_RETURNED'));`);
    this.addSql(`alter table "dossier" add constraint "dossier_one_applicant" check (num_nonnulls(applicant_individual_id, applicant_organization_id) = 1);`);

    this.addSql(`alter table "dossier_status_change" add constraint "dossier_status_change_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id");`);
    this.addSql(`alter table "dossier_status_change" add constraint "dossier_status_change_by_id_foreign" foreign key ("by_id") references "officer" ("id") on delete set null;`);

    this.addSql(`alter table "required_component" add constraint "required_component_procedure_id_foreign" foreign key ("procedure_id") references "administrative_procedure" ("id");`);
    this.addSql(`alter table "required_component" add constraint "required_component_document_type_id_foreign" foreign key ("document_type_id") references "document_type" ("id");`);

    this.addSql(`alter table "stored_file" add constraint "stored_file_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "officer" ("id") on delete set null;`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_byte_size" check (byte_size > 0);`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_sha256_shape" check (sha256 ~ '^[0-9a-f]{64}\$');`);

    this.addSql(`alter table "digitized_document" add constraint "digitized_document_document_type_id_foreign" foreign key ("document_type_id") references "document_type" ("id");`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_owner_individual_id_foreign" foreign key ("owner_individual_id") references "individual" ("id") on delete restrict;`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_owner_organization_id_foreign" foreign key ("owner_organization_id") references "organization" ("id") on delete restrict;`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_file_id_foreign" foreign key ("file_id") references "stored_file" ("id") on delete set null;`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_signed_by_id_foreign" foreign key ("signed_by_id") references "officer" ("id") on delete set null;`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_digitized_by_id_foreign" foreign key ("digitized_by_id") references "officer" ("id") on delete set null;`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on delete set null;`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_origin_dossier_id_foreign" foreign key ("origin_dossier_id") references "dossier" ("id") on delete set null;`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_validity_order" check (valid_until is null or issued_on is null or valid_until >= issued_on);`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_reuse_count" check (reuse_count >= 0);`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_source" check (source in ('SCANNED', 'ELECTRONIC', 'NATIONAL_PORTAL', 'CONNECTED_SYSTEM', 'PROCEDURE_RESULT'));`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_status" check (status in ('VALID', 'EXPIRED', 'REVOKED', 'SUPERSEDED'));`);
    this.addSql(`alter table "digitized_document" add constraint "digitized_document_one_owner" check (num_nonnulls(owner_individual_id, owner_organization_id) = 1);`);

    this.addSql(`alter table "procedure_result" add constraint "procedure_result_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id");`);
    this.addSql(`alter table "procedure_result" add constraint "procedure_result_document_id_foreign" foreign key ("document_id") references "digitized_document" ("id") on delete set null;`);
    this.addSql(`alter table "procedure_result" add constraint "procedure_result_decided_by_id_foreign" foreign key ("decided_by_id") references "officer" ("id");`);
    this.addSql(`alter table "procedure_result" add constraint "procedure_result_decision" check (decision in ('APPROVED', 'REJECTED'));`);

    this.addSql(`alter table "dossier_component" add constraint "dossier_component_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id");`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_requirement_id_foreign" foreign key ("requirement_id") references "required_component" ("id");`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_document_id_foreign" foreign key ("document_id") references "digitized_document" ("id") on delete set null;`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_provided_by_id_foreign" foreign key ("provided_by_id") references "officer" ("id") on delete set null;`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_document_when_provided" check ((provision = 'PENDING') = (document_id is null));`);
    this.addSql(`alter table "dossier_component" add constraint "dossier_component_provision" check (provision in ('PENDING', 'REUSED', 'SCANNED', 'ELECTRONIC'));`);

    this.addSql(`alter table "discrepancy" add constraint "discrepancy_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id");`);
    this.addSql(`alter table "discrepancy" add constraint "discrepancy_document_id_foreign" foreign key ("document_id") references "digitized_document" ("id") on delete set null;`);
    this.addSql(`alter table "discrepancy" add constraint "discrepancy_recorded_by_id_foreign" foreign key ("recorded_by_id") references "officer" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "administrative_procedure" drop constraint "administrative_procedure_result_document_type_id_foreign";`);
    this.addSql(`alter table "required_component" drop constraint "required_component_document_type_id_foreign";`);
    this.addSql(`alter table "digitized_document" drop constraint "digitized_document_document_type_id_foreign";`);
    this.addSql(`alter table "dossier" drop constraint "dossier_procedure_id_foreign";`);
    this.addSql(`alter table "required_component" drop constraint "required_component_procedure_id_foreign";`);
    this.addSql(`alter table "partner_key" drop constraint "partner_key_partner_id_foreign";`);
    this.addSql(`alter table "organization" drop constraint "organization_province_code_foreign";`);
    this.addSql(`alter table "former_province" drop constraint "former_province_merged_into_foreign";`);
    this.addSql(`alter table "commune" drop constraint "commune_province_code_foreign";`);
    this.addSql(`alter table "individual" drop constraint "individual_province_code_foreign";`);
    this.addSql(`alter table "agency" drop constraint "agency_province_code_foreign";`);
    this.addSql(`alter table "dossier" drop constraint "dossier_province_code_foreign";`);
    this.addSql(`alter table "access_event" drop constraint "access_event_subject_organization_id_foreign";`);
    this.addSql(`alter table "dossier" drop constraint "dossier_applicant_organization_id_foreign";`);
    this.addSql(`alter table "digitized_document" drop constraint "digitized_document_owner_organization_id_foreign";`);
    this.addSql(`alter table "individual" drop constraint "individual_commune_code_foreign";`);
    this.addSql(`alter table "access_event" drop constraint "access_event_subject_individual_id_foreign";`);
    this.addSql(`alter table "dossier" drop constraint "dossier_applicant_individual_id_foreign";`);
    this.addSql(`alter table "digitized_document" drop constraint "digitized_document_owner_individual_id_foreign";`);
    this.addSql(`alter table "officer" drop constraint "officer_agency_id_foreign";`);
    this.addSql(`alter table "dossier" drop constraint "dossier_agency_id_foreign";`);
    this.addSql(`alter table "digitized_document" drop constraint "digitized_document_agency_id_foreign";`);
    this.addSql(`alter table "dossier" drop constraint "dossier_received_by_id_foreign";`);
    this.addSql(`alter table "dossier_status_change" drop constraint "dossier_status_change_by_id_foreign";`);
    this.addSql(`alter table "stored_file" drop constraint "stored_file_uploaded_by_id_foreign";`);
    this.addSql(`alter table "digitized_document" drop constraint "digitized_document_signed_by_id_foreign";`);
    this.addSql(`alter table "digitized_document" drop constraint "digitized_document_digitized_by_id_foreign";`);
    this.addSql(`alter table "procedure_result" drop constraint "procedure_result_decided_by_id_foreign";`);
    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_provided_by_id_foreign";`);
    this.addSql(`alter table "discrepancy" drop constraint "discrepancy_recorded_by_id_foreign";`);
    this.addSql(`alter table "dossier_status_change" drop constraint "dossier_status_change_dossier_id_foreign";`);
    this.addSql(`alter table "digitized_document" drop constraint "digitized_document_origin_dossier_id_foreign";`);
    this.addSql(`alter table "procedure_result" drop constraint "procedure_result_dossier_id_foreign";`);
    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_dossier_id_foreign";`);
    this.addSql(`alter table "discrepancy" drop constraint "discrepancy_dossier_id_foreign";`);
    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_requirement_id_foreign";`);
    this.addSql(`alter table "digitized_document" drop constraint "digitized_document_file_id_foreign";`);
    this.addSql(`alter table "procedure_result" drop constraint "procedure_result_document_id_foreign";`);
    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_document_id_foreign";`);
    this.addSql(`alter table "discrepancy" drop constraint "discrepancy_document_id_foreign";`);

    this.addSql(`drop table if exists "code_sequence" cascade;`);
    this.addSql(`drop table if exists "document_type" cascade;`);
    this.addSql(`drop table if exists "administrative_procedure" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "partner_client" cascade;`);
    this.addSql(`drop table if exists "partner_key" cascade;`);
    this.addSql(`drop table if exists "persisted_operation" cascade;`);
    this.addSql(`drop table if exists "province" cascade;`);
    this.addSql(`drop table if exists "organization" cascade;`);
    this.addSql(`drop table if exists "former_province" cascade;`);
    this.addSql(`drop table if exists "commune" cascade;`);
    this.addSql(`drop table if exists "individual" cascade;`);
    this.addSql(`drop table if exists "access_event" cascade;`);
    this.addSql(`drop table if exists "agency" cascade;`);
    this.addSql(`drop table if exists "officer" cascade;`);
    this.addSql(`drop table if exists "dossier" cascade;`);
    this.addSql(`drop table if exists "dossier_status_change" cascade;`);
    this.addSql(`drop table if exists "required_component" cascade;`);
    this.addSql(`drop table if exists "search_entry" cascade;`);
    this.addSql(`drop table if exists "stored_file" cascade;`);
    this.addSql(`drop table if exists "digitized_document" cascade;`);
    this.addSql(`drop table if exists "procedure_result" cascade;`);
    this.addSql(`drop table if exists "dossier_component" cascade;`);
    this.addSql(`drop table if exists "discrepancy" cascade;`);
  }

}
