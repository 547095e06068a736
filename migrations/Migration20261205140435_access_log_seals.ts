import { Migration } from '@mikro-orm/migrations';

/**
 * The access log as one chain per writer, sealed (src/services/access-log.service.ts):
 * events get their writer and position; seals are stored beside them; the append
 * function locks, reads and extends only the writer's own chain and answers the
 * new head, which the writer signs when a seal is due. Events written before this
 * migration form the chain of writer `legacy`, in id order.
 */
export class Migration20261205140435_access_log_seals extends Migration {

  override name = 'Migration20261205140435_access_log_seals';

  override up(): void | Promise<void> {
    this.addSql(`create table "access_seal" ("id" bigserial primary key, "writer" text not null, "seq" bigint not null, "event_id" bigint not null, "hash" varchar(64) not null, "sealed_at" timestamptz not null, "key_id" varchar(64) not null, "signature" text not null);`);
    this.addSql(`alter table "access_seal" add constraint "access_seal_writer_seq_unique" unique ("writer", "seq");`);

    this.addSql(`alter table "access_event" add "writer" text, add "seq" bigint;`);
    this.addSql(`update "access_event" e set "writer" = 'legacy', "seq" = n.seq from (select id, row_number() over (order by id) as seq from "access_event") n where n.id = e.id;`);
    this.addSql(`alter table "access_event" alter "writer" set not null, alter "seq" set not null;`);
    this.addSql(`alter table "access_event" add constraint "access_event_writer_seq_unique" unique ("writer", "seq");`);

    this.addSql('drop function append_access_events(jsonb);');
    this.addSql(`create function append_access_events(writer_id text, events jsonb) returns jsonb language plpgsql as $$
declare
  prev text;
  head_seq bigint;
  last_id bigint;
  event jsonb;
  next_hash text;
begin
  perform pg_advisory_xact_lock(hashtext('access_event_chain:' || writer_id));
  select hash, seq into prev, head_seq from access_event where writer = writer_id order by seq desc limit 1;
  head_seq := coalesce(head_seq, 0);
  for event in select value from jsonb_array_elements(events) loop
    next_hash := encode(sha256(convert_to(coalesce(prev, '') || (event->>'content'), 'UTF8')), 'hex');
    head_seq := head_seq + 1;
    insert into access_event (writer, seq, at, actor, actor_kind, operation, purpose, subject_individual_id, subject_organization_id, fields, request_id, prev_hash, hash)
    values (writer_id, head_seq, (event->>'at')::timestamptz, event->>'actor', event->>'actorKind', event->>'operation', event->>'purpose',
            (event->>'subjectIndividual')::uuid, (event->>'subjectOrganization')::uuid,
            array(select jsonb_array_elements_text(event->'fields')), event->>'requestId', prev, next_hash)
    returning id into last_id;
    prev := next_hash;
  end loop;
  return jsonb_build_object('id', last_id::text, 'seq', head_seq::text, 'hash', prev);
end
$$;`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop function append_access_events(text, jsonb);');
    this.addSql(`create function append_access_events(events jsonb) returns void language plpgsql as $$
declare
  prev text;
  event jsonb;
  next_hash text;
begin
  perform pg_advisory_xact_lock(hashtext('access_event_chain'));
  select hash into prev from access_event order by id desc limit 1;
  for event in select value from jsonb_array_elements(events) loop
    next_hash := encode(sha256(convert_to(coalesce(prev, '') || (event->>'content'), 'UTF8')), 'hex');
    insert into access_event (at, actor, actor_kind, operation, purpose, subject_individual_id, subject_organization_id, fields, request_id, prev_hash, hash)
    values ((event->>'at')::timestamptz, event->>'actor', event->>'actorKind', event->>'operation', event->>'purpose',
            (event->>'subjectIndividual')::uuid, (event->>'subjectOrganization')::uuid,
            array(select jsonb_array_elements_text(event->'fields')), event->>'requestId', prev, next_hash);
    prev := next_hash;
  end loop;
end
$$;`);
    this.addSql(`alter table "access_event" drop constraint "access_event_writer_seq_unique";`);
    this.addSql(`alter table "access_event" drop column "writer", drop column "seq";`);
    this.addSql(`drop table if exists "access_seal" cascade;`);
  }

}
