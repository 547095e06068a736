/**
 * Every step of the process walked with the example operations only
 * (examples/operations/*.graphql, typed by codegen), deciding what to send from
 * the graph alone (issue 14, items 3 and 6): which procedure an individual files,
 * its required components and which are mandatory, each paper's metadataSchema,
 * the result's resultDocumentType.metadataSchema, and Dossier.allowedTransitions
 * for each officer. No procedure code, component code or document type is written
 * here: the test picks them from `procedures`, as a front-end would.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CheckConsistencyDocument, DigitizeComponentDocument, DossierDocument, ErrorReferenceDocument, FindIndividualDocument, ProceduresDocument,
  ReceiveDossierDocument, RequestSupplementDocument, ResolveDossierDocument, ReturnResultDocument, ReusableEvidenceDocument, ReuseDocumentDocument,
  SubmitForProcessingDocument, UpsertIndividualDocument,
  type DossierStateFragment, type ProceduresQuery,
} from '../../examples/generated/graphql.js';
import { scans, startProcessApp, upload, type ProcessApp } from './process-fixtures.js';
import { metadataFor } from '../helpers/metadata-from-schema.js';

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp();
});
afterAll(() => t?.close());

type Procedure = ProceduresQuery['procedures'][number];
type Transition = DossierStateFragment['allowedTransitions'][number];
type Role = 'receiving' | 'processing' | 'approver' | 'auditor';
const ROLES: Role[] = ['receiving', 'processing', 'approver', 'auditor'];

/** Fails with the errors of a response, or gives its data. */
function ok<T>(res: { data?: T; errors?: unknown[]; internal?: string[] }): T {
  if (res.errors) throw new Error(`${JSON.stringify(res.errors)}${res.internal ? `\n${res.internal.join('\n')}` : ''}`);
  return res.data!;
}

interface Applicant {
  personalId: string;
  fullName: string;
  /** What the graph says about the person: the facts a form pre-fills metadata with. */
  facts: Record<string, unknown>;
}

/** What the walk does at a choice: approve or reject, and whether a supplement is asked for first. */
interface Plan {
  decision: 'APPROVED' | 'REJECTED';
  supplementFirst: boolean;
}

async function dossierAs(code: string, role: Role) {
  const dossier = ok(await t.graphql(DossierDocument, { code }, t.as[role])).dossier;
  if (!dossier) throw new Error(`dossier ${code} not found`);
  return dossier;
}

/** Provides one component: a warehouse candidate when ReusableEvidence offers one, else a scan with metadata from its schema. */
async function provide(dossier: DossierStateFragment, requirementCode: string, applicant: Applicant, rescan: boolean): Promise<'REUSED' | 'SCANNED'> {
  const component = dossier.components.find((c) => c.requirement.code === requirementCode)!;
  if (!rescan) {
    const evidence = ok(await t.graphql(ReusableEvidenceDocument, { procedureCode: dossier.procedure.code, owner: { personalId: applicant.personalId } }, t.as.receiving));
    const candidate = evidence.reusableEvidence.find((m) => m.requirement.code === requirementCode)?.candidates[0];
    if (candidate) {
      const reused = ok(await t.graphql(ReuseDocumentDocument, { input: { dossierCode: dossier.code, requirementCode, documentCode: candidate.code } }, t.as.receiving));
      expect(reused.reuseDocument).toMatchObject({ provision: 'REUSED', document: { code: candidate.code } });
      return 'REUSED';
    }
  }
  const file = await upload(t, scans.pdf(), 'scan.pdf', t.as.receiving);
  const type = component.requirement.documentType;
  const digitized = ok(await t.graphql(DigitizeComponentDocument, {
    input: {
      dossierCode: dossier.code,
      requirementCode,
      fileId: file.id,
      title: `${component.requirement.name} - ${applicant.fullName}`,
      metadata: metadataFor(type.metadataSchema, applicant.facts),
    },
  }, t.as.receiving));
  expect(digitized.digitizeComponent).toMatchObject({ provision: 'SCANNED', document: { signature: { valid: true } } });
  return 'SCANNED';
}

/**
 * Walks a received dossier to its returned result, one allowed transition at a
 * time: each officer reads allowedTransitions, the walk takes the next one by the
 * plan and calls the mutation the graph names, as the officer the graph says may.
 */
async function walk(code: string, applicant: Applicant, plan: Plan): Promise<{ steps: string[]; provisions: string[] }> {
  const steps: string[] = [];
  const provisions: string[] = [];
  let supplementAsked = false;
  let rescanned = false;
  for (let round = 0; round < 30; round++) {
    const views = await Promise.all(ROLES.map(async (role) => ({ role, dossier: await dossierAs(code, role) })));
    const dossier = views[0].dossier;
    // An auditor reads, never moves a dossier.
    expect(views.find((v) => v.role === 'auditor')!.dossier.allowedTransitions).toEqual([]);
    const offered = views.flatMap(({ role, dossier: d }) => d.allowedTransitions.map((transition) => ({ role, transition })));
    if (dossier.status === 'RESULT_RETURNED') {
      expect(offered).toEqual([]);
      return { steps, provisions };
    }
    const pick = (step: Transition['step']) => offered.find((o) => o.transition.step === step);
    const pendingMandatory = dossier.components.filter((c) => c.requirement.mandatory && c.provision === 'PENDING');
    const choice =
      (pendingMandatory.length > 0 && pick('PROVIDE_COMPONENT'))
      || (dossier.status === 'NEEDS_SUPPLEMENT' && !rescanned && pick('PROVIDE_COMPONENT'))
      || pick('SUBMIT')
      || (plan.supplementFirst && !supplementAsked && pick('REQUEST_SUPPLEMENT'))
      || pick(plan.decision === 'APPROVED' ? 'APPROVE' : 'REJECT')
      || pick('RETURN_RESULT');
    if (!choice) throw new Error(`no way forward from ${dossier.status}: ${JSON.stringify(offered)}`);
    const { role, transition } = choice;
    steps.push(`${transition.step}→${transition.to} by ${role}`);

    let after: { status: string };
    switch (transition.mutations[0]) {
      case 'reuseDocument': {
        // Providing a component: reuse or digitize, whichever the warehouse allows.
        expect(transition.mutations).toEqual(['reuseDocument', 'digitizeComponent']);
        const target = pendingMandatory[0] ?? dossier.components.find((c) => c.requirement.mandatory)!;
        const rescan = dossier.status === 'NEEDS_SUPPLEMENT';
        provisions.push(`${target.requirement.code}:${await provide(dossier, target.requirement.code, applicant, rescan)}`);
        if (rescan) rescanned = true;
        after = await dossierAs(code, role);
        break;
      }
      case 'submitForProcessing':
        after = ok(await t.graphql(SubmitForProcessingDocument, { dossierCode: code }, t.as[role])).submitForProcessing;
        break;
      case 'requestSupplement':
        supplementAsked = true;
        after = ok(await t.graphql(RequestSupplementDocument, { dossierCode: code, note: 'Bổ sung bản chụp rõ hơn' }, t.as[role])).requestSupplement;
        break;
      case 'resolveDossier': {
        const resultType = dossier.procedure.resultDocumentType;
        const input = transition.decision === 'APPROVED'
          ? { dossierCode: code, decision: transition.decision, resultMetadata: resultType ? metadataFor(resultType.metadataSchema, applicant.facts) : null }
          : { dossierCode: code, decision: transition.decision!, reason: 'Không đủ điều kiện hưởng' };
        after = ok(await t.graphql(ResolveDossierDocument, { input }, t.as[role])).resolveDossier;
        break;
      }
      case 'returnResult':
        after = ok(await t.graphql(ReturnResultDocument, { dossierCode: code }, t.as[role])).returnResult;
        break;
      default:
        throw new Error(`the graph names a mutation with no example operation: ${transition.mutations.join(', ')}`);
    }
    expect(after.status).toBe(transition.to);
  }
  throw new Error('the walk did not end');
}

describe('the example operations walk every step, reading what to send from the graph', () => {
  it('finds a person, receives, digitizes, checks, submits, approves and returns; then reuses, asks a supplement, rejects and returns', async () => {
    // Master data (an administrator): a person the warehouse has never seen.
    const personalId = `001190${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    ok(await t.graphql(UpsertIndividualDocument, { input: { personalId, fullName: 'Đặng Thu Thảo', dateOfBirth: '1990-07-07', gender: 'FEMALE', provinceCode: '01' } }, t.as.admin));

    // Find the person.
    const found = ok(await t.graphql(FindIndividualDocument, { personalId }, t.as.receiving)).individual!;
    expect(found).toMatchObject({ personalId, fullName: 'Đặng Thu Thảo', documents: { totalCount: 0 } });
    const applicant: Applicant = {
      personalId,
      fullName: found.fullName,
      facts: { fullName: found.fullName, personalId: found.personalId, dateOfBirth: found.dateOfBirth, gender: 'FEMALE' },
    };

    // What each procedure needs, from the graph.
    const { procedures } = ok(await t.graphql(ProceduresDocument, {}, t.as.receiving));
    for (const p of procedures) expect(p.processingDaysKind).toBe('WORKING_DAYS');
    const forPeople = procedures.filter((p) => p.applicantKind === 'INDIVIDUAL' && p.requiredComponents.some((c) => c.mandatory));
    // Two procedures, the second needing a paper the first leaves in the warehouse (a scan or its result), read from the catalog.
    const produces = (p: Procedure) => new Set([...p.requiredComponents.filter((c) => c.mandatory).map((c) => c.documentType.code), p.resultDocumentType?.code]);
    const needsFrom = (b: Procedure, a: Procedure) => b.code !== a.code && b.requiredComponents.some((c) => c.mandatory && produces(a).has(c.documentType.code));
    const first = forPeople.find((a) => a.resultDocumentType && forPeople.some((b) => needsFrom(b, a)));
    if (!first) throw new Error('the catalog has no procedure for individuals that issues a paper another one needs');
    const second = forPeople.find((b) => needsFrom(b, first))!;

    // Nothing to reuse yet.
    const nothing = ok(await t.graphql(ReusableEvidenceDocument, { procedureCode: first.code, owner: { personalId } }, t.as.receiving));
    expect(nothing.reusableEvidence.every((m) => m.candidates.length === 0)).toBe(true);

    // Receive: every required component pending; the receiving officer may provide them, nobody may submit yet.
    const received = ok(await t.graphql(ReceiveDossierDocument, {
      input: { procedureCode: first.code, applicant: { personalId }, channel: 'IN_PERSON', idempotencyKey: `walk-${personalId}-1` },
    }, t.as.receiving)).receiveDossier;
    expect(received.status).toBe('RECEIVED');
    expect(received.components.map((c) => c.requirement.code)).toEqual(first.requiredComponents.map((c) => c.code));
    expect(received.allowedTransitions).toEqual([{ to: 'DIGITIZING', step: 'PROVIDE_COMPONENT', mutations: ['reuseDocument', 'digitizeComponent'], decision: null }]);
    expect((await dossierAs(received.code, 'processing')).allowedTransitions).toEqual([]);

    // Check the declaration against the warehouse: the person's own name matches.
    const checked = ok(await t.graphql(CheckConsistencyDocument, { dossierCode: received.code, declared: { fullName: applicant.fullName } }, t.as.receiving));
    expect(checked.checkConsistency).toEqual([]);

    const firstWalk = await walk(received.code, applicant, { decision: 'APPROVED', supplementFirst: false });
    const mandatory = first.requiredComponents.filter((c) => c.mandatory).map((c) => c.code);
    expect(firstWalk.provisions).toEqual(mandatory.map((c) => `${c}:SCANNED`));
    expect(firstWalk.steps.slice(mandatory.length)).toEqual([
      'SUBMIT→PROCESSING by processing', 'APPROVE→APPROVED by approver', 'RETURN_RESULT→RESULT_RETURNED by receiving',
    ]);
    const done = await dossierAs(received.code, 'receiving');
    expect(done.result).toMatchObject({ decision: 'APPROVED', document: { documentType: { code: first.resultDocumentType!.code } } });

    // The warehouse now offers the second procedure what the first one left.
    const evidence = ok(await t.graphql(ReusableEvidenceDocument, { procedureCode: second.code, owner: { personalId } }, t.as.receiving));
    expect(evidence.reusableEvidence.some((m) => m.requirement.mandatory && m.candidates.length > 0)).toBe(true);
    const again = ok(await t.graphql(ReceiveDossierDocument, {
      input: { procedureCode: second.code, applicant: { personalId }, channel: 'ONLINE', idempotencyKey: `walk-${personalId}-2` },
    }, t.as.receiving)).receiveDossier;
    const secondWalk = await walk(again.code, applicant, { decision: 'REJECTED', supplementFirst: true });
    expect(secondWalk.provisions.some((p) => p.endsWith(':REUSED'))).toBe(true);
    expect(secondWalk.steps).toEqual(expect.arrayContaining([
      'REQUEST_SUPPLEMENT→NEEDS_SUPPLEMENT by processing', 'PROVIDE_COMPONENT→DIGITIZING by receiving', 'REJECT→REJECTED by approver',
      'RETURN_RESULT→RESULT_RETURNED by receiving',
    ]));
    const rejected = await dossierAs(again.code, 'approver');
    expect(rejected.result).toMatchObject({ decision: 'REJECTED', document: null });
  });

  it('lists every error reason through its example operation', async () => {
    const { errorReference } = ok(await t.graphql(ErrorReferenceDocument, {}, t.as.receiving));
    expect(errorReference.find((e) => e.reason === 'INVALID_TRANSITION')).toMatchObject({ code: 'CONFLICT', httpStatus: 409, fields: ['currentStatus', 'requestedStatus'] });
    for (const entry of errorReference) expect(entry.vi && entry.en).toBeTruthy();
  });
});
