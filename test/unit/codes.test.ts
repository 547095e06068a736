import { describe, it, expect } from '@jest/globals';
import { VIETNAM_UTC_OFFSET_MINUTES } from '../../src/domain/dates.js';
import {
  formatDigitizationCode,
  formatDossierCode,
  formatHealthInsuranceCardNumber,
  formatResultCode,
  isAgencyCode,
  isProcedureCode,
  parseDigitizationCode,
  parseDossierCode,
  vietnamDay,
} from '../../src/domain/codes.js';
import { validateHealthInsuranceCardNumber } from '../../src/domain/identifiers.js';

const HANOI = '000.00.01.H41';

describe('vietnamDay', () => {
  it('uses the calendar day in Vietnam (UTC+7), not in UTC', () => {
    expect(VIETNAM_UTC_OFFSET_MINUTES).toBe(420);
    expect(vietnamDay(new Date('2025-07-01T16:59:59.999Z'))).toBe('250701');
    expect(vietnamDay(new Date('2025-07-01T17:00:00Z'))).toBe('250702');
    expect(vietnamDay(new Date('2025-12-31T17:30:00Z'))).toBe('260101');
    expect(vietnamDay(new Date('2024-02-28T20:00:00Z'))).toBe('240229');
  });

  it('rejects an invalid date', () => {
    expect(() => vietnamDay(new Date('nope'))).toThrow(RangeError);
  });
});

describe('dossier codes', () => {
  it('formats <agency>-<YYMMDD>-<4-digit sequence>', () => {
    expect(formatDossierCode(HANOI, new Date('2025-07-01T17:30:00Z'), 1)).toBe('000.00.01.H41-250702-0001');
    expect(formatDossierCode(HANOI, new Date('2025-07-01T03:00:00Z'), 9999)).toBe('000.00.01.H41-250701-9999');
  });

  it('widens the sequence past 9999', () => {
    expect(formatDossierCode(HANOI, new Date('2025-07-01T03:00:00Z'), 10000)).toBe('000.00.01.H41-250701-10000');
  });

  it('rejects a bad agency code or sequence', () => {
    const at = new Date('2025-07-01T03:00:00Z');
    expect(() => formatDossierCode('HN', at, 1)).toThrow(RangeError);
    expect(() => formatDossierCode(HANOI, at, 0)).toThrow(RangeError);
    expect(() => formatDossierCode(HANOI, at, 1.5)).toThrow(RangeError);
  });

  it('parses what it formats', () => {
    const at = new Date('2025-07-01T17:30:00Z');
    for (const seq of [1, 42, 9999, 10000, 123456]) {
      expect(parseDossierCode(formatDossierCode(HANOI, at, seq))).toEqual({ agencyCode: HANOI, day: '250702', sequence: seq });
    }
  });

  it('refuses malformed codes', () => {
    for (const bad of [
      '',
      '000.00.01.H41-250702-001',
      '000.00.01.H41-250702-00001',
      '000.00.01.H41-250702-0000',
      '000.00.01.H41-251302-0001',
      '000.00.01.H41-250230-0001',
      '00.00.01.H41-250702-0001',
      '000.00.01.H41-250702-0001-1',
      'KQ.000.00.01.H41-250702-0001',
    ]) {
      expect(parseDossierCode(bad)).toBeNull();
    }
  });
});

describe('digitization and result codes', () => {
  it('formats <agency>.<type>.<YYMMDD>.<sequence> and parses it back', () => {
    const code = formatDigitizationCode(HANOI, 'GKS', new Date('2025-07-01T17:30:00Z'), 7);
    expect(code).toBe('000.00.01.H41.GKS.250702.0007');
    expect(parseDigitizationCode(code)).toEqual({ agencyCode: HANOI, documentTypeCode: 'GKS', day: '250702', sequence: 7 });
    expect(parseDigitizationCode('000.00.01.H41.C65.250702.12345')?.documentTypeCode).toBe('C65');
    expect(parseDigitizationCode('000.00.01.H41-250702-0001')).toBeNull();
  });

  it('rejects a document type code that would break the format', () => {
    expect(() => formatDigitizationCode(HANOI, 'g.ks', new Date(), 1)).toThrow(RangeError);
  });

  it('prefixes the dossier code with KQ.', () => {
    expect(formatResultCode('000.00.01.H41-250702-0001')).toBe('KQ.000.00.01.H41-250702-0001');
  });
});

describe('shapes', () => {
  it('recognizes procedure codes d.dddddd', () => {
    expect(isProcedureCode('1.001667')).toBe(true);
    expect(isProcedureCode('2.000693')).toBe(true);
    expect(isProcedureCode('1.00166')).toBe(false);
    expect(isProcedureCode('10.001667')).toBe(false);
    expect(isProcedureCode('1-001667')).toBe(false);
  });

  it('recognizes agency codes ddd.dd.dd.Ldd', () => {
    expect(isAgencyCode('000.00.00.H41')).toBe(true);
    expect(isAgencyCode('000.00.79.H41')).toBe(true);
    expect(isAgencyCode('000.00.00.h41')).toBe(false);
    expect(isAgencyCode('000.00.00.H4')).toBe(false);
    expect(isAgencyCode(' 000.00.00.H41')).toBe(false);
  });
});

describe('formatHealthInsuranceCardNumber', () => {
  it('builds the 15-character number', () => {
    const n = formatHealthInsuranceCardNumber('DN', 4, '01', '0123456789');
    expect(n).toBe('DN4010123456789');
    expect(validateHealthInsuranceCardNumber(n)).toBeNull();
  });

  it('rejects malformed parts', () => {
    expect(() => formatHealthInsuranceCardNumber('dn', 4, '01', '0123456789')).toThrow(RangeError);
    expect(() => formatHealthInsuranceCardNumber('DN', 6, '01', '0123456789')).toThrow(RangeError);
    expect(() => formatHealthInsuranceCardNumber('DN', 4, '1', '0123456789')).toThrow(RangeError);
    expect(() => formatHealthInsuranceCardNumber('DN', 4, '01', '123456789')).toThrow(RangeError);
  });
});
