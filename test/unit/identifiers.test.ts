import { describe, it, expect } from '@jest/globals';
import {
  buildPersonalId,
  isSocialInsuranceCode,
  normalizeDigits,
  normalizeOpaqueCode,
  personalIdCenturySexDigit,
  taxCodeCheckDigit,
  validateHealthInsuranceCardNumber,
  validateHouseholdCode,
  validatePersonalId,
  validateTaxCode,
  validateUnitCode,
} from '../../src/domain/identifiers.js';

describe('normalizeDigits', () => {
  it('trims and drops spaces', () => {
    expect(normalizeDigits(' 001 085 012345 ')).toBe('001085012345');
    expect(normalizeDigits('0100233488')).toBe('0100233488');
  });
});

describe('personal identification number', () => {
  it('encodes century and sex in digit 4', () => {
    expect(personalIdCenturySexDigit(1985, 'MALE')).toBe(0);
    expect(personalIdCenturySexDigit(1900, 'FEMALE')).toBe(1);
    expect(personalIdCenturySexDigit(2000, 'MALE')).toBe(2);
    expect(personalIdCenturySexDigit(2099, 'FEMALE')).toBe(3);
    expect(personalIdCenturySexDigit(2100, 'MALE')).toBe(4);
    expect(personalIdCenturySexDigit(2199, 'FEMALE')).toBe(5);
    expect(() => personalIdCenturySexDigit(1899, 'MALE')).toThrow(RangeError);
    expect(() => personalIdCenturySexDigit(2200, 'MALE')).toThrow(RangeError);
  });

  it('builds an ID from its parts', () => {
    expect(buildPersonalId('001', 1985, 'MALE', '012345')).toBe('001085012345');
    expect(buildPersonalId('079', 2003, 'FEMALE', '999999')).toBe('079303999999');
    expect(buildPersonalId('096', 1901, 'FEMALE', '000001')).toBe('096101000001');
    expect(() => buildPersonalId('003', 1985, 'MALE', '012345')).toThrow(RangeError);
    expect(() => buildPersonalId('001', 1985, 'MALE', '12345')).toThrow(RangeError);
  });

  it('accepts a well-formed ID with a known province prefix', () => {
    expect(validatePersonalId('001085012345')).toBeNull();
    expect(validatePersonalId('079303999999')).toBeNull();
  });

  it('rejects a wrong length, non-digits or an unknown prefix', () => {
    expect(validatePersonalId('00108501234')).toMatch(/12 digits/);
    expect(validatePersonalId('0010850123456')).toMatch(/12 digits/);
    expect(validatePersonalId('00108501234a')).toMatch(/12 digits/);
    expect(validatePersonalId('001 85012345')).toMatch(/12 digits/);
    expect(validatePersonalId('003085012345')).toMatch(/prefix 003/);
    expect(validatePersonalId('100085012345')).toMatch(/prefix 100/);
  });

  it('rejects a century-and-sex digit above 5', () => {
    expect(validatePersonalId('001685012345')).toMatch(/digit 4/);
    expect(validatePersonalId('001985012345')).toMatch(/digit 4/);
  });

  it('checks digits 4–6 against the birth date and sex when known', () => {
    const man1985 = '001085012345';
    expect(validatePersonalId(man1985, { dateOfBirth: '1985-03-14', gender: 'MALE' })).toBeNull();
    expect(validatePersonalId(man1985, { dateOfBirth: '1985-03-14' })).toBeNull();
    expect(validatePersonalId(man1985, { gender: 'MALE' })).toBeNull();
    expect(validatePersonalId(man1985, { dateOfBirth: '1986-03-14' })).toMatch(/1985.*1986/);
    expect(validatePersonalId(man1985, { dateOfBirth: '2085-03-14' })).toMatch(/1985.*2085/);
    expect(validatePersonalId(man1985, { gender: 'FEMALE' })).toMatch(/sex/);
    expect(validatePersonalId(man1985, { dateOfBirth: '1985-03-14', gender: 'FEMALE' })).toMatch(/sex/);

    const girl2003 = '079303999999';
    expect(validatePersonalId(girl2003, { dateOfBirth: '2003-12-31', gender: 'FEMALE' })).toBeNull();
    expect(validatePersonalId(girl2003, { dateOfBirth: '1903-12-31', gender: 'FEMALE' })).toMatch(/2003.*1903/);
    expect(validatePersonalId(girl2003, { gender: 'MALE' })).toMatch(/sex/);
  });

  it('reports an unusable birth date', () => {
    expect(validatePersonalId('001085012345', { dateOfBirth: '14/03/1985' })).toMatch(/YYYY-MM-DD/);
    expect(validatePersonalId('001085012345', { dateOfBirth: '1985-02-30' })).toMatch(/YYYY-MM-DD/);
  });

  it('round-trips build and validate for every century and sex', () => {
    for (const year of [1900, 1999, 2000, 2025, 2100, 2199]) {
      for (const gender of ['MALE', 'FEMALE'] as const) {
        const id = buildPersonalId('046', year, gender, '123456');
        expect(validatePersonalId(id, { dateOfBirth: `${year}-01-01`, gender })).toBeNull();
      }
    }
  });
});

describe('social insurance code', () => {
  it('is exactly 10 digits', () => {
    expect(isSocialInsuranceCode('0123456789')).toBe(true);
    expect(isSocialInsuranceCode('012345678')).toBe(false);
    expect(isSocialInsuranceCode('01234567890')).toBe(false);
    expect(isSocialInsuranceCode('012345678x')).toBe(false);
  });
});

describe('tax code', () => {
  it('computes the check digit of the domain.md examples', () => {
    expect(taxCodeCheckDigit('010023348')).toBe(8);
    expect(taxCodeCheckDigit('031440905')).toBe(8);
  });

  it('returns null when the result would be 10 or the input is not nine digits', () => {
    // 000000000: Σ = 0, 10 − 0 = 10 → no valid check digit.
    expect(taxCodeCheckDigit('000000000')).toBeNull();
    expect(taxCodeCheckDigit('01002334')).toBeNull();
    expect(taxCodeCheckDigit('01002334a')).toBeNull();
  });

  it('accepts the valid examples', () => {
    expect(validateTaxCode('0100233488')).toBeNull();
    expect(validateTaxCode('0314409058')).toBeNull();
  });

  it('rejects a wrong check digit', () => {
    expect(validateTaxCode('0100233487')).toMatch(/check digit should be 8/);
    expect(validateTaxCode('0314409050')).toMatch(/check digit/);
    expect(validateTaxCode('0000000000')).toMatch(/no valid check digit/);
  });

  it('accepts a branch code of a valid parent', () => {
    expect(validateTaxCode('0100233488-001')).toBeNull();
    expect(validateTaxCode('0314409058-999')).toBeNull();
  });

  it('rejects branch 000, a bad parent and other shapes', () => {
    expect(validateTaxCode('0100233488-000')).toMatch(/001–999/);
    expect(validateTaxCode('0100233487-001')).toMatch(/parent/);
    expect(validateTaxCode('0100233488001')).toMatch(/10 digits/);
    expect(validateTaxCode('0100233488-01')).toMatch(/10 digits/);
    expect(validateTaxCode('010023348')).toMatch(/10 digits/);
    expect(validateTaxCode('')).toMatch(/10 digits/);
  });
});

describe('health insurance card number', () => {
  it('accepts the 15-character and the 10-digit forms', () => {
    expect(validateHealthInsuranceCardNumber('DN4010123456789')).toBeNull();
    expect(validateHealthInsuranceCardNumber('TE1790123456789')).toBeNull();
    expect(validateHealthInsuranceCardNumber('0123456789')).toBeNull();
  });

  it('rejects malformed numbers', () => {
    expect(validateHealthInsuranceCardNumber('DN6010123456789')).toMatch(/benefit level/);
    expect(validateHealthInsuranceCardNumber('dn4010123456789')).toMatch(/category/);
    expect(validateHealthInsuranceCardNumber('DN40A0123456789')).toMatch(/province/);
    expect(validateHealthInsuranceCardNumber('DN401012345678')).toMatch(/15 characters/);
    expect(validateHealthInsuranceCardNumber('012345678')).toMatch(/15 characters/);
  });
});

describe('unit and household codes', () => {
  it('normalizes opaque codes: trim, upper-case, 1–20 of [A-Z0-9.-]', () => {
    expect(normalizeOpaqueCode('  ya0123a ')).toBe('YA0123A');
    expect(normalizeOpaqueCode('01.hgd-0001')).toBe('01.HGD-0001');
    expect(normalizeOpaqueCode('A'.repeat(20))).toBe('A'.repeat(20));
    expect(normalizeOpaqueCode('A'.repeat(21))).toBeNull();
    expect(normalizeOpaqueCode('   ')).toBeNull();
    expect(normalizeOpaqueCode('YA 0123')).toBeNull();
    expect(normalizeOpaqueCode('đơn vị')).toBeNull();
  });

  it('validates stored codes', () => {
    expect(validateUnitCode('YA0123A')).toBeNull();
    expect(validateUnitCode('ya0123a')).toMatch(/unit code/);
    expect(validateUnitCode('')).toMatch(/unit code/);
    expect(validateHouseholdCode('0101234567')).toBeNull();
    expect(validateHouseholdCode('01 234')).toMatch(/household code/);
  });
});
