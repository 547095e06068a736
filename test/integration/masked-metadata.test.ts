/**
 * A masked read keeps the JSON types of metadata and shows no full name (issue 14,
 * last point; the policy of src/auth/personal-data-policy.ts): an auditor reads a
 * person's social insurance book — a number becomes null, never a string; an
 * array stays an array of objects with their keys; the owner's name, in the
 * metadata and at the start of the title, is initials. A clear reader sees the values.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startProcessApp, type ProcessApp } from './process-fixtures.js';

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp();
});
afterAll(() => t?.close());

const FULL_NAME = 'Đặng Thu Thảo';

/** Every property of `schema` whose declared type is a number: the masked value must be a number or null there. */
function checkTypes(schema: any, value: unknown, path: string, problems: string[]): void {
  if (value === null || value === undefined) return;
  const type = Array.isArray(schema?.type) ? schema.type.find((x: string) => x !== 'null') : schema?.type;
  if ((type === 'integer' || type === 'number') && typeof value !== 'number') problems.push(`${path}: ${JSON.stringify(value)} is not a number`);
  if (type === 'array') {
    if (!Array.isArray(value)) problems.push(`${path}: not an array`);
    else value.forEach((item, i) => checkTypes(schema.items, item, `${path}[${i}]`, problems));
  }
  if (type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) checkTypes(schema.properties?.[key], v, `${path}.${key}`, problems);
  }
  if (type === 'string' && typeof value !== 'string') problems.push(`${path}: ${JSON.stringify(value)} is not a string`);
}

describe('masked metadata', () => {
  it('keeps JSON types and shows no full name, in the metadata or the title', async () => {
    const personalId = `001190${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const socialInsuranceCode = `01${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    const upsert = await t.graphql(
      'mutation($input: UpsertIndividualInput!) { upsertIndividual(input: $input) { personalId } }',
      { input: { personalId, socialInsuranceCode, fullName: FULL_NAME, dateOfBirth: '1990-07-07', gender: 'FEMALE', provinceCode: '01' } },
      t.as.admin,
    );
    expect(upsert.errors).toBeUndefined();
    const metadata = {
      socialInsuranceCode,
      fullName: FULL_NAME,
      dateOfBirth: '1990-07-07',
      totalContributionMonths: 126,
      contributionPeriods: [
        { from: '2012-01-01', to: '2019-12-31', employerName: 'Công ty TNHH Minh Phát', position: 'Kế toán', salary: 9_500_000 },
        { from: '2020-01-01', employerName: 'Công ty CP Hà Thành', salary: 12_000_000 },
      ],
    };
    const shared = await t.graphql(
      'mutation($input: ShareDocumentInput!) { shareDocument(input: $input) { code } }',
      { input: { owner: { personalId }, documentTypeCode: 'SBHXH', source: 'CONNECTED_SYSTEM', title: `${FULL_NAME} - Sổ bảo hiểm xã hội`, metadata } },
      t.as.admin,
    );
    expect(shared.errors).toBeUndefined();
    const code = shared.data.shareDocument.code;

    const read = `query($code: String!, $personalId: String!) {
      document(code: $code) { title metadata documentType { metadataSchema } }
      individual(personalId: $personalId) { fullName documents(first: 5) { edges { node { title metadata } } } }
    }`;
    const masked = await t.graphql(read, { code, personalId }, t.as.auditor);
    expect(masked.errors).toBeUndefined();
    const document = masked.data.document;

    // No full name anywhere in the answer: not in the title, not in the metadata, not in the person's fields.
    const text = JSON.stringify(masked.data);
    for (const word of FULL_NAME.split(' ')) expect(text).not.toContain(word);
    expect(document.title).toBe('Đ. T. T. - Sổ bảo hiểm xã hội');
    expect(masked.data.individual.fullName).toBe('Đ. T. T.');

    // Types kept: numbers are null (withheld), never "***"; the array stays an array of objects with their keys.
    expect(document.metadata).toEqual({
      socialInsuranceCode: '********' + socialInsuranceCode.slice(-2),
      fullName: 'Đ. T. T.',
      dateOfBirth: null,
      totalContributionMonths: null,
      contributionPeriods: [
        { from: null, to: null, employerName: '***', position: '***', salary: null },
        { from: null, employerName: '***', salary: null },
      ],
    });
    const problems: string[] = [];
    checkTypes(document.documentType.metadataSchema, document.metadata, 'metadata', problems);
    expect(problems).toEqual([]);
    expect(masked.data.individual.documents.edges[0].node).toEqual({ title: document.title, metadata: document.metadata });

    // A clear reader (the receiving officer) sees the values, with the same types.
    const clear = await t.graphql(read, { code, personalId }, t.as.receiving);
    expect(clear.data.document.title).toBe(`${FULL_NAME} - Sổ bảo hiểm xã hội`);
    expect(clear.data.document.metadata).toEqual(metadata);
  });
});
