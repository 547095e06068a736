import { Migration } from '@mikro-orm/migrations';

/**
 * Appending to the access log's hash chain in one statement: lock, head, hashes
 * and insert run inside PostgreSQL, so a batch costs one round trip instead of
 * five and the chain lock is never held across the network.
 * `hash = sha256(prev_hash || content)` over UTF-8, as chainHash computes it.
 */
export class Migration20261125103000_access_event_append extends Migration {

  override name = 'Migration20261125103000_access_event_append';

  override up(): void | Promise<void> {
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
  }

  override down(): void | Promise<void> {
    this.addSql('drop function append_access_events(jsonb);');
  }

}
