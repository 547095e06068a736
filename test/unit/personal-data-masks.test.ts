/**
 * Masks keep JSON types (strings stay strings, the rest becomes null, arrays stay
 * arrays), and the policy applies once per object to plain rows — the form a read
 * path without the ORM hands it — recording exactly the clear reads it shows.
 */
import { describe, expect, it } from '@jest/globals';
import { holdsPersonalData, jsonPolicyOf, maskJson, maskString, PERSONAL_DATA_KEYWORD as PD } from '../../src/auth/masks.js';
import { AccessRecorder } from '../../src/auth/access-recorder.js';
import { personalDataAccess, personalView } from '../../src/auth/personal-data.js';
import { discrepancyKeyPolicy, metadataPolicy, type PolicyEnv } from '../../src/auth/personal-data-policy.js';
import { DOCUMENT_TYPES, documentTypeByCode } from '../../src/catalog/document-types.js';
import { OfficerRole } from '../../src/entities/enums.js';
import type { Viewer } from '../../src/auth/viewer.js';

const officer = (role: OfficerRole): Viewer => ({ kind: 'officer', code: 'CB01-0001', agencyCode: '000.00.01.H41', roles: [role] });
const CATALOG: PolicyEnv = {
  documentType: (id) => documentTypeByCode(id),
  documentTypeByCode: (code) => documentTypeByCode(code),
  documentTypes: () => DOCUMENT_TYPES,
};

describe('string masks', () => {
  it.each([
    ['identifier', '001099012345', '001*******45'],
    ['code', '0123456789', '********89'],
    ['name', 'Nguyễn Thị Hoà', 'N. T. H.'],
    ['name', '  Đặng   Văn  Ân ', 'Đ. V. Â.'],
    ['prose', 'Giấy khai sinh - Lê Văn An', 'Giấy khai sinh - L. V. A.'],
    ['prose', 'Thẻ bảo hiểm y tế số TE1011234567890', 'Thẻ bảo hiểm y tế số T.'],
    ['prose', 'Quyết định hưởng chế độ thai sản - Phạm Thị Dung', 'Quyết định hưởng chế độ thai sản - P. T. D.'],
    // A name at the start of a title is a name too (issue 14): a run of capitalised words, first word included.
    ['prose', 'Lê Văn An - Giấy khai sinh', 'L. V. A. - Giấy khai sinh'],
    ['prose', 'NGUYỄN THỊ HOÀ - SỔ BẢO HIỂM XÃ HỘI', 'N. T. H. - S. B. H. X. H.'],
    ['prose', 'Hoà', 'H.'],
    ['prose', 'Giấy khai sinh', 'Giấy khai sinh'],
    ['prose', 'Sổ bảo hiểm xã hội - Hoà', 'Sổ bảo hiểm xã hội - H.'],
    ['text', 'Viêm phổi cấp', '***'],
    ['withheld', '1990-01-02', null],
  ] as const)('%s: %s → %s', (mask, value, masked) => {
    expect(maskString(value, mask)).toBe(masked);
  });
});

describe('typed JSON masking', () => {
  const schema = {
    type: 'object',
    properties: {
      fullName: { type: 'string', [PD]: 'name' },
      amount: { type: 'integer', [PD]: 'withheld' },
      insured: { type: 'boolean', [PD]: 'withheld' },
      issueDate: { type: 'string', [PD]: false },
      codes: { type: 'array', items: { type: 'string' }, [PD]: 'text' },
      periods: { type: 'array', items: { type: 'object', properties: { salary: { type: 'integer', [PD]: 'withheld' }, employer: { type: 'string', [PD]: 'text' } } } },
    },
  };
  const policy = jsonPolicyOf(schema);

  it('keeps strings as strings, gives null for numbers and booleans, keeps arrays and objects with their keys', () => {
    const value = { fullName: 'Lê Văn An', amount: 1_500_000, insured: true, issueDate: '2024-01-02', codes: ['J18', 'I10'], periods: [{ salary: 5_000_000, employer: 'Công ty A' }], extra: 12, note: 'x' };
    expect(maskJson(value, policy)).toEqual({
      fullName: 'L. V. A.',
      amount: null,
      insured: null,
      issueDate: '2024-01-02',
      codes: ['***', '***'],
      periods: [{ salary: null, employer: '***' }],
      // Keys the schema does not declare are treated as free text: masked.
      extra: null,
      note: '***',
    });
  });

  it('says whether a value holds anything personal', () => {
    expect(holdsPersonalData({ issueDate: '2024-01-02' }, policy)).toBe(false);
    expect(holdsPersonalData({ issueDate: '2024-01-02', fullName: null }, policy)).toBe(false);
    expect(holdsPersonalData({ issueDate: '2024-01-02', codes: [] }, policy)).toBe(true);
    expect(holdsPersonalData({ whatever: 1 }, policy)).toBe(true);
  });

  it('masks every catalog type so that no personal leaf stays as it was', () => {
    for (const type of DOCUMENT_TYPES) {
      const compiled = metadataPolicy(type.metadataSchema);
      const props = (type.metadataSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [key, property] of Object.entries(props)) {
        if (property[PD] === false || property[PD] === undefined) continue;
        const sample = property.type === 'string' ? 'Nguyễn Văn 0123456789' : property.type === 'array' ? [] : 42;
        const masked = maskJson({ [key]: sample }, compiled) as Record<string, unknown>;
        if (typeof sample === 'string') expect(masked[key]).not.toBe(sample);
        if (typeof sample === 'number') expect(masked[key]).toBeNull();
      }
    }
  });
});

describe('personalView: once per object, on a plain row', () => {
  const row = { id: 'b1c2', personalId: '001099012345', socialInsuranceCode: '0123456789', fullName: 'Nguyễn Thị Hoà', dateOfBirth: '1999-05-06', gender: 'FEMALE', householdCode: null, hasPortalAccount: true };

  it('masks for an auditor, records nothing, and leaves the row as it was', () => {
    const recorder = new AccessRecorder();
    const view = personalView('Individual', row, personalDataAccess(officer(OfficerRole.AUDITOR), recorder));
    expect(view).toEqual({ id: 'b1c2', personalId: '001*******45', socialInsuranceCode: '********89', fullName: 'N. T. H.', dateOfBirth: null, gender: null, householdCode: null, hasPortalAccount: true });
    expect(recorder.drain()).toEqual([]);
    expect(row.personalId).toBe('001099012345');
  });

  it('shows a receiving officer the row in clear and records the fields shown, once', () => {
    const recorder = new AccessRecorder();
    const access = personalDataAccess(officer(OfficerRole.RECEIVING_OFFICER), recorder);
    expect(personalView('Individual', row, access, undefined, ['personalId', 'fullName', 'hasPortalAccount'])).toEqual(row);
    personalView('Individual', row, access, undefined, ['personalId']);
    // householdCode is null: nothing of it was shown, so nothing is recorded.
    expect(recorder.drain()).toEqual([{ kind: 'INDIVIDUAL', id: 'b1c2', fields: new Set(['personalId', 'fullName']) }]);
  });

  it('masks a document row by its type\'s metadata schema and records the owner', () => {
    const document = { id: 'd1', title: 'Giấy khai sinh - Lê Văn An', documentType: 'GKS', ownerIndividual: 'p1', metadata: { documentNumber: '123/2020', issueDate: '2020-01-02', fullName: 'Lê Văn An', fatherPersonalId: '001099012345' } };
    const masked = personalView('DigitizedDocument', document, personalDataAccess({ kind: 'partner', name: 'x', scopes: ['documents:read'], allowedOperations: [], rateLimitPerMinute: 1 }, new AccessRecorder()), CATALOG);
    expect(masked.title).toBe('Giấy khai sinh - L. V. A.');
    expect(masked.metadata).toEqual({ documentNumber: '******20', issueDate: '2020-01-02', fullName: 'L. V. A.', fatherPersonalId: '001*******45' });
    const recorder = new AccessRecorder();
    const clear = personalView('DigitizedDocument', document, personalDataAccess({ kind: 'partner', name: 'x', scopes: ['documents:read', 'personal-data:read'], allowedOperations: [], rateLimitPerMinute: 1 }, recorder), CATALOG);
    expect(clear.metadata).toEqual(document.metadata);
    expect(recorder.drain()).toEqual([{ kind: 'INDIVIDUAL', id: 'p1', fields: new Set(['document.title', 'document.metadata']) }]);
  });

  it('masks what the subject is not known for, even for a viewer with the right (fail closed)', () => {
    const recorder = new AccessRecorder();
    const orphan = { field: 'dateOfBirth', declared: '1999-05-06', stored: '1999-06-05', dossier: undefined };
    const view = personalView('Discrepancy', orphan, personalDataAccess(officer(OfficerRole.RECEIVING_OFFICER), recorder), CATALOG);
    expect(view).toMatchObject({ declared: null, stored: null });
    expect(recorder.drain()).toEqual([]);
  });
});

describe("a discrepancy's value is masked as the field it belongs to", () => {
  const person = { kind: 'INDIVIDUAL' as const, id: 'p1' };
  it.each([
    ['personalId', { leaf: 'identifier' }],
    ['dateOfBirth', { leaf: 'withheld' }],
    ['fullName', { leaf: 'name' }],
    ['GKS.fatherName', { leaf: 'name' }],
    ['GKS.issueDate', { leaf: false }],
    ['fatherPersonalId', { leaf: 'identifier' }],
    // A key nobody declared, or one that names something else entirely: free text.
    ['constructor', { leaf: 'text' }],
    ['__proto__', { leaf: 'text' }],
    ['ZZ.fullName', { leaf: 'text' }],
  ])('%s', (field, policy) => {
    expect(discrepancyKeyPolicy(field, person, CATALOG)).toEqual(policy);
  });

  it("masks a serialized individual stored under a strange key (finding A)", () => {
    const recorder = new AccessRecorder();
    const discrepancy = { field: 'constructor', declared: 'x', stored: JSON.stringify(row()), dossier: { applicantIndividual: 'p1' } };
    const view = personalView('Discrepancy', discrepancy, personalDataAccess(officer(OfficerRole.AUDITOR), recorder), CATALOG);
    expect(view).toMatchObject({ declared: '***', stored: '***' });
    expect(recorder.drain()).toEqual([]);
  });
});

function row() {
  return { personalId: '001099012345', dateOfBirth: '1999-05-06' };
}
