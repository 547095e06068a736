/**
 * Identifiers of people and units: each format in one place.
 *
 * Source: /work/shared/design/domain.md, section "Identifiers". Validators return a
 * human-readable reason (English) when the value is invalid, or null when it is
 * valid; they check the value as given, so normalize it first (normalizeDigits,
 * normalizeOpaqueCode).
 */
import { formerProvinceByPersonalIdPrefix } from '../catalog/provinces.js';

export type Gender = 'MALE' | 'FEMALE';

/** JSON Schema / RegExp source of a personal identification number: 12 digits. */
export const PERSONAL_ID_PATTERN = '^\\d{12}$';
/** Social insurance code ("mã số BHXH"): 10 digits. */
export const SOCIAL_INSURANCE_CODE_PATTERN = '^\\d{10}$';
/** Tax code ("mã số thuế"): 10 digits, or a branch's 10 digits + "-" + 3 digits. */
export const TAX_CODE_PATTERN = '^\\d{10}(-\\d{3})?$';
/** Health insurance card number: the 15-character form, or the 10-digit social insurance code alone. */
export const HEALTH_INSURANCE_CARD_NUMBER_PATTERN = '^([A-Z]{2}[1-5]\\d{2})?\\d{10}$';
/** Unit ("mã đơn vị") and household ("mã hộ gia đình") codes, after normalizeOpaqueCode. */
export const OPAQUE_CODE_PATTERN = '^[A-Z0-9.-]{1,20}$';

const PERSONAL_ID = new RegExp(PERSONAL_ID_PATTERN);
const SOCIAL_INSURANCE_CODE = new RegExp(SOCIAL_INSURANCE_CODE_PATTERN);
const TAX_CODE_10 = /^\d{10}$/;
const TAX_CODE_BRANCH = /^(\d{10})-(\d{3})$/;
const HEALTH_INSURANCE_CARD_15 = /^[A-Z]{2}[1-5]\d{2}\d{10}$/;
const OPAQUE_CODE = new RegExp(OPAQUE_CODE_PATTERN);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WHITESPACE = /\s+/g;
const NINE_DIGITS = /^\d{9}$/;
const SIX_DIGITS = /^\d{6}$/;

/** Weights of the tax-code check digit over the first nine digits (domain.md, "Tax code"). */
const TAX_CODE_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** Trims and removes every whitespace character (e.g. "0012 3456 7890" → "001234567890"). */
export function normalizeDigits(s: string): string {
  return s.replace(WHITESPACE, '');
}

/**
 * Digit 4 of a personal identification number: century and sex
 * (1900s: male 0, female 1; 2000s: 2/3; 2100s: 4/5). domain.md, "Personal identification number".
 * @throws RangeError when the year is outside 1900–2199.
 */
export function personalIdCenturySexDigit(birthYear: number, gender: Gender): number {
  if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2199) {
    throw new RangeError(`birth year ${birthYear} is outside 1900–2199`);
  }
  const century = Math.floor((birthYear - 1900) / 100);
  return century * 2 + (gender === 'FEMALE' ? 1 : 0);
}

/**
 * Validates a 12-digit personal identification number ("số định danh cá nhân"):
 * digits 1–3 a known pre-2025 province prefix (001 Hà Nội … 096 Cà Mau), digit 4
 * century and sex (0–5), digits 5–6 the birth year's last two digits, 7–12 random;
 * no check digit. When the birth date and/or sex are known, digits 4–6 must agree.
 * domain.md, "Personal identification number".
 */
export function validatePersonalId(
  id: string,
  known?: { dateOfBirth?: string; gender?: Gender },
): string | null {
  if (!PERSONAL_ID.test(id)) return 'personal ID must be exactly 12 digits';
  const prefix = id.slice(0, 3);
  if (!formerProvinceByPersonalIdPrefix(prefix)) {
    return `personal ID prefix ${prefix} is not a known province of birth registration`;
  }
  const centurySex = Number(id[3]);
  if (centurySex > 5) return `personal ID digit 4 (century and sex) must be 0–5, got ${centurySex}`;
  const idYear = 1900 + Math.floor(centurySex / 2) * 100 + Number(id.slice(4, 6));
  const idGender: Gender = centurySex % 2 === 1 ? 'FEMALE' : 'MALE';

  if (known?.dateOfBirth !== undefined) {
    const year = birthYearOf(known.dateOfBirth);
    if (year === null) return `date of birth ${known.dateOfBirth} is not a valid YYYY-MM-DD date`;
    if (year !== idYear) {
      return `personal ID encodes birth year ${idYear}, but the date of birth is in ${year}`;
    }
  }
  if (known?.gender !== undefined && known.gender !== idGender) {
    return `personal ID encodes sex ${idGender}, but the person is ${known.gender}`;
  }
  return null;
}

/**
 * Builds a personal identification number from its parts (for test data and demos).
 * @throws RangeError on an unknown prefix, a year outside 1900–2199 or a random part that is not 6 digits.
 */
export function buildPersonalId(
  prefix: string,
  birthYear: number,
  gender: Gender,
  sixRandomDigits: string,
): string {
  if (!formerProvinceByPersonalIdPrefix(prefix)) throw new RangeError(`unknown personal ID prefix ${prefix}`);
  if (!SIX_DIGITS.test(sixRandomDigits)) throw new RangeError('the random part must be exactly 6 digits');
  const digit = personalIdCenturySexDigit(birthYear, gender);
  return `${prefix}${digit}${String(birthYear % 100).padStart(2, '0')}${sixRandomDigits}`;
}

/** Social insurance code ("mã số BHXH"): 10 digits, nothing more is checked. domain.md, "Social insurance code". */
export function isSocialInsuranceCode(s: string): boolean {
  return SOCIAL_INSURANCE_CODE.test(s);
}

/**
 * Check digit of a tax code from its first nine digits: 10 − (Σ wᵢ·dᵢ mod 11) with
 * weights 31, 29, 23, 19, 17, 13, 7, 5, 3. Null when the input is not nine digits
 * or the result is 10 (no valid code has those nine digits). domain.md, "Tax code".
 */
export function taxCodeCheckDigit(first9: string): number | null {
  if (!NINE_DIGITS.test(first9)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += TAX_CODE_WEIGHTS[i]! * (first9.charCodeAt(i) - 48);
  const check = 10 - (sum % 11);
  return check === 10 ? null : check;
}

/**
 * Validates a tax code ("mã số thuế"; an enterprise's code is its tax code): 10 digits
 * with a valid check digit, or a branch's 13 characters `dddddddddd-ddd` (branch
 * 001–999 of a valid parent). domain.md, "Tax code".
 */
export function validateTaxCode(s: string): string | null {
  if (TAX_CODE_10.test(s)) {
    const expected = taxCodeCheckDigit(s.slice(0, 9));
    if (expected === null) return 'tax code has no valid check digit for its first nine digits';
    if (expected !== Number(s[9])) return `tax code check digit should be ${expected}, got ${s[9]}`;
    return null;
  }
  const branch = TAX_CODE_BRANCH.exec(s);
  if (!branch) return 'tax code must be 10 digits, or 10 digits, a hyphen and a 3-digit branch number';
  if (branch[2] === '000') return 'tax code branch number must be 001–999';
  const parent = validateTaxCode(branch[1]!);
  return parent === null ? null : `parent ${parent}`;
}

/**
 * Validates a health insurance card number: 15 characters — 2-letter participant
 * category, benefit level 1–5, 2-digit province of issue, 10-digit social insurance
 * code — or, for newer cards, the 10-digit code alone. domain.md, "Health insurance card number".
 */
export function validateHealthInsuranceCardNumber(s: string): string | null {
  if (SOCIAL_INSURANCE_CODE.test(s) || HEALTH_INSURANCE_CARD_15.test(s)) return null;
  if (s.length === 15) {
    if (!/^[A-Z]{2}/.test(s)) return 'health insurance card number must start with a 2-letter participant category';
    if (!/^[1-5]$/.test(s[2]!)) return 'health insurance card benefit level (character 3) must be 1–5';
    return 'health insurance card number must end with 2 province digits and a 10-digit social insurance code';
  }
  return 'health insurance card number must be 15 characters (e.g. DN4010123456789) or 10 digits';
}

/**
 * Normalizes a VSS unit code ("mã đơn vị") or household code ("mã hộ gia đình"),
 * whose format is unknown: trimmed, upper-cased, 1–20 characters of A–Z, 0–9, "." and "-".
 * Returns null when the result is not such a code. domain.md, "VSS unit code" (demo).
 */
export function normalizeOpaqueCode(s: string): string | null {
  const code = s.trim().toUpperCase();
  return OPAQUE_CODE.test(code) ? code : null;
}

/** Validates a unit code as stored (already normalized by normalizeOpaqueCode). */
export function validateUnitCode(s: string): string | null {
  return OPAQUE_CODE.test(s) ? null : 'unit code must be 1–20 characters of A–Z, 0–9, "." and "-"';
}

/** Validates a household code as stored (already normalized by normalizeOpaqueCode). */
export function validateHouseholdCode(s: string): string | null {
  return OPAQUE_CODE.test(s) ? null : 'household code must be 1–20 characters of A–Z, 0–9, "." and "-"';
}

/** Year of a real calendar date `YYYY-MM-DD`, or null. */
function birthYearOf(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  const real = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  return real ? year : null;
}
