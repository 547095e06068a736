/**
 * `checkConsistency` compares what the applicant declared with the warehouse; the
 * paper prevails, so each difference is recorded and nothing stored changes.
 * And the master data behind it: `upsertIndividual`, `upsertOrganization`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomInt } from 'node:crypto';
import { DigitizedDocument } from '../../src/entities/digitized-document.entity.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { taxCodeCheckDigit } from '../../src/domain/identifiers.js';
import { digitize, metadata, newCitizen, processRows, receive, startProcessApp, type ProcessApp } from './process-fixtures.js';

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp();
});
afterAll(() => t.close());

const CHECK = `mutation($code: String!, $declared: JSONObject!) {
  checkConsistency(dossierCode: $code, declared: $declared) { field declared stored document { code } }
}`;

describe('checkConsistency', () => {
  it('records each difference once, folds accents and case in names, and changes nothing stored', async () => {
    const citizen = await newCitizen(t, 'Nguyễn Thị Hoà');
    const dossier = await receive(t, '1.001939', citizen.personalId);
    const { component } = await digitize(t, dossier.code, 'TP02', metadata.CCCD(citizen.fullName, citizen.personalId));
    const card = component.document.code;
    const declared = { fullName: 'NGUYỄN THỊ HÒA', dateOfBirth: '1990-07-08', 'CCCD.gender': 'MALE' };

    const first = await t.graphql(CHECK, { code: dossier.code, declared }, t.as.receiving);
    expect(first.errors).toBeUndefined();
    const found = first.data.checkConsistency.map((d: any) => [d.field, d.declared, d.stored, d.document?.code ?? null]);
    expect(found).toHaveLength(3);
    expect(found).toEqual(expect.arrayContaining([
      ['CCCD.gender', 'MALE', 'FEMALE', card],
      ['dateOfBirth', '1990-07-08', '1990-07-07', card],
      ['dateOfBirth', '1990-07-08', '1990-07-07', null],
    ]));

    const before = await processRows(t);
    const again = await t.graphql(CHECK, { code: dossier.code, declared }, t.as.receiving);
    expect(again.data.checkConsistency).toHaveLength(3);
    expect(await processRows(t)).toEqual(before);

    const shown = await t.graphql('query($code: String!) { dossier(code: $code) { discrepancies { field } } }', { code: dossier.code }, t.as.receiving);
    expect(shown.data.dossier.discrepancies).toHaveLength(3);
    // The paper prevails: the difference is kept, the warehouse is not rewritten.
    const em = t.app.orm.em.fork();
    expect((await em.findOneOrFail(Individual, { personalId: citizen.personalId })).dateOfBirth).toBe('1990-07-07');
    expect((await em.findOneOrFail(DigitizedDocument, { code: card })).metadata.gender).toBe('FEMALE');
  });

  it('refuses fields nothing in the warehouse answers, naming them, and writes nothing', async () => {
    const citizen = await newCitizen(t);
    const dossier = await receive(t, '1.001939', citizen.personalId);
    const before = await processRows(t);
    const res = await t.graphql(CHECK, { code: dossier.code, declared: { fullName: citizen.fullName, shoeSize: 38 } }, t.as.receiving);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['declared', 'shoeSize'], unknownFields: ['shoeSize'] });
    expect(await processRows(t)).toEqual(before);
  });
});

describe('master data', () => {
  const UPSERT_INDIVIDUAL = `mutation($input: UpsertIndividualInput!) {
    upsertIndividual(input: $input) { personalId socialInsuranceCode fullName dateOfBirth gender residence { provinceCode communeCode } hasPortalAccount }
  }`;
  const UPSERT_ORGANIZATION = `mutation($input: UpsertOrganizationInput!) { upsertOrganization(input: $input) { unitCode taxCode name address hasTransactionAccount } }`;

  it('adds a citizen, then updates only the fields given', async () => {
    const citizen = await newCitizen(t, '  Lê   Văn  Tám ');
    expect((await t.graphql('query($id: String!) { individual(personalId: $id) { fullName } }', { id: citizen.personalId }, t.as.receiving)).data.individual.fullName).toBe('Lê Văn Tám');
    const updated = await t.graphql(UPSERT_INDIVIDUAL, { input: { personalId: citizen.personalId, fullName: 'Lê Văn Tám', communeCode: '01002', hasPortalAccount: true } }, t.as.admin);
    expect(updated.errors).toBeUndefined();
    // Administrators keep the registers but do not read personal data: the answer is masked, the row is not.
    expect(updated.data.upsertIndividual).toMatchObject({ fullName: 'L. V. T.', dateOfBirth: null, hasPortalAccount: true });
    const person = await t.app.orm.em.fork().findOneOrFail(Individual, { personalId: citizen.personalId }, { populate: ['province', 'commune'] });
    expect(person).toMatchObject({ dateOfBirth: '1990-07-07', gender: 'FEMALE', hasPortalAccount: true });
    expect([person.province?.unwrap().code, person.commune?.unwrap().code]).toEqual(['01', '01002']);
  });

  it('refuses a personal ID that disagrees with the birth date, and an identifier someone else holds, writing nothing', async () => {
    const citizen = await newCitizen(t);
    const before = await processRows(t);
    // 001 1 90 ...: a woman born in the 1900s, 1990; not a man born in 2001.
    const wrong = await t.graphql(UPSERT_INDIVIDUAL, { input: { personalId: citizen.personalId, fullName: 'X', dateOfBirth: '2001-01-01', gender: 'MALE' } }, t.as.admin);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_IDENTIFIER', argumentPath: ['input', 'personalId'] });
    const [holder] = await t.app.orm.em.fork().getConnection().execute<{ social_insurance_code: string }[]>('select social_insurance_code from individual where social_insurance_code is not null limit 1');
    const taken = await t.graphql(UPSERT_INDIVIDUAL, { input: { personalId: citizen.personalId, fullName: 'X', socialInsuranceCode: holder.social_insurance_code } }, t.as.admin);
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE', argumentPath: ['input', 'socialInsuranceCode'] });
    const commune = await t.graphql(UPSERT_INDIVIDUAL, { input: { personalId: citizen.personalId, fullName: 'X', provinceCode: '79', communeCode: '01001' } }, t.as.admin);
    expect(commune.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await processRows(t)).toEqual(before);
    expect((await t.app.orm.em.fork().findOneOrFail(Individual, { personalId: citizen.personalId })).fullName).toBe(citizen.fullName);
  });

  it('adds and updates a unit, checking its tax code', async () => {
    const unitCode = `TU${Date.now().toString(36).toUpperCase()}`;
    const taxCode = freshTaxCode();
    const added = await t.graphql(UPSERT_ORGANIZATION, { input: { unitCode: unitCode.toLowerCase(), taxCode, name: 'Công ty TNHH Thử Nghiệm' } }, t.as.admin);
    expect(added.data.upsertOrganization).toMatchObject({ unitCode, taxCode, hasTransactionAccount: false });
    const [holder] = await t.app.orm.em.fork().getConnection().execute<{ tax_code: string }[]>('select tax_code from organization where tax_code is not null and unit_code <> ? limit 1', [unitCode]);
    const taken = await t.graphql(UPSERT_ORGANIZATION, { input: { unitCode, name: 'X', taxCode: holder.tax_code } }, t.as.admin);
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE', argumentPath: ['input', 'taxCode'] });
    const plain = await t.graphql(UPSERT_ORGANIZATION, { input: { unitCode, name: 'Công ty TNHH Thử Nghiệm', address: 'Hà Nội', hasTransactionAccount: true } }, t.as.admin);
    expect(plain.data.upsertOrganization).toMatchObject({ unitCode, name: 'Công ty TNHH Thử Nghiệm', address: 'Hà Nội', hasTransactionAccount: true });
    const badTax = await t.graphql(UPSERT_ORGANIZATION, { input: { unitCode, name: 'X', taxCode: '0100233489' } }, t.as.admin);
    expect(badTax.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_IDENTIFIER', argumentPath: ['input', 'taxCode'] });
  });
});

/** A well-formed tax code (Hà Nội prefix, random sequence, right check digit) nobody is likely to hold. */
function freshTaxCode(): string {
  for (;;) {
    const nine = `01${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    const check = taxCodeCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}
