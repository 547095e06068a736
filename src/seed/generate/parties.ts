/** Individuals in households, and organizations. */
import { FORMER_PROVINCES } from '../../catalog/provinces.js';
import { addDays, addYears, vietnamDate } from '../../domain/dates.js';
import type { Random } from '../random.js';
import { familyName, minorityPersonName, organizationName, personName, streetAddress, type Gender } from '../vietnamese-names.js';
import { ORGANIZATION_PROVINCE_WEIGHTS, PROVINCE_WEIGHTS, communeOf, formerByCurrent, provinceName } from './catalog.js';
import { dateBetween } from './days.js';
import { IdentifierAllocator } from './identifiers.js';
import type { IndividualRecord, OrganizationRecord } from './records.js';

export interface PartyOptions {
  now: Date;
  /** Share one allocator between calls whose identifiers must not collide. */
  allocator?: IdentifierAllocator;
}

interface MemberSpec {
  age: number;
  gender: Gender;
  /** Family name to keep; undefined: a name of their own. */
  family?: string;
  /** Minority household: names that do not follow family-middle-given. */
  minority: boolean;
  /** Born where the household lives (children), or anywhere (adults who moved). */
  bornLocally: boolean;
}

type HouseholdShape = 'SINGLE' | 'COUPLE' | 'FAMILY' | 'THREE_GENERATIONS' | 'SINGLE_PARENT';

const clampAge = (age: number) => Math.max(0, Math.min(90, age));

function householdMembers(rng: Random): MemberSpec[] {
  const shape = rng.weighted<HouseholdShape>([
    ['SINGLE', 15],
    ['COUPLE', 12],
    ['FAMILY', 50],
    ['THREE_GENERATIONS', 15],
    ['SINGLE_PARENT', 8],
  ]);
  const minority = rng.chance(0.01);
  const family = minority ? undefined : familyName(rng);
  const adultBornLocally = () => rng.chance(0.75);

  if (shape === 'SINGLE') {
    return [{ age: rng.int(18, 88), gender: rng.chance(0.5) ? 'MALE' : 'FEMALE', minority, family, bornLocally: adultBornLocally() }];
  }

  const members: MemberSpec[] = [];
  const children = (parentAge: number, count: number, childFamily: string | undefined) => {
    for (let i = 0; i < count; i++) {
      const age = parentAge - rng.int(20, 38);
      if (age < 0) continue;
      members.push({ age, gender: rng.chance(0.51) ? 'MALE' : 'FEMALE', family: childFamily, minority, bornLocally: true });
    }
  };

  if (shape === 'SINGLE_PARENT') {
    const mother = rng.chance(0.8);
    const age = rng.int(24, 58);
    members.push({ age, gender: mother ? 'FEMALE' : 'MALE', family, minority, bornLocally: adultBornLocally() });
    children(age, rng.weighted([[1, 60], [2, 40]]), mother ? (minority ? undefined : familyName(rng)) : family);
    if (members.length === 1) members.push({ age: rng.int(0, Math.max(0, age - 20)), gender: 'FEMALE', family, minority, bornLocally: true });
    return members;
  }

  const husbandAge = shape === 'COUPLE' ? rng.int(20, 85) : rng.int(26, 62);
  const wifeAge = clampAge(Math.max(18, husbandAge - rng.int(-2, 6)));
  members.push({ age: husbandAge, gender: 'MALE', family, minority, bornLocally: adultBornLocally() });
  // Vietnamese women keep their own family name.
  members.push({ age: wifeAge, gender: 'FEMALE', minority, bornLocally: adultBornLocally() });
  if (shape === 'COUPLE') return members;

  children(wifeAge, rng.weighted([[1, 30], [2, 50], [3, 20]]), family);
  if (members.length === 2) {
    members.push({ age: rng.int(0, Math.max(0, wifeAge - 20)), gender: rng.chance(0.5) ? 'MALE' : 'FEMALE', family, minority, bornLocally: true });
  }
  if (shape === 'THREE_GENERATIONS') {
    const grandparents = rng.weighted([[1, 60], [2, 40]]);
    for (let i = 0; i < grandparents; i++) {
      const age = husbandAge + rng.int(22, 32);
      if (age > 90) continue;
      const gender: Gender = grandparents === 2 ? (i === 0 ? 'MALE' : 'FEMALE') : rng.chance(0.4) ? 'MALE' : 'FEMALE';
      // The paternal grandfather shares the family name; a grandmother has her own.
      members.push({ age, gender, family: gender === 'MALE' ? family : undefined, minority, bornLocally: adultBornLocally() });
    }
  }
  return members;
}

/** A birth date giving exactly this age (in whole years) on `today`. */
export function birthDateForAge(rng: Random, age: number, today: string): string {
  const latest = addYears(today, -age);
  const earliest = addDays(addYears(today, -(age + 1)), 1);
  return dateBetween(rng, earliest, latest);
}

/**
 * Individuals, generated household by household: a household shares a residence,
 * usually a household code, and the father's family name for the children.
 * Personal IDs encode the birth year, sex and a pre-2025 province of birth
 * registration consistent with where the person was born; ages run from 0 to 90.
 */
export function* generateIndividuals(rng: Random, n: number, options: PartyOptions): Generator<IndividualRecord> {
  const allocator = options.allocator ?? new IdentifierAllocator();
  const today = vietnamDate(options.now);
  let produced = 0;
  while (produced < n) {
    const provinceCode = rng.weighted(PROVINCE_WEIGHTS);
    const commune = communeOf(rng, provinceCode);
    const householdCode = rng.chance(0.92) ? allocator.householdCode(provinceCode) : null;
    const localFormer = formerByCurrent.get(provinceCode) ?? FORMER_PROVINCES;
    for (const m of householdMembers(rng)) {
      if (produced >= n) return;
      const dateOfBirth = birthDateForAge(rng, m.age, today);
      const birthYear = Number(dateOfBirth.slice(0, 4));
      const birthPlace = m.bornLocally ? rng.pick(localFormer) : rng.pick(FORMER_PROVINCES);
      const fullName = m.minority
        ? minorityPersonName(rng, m.gender)
        : personName(rng, m.gender, m.family ?? familyName(rng));
      yield {
        personalId: allocator.personalId(birthPlace.personalIdPrefix, birthYear, m.gender),
        socialInsuranceCode: rng.chance(0.94) ? allocator.socialInsuranceCode(provinceCode) : null,
        fullName,
        dateOfBirth,
        gender: m.gender,
        householdCode,
        provinceCode,
        communeCode: commune.code,
        hasPortalAccount: m.age >= 15 && rng.chance(m.age < 60 ? 0.6 : 0.25),
      };
      produced++;
    }
  }
}

/** Employers and other units, with valid tax codes and `TA1234A`-shaped unit codes. */
export function* generateOrganizations(rng: Random, n: number, options: PartyOptions): Generator<OrganizationRecord> {
  const allocator = options.allocator ?? new IdentifierAllocator();
  for (let i = 0; i < n; i++) {
    const provinceCode = rng.weighted(ORGANIZATION_PROVINCE_WEIGHTS);
    const pName = provinceName(provinceCode);
    const commune = communeOf(rng, provinceCode);
    yield {
      unitCode: allocator.unitCode(),
      taxCode: allocator.taxCode(provinceCode),
      name: organizationName(rng, pName),
      address: streetAddress(rng, commune.name, pName),
      provinceCode,
      hasTransactionAccount: rng.chance(0.85),
    };
  }
}
