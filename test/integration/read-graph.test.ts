import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { print } from 'graphql';
import { Reference } from '@mikro-orm/core';
import { startTestApp, HANOI_OFFICER, type TestApp } from '../helpers/app.js';
import { DEMO_NOW } from '../helpers/test-database.js';
import { DossierByCodeDocument, DossierPageDocument, IndividualByPersonalIdDocument, NodeByIdDocument, ProceduresDocument } from '../graphql/generated/graphql.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { AccessEvent } from '../../src/entities/access-event.entity.js';
import { Dossier } from '../../src/entities/dossier.entity.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { DossierComponent } from '../../src/entities/dossier.entity.js';
import { DocumentType } from '../../src/entities/document-type.entity.js';
import { CatalogCache } from '../../src/catalog/catalog-cache.js';
import { uuidv7 } from '../../src/domain/ids.js';
import { maskString } from '../../src/auth/masks.js';
import { metadataByCode } from '../helpers/personal-data.js';

let t: TestApp;
let receiving: string;
let auditor: string;

beforeAll(async () => {
  t = await startTestApp();
  receiving = await t.token(OfficerRole.RECEIVING_OFFICER);
  auditor = await t.token(OfficerRole.AUDITOR);
});
afterAll(() => t.close());

/** A demo person holding a commune and at least one document. */
async function demoIndividual(): Promise<Individual> {
  const em = t.app.orm.em.fork();
  const [row] = await em.getConnection().execute<{ id: string }[]>(
    `select i.id from individual i where i.commune_code is not null and i.date_of_birth is not null
       and exists (select 1 from digitized_document d where d.owner_individual_id = i.id) order by i.personal_id limit 1`,
  );
  return em.findOneOrFail(Individual, { id: row.id });
}


describe('the catalog', () => {
  it('lists the seeded procedures with their required components and document types', async () => {
    const res = await t.graphql(ProceduresDocument, {}, receiving);
    expect(res.errors).toBeUndefined();
    const procedures = res.data!.procedures;
    expect(procedures.length).toBeGreaterThanOrEqual(10);
    const sickness = procedures.find((p) => p.code === '1.001667');
    expect(sickness?.name).toBe('Giải quyết hưởng chế độ ốm đau');
    for (const p of procedures) {
      expect(p.code).toMatch(/^\d\.\d{6}$/);
      expect(p.requiredComponents.length).toBeGreaterThan(0);
      for (const c of p.requiredComponents) expect(c.documentType.code).toMatch(/^[A-Z0-9]+$/);
    }
  });

  it('refuses a caller without credentials', async () => {
    const res = await t.graphql(ProceduresDocument, {}, null);
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.data?.procedures).toBeUndefined();
  });

  it('refuses a forged token with 401 UNAUTHENTICATED', async () => {
    const forged = `${receiving.slice(0, -4)}abcd`;
    const res = await t.graphql(ProceduresDocument, {}, forged);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('individual(personalId)', () => {
  it('shows personal data to a receiving officer and records the read', async () => {
    const person = await demoIndividual();
    const before = await t.app.orm.em.fork().count(AccessEvent, { subjectIndividual: person.id, actor: HANOI_OFFICER.RECEIVING_OFFICER });
    const res = await t.graphql(IndividualByPersonalIdDocument, { personalId: person.personalId }, receiving);
    expect(res.errors).toBeUndefined();
    const shown = res.data!.individual!;
    expect(shown.personalId).toBe(person.personalId);
    expect(shown.fullName).toBe(person.fullName);
    expect(shown.dateOfBirth).toBe(person.dateOfBirth);
    expect(shown.residence?.communeCode).toBe(person.commune?.unwrap().code);
    expect(shown.documents.totalCount).toBeGreaterThan(0);

    const events = await t.app.orm.em.fork().find(AccessEvent, { subjectIndividual: person.id, actor: HANOI_OFFICER.RECEIVING_OFFICER }, { orderBy: { id: 'desc' } });
    expect(events.length).toBe(before + 1);
    // What the server knows of an ad-hoc document: its SHA-256 (the client's operationName is not trusted).
    expect(events[0].operation).toBe(`sha256:${createHash('sha256').update(print(IndividualByPersonalIdDocument)).digest('hex')}`);
    expect(events[0].fields).toEqual(expect.arrayContaining(['personalId', 'dateOfBirth', 'residence', 'document.metadata']));
  });

  it('masks personal data for an auditor and records nothing', async () => {
    const person = await demoIndividual();
    const before = await t.app.orm.em.fork().count(AccessEvent, { subjectIndividual: person.id });
    const res = await t.graphql(IndividualByPersonalIdDocument, { personalId: person.personalId }, auditor);
    expect(res.errors).toBeUndefined();
    const shown = res.data!.individual!;
    expect(shown.personalId).not.toBe(person.personalId);
    expect(shown.personalId).toMatch(/^\d{3}\*{7}\d{2}$/);
    expect(shown.dateOfBirth).toBeNull();
    expect(shown.residence?.communeCode).toBeNull();
    // A masked name shows initials (README, "Personal data").
    expect(shown.fullName).toBe(maskString(person.fullName, 'name'));
    expect(shown.fullName).not.toBe(person.fullName);
    // Metadata keeps its keys and types, each personal key masked as its type's schema declares.
    const metadata = await metadataByCode(t, shown.documents.edges.map((e) => e.node.code));
    expect(shown.documents.edges.length).toBeGreaterThan(0);
    for (const edge of shown.documents.edges) {
      const { stored, masked } = metadata.get(edge.node.code)!;
      expect(edge.node.metadata).toEqual(masked);
      expect(Object.keys(edge.node.metadata)).toEqual(Object.keys(stored));
      expect(edge.node.metadata).not.toEqual(stored);
    }
    expect(await t.app.orm.em.fork().count(AccessEvent, { subjectIndividual: person.id })).toBe(before);
  });

  it('answers null for a well-formed personal ID nobody has', async () => {
    const res = await t.graphql(IndividualByPersonalIdDocument, { personalId: '001099999999' }, receiving);
    expect(res.errors).toBeUndefined();
    expect(res.data!.individual).toBeNull();
  });

  it.each([
    ['12345', 'exactly 12 digits'],
    ['00109912345a', 'exactly 12 digits'],
    ['999099123456', 'prefix'],
  ])('refuses the malformed personal ID %s with BAD_USER_INPUT naming the argument', async (personalId, why) => {
    const res = await t.graphql(IndividualByPersonalIdDocument, { personalId }, receiving);
    expect(res.status).toBe(200);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['personalId'] });
    expect(res.errors?.[0].message).toContain(why);
    expect(res.errors?.[0].extensions.stacktrace).toBeUndefined();
  });

  it('refuses a malformed tax code and a social insurance code with BAD_USER_INPUT', async () => {
    const tax = await t.graphql('query { organization(taxCode: "0100233489") { name } }', {}, receiving);
    expect(tax.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['taxCode'] });
    const si = await t.graphql('query { individual(socialInsuranceCode: "12-34") { fullName } }', {}, receiving);
    expect(si.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['socialInsuranceCode'] });
    const both = await t.graphql('query { individual(personalId: "001099123456", socialInsuranceCode: "0123456789") { fullName } }', {}, receiving);
    expect(both.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('dossiers', () => {
  it('resolves a deep page with the same number of SQL statements for 5 dossiers as for 50', async () => {
    await t.graphql(DossierPageDocument, { first: 1 }, receiving); // warm-up: the first query checks the database
    /** A statement with its lists of parameters folded, so pages of 5 and of 50 read alike. */
    const shape = (sql: string) => sql.replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, '(…)');
    const statements: Record<number, string[]> = {};
    for (const first of [5, 50]) {
      t.statements.reset();
      // The demo's decided dossiers only: other test files add dossiers to the shared database, newer ones and
      // (working-calendar.test.ts) ones received on past days with no documents yet, which would skip a read.
      const filter = { receivedTo: DEMO_NOW.toISOString(), status: ['APPROVED' as const, 'RESULT_RETURNED' as const] };
      const res = await t.graphql(DossierPageDocument, { first, filter }, receiving);
      expect(res.errors).toBeUndefined();
      expect(res.data!.dossiers.edges).toHaveLength(first);
      // Sorted: the order depends on which batch answers first.
      statements[first] = t.statements.list.map(shape).sort();
    }
    expect(statements[5]).toEqual(statements[50]);
    // The graph, each table read once: page, count, applicants (individuals, organizations), components,
    // documents (their owners are applicants, whose load they join: src/db/refs.ts). Procedures and
    // requirements come from the catalog read once per process (src/catalog/catalog-cache.ts).
    const graph = statements[50].filter((q) => !/append_access_events/.test(q));
    expect(graph.map((q) => `${/^select count\(/.test(q) ? 'count ' : ''}${/ from "(\w+)"/.exec(q)?.[1]}`).sort()).toEqual([
      'count dossier',
      'digitized_document',
      'dossier',
      'dossier_component',
      'individual',
      'organization',
    ]);
    // Then one statement stores the access events of the personal IDs shown (chain lock, head, hashes, insert).
    expect(statements[50].length - graph.length).toBe(1);
  });

  it('reads one dossier by code, as deep, with the same statements whatever its shape', async () => {
    const page = await t.graphql(DossierPageDocument, { first: 50, filter: { receivedTo: DEMO_NOW.toISOString() } }, receiving);
    // Dossiers of both kinds of applicant, with and without documents in their components.
    const sample = page.data!.dossiers.edges.map((e) => e.node).filter((d, i, all) =>
      all.findIndex((o) => o.applicant.__typename === d.applicant.__typename && o.components.some((c) => c.document) === d.components.some((c) => c.document)) === i);
    expect(sample.length).toBeGreaterThanOrEqual(3);
    const tablesRead = new Set<string>();
    for (const dossier of sample) {
      t.statements.reset();
      const res = await t.graphql(DossierByCodeDocument, { code: dossier.code }, receiving);
      expect(res.errors).toBeUndefined();
      // The same answer as the batched page gives.
      expect(res.data!.dossier).toEqual(dossier);
      // One read per table (relations batched; the catalog from the process's cache), then one statement appends the access events.
      const reads = t.statements.list.filter((q) => !/append_access_events/.test(q)).map((q) => / from "(\w+)"/.exec(q)?.[1]).sort();
      expect(new Set(reads).size).toBe(reads.length);
      reads.forEach((table) => tablesRead.add(table!));
    }
    expect([...tablesRead].sort()).toEqual(['digitized_document', 'dossier', 'dossier_component', 'individual', 'organization']);
  });

  it('pages through a filtered list returning every dossier once', async () => {
    const filter = { status: ['APPROVED', 'RESULT_RETURNED'] as ('APPROVED' | 'RESULT_RETURNED')[] };
    const seen: string[] = [];
    let after: string | null | undefined;
    let total = 0;
    do {
      const res = await t.graphql(DossierPageDocument, { first: 17, after, filter }, receiving);
      expect(res.errors).toBeUndefined();
      total = res.data!.dossiers.totalCount;
      for (const edge of res.data!.dossiers.edges) {
        expect(['APPROVED', 'RESULT_RETURNED']).toContain(edge.node.status);
        seen.push(edge.node.code);
      }
      after = res.data!.dossiers.pageInfo.hasNextPage ? res.data!.dossiers.pageInfo.endCursor : null;
    } while (after);
    const expected = await t.app.orm.em.fork().count(Dossier, { status: { $in: ['APPROVED', 'RESULT_RETURNED'] } } as never);
    expect(total).toBe(expected);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
  });

  it('refuses a page larger than the maximum, and a forged cursor', async () => {
    const big = await t.graphql(DossierPageDocument, { first: 1000 }, receiving);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE_EXCEEDED' });
    const forged = await t.graphql(DossierPageDocument, { first: 5, after: 'not-a-cursor' }, receiving);
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['after'] });
  });

  it('finds a dossier again through node(id)', async () => {
    const page = await t.graphql(DossierPageDocument, { first: 1 }, receiving);
    const first = page.data!.dossiers.edges[0].node;
    const res = await t.graphql(NodeByIdDocument, { id: first.id }, receiving);
    expect(res.data!.node).toMatchObject({ __typename: 'Dossier', id: first.id, code: first.code });
    const unknown = await t.graphql(NodeByIdDocument, { id: 'bm90IGFuIGlk' }, receiving);
    expect(unknown.data!.node).toBeNull();
  });
});

describe('the catalog cache', () => {
  it('reads the catalog once, then answers without SQL; a row it does not hold comes from the database', async () => {
    const em = t.app.orm.em.fork();
    const component = await em.findOneOrFail(DossierComponent, { document: { $ne: null } }, { populate: ['dossier', 'requirement', 'document'] });
    const cache = new CatalogCache(() => t.app.orm.em.fork());
    t.statements.reset();
    const procedure = await cache.procedure(component.dossier.getEntity().procedure);
    expect(t.statements.count()).toBe(3); // document types, procedures, their required components
    t.statements.reset();
    const requirement = await cache.requirement(component.requirement);
    const type = await cache.documentType(component.document!.getEntity().documentType);
    expect(t.statements.count()).toBe(0);
    expect(requirement).toMatchObject({ id: component.requirement.id, code: component.requirement.getEntity().code });
    expect((await procedure.requiredComponents.load()).getItems()).toContain(requirement);
    expect(type.code).toBe((await em.findOneOrFail(DocumentType, component.document!.getEntity().documentType.id)).code);
    // A type added after the cache was read: loaded from the database.
    const id = uuidv7();
    const connection = em.getConnection();
    await connection.execute(`insert into document_type (id, code, name, owner_kind, metadata_schema) values (?, 'ZZCACHE', 'Added later', 'INDIVIDUAL', '{}')`, [id]);
    try {
      t.statements.reset();
      expect(await cache.documentType(Reference.create(em.getReference(DocumentType, id)))).toMatchObject({ code: 'ZZCACHE' });
      expect(t.statements.count()).toBe(1);
    } finally {
      await connection.execute('delete from document_type where id = ?', [id]);
    }
  });
});
