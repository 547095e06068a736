/** Partner test helpers: the published operations of persisted/, partners, and persisted requests over HTTP. */
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../helpers/app.js';
import { MANIFEST_PATH, PERSISTED_DIR, publishPersistedOperations, readManifest, readPurposes } from '../../src/partners/publish.js';
import { createPartner, type PartnerSpec } from '../../src/services/partner.service.js';
import { Individual } from '../../src/entities/individual.entity.js';

/** Publishes persisted/ (the manifest `npm test` regenerated) and returns operation name → hex hash. */
export async function publishAll(t: TestApp): Promise<Record<string, string>> {
  const published = await publishPersistedOperations(t.app.orm.em.fork(), await readManifest(MANIFEST_PATH), await readPurposes(PERSISTED_DIR));
  return Object.fromEntries(published.map((op) => [op.operationName, op.hash]));
}

/** A partner with a unique name (test files share one database); returns its name and first key. */
export async function newPartner(t: TestApp, spec: Omit<PartnerSpec, 'name'> & { name?: string }): Promise<{ name: string; key: string }> {
  const name = `${spec.name ?? 'partner'}-${randomUUID().slice(0, 8)}`;
  const { key } = await createPartner(t.app.orm.em.fork(), { ...spec, name });
  return { name, key };
}

export interface GraphQLResponse {
  status: number;
  headers: Record<string, string>;
  data?: any;
  errors?: any[];
}

/** POST /graphql with an API key and any body. */
export async function asPartner(t: TestApp, key: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const res = await t.http.post('/graphql').set('content-type', 'application/json').set('x-api-key', key).set(headers).send(body);
  return { status: res.status, headers: res.headers as Record<string, string>, data: res.body.data, errors: res.body.errors };
}

/** A persisted operation by `extensions.persistedQuery.sha256Hash`, Apollo's form. */
export function byHash(t: TestApp, key: string, hash: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  return asPartner(t, key, { variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
}

/** A demo person holding valid documents of a type, with that type's code. */
export async function personWithDocuments(t: TestApp): Promise<{ person: Individual; typeCode: string }> {
  const em = t.app.orm.em.fork();
  const [row] = await em.getConnection().execute<{ id: string; type_code: string }[]>(
    `select i.id, dt.code as type_code from individual i
       join digitized_document d on d.owner_individual_id = i.id join document_type dt on dt.id = d.document_type_id
      where d.status = 'VALID' and i.date_of_birth is not null order by i.personal_id, d.code limit 1`,
  );
  return { person: await em.findOneOrFail(Individual, { id: row.id }), typeCode: row.type_code };
}
