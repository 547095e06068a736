/**
 * Pure rules of the child-under-six health insurance card issued from a birth
 * registration (Decision 3509/QĐ-BHXH pilot, steps 3–4). Dates are Vietnam calendar days `YYYY-MM-DD`.
 */
import { formatHealthInsuranceCardNumber } from '../domain/codes.js';

/** Children under six are insured as category TE ("trẻ em dưới 6 tuổi"), benefit level 1. */
const CHILD_CATEGORY = 'TE';
const CHILD_BENEFIT_LEVEL = 1;

/** Card number `TE1<province of issue><social insurance code>`. */
export function childCardNumber(provinceCode: string, socialInsuranceCode: string): string {
  return formatHealthInsuranceCardNumber(CHILD_CATEGORY, CHILD_BENEFIT_LEVEL, provinceCode, socialInsuranceCode);
}

/** The sixth birthday; a child born on 29 February turns six on 1 March of a common year. */
export function sixthBirthday(dateOfBirth: string): string {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  return new Date(Date.UTC(y! + 6, m! - 1, d!)).toISOString().slice(0, 10);
}

/** The card is valid until the day before the sixth birthday. */
export function childCardValidTo(dateOfBirth: string): string {
  const birthday = new Date(`${sixthBirthday(dateOfBirth)}T00:00:00Z`);
  return new Date(birthday.getTime() - 86_400_000).toISOString().slice(0, 10);
}

export function isUnderSix(dateOfBirth: string, today: string): boolean {
  return dateOfBirth <= today && today < sixthBirthday(dateOfBirth);
}

/**
 * The child's place on the VSS household lists: the family's household when the
 * household database knows it, otherwise the commune's common list ("danh sách hộ
 * gia đình quản lý chung"), whose code is `CHUNG-<commune code>` (demo format).
 */
export function commonHouseholdCode(communeCode: string): string {
  return `CHUNG-${communeCode}`;
}

export function isCommonHousehold(householdCode: string): boolean {
  return householdCode.startsWith('CHUNG-');
}

export interface ChildFacts {
  dateOfBirth: string;
  /** Commune of residence, when known. */
  communeCode: string | null;
  householdCode: string | null;
}

/**
 * Why the card cannot be issued automatically; empty when every rule holds: the
 * child is under six, lives in a known commune, and belongs to a known household
 * (otherwise the officer completes the household papers, Decision 515/QĐ-BHXH Art. 4.2).
 */
export function unmetRules(child: ChildFacts, today: string): string[] {
  const unmet: string[] = [];
  if (!isUnderSix(child.dateOfBirth, today)) unmet.push(`the child (born ${child.dateOfBirth}) is not under six on ${today}`);
  if (!child.communeCode) unmet.push('the residence is unknown: no commune of permanent residence was declared or found');
  if (!child.householdCode || isCommonHousehold(child.householdCode)) {
    unmet.push(
      child.householdCode
        ? `the family's household is not in the VSS household database: the child is on the common list ${child.householdCode}; complete the household papers`
        : "the family's household is not in the VSS household database",
    );
  }
  return unmet;
}
