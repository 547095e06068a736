import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { copyField, copyRow } from '../../src/import/batch-sql.js';
import { reportPathFor } from '../../src/import/importer.js';
import { checkDocument, checkIndividual, checkOrganization, type ImportCatalog } from '../../src/import/records.js';
import { AGENCIES } from '../../src/catalog/agencies.js';
import { DOCUMENT_TYPES } from '../../src/catalog/document-types.js';
import { COMMUNES, PROVINCES } from '../../src/catalog/provinces.js';
import { DocumentType } from '../../src/entities/document-type.entity.js';
import { generateDemoData } from '../../src/seed/generate/index.js';

const catalog: ImportCatalog = {
  provinces: new Set(PROVINCES.map((p) => p.code)),
  communeProvince: new Map(COMMUNES.map((c) => [c.code, c.provinceCode])),
  documentTypes: new Map(DOCUMENT_TYPES.map((t) => [t.code, Object.assign(new DocumentType(), t)])),
  agencies: new Map(AGENCIES.map((a, i) => [a.code, `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`])),
  officers: new Map(),
};
const TODAY = '2026-11-20';

describe('COPY text format', () => {
  it('escapes the separators and writes null as \\N', () => {
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('true');
    expect(copyField(new Date('2025-07-02T03:00:00Z'))).toBe('2025-07-02T03:00:00.000Z');
    expect(copyRow([1, 'Nguyễn Văn A', null])).toBe('1\tNguyễn Văn A\t\\N\n');
  });
});

describe('import records', () => {
  it('accepts every record the generator writes', () => {
    const data = generateDemoData({ seed: 5, individuals: 200, organizations: 20, dossiers: 0, now: new Date('2026-11-20T03:00:00Z') });
    const refused = [
      ...data.individuals.map((r) => checkIndividual(r, catalog, TODAY).reasons),
      ...data.organizations.map((r) => checkOrganization(r, catalog).reasons),
      ...data.documents.map((r) => checkDocument({ ...r, officerCode: null }, catalog).reasons),
    ].filter((reasons) => reasons !== undefined);
    expect(refused).toEqual([]);
  });

  it('normalizes identifiers and names as the graph stores them', () => {
    const checked = checkIndividual(
      { personalId: ' 0011 9012 3456 ', fullName: ' Trần  Thị Hoà ', dateOfBirth: '1990-01-02', gender: 'FEMALE', householdCode: ' hg01-7 ', communeCode: '01001' },
      catalog,
      TODAY,
    );
    expect(checked.row).toMatchObject({ personalId: '001190123456', fullName: 'Trần Thị Hoà', householdCode: 'HG01-7', provinceCode: '01', communeCode: '01001', hasPortalAccount: false });
    expect(checkOrganization({ unitCode: 'ta1234a', taxCode: '0100233488', name: 'Công ty A' }, catalog).row).toMatchObject({ unitCode: 'TA1234A', taxCode: '0100233488' });
  });

  it('applies the text and date rules of the graph (src/domain/text.ts, dates.ts): controls, names without letters, implausible dates', () => {
    expect(checkIndividual({ personalId: '001190123456\u0000', fullName: '😀', dateOfBirth: '0001-01-01' }, catalog, TODAY).reasons).toEqual([
      'personalId: contains the control or bidirectional character U+0000',
      'fullName: a name holds letters, spaces, apostrophes, hyphens and dots only',
      'dateOfBirth: must not be before 1900-01-01',
    ]);
    expect(checkOrganization({ unitCode: 'A1', name: '!!!' }, catalog).reasons).toEqual(['name: a name needs letters']);
    const reasons = checkDocument({ issuedOn: '9999-12-31', validUntil: '1000-01-01', metadata: JSON.parse('{"__proto__": 1}') }, catalog).reasons ?? [];
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^issuedOn: must not be after today/), 'validUntil: must not be before 1900-01-01', 'metadata: "__proto__" names no field']));
    expect(checkDocument({ metadata: JSON.parse('{"x": 1e400}') }, catalog).reasons).toContain('metadata: metadata.x is not a finite number');
  });

  it('lists every reason a record is refused', () => {
    expect(checkIndividual('not an object', catalog, TODAY).reasons).toEqual(['the line is not a JSON object']);
    expect(checkIndividual({ personalId: '001190123456', fullName: 'A', dateOfBirth: '2099-01-01', hasPortalAccount: 'yes' }, catalog, TODAY).reasons).toEqual([
      `dateOfBirth: must not be after today (${TODAY})`,
      'hasPortalAccount: must be true or false',
    ]);
    expect(checkOrganization({ unitCode: 'ÂU', taxCode: '0100233489', provinceCode: '99' }, catalog).reasons).toEqual([
      'unitCode: must be 1–20 letters, digits, dots or hyphens',
      'taxCode: tax code check digit should be 8, got 9',
      'name: is required',
      'provinceCode: no province has the code "99" (two digits, e.g. "01")',
    ]);
    expect(
      checkDocument({ code: 'X', documentTypeCode: 'NOPE', owner: { personalId: '001190123456', unitCode: 'A1' }, title: 't', source: 'FAX', metadata: {}, digitizedAt: 'now', agencyCode: '000.00.00.H41' }, catalog)
        .reasons,
    ).toEqual([
      'code: is not a digitization result code <agency>.<type>.<YYMMDD>.<sequence>',
      'documentTypeCode: no document type has the code "NOPE"',
      'owner: give exactly one of personalId, unitCode',
      'source: must be one of SCANNED, ELECTRONIC, NATIONAL_PORTAL, CONNECTED_SYSTEM, PROCEDURE_RESULT, got "FAX"',
      'digitizedAt: DateTime must be an ISO 8601 instant, got "now"',
    ]);
  });

  it('writes the report beside the input', () => {
    expect(reportPathFor('/data/documents.jsonl.gz')).toBe('/data/documents.rejected.jsonl');
    expect(reportPathFor('people.json')).toBe('people.rejected.jsonl');
  });
});
