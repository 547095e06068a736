import { describe, expect, it } from '@jest/globals';
import { foldedSearchText, highlight, identifierOf, oneEditVariants, searchTokens, withinOneEdit } from '../../src/search/text.js';
import { digitizedDocumentDocument, individualDocument } from '../../src/search/documents.js';
import { parseQuery } from '../../src/search/backend.js';

describe('search words', () => {
  it('folds and splits on anything but letters and digits', () => {
    expect(searchTokens('  NGUYỄN Thị-Hoà, 12.5 ')).toEqual(['nguyen', 'thi', 'hoa', '12', '5']);
    expect(foldedSearchText('Đặng   Văn Đức')).toBe('dang van duc');
  });

  it('knows an identifier-shaped query', () => {
    expect(identifierOf(' 001190012345 ')).toBe('001190012345');
    expect(identifierOf('000.00.01.h41-251120-000001')).toBe('000.00.01.H41-251120-000001');
    expect(identifierOf('nguyen van an')).toBeNull();
    expect(identifierOf('Hoà')).toBeNull();
  });

  it('counts one edit after the first letter, the way Elasticsearch fuzziness 1 with prefix_length 1 does (a swap is one)', () => {
    expect(withinOneEdit('van', 'vn')).toBe(true);
    expect(withinOneEdit('an', 'anh')).toBe(true);
    expect(withinOneEdit('hoa', 'hao')).toBe(true);
    expect(withinOneEdit('hoa', 'hoang')).toBe(false);
    expect(withinOneEdit('nguyen', 'nguyenn')).toBe(true);
    expect(withinOneEdit('abc', 'xyz')).toBe(false);
    const variants = oneEditVariants('vn');
    for (const w of ['van', 'vn', 'v', 'vi', 'von']) expect(variants).toContain(w);
    for (const w of variants) expect(withinOneEdit(w, 'vn')).toBe(true);
    // The first letter is never the typo: not swapped, replaced, dropped or preceded.
    for (const w of ['nv', 'bn', 'n', 'avn']) {
      expect(variants).not.toContain(w);
      expect(withinOneEdit(w, 'vn')).toBe(false);
    }
    expect(withinOneEdit('an', 'ban')).toBe(false);
    expect(oneEditVariants('a')).toEqual(expect.arrayContaining(['a', 'ai', 'an']));
    expect(oneEditVariants('a')).not.toContain('b');
  });

  it('highlights matched words as written, one mark over neighbours, escaping the rest', () => {
    expect(highlight('Nguyễn Văn An', ['nguyen', 'vn', 'an'])).toBe('<em>Nguyễn Văn An</em>');
    expect(highlight('Trần Thị <Hoà>', ['hoa'])).toBe('Trần Thị <em>&lt;Hoà&gt;</em>');
    expect(highlight('Lê Văn Tám', ['nguyen'])).toBeNull();
  });

  it('keeps at most eight words of a query', () => {
    expect(parseQuery('a b c d e f g h i j').words).toHaveLength(8);
  });
});

describe('index documents', () => {
  it('folds the name, keeps it as written for display, and upper-cases identifiers', () => {
    const doc = individualDocument({
      id: '0190a000-0000-7000-8000-000000000001', personal_id: '001190012345', social_insurance_code: '0123456789',
      household_code: 'hk-1', full_name: 'Nguyễn Thị Hoà', province_code: '01', version: 3,
    });
    expect(doc).toMatchObject({ kind: 'INDIVIDUAL', display: 'Nguyễn Thị Hoà', text: 'nguyen thi hoa', textExact: 'nguyen thi hoa', sourceVersion: 3, date: null, ownerId: null });
    expect(doc.identifiers).toEqual(['001190012345', '0123456789', 'HK-1']);
  });

  it('routes a document by its owner and keeps only the searchable metadata', () => {
    const doc = digitizedDocumentDocument({
      id: '0190a000-0000-7000-8000-000000000002', code: 'x.gks.1', title: 'Giấy khai sinh', status: 'VALID', source: 'SCANNED',
      issued_by: null, issued_on: '2001-02-03', metadata: { documentNumber: '12/2001', fullName: 'Hidden Person' }, version: 1,
      document_type_code: 'GKS', document_type_name: 'Giấy khai sinh', owner_individual_id: '0190a000-0000-7000-8000-00000000000a',
      owner_organization_id: null, owner_name: 'Nguyễn Văn An', province_code: '01',
    });
    expect(doc).toMatchObject({ ownerId: '0190a000-0000-7000-8000-00000000000a', ownerKind: 'INDIVIDUAL', year: 2001, date: '2001-02-03', metadata: { documentNumber: '12/2001' } });
    expect(doc.identifiers).toEqual(['X.GKS.1', '12/2001']);
  });
});
