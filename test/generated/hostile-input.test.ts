/**
 * The hostile-input suite, generated from the schema (issue 11, item 7).
 *
 * From the schema's introspection (in-process: production turns it off over
 * HTTP), every argument and input field of every root field — queries and
 * mutations — and every variable of every published partner operation gets
 * hostile values (hostile-values.ts: NUL, lone surrogates, controls, bidi
 * overrides, huge strings, dates and numbers out of range, forged cursors and
 * IDs, prototype keys and non-finite numbers inside JSON, wrong types), one leaf
 * at a time, the other required arguments benign and real (a citizen and a
 * dossier of this suite, demo documents). fast-check draws the cases, seeded
 * (HOSTILE_SEED, default 1333) and bounded (HOSTILE_CASES, at least 2,000).
 *
 * The real app runs in production mode; each case is sent with a real token of
 * a role that can call the field (found by a probe with benign values), or as a
 * partner holding every scope. Each answer must be a refusal: no INTERNAL, no
 * 5xx, no stack trace or SQL text, no data for the field — and no row of any
 * table changed (database-checksum.ts, compared around each field's cases).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buildClientSchema,
  getNamedType,
  introspectionFromSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  parse,
  typeFromAST,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { createSchema } from '../../src/schema/build-schema.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { toGlobalId } from '../../src/domain/global-id.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { MANIFEST_PATH, readManifest } from '../../src/partners/publish.js';
import { newPartner, publishAll } from '../integration/partner-fixtures.js';
import { changedTables, checksum, checksumStatement, type Checksum } from './database-checksum.js';
import { hostileFor, leavesOf, toJsonText, type Leaf } from './hostile-values.js';

const SEED = Number(process.env.HOSTILE_SEED ?? 1333);
const TOTAL_CASES = Math.max(2_000, Number(process.env.HOSTILE_CASES ?? 2_000));
const PARTNER_CASES_PER_OPERATION = 25;

// The schema the app serves, introspected in-process (the same createSchema the app calls).
const introspected: GraphQLSchema = buildClientSchema(introspectionFromSchema(await createSchema()));
const rootFields = (['Query', 'Mutation'] as const).flatMap((root) => {
  const type = root === 'Query' ? introspected.getQueryType()! : introspected.getMutationType()!;
  return Object.values(type.getFields()).map((field) => ({ root, field }));
});
const officerCases = rootFields.filter((f) => f.field.args.length > 0);
const CASES_PER_FIELD = Math.ceil(TOTAL_CASES / officerCases.length);

/** Real rows the benign arguments point at, so a case reaches past lookups when its hostile value is not refused first. */
interface Live {
  personalId: string;
  dossierCode: string;
  dossierId: string;
  documentCode: string;
}

let t: TestApp;
let live: Live;
let tokens: Record<OfficerRole, string>;
let statement: string;
const counts = { officerCases: 0, partnerCases: 0, probes: 0 };
const started = Date.now();

beforeAll(async () => {
  t = await startTestApp({
    NODE_ENV: 'production',
    JWT_SECRET: `hostile-suite-${randomUUID()}-secret`,
    RATE_LIMIT_PER_MINUTE: '1000000',
    COST_BUDGET_PER_MINUTE: '1000000000',
  });
  tokens = Object.fromEntries(await Promise.all(Object.values(OfficerRole).map(async (role) => [role, await t.token(role)]))) as Record<OfficerRole, string>;
  const personalId = `001190${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const citizen = await t.graphql(
    `mutation($input: UpsertIndividualInput!) { upsertIndividual(input: $input) { personalId } }`,
    { input: { personalId, fullName: 'Trần Thị Hoà', dateOfBirth: '1990-07-07', gender: 'FEMALE', provinceCode: '01' } },
    tokens.ADMIN,
  );
  expect(citizen.errors).toBeUndefined();
  const dossier = await t.graphql(
    `mutation($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }`,
    { input: { procedureCode: '1.001939', applicant: { personalId }, channel: 'IN_PERSON', idempotencyKey: `hostile-${randomUUID()}` } },
    tokens.RECEIVING_OFFICER,
  );
  expect(dossier.errors).toBeUndefined();
  const em = t.app.orm.em.fork();
  const [row] = await em.getConnection().execute<{ id: string; document_code: string }[]>(
    `select d.id, (select code from digitized_document order by code limit 1) as document_code from dossier d where d.code = ?`,
    [dossier.data.receiveDossier.code],
  );
  live = { personalId, dossierCode: dossier.data.receiveDossier.code, dossierId: row.id, documentCode: row.document_code };
  statement = await checksumStatement(t);
});

afterAll(async () => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // The count CI shows: officer cases over every root field's arguments, partner cases over every published operation's variables.
  console.log(
    `hostile-input suite: ${counts.officerCases + counts.partnerCases} cases (${counts.officerCases} officer cases over ${officerCases.length} root fields, ` +
      `${counts.partnerCases} partner cases), ${counts.probes} role probes, seed ${SEED}, ${seconds} s`,
  );
  await t?.close();
});

/** A benign, real value for an argument or input field, by name and type. */
function benign(type: GraphQLInputType, name: string, fieldName: string): unknown {
  if (isNonNullType(type)) return benign(type.ofType, name, fieldName);
  if (isListType(type)) return [benign(type.ofType, name, fieldName)];
  if (isInputObjectType(type)) {
    if (type.name === 'PartyRef') return { personalId: live.personalId };
    const object: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type)) object[field.name] = benign(field.type, field.name, fieldName);
    }
    return object;
  }
  if (isEnumType(type)) return type.getValues()[0].name;
  switch (type.name) {
    case 'Int':
      return 5;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'Date':
      return '2020-01-01';
    case 'DateTime':
      return '2026-01-01T00:00:00Z';
    case 'JSONObject':
      return {};
    case 'ID':
      return name === 'id' ? toGlobalId('Dossier', live.dossierId) : randomUUID();
  }
  const byName: Record<string, string> = {
    dossierCode: live.dossierCode,
    personalId: live.personalId,
    procedureCode: '1.001939',
    requirementCode: 'TP01',
    documentCode: live.documentCode,
    documentTypeCode: 'CCCD',
    documentTypeCodes: 'CCCD',
    birthCertificateNumber: 'HOSTILE-BC-1',
    idempotencyKey: 'hostile-benign-key',
    fullName: 'Nguyễn Văn An',
    name: 'Công ty Sao Mai',
    title: 'Tờ khai',
    query: 'Nguyễn',
    registrationAuthority: 'UBND phường Ba Đình',
    unitCode: 'HOSTILE1',
    note: 'Ghi chú',
    reason: 'Lý do',
  };
  if (name === 'code') return fieldName === 'document' ? live.documentCode : fieldName === 'procedure' ? '1.001939' : live.dossierCode;
  return byName[name] ?? 'x';
}

/** Variables for `args`: the hostile value at the leaf's path, benign values for every other required argument and input field. */
function variablesFor(args: readonly { name: string; type: GraphQLInputType }[], leaf: Leaf, hostile: unknown, fieldName: string): Record<string, unknown> {
  const onPath = (type: GraphQLInputType, rest: (string | number)[], name: string): unknown => {
    if (isNonNullType(type)) return onPath(type.ofType, rest, name);
    if (rest.length === 0) return hostile;
    if (isListType(type)) return [onPath(type.ofType, rest.slice(1), name)];
    if (!isInputObjectType(type)) return hostile;
    const object = benign(type, name, fieldName) as Record<string, unknown>;
    if (type.name === 'PartyRef') delete object.personalId;
    const field = type.getFields()[rest[0] as string];
    object[field.name] = onPath(field.type, rest.slice(1), field.name);
    return object;
  };
  const variables: Record<string, unknown> = {};
  for (const arg of args) {
    if (arg.name === leaf.path[0]) variables[arg.name] = onPath(arg.type, leaf.path.slice(1), arg.name);
    else if (isNonNullType(arg.type)) variables[arg.name] = benign(arg.type, arg.name, fieldName);
  }
  return variables;
}

/** `root field(args) { __typename }` with one variable per argument. */
function operationFor(root: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>): string {
  const definitions = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${root === 'Query' ? 'query' : 'mutation'} Hostile${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

interface Answer {
  status: number;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(body: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
  const res = await t.http.post('/graphql').set('content-type', 'application/json').set(headers).send(toJsonText(body));
  let parsed: Answer['body'] = {};
  try {
    parsed = JSON.parse(res.text) as Answer['body'];
  } catch {
    // judged below: not the graph's error body
  }
  return { status: res.status, text: res.text, body: parsed };
}

const STACK_OR_SQL = [
  /\bat [\w$.<>]+ \(?[^)\s]*:\d+:\d+/, // a stack frame
  /node_modules|\.ts:\d+|\.js:\d+/,
  /\b(select|insert into|update|delete from)\b[\s\S]{0,80}\b(from|where|set|values)\b/i,
  /syntax error at|violates .* constraint|invalid input syntax|relation "|column "|pg_|mikro-?orm|DriverException/i,
];

/** Why this answer is not a clean refusal, or null. */
function problemWith(answer: Answer, fieldName: string | null): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  const errors = answer.body.errors;
  if (!Array.isArray(errors) || errors.length === 0) return `accepted (HTTP ${answer.status}): ${answer.text.slice(0, 300)}`;
  const internal = errors.find((e) => e.extensions?.code === 'INTERNAL' || e.extensions?.code === 'INTERNAL_SERVER_ERROR');
  if (internal) return `INTERNAL: ${internal.message}`;
  const leak = STACK_OR_SQL.find((pattern) => pattern.test(answer.text));
  if (leak) return `stack or SQL text in the answer (${leak}): ${answer.text.slice(0, 300)}`;
  const data = answer.body.data;
  if (fieldName && data && data[fieldName] !== null && data[fieldName] !== undefined) return `data for ${fieldName} beside the errors`;
  return null;
}

/** A short description of a case for failure messages (hostile values can be 60,000 characters). */
function describeCase(variables: Record<string, unknown>): string {
  const text = toJsonText(variables);
  return text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text;
}

/** Roles whose benign call of the field is not FORBIDDEN: the roles that can call it. */
async function rolesThatCall(root: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>): Promise<OfficerRole[]> {
  const query = operationFor(root, field);
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) if (isNonNullType(arg.type)) variables[arg.name] = benign(arg.type, arg.name, field.name);
  const roles: OfficerRole[] = [];
  for (const role of Object.values(OfficerRole)) {
    counts.probes += 1;
    const answer = await post({ query, variables }, { authorization: `Bearer ${tokens[role]}` });
    const problem = problemWith(answer, null);
    if (problem?.startsWith('INTERNAL') || answer.status >= 500) throw new Error(`benign probe of ${field.name} as ${role}: ${problem}`);
    if (!answer.body.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')) roles.push(role);
  }
  return roles;
}

describe('the checksum that judges "no row changed"', () => {
  it('sees an insert, an update that writes the same values back, and a delete', async () => {
    const before = await checksum(t, statement);
    expect(changedTables(before, await checksum(t, statement))).toEqual([]);
    const em = t.app.orm.em.fork().getConnection();
    await em.execute(`update individual set full_name = full_name where personal_id = ?`, [live.personalId]);
    const afterUpdate = await checksum(t, statement);
    expect(changedTables(before, afterUpdate)).toEqual(['individual']);
    // A refused-looking request that still wrote: an accepted mutation between two readings is seen.
    const res = await t.graphql(`mutation($input: UpsertOrganizationInput!) { upsertOrganization(input: $input) { unitCode } }`, { input: { unitCode: `HS${randomInt(0, 1e6)}`, name: 'Công ty Kiểm Tra' } }, tokens.ADMIN);
    expect(res.errors).toBeUndefined();
    const afterInsert = await checksum(t, statement);
    expect(changedTables(afterUpdate, afterInsert)).toEqual(expect.arrayContaining(['organization', 'outbox_event']));
    await em.execute(`delete from outbox_event where id = (select max(id) from outbox_event)`);
    expect(changedTables(afterInsert, await checksum(t, statement))).toEqual(['outbox_event']);
  });
});

describe.each(officerCases.map(({ root, field }) => [`${root}.${field.name}`, root, field] as const))('%s', (_name, root, field) => {
  it(`refuses every hostile argument without INTERNAL, 5xx, stack or SQL text, and changes no row`, async () => {
    const roles = await rolesThatCall(root, field);
    expect(roles.length).toBeGreaterThan(0);
    const query = operationFor(root, field);
    const leaves = leavesOf(field.args as GraphQLArgument[]);
    const before: Checksum = await checksum(t, statement);
    const arbitrary = fc
      .constantFrom(...leaves)
      .chain((leaf) => fc.record({ leaf: fc.constant(leaf), value: hostileFor(leaf), role: fc.constantFrom(...roles) }));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ leaf, value, role }) => {
        const variables = variablesFor(field.args, leaf, value, field.name);
        counts.officerCases += 1;
        const answer = await post({ query, variables }, { authorization: `Bearer ${tokens[role]}` });
        const problem = problemWith(answer, field.name);
        if (problem) throw new Error(`${root}.${field.name} as ${role}, hostile ${leaf.path.join('.')}: ${problem}\nvariables: ${describeCase(variables)}`);
      }),
      { seed: SEED + officerCases.findIndex((f) => f.field === field), numRuns: CASES_PER_FIELD, endOnFailure: true },
    );
    expect(changedTables(before, await checksum(t, statement))).toEqual([]);
  });
});

describe('published partner operations', () => {
  it('refuses every hostile variable of every operation, for a partner holding every scope', async () => {
    const hashes = await publishAll(t);
    const partner = await newPartner(t, {
      scopes: ['individuals:read', 'organizations:read', 'documents:read', 'documents:share', 'personal-data:read', 'access-log:read'],
      rateLimitPerMinute: 1_000_000,
    });
    const manifest = await readManifest(MANIFEST_PATH);
    const before = await checksum(t, statement);
    for (const [index, text] of Object.values(manifest).entries()) {
      const operation = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
      const name = operation.name!.value;
      const variables = (operation.variableDefinitions ?? []).map((d) => ({ name: d.variable.name.value, type: typeFromAST(introspected, d.type as never) as GraphQLInputType }));
      if (variables.length === 0) continue;
      const leaves = leavesOf(variables as unknown as GraphQLArgument[]);
      const rootField = (operation.selectionSet.selections[0] as { name: { value: string } }).name.value;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...leaves).chain((leaf) => fc.record({ leaf: fc.constant(leaf), value: hostileFor(leaf) })), async ({ leaf, value }) => {
          const values = variablesFor(variables, leaf, value, rootField);
          counts.partnerCases += 1;
          const answer = await post({ variables: values, extensions: { persistedQuery: { version: 1, sha256Hash: hashes[name] } } }, { 'x-api-key': partner.key });
          const problem = problemWith(answer, rootField);
          if (problem) throw new Error(`partner ${name}, hostile ${leaf.path.join('.')}: ${problem}\nvariables: ${describeCase(values)}`);
        }),
        { seed: SEED + 1000 + index, numRuns: PARTNER_CASES_PER_OPERATION, endOnFailure: true },
      );
    }
    expect(changedTables(before, await checksum(t, statement))).toEqual([]);
    expect(counts.officerCases + counts.partnerCases).toBeGreaterThanOrEqual(2_000);
  });
});
