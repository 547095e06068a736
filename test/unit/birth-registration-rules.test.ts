import { describe, expect, it } from '@jest/globals';
import {
  childCardNumber, childCardValidTo, commonHouseholdCode, isUnderSix, sixthBirthday, unmetRules,
} from '../../src/services/birth-registration.rules.js';

describe('child-under-six card rules (Decision 3509/QĐ-BHXH)', () => {
  it('numbers the card TE1<province><social insurance code>', () => {
    expect(childCardNumber('01', '9900000042')).toBe('TE1019900000042');
    expect(() => childCardNumber('1', '9900000042')).toThrow(RangeError);
  });

  it('runs until the day before the sixth birthday, 29 February included', () => {
    expect(sixthBirthday('2026-11-10')).toBe('2032-11-10');
    expect(childCardValidTo('2026-11-10')).toBe('2032-11-09');
    expect(childCardValidTo('2024-03-01')).toBe('2030-02-28');
    expect(sixthBirthday('2024-02-29')).toBe('2030-03-01');
    expect(childCardValidTo('2024-02-29')).toBe('2030-02-28');
  });

  it('is for children under six: from birth to the day before the sixth birthday', () => {
    expect(isUnderSix('2020-06-15', '2026-06-14')).toBe(true);
    expect(isUnderSix('2020-06-15', '2026-06-15')).toBe(false);
    expect(isUnderSix('2026-11-20', '2026-11-19')).toBe(false);
  });

  it('lists every unmet rule, and none when the child is under six in a known commune and household', () => {
    expect(unmetRules({ dateOfBirth: '2026-11-01', communeCode: '01001', householdCode: 'HG0100000001' }, '2026-11-25')).toEqual([]);
    const unmet = unmetRules({ dateOfBirth: '2019-01-01', communeCode: null, householdCode: commonHouseholdCode('01001') }, '2026-11-25');
    expect(unmet).toHaveLength(3);
    expect(unmet[0]).toContain('not under six');
    expect(unmet[1]).toContain('residence is unknown');
    expect(unmet[2]).toContain('common list CHUNG-01001');
    expect(unmetRules({ dateOfBirth: '2026-11-01', communeCode: '01001', householdCode: null }, '2026-11-25')).toEqual([
      "the family's household is not in the VSS household database",
    ]);
  });
});
