/**
 * The process enforces its own rules, whoever calls it: the services take plain
 * commands and check what the graph's input rules check (src/domain/text.ts, the
 * form limits of birth registration), so a caller that
 * is not the graph (the CLI, birth registration's system actor, a queue consumer)
 * is refused the same way, before anything is written.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { HANOI_AGENCY, HANOI_OFFICER, startTestApp, type TestApp } from '../helpers/app.js';
import { createContext, type Context } from '../../src/context.js';
import { DomainError } from '../../src/domain/errors.js';
import { TEXT_MAX_LENGTH } from '../../src/domain/text.js';
import { Dossier } from '../../src/entities/dossier.entity.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { Organization } from '../../src/entities/organization.entity.js';
import { DigitizedDocument } from '../../src/entities/digitized-document.entity.js';
import { DocumentSource, Gender, OfficerRole, SubmissionChannel } from '../../src/entities/enums.js';
import { receive, resolve } from '../../src/services/dossier-workflow.service.js';
import { upsertOrganization, upsertIndividual } from '../../src/services/master-data.service.js';
import { share } from '../../src/services/evidence.service.js';
import { BIRTH_FORM_MAX_LENGTH, registerBirth } from '../../src/services/birth-registration.service.js';

let t: TestApp;
let applicant: Individual;

beforeAll(async () => {
  t = await startTestApp();
  applicant = await t.app.orm.em.fork().findOneOrFail(Individual, { personalId: { $ne: null } }, { orderBy: { personalId: 'asc' } });
});
afterAll(async () => {
  await t?.close();
});

function contextOf(role: OfficerRole): Context {
  return createContext({
    requestId: `commands-${role}`,
    viewer: { kind: 'officer', code: HANOI_OFFICER[role], agencyCode: HANOI_AGENCY, roles: [role] },
    em: t.app.orm.em.fork() as EntityManager,
    config: t.config,
    logger: pino({ level: 'silent' }),
  });
}

/** The refusal a call ends with: a DomainError, as the graph would show it. */
async function refusal(call: () => Promise<unknown>): Promise<{ reason: string; argumentPath: unknown }> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { reason: error.reason, argumentPath: error.details.argumentPath };
  }
  throw new Error('the call was not refused');
}

async function counts() {
  const em = t.app.orm.em.fork();
  return Promise.all([em.count(Dossier), em.count(Individual), em.count(Organization), em.count(DigitizedDocument)]);
}

describe('commands called without the graph', () => {
  it('refuse over-long text as the input decorators do, and write nothing', async () => {
    const before = await counts();
    const long = (n: number) => 'x'.repeat(n + 1);

    await expect(refusal(() => receive(contextOf(OfficerRole.RECEIVING_OFFICER), {
      procedureCode: '9.000002', applicant: { personalId: applicant.personalId }, channel: SubmissionChannel.ONLINE, idempotencyKey: long(TEXT_MAX_LENGTH.key),
    }))).resolves.toEqual({ reason: 'INVALID_TEXT', argumentPath: ['input', 'idempotencyKey'] });

    await expect(refusal(() => receive(contextOf(OfficerRole.RECEIVING_OFFICER), {
      procedureCode: '9.000002', applicant: { personalId: applicant.personalId }, channel: SubmissionChannel.ONLINE, idempotencyKey: '',
    }))).resolves.toEqual({ reason: 'INVALID_ARGUMENT', argumentPath: ['input', 'idempotencyKey'] });

    await expect(refusal(() => resolve(contextOf(OfficerRole.APPROVER), {
      dossierCode: '000.00.01.H41-250702-0001', decision: 'REJECTED' as never, reason: long(TEXT_MAX_LENGTH.paragraph),
    }))).resolves.toEqual({ reason: 'INVALID_TEXT', argumentPath: ['input', 'reason'] });

    await expect(refusal(() => upsertOrganization(contextOf(OfficerRole.ADMIN), {
      unitCode: 'CMD0001', name: long(TEXT_MAX_LENGTH.organizationName),
    }))).resolves.toEqual({ reason: 'INVALID_TEXT', argumentPath: ['input', 'name'] });

    await expect(refusal(() => upsertIndividual(contextOf(OfficerRole.ADMIN), {
      personalId: applicant.personalId, fullName: long(TEXT_MAX_LENGTH.personName),
    }))).resolves.toEqual({ reason: 'INVALID_TEXT', argumentPath: ['input', 'fullName'] });

    await expect(refusal(() => share(contextOf(OfficerRole.ADMIN), {
      owner: { personalId: applicant.personalId }, documentTypeCode: 'GKS', source: DocumentSource.CONNECTED_SYSTEM, title: long(TEXT_MAX_LENGTH.line), metadata: {},
    }))).resolves.toEqual({ reason: 'INVALID_TEXT', argumentPath: ['input', 'title'] });

    const birth = {
      birthCertificateNumber: 'KS-COMMANDS-1', registeredOn: '2026-01-05', registrationAuthority: 'UBND phường Ba Đình',
      child: { personalId: '001226000001', fullName: 'Nguyễn Văn An', dateOfBirth: '2026-01-02', gender: Gender.MALE },
    };
    await expect(refusal(() => registerBirth(contextOf(OfficerRole.ADMIN), { ...birth, birthCertificateNumber: long(BIRTH_FORM_MAX_LENGTH.birthCertificateNumber) })))
      .resolves.toEqual({ reason: 'INVALID_ARGUMENT', argumentPath: ['input', 'birthCertificateNumber'] });
    await expect(refusal(() => registerBirth(contextOf(OfficerRole.ADMIN), { ...birth, mother: { fullName: '' } })))
      .resolves.toEqual({ reason: 'INVALID_ARGUMENT', argumentPath: ['input', 'mother', 'fullName'] });
    await expect(refusal(() => registerBirth(contextOf(OfficerRole.ADMIN), { ...birth, child: { ...birth.child, ethnicity: long(BIRTH_FORM_MAX_LENGTH.ethnicity) } })))
      .resolves.toEqual({ reason: 'INVALID_ARGUMENT', argumentPath: ['input', 'child', 'ethnicity'] });

    expect(await counts()).toEqual(before);
  });
});
