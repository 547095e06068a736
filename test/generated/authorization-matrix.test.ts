/**
 * The authorization matrix, generated from the personal-data policy
 * (src/auth/personal-data-policy.ts) and the schema — not a hand-written list:
 *
 *   every personal-data entry of the policy (graph fields; each key of each
 *   document type's metadata; discrepancy values; search highlights of each
 *   kind of hit; file downloads)
 *   × every viewer: each officer role, anonymous, and every combination of the
 *     partner scopes the query needs plus `personal-data:read`
 *   → refused, or clear (equal to what is stored) with an access event of the
 *     request for that field and subject, or masked (as the entry's mask says)
 *     with no access event at all.
 *
 * A query reaching each entry is found by a breadth-first walk of the schema
 * from the root fields this file has real data for (FIXTURE_ROOTS); partners
 * run the same queries as published operations. A new policy entry is covered
 * the day it is added; one that no root reaches fails here.
 *
 * Real data, real app, over HTTP: a citizen, her papers (one per document type,
 * every metadata key filled, shared through `shareDocument`), her dossiers
 * (received, scanned, checked, supplemented, rejected through the mutations), a
 * child registered through the Ministry of Justice's `RegisterBirth`, and the
 * search index rebuilt from PostgreSQL.
 */
import { createHash, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  parse,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { jpegScan } from '../helpers/scan-images.js';
import { testIndexPrefix, testSearch, type TestSearch } from '../helpers/elasticsearch.js';
import { byHash, newPartner, publishAll } from '../integration/partner-fixtures.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { AccessEvent } from '../../src/entities/access-event.entity.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { Organization } from '../../src/entities/organization.entity.js';
import { DigitizedDocument } from '../../src/entities/digitized-document.entity.js';
import { Dossier } from '../../src/entities/dossier.entity.js';
import { DOCUMENT_TYPES, documentTypeByCode } from '../../src/catalog/document-types.js';
import { buildPersonalId } from '../../src/domain/identifiers.js';
import { vietnamDate } from '../../src/domain/dates.js';
import { fromGlobalId } from '../../src/domain/global-id.js';
import { holdsPersonalData, maskJson, maskLeaf, maskString, PERSONAL_DATA_KEYWORD } from '../../src/auth/masks.js';
import {
  DOWNLOADS,
  HIGHLIGHT_SOURCES,
  HIT_TYPES,
  PERSONAL_DATA_POLICY,
  discrepancyKeyPolicy,
  fieldPolicy,
  logNameOf,
  metadataPolicy,
  subjectOf,
  type FieldPolicy,
  type PolicyEnv,
  type SubjectRef,
} from '../../src/auth/personal-data-policy.js';
import { mayReadInClear } from '../../src/auth/personal-data.js';
import { operationScopes, type PartnerScope } from '../../src/partners/scopes.js';
import { publishPersistedOperations } from '../../src/partners/publish.js';
import type { Viewer } from '../../src/auth/viewer.js';
import { SEARCH_KINDS, type SearchKindName } from '../../src/search/documents.js';

const ROLES = Object.values(OfficerRole);
const CLEAR_SCOPE: PartnerScope = 'personal-data:read';
const PURPOSE = 'Authorization matrix: checking what each viewer sees';
const CATALOG: PolicyEnv = { documentType: () => undefined, documentTypeByCode: (code) => documentTypeByCode(code), documentTypes: () => DOCUMENT_TYPES };

let t: TestApp;
let search: TestSearch;
let schema: GraphQLSchema;

// --- Real data ----------------------------------------------------------------------------------

interface Fixtures {
  person: { id: string; personalId: string; fullName: string };
  unit: { id: string; unitCode: string; name: string };
  /** Children registered by the Ministry of Justice: one whose card is issued, one waiting for an officer. */
  children: { id: string; birthCertificateNumber: string }[];
  /** Document code by type code (one per catalog type, every metadata key filled). */
  documents: Record<string, { code: string; owner: SubjectRef; metadata: Record<string, unknown> }>;
  /** The scan as served: the signed PDF the upload became (its SHA-256, as the graph gives it). */
  scanned: { code: string; downloadUrl: string; sha256: string };
  checkedDossier: string;
  rejectedResult: string;
  procedureName: string;
}
let fx: Fixtures;

const officerTokens: Partial<Record<OfficerRole, string>> = {};

async function asOfficer(role: OfficerRole, query: string, variables: Record<string, unknown> = {}) {
  const res = await t.graphql(query, variables, officerTokens[role]!);
  if (res.errors) throw new Error(`${role}: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** A sample value for a JSON Schema, every property filled; identifiers from `identifiers`, text that every mask changes. */
function sample(property: Record<string, unknown>, identifiers: string[]): unknown {
  if (property.type === 'object' || property.properties) {
    return Object.fromEntries(Object.entries((property.properties ?? {}) as Record<string, Record<string, unknown>>).map(([k, p]) => [k, sample(p, identifiers)]));
  }
  if (property.type === 'array') return [sample((property.items ?? {}) as Record<string, unknown>, identifiers)];
  if (Array.isArray(property.enum)) return property.enum[0];
  if (property.type === 'integer' || property.type === 'number') return Math.max(Number(property.minimum ?? 0), 7);
  if (property.type === 'boolean') return true;
  if (property.format === 'date') return '2001-02-03';
  if (typeof property.pattern === 'string') {
    const candidates = [...identifiers, '0123456789', '0100109106', 'GD4010123456789', 'HGD-0101', '01234', '2024-05', '+84912345678', 'J18.9'];
    const found = candidates.find((c) => new RegExp(property.pattern as string).test(c));
    if (!found) throw new Error(`No sample fits the pattern ${property.pattern}: add one to the matrix`);
    return found;
  }
  return 'Trần Văn Bình số 12';
}

async function createFixtures(): Promise<Fixtures> {
  const em = t.app.orm.em.fork();
  const year = 1990 + randomInt(0, 10);
  const personalId = buildPersonalId('001', year, 'FEMALE', String(randomInt(100_000, 1_000_000)));
  const fullName = 'Lê Thị Quỳnh Trâm';
  await asOfficer(OfficerRole.ADMIN, `mutation($input: UpsertIndividualInput!) { upsertIndividual(input: $input) { id } }`, {
    input: {
      personalId,
      fullName,
      socialInsuranceCode: String(randomInt(1_000_000_000, 9_999_999_999)),
      dateOfBirth: `${year}-07-07`,
      gender: 'FEMALE',
      householdCode: `HGD${randomInt(1_000_000, 9_999_999)}`,
      provinceCode: '01',
      communeCode: '01002',
    },
  });
  const person = await em.findOneOrFail(Individual, { personalId });
  const unit = await em.findOneOrFail(Organization, { taxCode: { $ne: null } }, { orderBy: { unitCode: 'asc' } });

  // One paper of every type, every key of its schema filled, shared through the graph.
  const documents: Fixtures['documents'] = {};
  for (const type of DOCUMENT_TYPES) {
    const individual = type.ownerKind === 'INDIVIDUAL';
    const metadata = sample(type.metadataSchema, individual ? [personalId] : [unit.taxCode!, personalId]) as Record<string, unknown>;
    if (!individual) Object.assign(metadata, { taxCode: unit.taxCode, unitCode: unit.unitCode });
    const data = await asOfficer(OfficerRole.ADMIN, `mutation($input: ShareDocumentInput!) { shareDocument(input: $input) { code } }`, {
      input: {
        owner: individual ? { personalId } : { unitCode: unit.unitCode },
        documentTypeCode: type.code,
        source: 'CONNECTED_SYSTEM',
        title: `${type.name.split(' (')[0]} - ${individual ? fullName : 'Nguyễn Văn Hùng'}`,
        issuedOn: '2020-01-02',
        metadata,
      },
    });
    documents[type.code] = { code: data.shareDocument.code, owner: individual ? { kind: 'INDIVIDUAL', id: person.id } : { kind: 'ORGANIZATION', id: unit.id }, metadata };
  }

  // A dossier received, its declaration scanned (a real JPEG) and checked, then sent back for a supplement.
  const receive = async () =>
    (await asOfficer(OfficerRole.RECEIVING_OFFICER, `mutation($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }`, {
      input: {
        procedureCode: '1.001939', applicant: { personalId }, channel: 'IN_PERSON', idempotencyKey: `matrix-${randomInt(1e9)}`,
        resultChannels: ['POST'], postalAddress: 'Số 12 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội',
      },
    })).receiveDossier.code as string;
  const scan = async (dossierCode: string) => {
    const bytes = jpegScan();
    const uploaded = await t.http.post('/files').set('authorization', `Bearer ${officerTokens.RECEIVING_OFFICER}`).attach('file', bytes, { filename: 'tk1.jpg', contentType: 'application/octet-stream' });
    if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
    const data = await asOfficer(OfficerRole.RECEIVING_OFFICER, `mutation($input: DigitizeComponentInput!) { digitizeComponent(input: $input) { document { code file { downloadUrl sha256 } } } }`, {
      input: { dossierCode, requirementCode: 'TP01', fileId: uploaded.body.id, title: `Tờ khai TK1-TS - ${fullName}`, issuedOn: '2026-11-02', metadata: { issueDate: '2026-11-02', fullName, dateOfBirth: `${year}-07-07`, gender: 'FEMALE' } },
    });
    const { file } = data.digitizeComponent.document;
    return { code: data.digitizeComponent.document.code as string, downloadUrl: file.downloadUrl as string, sha256: file.sha256 as string };
  };
  const checkedDossier = await receive();
  const scanned = await scan(checkedDossier);
  // Decision 1333, Art. 13.3: the identity paper kept on paper by the approver's decision, the reasons naming her.
  await asOfficer(OfficerRole.RECEIVING_OFFICER, `mutation($input: ProposeNotDigitizingInput!) { proposeNotDigitizing(input: $input) { status } }`, {
    input: { dossierCode: checkedDossier, requirementCode: 'TP02', reason: `Thẻ căn cước của bà ${fullName} bong tróc`, paperKeptAt: 'Kho lưu trữ, kệ B3' },
  });
  await asOfficer(OfficerRole.APPROVER, `mutation($input: DecideNotDigitizingInput!) { decideNotDigitizing(input: $input) { status } }`, {
    input: { dossierCode: checkedDossier, requirementCode: 'TP02', accept: true, reason: `Giữ bản giấy của bà ${fullName}` },
  });
  // Every master-data field the policy lists for a person, and one key of each kind of every type (TYPE.key), declared wrong.
  const declared: Record<string, unknown> = { fullName: 'Lê Thị Quỳnh Trang', dateOfBirth: `${year}-08-08`, gender: 'MALE', personalId: buildPersonalId('001', year, 'FEMALE', '000001'), householdCode: 'HGD0000000', 'TK1TS.fullName': 'Lê Thị Quỳnh Trang', 'TK1TS.issueDate': '2026-11-03' };
  await asOfficer(OfficerRole.RECEIVING_OFFICER, `mutation($code: String!, $declared: JSONObject!) { checkConsistency(dossierCode: $code, declared: $declared) { field } }`, { code: checkedDossier, declared });
  // A discrepancy stored under a key that names no field (finding A of issue 11: such a row holds the
  // serialized individual); recorded before the input boundary refused such keys, still in the database.
  await em.getConnection().execute(
    `insert into discrepancy (id, created_at, updated_at, dossier_id, field, declared, stored) select gen_random_uuid(), now(), now(), d.id, 'constructor', 'x', ? from dossier d where d.code = ?`,
    [JSON.stringify({ personalId, dateOfBirth: `${year}-07-07`, fullName }), checkedDossier],
  );
  await asOfficer(OfficerRole.PROCESSING_OFFICER, `mutation($code: String!) { submitForProcessing(dossierCode: $code) { status } }`, { code: checkedDossier });
  // Art. 13.4: a question about her to the police, answered on paper and scanned.
  const asked = await asOfficer(OfficerRole.PROCESSING_OFFICER, `mutation($input: RequestVerificationInput!) { requestVerification(input: $input) { code } }`, {
    input: { dossierCode: checkedDossier, agency: 'Công an phường Ba Đình', question: `Xác minh nơi cư trú của bà ${fullName}`, dueOn: vietnamDate(new Date()) },
  });
  const answerScan = await t.http.post('/files').set('authorization', `Bearer ${officerTokens.RECEIVING_OFFICER}`).attach('file', jpegScan(), { filename: 'xm.jpg', contentType: 'application/octet-stream' });
  await asOfficer(OfficerRole.PROCESSING_OFFICER, `mutation($input: AnswerVerificationInput!) { answerVerification(input: $input) { code } }`, {
    input: { verificationCode: asked.requestVerification.code, outcome: 'CONFIRMED', answer: `Bà ${fullName} cư trú tại số 12 phố Hàng Bông`, fileId: answerScan.body.id },
  });
  await asOfficer(OfficerRole.PROCESSING_OFFICER, `mutation($code: String!, $note: String!) { requestSupplement(dossierCode: $code, note: $note) { status } }`, {
    code: checkedDossier,
    note: 'Bà Lê Thị Quỳnh Trâm bổ sung giấy ra viện của Bệnh viện Bạch Mai',
  });
  // A second dossier, rejected with a reason.
  const rejected = await receive();
  await scan(rejected);
  await asOfficer(OfficerRole.PROCESSING_OFFICER, `mutation($code: String!) { submitForProcessing(dossierCode: $code) { status } }`, { code: rejected });
  const resolved = await asOfficer(OfficerRole.APPROVER, `mutation($input: ResolveDossierInput!) { resolveDossier(input: $input) { result { code } } }`, {
    input: { dossierCode: rejected, decision: 'REJECTED', reason: 'Bà Lê Thị Quỳnh Trâm đã có thẻ BHYT còn hạn do Công ty Minh Phát đóng' },
  });
  // Art. 13.5: the rejection posted to her, the post office's addressee named.
  await asOfficer(OfficerRole.RECEIVING_OFFICER, `mutation($code: String!, $to: String) { returnResult(dossierCode: $code, handedOverTo: $to) { status } }`, { code: rejected, to: fullName });

  // A child registered by the Ministry of Justice (Decision 3509/QĐ-BHXH): the card, its dates, its number.
  const hashes = await publishAll(t);
  const justice = await newPartner(t, { name: 'matrix-justice', scopes: ['documents:share', CLEAR_SCOPE], operations: ['RegisterBirth'] });
  const [parent] = await em.getConnection().execute<{ personal_id: string; household_code: string; commune_code: string }[]>(
    `select i.personal_id, i.household_code, i.commune_code from individual i join commune c on c.code = i.commune_code
      where i.household_code is not null and i.household_code not like 'CHUNG-%' and c.province_code = '01' order by i.personal_id limit 1`,
  );
  const today = vietnamDate(new Date());
  const bornOn = new Date(Date.parse(`${today}T00:00:00Z`) - 12 * 86_400_000).toISOString().slice(0, 10);
  const children: Fixtures['children'] = [];
  // The household known: the card is issued. Unknown: the dossier waits for an officer, with the reason.
  for (const [householdCode, status] of [[parent.household_code, 'ISSUED'], [null, 'WAITING_FOR_OFFICER']] as const) {
    const childId = buildPersonalId('001', Number(bornOn.slice(0, 4)), 'FEMALE', String(randomInt(100_000, 1_000_000)));
    const birth = await byHash(t, justice.key, hashes.RegisterBirth!, {
      input: {
        birthCertificateNumber: `GKS-${childId}`,
        registeredOn: today,
        registrationAuthority: 'UBND phường Ba Đình, thành phố Hà Nội',
        child: { personalId: childId, fullName: 'Nguyễn Thị Bảo Ngọc', dateOfBirth: bornOn, gender: 'FEMALE' },
        father: householdCode ? { fullName: 'Nguyễn Văn Hùng', personalId: parent.personal_id } : null,
        mother: { fullName: 'Trần Thị Mai' },
        householdCode,
        communeCode: parent.commune_code,
      },
    });
    if (birth.errors || birth.data.registerBirth.status !== status) throw new Error(`registerBirth: ${JSON.stringify(birth.errors ?? birth.data)}`);
    const child = await em.findOneOrFail(Individual, { personalId: childId });
    children.push({ id: child.id, birthCertificateNumber: `GKS-${childId}` });
  }

  return {
    person: { id: person.id, personalId, fullName },
    unit: { id: unit.id, unitCode: unit.unitCode, name: unit.name },
    children,
    documents,
    scanned,
    checkedDossier,
    rejectedResult: resolved.resolveDossier.result.code,
    procedureName: 'Đăng ký, cấp thẻ bảo hiểm y tế đối với người chỉ tham gia bảo hiểm y tế',
  };
}

// --- Queries found by walking the schema --------------------------------------------------------

/** A root field this file has data for: its arguments (GraphQL literals), and whose data it shows. */
interface FixtureRoot {
  field: string;
  args: string;
  subject: SubjectRef | 'per hit';
  /** For entries that depend on the data's kind: a document type code, a kind of hit. */
  variant?: string;
}

function fixtureRoots(): FixtureRoot[] {
  const person: SubjectRef = { kind: 'INDIVIDUAL', id: fx.person.id };
  const q = (value: string) => JSON.stringify(value);
  const displays: Record<SearchKindName, string> = {
    INDIVIDUAL: fx.person.fullName,
    ORGANIZATION: fx.unit.name,
    DOCUMENT: `Tờ khai TK1-TS - ${fx.person.fullName}`,
    DOSSIER: fx.procedureName,
  };
  return [
    { field: 'individual', args: `personalId: ${q(fx.person.personalId)}`, subject: person },
    { field: 'document', args: `code: ${q(fx.scanned.code)}`, subject: person },
    ...Object.entries(fx.documents).map(([code, d]) => ({ field: 'document', args: `code: ${q(d.code)}`, subject: d.owner, variant: code })),
    { field: 'dossier', args: `code: ${q(fx.checkedDossier)}`, subject: person },
    { field: 'procedureResult', args: `code: ${q(fx.rejectedResult)}`, subject: person },
    ...fx.children.map((c) => ({ field: 'childHealthInsuranceCard', args: `birthCertificateNumber: ${q(c.birthCertificateNumber)}`, subject: { kind: 'INDIVIDUAL', id: c.id } as SubjectRef })),
    ...SEARCH_KINDS.map((kind) => ({ field: 'search', args: `query: ${q(displays[kind])}, first: 5, filter: { kinds: [${kind}] }`, subject: 'per hit' as const, variant: kind })),
  ];
}

/** One step of a path: a field, or a narrowing to a member of a union or interface. */
type Step = { field: string } | { on: string };

/** One way to reach a personal entry: a query from a fixture root. */
interface Probe {
  /** What is checked: `Type.field`, with its variant (document type, kind of hit). */
  name: string;
  type: string;
  field: string;
  variant?: string;
  root: FixtureRoot;
  query: string;
  path: Step[];
  /** Scopes a partner needs for it, and whether partners may run it at all. */
  partnerScopes: PartnerScope[];
  closedToPartners: boolean;
}

/** Shortest paths from a root field's type to every object type, through edges without required arguments. */
function pathsFrom(start: GraphQLNamedType): Map<string, Step[]> {
  const paths = new Map<string, Step[]>();
  const queue: [GraphQLNamedType, Step[]][] = [[start, []]];
  while (queue.length > 0) {
    const [type, path] = queue.shift()!;
    if (isAbstractType(type)) {
      for (const member of schema.getPossibleTypes(type)) {
        if (!paths.has(member.name)) queue.push([member, [...path, { on: member.name }]]);
      }
      continue;
    }
    if (!isObjectType(type) || paths.has(type.name)) continue;
    paths.set(type.name, path);
    for (const field of Object.values(type.getFields())) {
      const entry = fieldPolicy(type.name, field.name);
      if (entry?.kind !== 'edge' || field.args.some((a) => a.type.toString().endsWith('!'))) continue;
      const target = getNamedType(field.type);
      // Connections: through their edges to the node.
      queue.push([target, [...path, { field: field.name }]]);
    }
  }
  return paths;
}

function selection(steps: Step[], leaf: string): string {
  if (steps.length === 0) return leaf;
  const [step, ...rest] = steps;
  return 'on' in step ? `__typename ... on ${step.on} { ${selection(rest, leaf)} }` : `${step.field} { ${selection(rest, leaf)} }`;
}

/** What the last object of a path selects besides the probed field: its id, and what its masks need to know. */
function companions(type: GraphQLObjectType, field: string): string {
  const extra = [];
  if (type.getInterfaces().some((i) => i.name === 'Node')) extra.push('id');
  if (type.name === 'Discrepancy') extra.push('field');
  if (type.name === 'SearchResultEdge') extra.push(`node { __typename ${Object.values(HIT_TYPES).map((n) => `... on ${n} { id }`).join(' ')} }`);
  return [field, ...extra.filter((e) => e !== field)].join(' ');
}

/** Every personal-data entry of the policy, and the variants its value depends on. */
function personalEntries(): { type: string; field: string; entry: FieldPolicy; variants: (string | undefined)[] }[] {
  return Object.entries(PERSONAL_DATA_POLICY).flatMap(([type, policy]) =>
    Object.entries(policy.fields)
      .filter(([, entry]) => entry.kind !== 'public' && entry.kind !== 'edge')
      .map(([field, entry]) => ({
        type,
        field,
        entry,
        // A JSON object is checked for every document type (every key); highlights for every kind of hit.
        variants: entry.kind === 'json' ? DOCUMENT_TYPES.map((d) => d.code) : entry.kind === 'derived' ? [...SEARCH_KINDS] : [undefined],
      })),
  );
}

/** For every personal entry (and variant), the queries that reach it from the fixture roots, shortest first. */
function buildProbes(): { name: string; candidates: Probe[] }[] {
  const roots = fixtureRoots();
  const queryType = schema.getQueryType()!;
  const reach = roots.map((root) => ({ root, paths: pathsFrom(getNamedType(queryType.getFields()[root.field].type)) }));
  const sets: { name: string; candidates: Probe[] }[] = [];
  for (const { type, field, variants } of personalEntries()) {
    for (const variant of variants) {
      const name = `${type}.${field}${variant ? `[${variant}]` : ''}`;
      const candidates = reach
        .filter(({ root, paths }) => paths.has(type) && (root.variant === variant || (variant === undefined && root.field === 'search')))
        .sort((a, b) => a.paths.get(type)!.length - b.paths.get(type)!.length)
        .map(({ root, paths }, i): Probe => {
          const path = paths.get(type)!;
          const query = `query Matrix_${name.replace(/\W+/g, '_')}_${i} { ${root.field}(${root.args}) { ${selection(path, companions(schema.getType(type) as GraphQLObjectType, field))} } }`;
          const access = operationScopes(schema, parse(query));
          return { name, type, field, variant, root, query, path, partnerScopes: access.scopes, closedToPartners: access.closedFields.length > 0 };
        });
      if (candidates.length === 0) throw new Error(`No fixture root reaches ${name}: give the matrix a root with data for it`);
      sets.push({ name, candidates });
    }
  }
  return sets;
}

/** The objects at the end of a path in a response (lists flattened, other union members left out). */
function objectsAt(data: unknown, path: Step[]): Record<string, unknown>[] {
  let current: unknown[] = [data];
  for (const step of path) {
    current = current.flatMap((value) => (Array.isArray(value) ? value : [value])).filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object');
    if ('field' in step) current = current.map((o) => (o as Record<string, unknown>)[step.field]);
    else current = current.filter((o) => (o as Record<string, unknown>).__typename === step.on);
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value])).filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object');
}

// --- Viewers ------------------------------------------------------------------------------------

type MatrixViewer =
  | { kind: 'officer'; role: OfficerRole }
  | { kind: 'partner'; scopes: PartnerScope[] }
  | { kind: 'anonymous' };

const viewerName = (v: MatrixViewer) => (v.kind === 'officer' ? v.role : v.kind === 'partner' ? `partner[${v.scopes.join(' ') || 'no scope'}]` : 'anonymous');
const asPolicyViewer = (v: MatrixViewer): Viewer =>
  v.kind === 'officer' ? { kind: 'officer', code: '', agencyCode: '', roles: [v.role] } : v.kind === 'partner' ? { kind: 'partner', name: '', scopes: v.scopes, allowedOperations: [], rateLimitPerMinute: 1 } : { kind: 'anonymous' };

/** Every subset of the scopes that matter for a probe. */
function scopeCombinations(scopes: PartnerScope[]): PartnerScope[][] {
  const all = [...new Set([...scopes, CLEAR_SCOPE])].sort();
  return Array.from({ length: 1 << all.length }, (_, mask) => all.filter((_, i) => mask & (1 << i)));
}

const partnerKeys = new Map<string, string>();
const publishedHash = new Map<string, string>();

async function partnerKey(scopes: PartnerScope[], operations: string[]): Promise<string> {
  const key = scopes.join(',');
  if (!partnerKeys.has(key)) {
    const partner = await newPartner(t, { name: `matrix-${scopes.map((s) => s.replace(/\W/g, '')).join('-') || 'none'}`, scopes, operations });
    partnerKeys.set(key, partner.key);
  }
  return partnerKeys.get(key)!;
}

async function publish(probes: { query: string }[]): Promise<void> {
  const manifest: Record<string, string> = {};
  const purposes = new Map<string, { purpose: string; file: string }>();
  for (const { query } of probes) {
    const hash = createHash('sha256').update(query, 'utf8').digest('hex');
    manifest[`sha256:${hash}`] = query;
    const name = /query (\w+)/.exec(query)![1];
    purposes.set(name, { purpose: PURPOSE, file: 'test/generated/authorization-matrix.test.ts' });
    publishedHash.set(query, hash);
  }
  await publishPersistedOperations(t.app.orm.em.fork(), manifest, purposes);
}

let requestSerial = 0;

/** Runs a probe's query as a viewer over HTTP; the answer and the access events stored for this request. */
async function run(query: string, viewer: MatrixViewer): Promise<{ status: number; data?: any; errors?: any[]; events: AccessEvent[] }> {
  const requestId = `matrix-${process.pid}-${++requestSerial}`;
  let res;
  if (viewer.kind === 'partner') {
    const key = await partnerKey(viewer.scopes, [...allOperationNames]);
    res = await t.http.post('/graphql').set('x-api-key', key).set('x-request-id', requestId).send({ extensions: { persistedQuery: { version: 1, sha256Hash: publishedHash.get(query) } } });
  } else {
    const request = t.http.post('/graphql').set('x-request-id', requestId).set('x-purpose', encodeURIComponent(PURPOSE));
    if (viewer.kind === 'officer') request.set('authorization', `Bearer ${officerTokens[viewer.role]}`);
    res = await request.send({ query });
  }
  const events = await t.app.orm.em.fork().find(AccessEvent, { requestId });
  return { status: res.status, data: res.body.data, errors: res.body.errors, events };
}

const allOperationNames = new Set<string>();

// --- Expectations from the policy ---------------------------------------------------------------

/** The probed value as a viewer without the right must see it, from the clear value and the entry's mask. */
function maskedAs(probe: Probe, object: Record<string, unknown>, clear: unknown, subject: SubjectRef | null): unknown {
  const entry = fieldPolicy(probe.type, probe.field)!;
  switch (entry.kind) {
    case 'personal':
      return maskLeaf(clear, entry.mask);
    case 'json':
      return maskJson(clear, metadataPolicy(documentTypeByCode(probe.variant!)!.metadataSchema));
    case 'keyed':
      return maskJson(clear, discrepancyKeyPolicy(String(object.field), subject, CATALOG));
    case 'derived': {
      const source = HIGHLIGHT_SOURCES[probe.variant as SearchKindName];
      const origin = fieldPolicy(source.type, source.field)!;
      if (origin.kind !== 'personal') return clear;
      return (clear as string[]).flatMap((h) => {
        const masked = maskString(h.replace(/<\/?em>/g, ''), origin.mask);
        return masked === null ? [] : [masked];
      });
    }
    default:
      throw new Error(`${probe.name} is not personal`);
  }
}

/** Whether a clear value holds personal data by the policy (so that showing it is recorded, and masking it changes it). */
function holdsPersonal(probe: Probe, object: Record<string, unknown>, value: unknown, subject: SubjectRef | null): boolean {
  const entry = fieldPolicy(probe.type, probe.field)!;
  switch (entry.kind) {
    case 'personal':
      return !isEmpty(value);
    case 'json':
      return holdsPersonalData(value, metadataPolicy(documentTypeByCode(probe.variant!)!.metadataSchema));
    case 'keyed':
      return holdsPersonalData(value, discrepancyKeyPolicy(String(object.field), subject, CATALOG));
    case 'derived': {
      const source = HIGHLIGHT_SOURCES[probe.variant as SearchKindName];
      return fieldPolicy(source.type, source.field)!.kind === 'personal' && !isEmpty(value);
    }
    default:
      return false;
  }
}

/** Whose data an object at the end of a probe's path is: the root's subject, or for a search hit the hit's own. */
async function subjectOfObject(probe: Probe, object: Record<string, unknown>): Promise<SubjectRef | null> {
  if (probe.root.subject !== 'per hit') return probe.root.subject;
  const node = object.node as { __typename: string; id: string };
  const decoded = fromGlobalId(node.id)!;
  const em = t.app.orm.em.fork();
  const entity = { Individual, Organization, DigitizedDocument, Dossier }[node.__typename as 'Individual'];
  return subjectOf(node.__typename, await em.findOneOrFail(entity as typeof Individual, { id: decoded.id }));
}

const isEmpty = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && value.length === 0);

// --- The matrix ---------------------------------------------------------------------------------

let probeSets: { name: string; candidates: Probe[] }[];
const probed: string[] = [];
const cases = { graph: 0, jsonKeys: 0, downloads: 0 };

beforeAll(async () => {
  t = await startTestApp({ SEARCH_BACKEND: 'postgres' });
  schema = t.app.schema;
  for (const role of ROLES) officerTokens[role] = await t.token(role);
  fx = await createFixtures();
  // The search index (the PostgreSQL backend's search_entry) rebuilt with the fixtures in it.
  search = testSearch(t, testIndexPrefix('matrix'));
  await search.reindexAll();
  probeSets = buildProbes();
  const all = probeSets.flatMap((s) => s.candidates);
  for (const p of all) allOperationNames.add(/query (\w+)/.exec(p.query)![1]);
  await publish(all);
}, 240_000);

afterAll(async () => {
  await search?.close();
  await t?.close();
  console.log(`authorization matrix: ${probed.length} entries probed; ${cases.graph} entry × viewer cases (and ${cases.jsonKeys} JSON keys checked one by one inside them); ${cases.downloads} download cases`);
});

describe('the matrix is generated from the policy', () => {
  it('has a query for every personal entry of the policy, every document type and every kind of hit', () => {
    const expected = personalEntries().flatMap((e) => e.variants.map((v) => `${e.type}.${e.field}${v ? `[${v}]` : ''}`));
    expect(probeSets.map((p) => p.name).sort()).toEqual(expected.sort());
    expect(probeSets.length).toBeGreaterThanOrEqual(20);
  });
});

describe('graph fields, JSON keys, search highlights', () => {
  it('every viewer sees each personal value clear (recorded) or masked (not recorded), as the policy says', async () => {
    const failures: string[] = [];
    for (const { name, candidates } of probeSets) {
      // The shortest query whose data shows a value: what is stored, as a viewer who reads it in clear sees it.
      let probe: Probe | undefined;
      let truth: Record<string, unknown>[] = [];
      for (const candidate of candidates) {
        const reference = await run(candidate.query, { kind: 'officer', role: OfficerRole.RECEIVING_OFFICER });
        expect([candidate.name, reference.errors]).toEqual([candidate.name, undefined]);
        truth = objectsAt(reference.data[candidate.root.field], candidate.path);
        if (truth.some((o) => !isEmpty(o[candidate.field]))) {
          probe = candidate;
          break;
        }
      }
      if (!probe) {
        failures.push(`${name}: no fixture shows a value (${candidates.map((c) => c.query).join(' | ')})`);
        continue;
      }
      probed.push(name);
      const shown = truth.filter((o) => !isEmpty(o[probe.field]));
      for (const object of shown) {
        if (typeof object.id === 'string' && ['Individual', 'DigitizedDocument'].includes(probe.type)) {
          const decoded = fromGlobalId(object.id)!;
          const row = await t.app.orm.em.fork().findOneOrFail((probe.type === 'Individual' ? Individual : DigitizedDocument) as typeof Individual, { id: decoded.id });
          expect([probe.name, object[probe.field]]).toEqual([probe.name, (row as unknown as Record<string, unknown>)[probe.field]]);
        }
      }

      const viewers: MatrixViewer[] = [
        ...ROLES.map((role) => ({ kind: 'officer', role }) as const),
        { kind: 'anonymous' },
        ...scopeCombinations(probe.partnerScopes).map((scopes) => ({ kind: 'partner', scopes }) as const),
      ];
      for (const viewer of viewers) {
        const who = `${probe.name} × ${viewerName(viewer)}`;
        const res = await run(probe.query, viewer);
        const refused = viewer.kind === 'anonymous' || (viewer.kind === 'partner' && (probe.closedToPartners || probe.partnerScopes.some((s) => !viewer.scopes.includes(s))));
        cases.graph += 1;
        if (refused) {
          const status = viewer.kind === 'anonymous' ? 401 : 403;
          if (res.status !== status || res.data) failures.push(`${who}: expected ${status} and no data, got ${res.status} ${JSON.stringify(res.data)}`);
          if (res.events.length > 0) failures.push(`${who}: refused, yet ${res.events.length} access events`);
          continue;
        }
        if (res.errors) {
          failures.push(`${who}: ${JSON.stringify(res.errors)}`);
          continue;
        }
        const clear = mayReadInClear(asPolicyViewer(viewer));
        const objects = objectsAt(res.data[probe.root.field], probe.path);
        if (objects.length !== truth.length) failures.push(`${who}: ${objects.length} objects, the reference has ${truth.length}`);
        const expectedEvents: { subject: SubjectRef; field: string }[] = [];
        for (const [i, object] of objects.entries()) {
          const reference = truth[i]![probe.field];
          const subject = await subjectOfObject(probe, truth[i]!);
          const expected = clear ? reference : maskedAs(probe, truth[i]!, reference, subject);
          if (JSON.stringify(object[probe.field]) !== JSON.stringify(expected)) {
            failures.push(`${who}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(object[probe.field])}`);
          }
          const personal = holdsPersonal(probe, truth[i]!, reference, subject);
          if (!clear && personal && JSON.stringify(expected) === JSON.stringify(reference)) {
            failures.push(`${who}: the mask left the value as it was (${JSON.stringify(reference)}): the check would prove nothing`);
          }
          if (fieldPolicy(probe.type, probe.field)!.kind === 'json' && isObjectValue(reference)) {
            // Each key of the document type's schema, one by one: personal keys changed, the others kept.
            const properties = (documentTypeByCode(probe.variant!)!.metadataSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
            for (const [key, property] of Object.entries(properties)) {
              cases.jsonKeys += 1;
              const got = (object[probe.field] as Record<string, unknown>)[key];
              const personal = property[PERSONAL_DATA_KEYWORD] !== false;
              if (clear || !personal ? JSON.stringify(got) !== JSON.stringify(reference[key]) : JSON.stringify(got) === JSON.stringify(reference[key])) {
                failures.push(`${who}: key ${key} (${String(property[PERSONAL_DATA_KEYWORD])}) shown as ${JSON.stringify(got)}, stored ${JSON.stringify(reference[key])}`);
              }
            }
          }
          if (clear && personal && subject) expectedEvents.push({ subject, field: logNameOf(probe.type, probe.field) });
        }
        if (!clear && res.events.length > 0) failures.push(`${who}: masked, yet access events ${JSON.stringify(res.events.map((e) => e.fields))}`);
        for (const { subject, field } of expectedEvents) {
          const event = res.events.find((e) => (subject.kind === 'INDIVIDUAL' ? e.subjectIndividual?.id : e.subjectOrganization?.id) === subject.id);
          if (!event || !event.fields.includes(field)) failures.push(`${who}: clear read of ${field} for ${subject.kind} ${subject.id} not recorded (${JSON.stringify(res.events.map((e) => e.fields))})`);
          else if (viewer.kind === 'partner' ? event.actorKind !== 'PARTNER' : event.actorKind !== 'OFFICER') failures.push(`${who}: recorded as ${event.actorKind}`);
        }
        if (clear && expectedEvents.length === 0 && res.events.length > 0) failures.push(`${who}: nothing personal shown, yet access events`);
      }
    }
    expect(failures).toEqual([]);
    expect(cases.jsonKeys).toBeGreaterThan(100);
  }, 600_000);
});

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function isObjectValue(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

describe('downloads', () => {
  it.each(Object.entries(DOWNLOADS))('%s: only viewers who read the paper in clear download it, each download recorded', async (_route, download) => {
    const failures: string[] = [];
    const viewers: MatrixViewer[] = [
      ...ROLES.map((role) => ({ kind: 'officer', role }) as const),
      { kind: 'anonymous' },
      ...scopeCombinations([...download.partnerScopes]).map((scopes) => ({ kind: 'partner', scopes }) as const),
    ];
    for (const viewer of viewers) {
      const who = `${download.logAs} × ${viewerName(viewer)}`;
      const requestId = `matrix-dl-${process.pid}-${++requestSerial}`;
      const request = t.http.get(fx.scanned.downloadUrl).set('x-request-id', requestId).set('x-purpose', encodeURIComponent(PURPOSE));
      if (viewer.kind === 'officer') request.set('authorization', `Bearer ${officerTokens[viewer.role]}`);
      if (viewer.kind === 'partner') request.set('x-api-key', await partnerKey(viewer.scopes, [...allOperationNames]));
      const res = await request.buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
      const events = await t.app.orm.em.fork().find(AccessEvent, { requestId });
      cases.downloads += 1;
      const policyViewer = asPolicyViewer(viewer);
      const allowed = mayReadInClear(policyViewer) && (viewer.kind !== 'partner' || download.partnerScopes.every((s) => viewer.scopes.includes(s)));
      if (allowed) {
        if (res.status !== 200 || sha256Of(res.body as Buffer) !== fx.scanned.sha256) failures.push(`${who}: expected the signed scan's bytes, got ${res.status}`);
        const recorded = events.filter((e) => e.subjectIndividual?.id === fx.person.id && e.fields.includes(download.logAs));
        if (recorded.length !== 1) failures.push(`${who}: ${recorded.length} access events for the download`);
      } else {
        const status = viewer.kind === 'anonymous' ? 401 : 403;
        if (res.status !== status) failures.push(`${who}: expected ${status}, got ${res.status}`);
        if (sha256Of(res.body as Buffer) === fx.scanned.sha256 || (res.body as Buffer).includes('%PDF')) failures.push(`${who}: refused, yet the bytes were sent`);
        if (events.length > 0) failures.push(`${who}: refused, yet ${events.length} access events`);
      }
    }
    expect(failures).toEqual([]);
  });
});
