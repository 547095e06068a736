/**
 * Master data ("dữ liệu chủ") of the people and units the warehouse serves, kept
 * current from the population and enterprise registers. Identifiers are checked
 * here (a personal ID must agree with the birth year and sex it encodes, a tax code
 * with its check digit) and names stored as written (NFC, single spaces).
 *
 * Upsert rules: absent fields keep their stored value; an explicit null clears an
 * optional one.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ref } from '@mikro-orm/core';
import type { Context } from '../context.js';
import { Individual } from '../entities/individual.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { Commune, Province } from '../entities/administrative-area.entity.js';
import { OfficerRole, type Gender } from '../entities/enums.js';
import { normalizeOpaqueCode, validatePersonalId } from '../domain/identifiers.js';
import { normalizeName } from '../search/fold-vietnamese.js';
import { checkText } from '../domain/text.js';
import { checkCalendarDate } from '../domain/dates.js';
import { DomainError, badInput } from '../domain/errors.js';
import { checkPersonalId, checkSocialInsuranceCode, checkTaxCode, checkUnitCode } from './party.service.js';
import { currentOfficer, requireRole } from './core/officers.js';
import { inTransaction } from './core/transactions.js';
import { vietnamDate } from '../domain/dates.js';
import { loadOptional } from '../db/refs.js';

/** A citizen from the population register, by personal ID. Absent fields keep their value; null clears an optional one. */
export interface UpsertIndividualCommand {
  personalId: string;
  socialInsuranceCode?: string | null;
  fullName: string;
  dateOfBirth?: string | null;
  gender?: Gender | null;
  householdCode?: string | null;
  provinceCode?: string | null;
  communeCode?: string | null;
  hasPortalAccount?: boolean | null;
}

/** A unit from the enterprise register, by VSS unit code. Absent fields keep their value; null clears an optional one. */
export interface UpsertOrganizationCommand {
  unitCode: string;
  taxCode?: string | null;
  name: string;
  address?: string | null;
  provinceCode?: string | null;
  hasTransactionAccount?: boolean | null;
}

const given = <T>(value: T | null | undefined): value is T | null => value !== undefined;

function requiredName(value: string, kind: 'personName' | 'organizationName', argumentPath: (string | number)[]): string {
  const name = normalizeName(checkText(value, kind, argumentPath));
  if (!name) throw badInput(argumentPath, 'The name must not be blank');
  return name;
}

async function getCommune(em: EntityManager, code: string, argumentPath: (string | number)[]): Promise<Commune> {
  const commune = await em.findOne(Commune, { code: code.trim() });
  if (!commune) throw badInput(argumentPath, `No commune has the code ${code}`);
  return commune;
}

async function getProvince(em: EntityManager, code: string, argumentPath: (string | number)[]): Promise<Province> {
  const province = await em.findOne(Province, { code: code.trim() });
  if (!province) throw badInput(argumentPath, `No province has the code ${code} (two digits, e.g. "01")`);
  return province;
}

/** CONFLICT when another party already holds an identifier that must be unique. */
function checkNotTaken(holder: { id: string } | null, self: { id: string } | null, what: string, argumentPath: (string | number)[]): void {
  if (holder && holder.id !== self?.id) throw new DomainError('DUPLICATE', `${what} is already recorded for someone else`, { argumentPath });
}

/** Adds or updates a citizen by personal ID (administrators and the population-data sync). */
export async function upsertIndividual(ctx: Context, input: UpsertIndividualCommand): Promise<Individual> {
  requireRole(ctx, [OfficerRole.ADMIN], 'change master data');
  return inTransaction(ctx, async (em) => {
    await currentOfficer(ctx, em);
    const personalId = checkPersonalId(input.personalId, ['input', 'personalId']);
    const existing = await em.findOne(Individual, { personalId });
    const person = existing ?? Object.assign(new Individual(), { personalId });
    em.persist(person);

    person.fullName = requiredName(input.fullName, 'personName', ['input', 'fullName']);
    if (given(input.dateOfBirth)) {
      if (input.dateOfBirth) checkCalendarDate(input.dateOfBirth, 'past', ['input', 'dateOfBirth'], vietnamDate(new Date()));
      person.dateOfBirth = input.dateOfBirth;
    }
    if (given(input.gender)) person.gender = input.gender;
    const problem = validatePersonalId(personalId, { dateOfBirth: person.dateOfBirth ?? undefined, gender: person.gender ?? undefined });
    if (problem) throw new DomainError('INVALID_IDENTIFIER', `Invalid personal ID: ${problem}`, { argumentPath: ['input', 'personalId'] });

    if (given(input.socialInsuranceCode)) {
      const code = input.socialInsuranceCode && checkSocialInsuranceCode(input.socialInsuranceCode, ['input', 'socialInsuranceCode']);
      if (code) checkNotTaken(await em.findOne(Individual, { socialInsuranceCode: code }), existing, `Social insurance code ${code}`, ['input', 'socialInsuranceCode']);
      person.socialInsuranceCode = code || null;
    }
    if (given(input.householdCode)) {
      const code = input.householdCode && normalizeOpaqueCode(input.householdCode);
      if (input.householdCode && !code) {
        throw new DomainError('INVALID_IDENTIFIER', 'Invalid household code: 1–20 letters, digits, dots or hyphens', { argumentPath: ['input', 'householdCode'] });
      }
      person.householdCode = code || null;
    }
    await placeIndividual(em, person, input);
    if (given(input.hasPortalAccount) && input.hasPortalAccount !== null) person.hasPortalAccount = input.hasPortalAccount;
    return person;
  });
}

/** Province and commune of residence; the commune must lie in the province (given, or taken from a new commune). */
async function placeIndividual(em: EntityManager, person: Individual, input: UpsertIndividualCommand): Promise<void> {
  let province = given(input.provinceCode) ? input.provinceCode && (await getProvince(em, input.provinceCode, ['input', 'provinceCode'])) : await loadOptional(person.province);
  let commune = given(input.communeCode) ? input.communeCode && (await getCommune(em, input.communeCode, ['input', 'communeCode'])) : await loadOptional(person.commune);
  if (commune && given(input.communeCode) && !given(input.provinceCode)) province = await commune.province.loadOrFail();
  if (commune && commune.province.unwrap().code !== (province || null)?.code) {
    throw badInput(['input', given(input.communeCode) ? 'communeCode' : 'provinceCode'], `Commune ${commune.code} is not in province ${(province || null)?.code ?? '(none)'}`);
  }
  commune ||= null;
  person.province = province ? ref(province) : null;
  person.commune = commune ? ref(commune) : null;
}

/** Adds or updates a unit by VSS unit code (administrators and the enterprise-register sync). */
export async function upsertOrganization(ctx: Context, input: UpsertOrganizationCommand): Promise<Organization> {
  if (input.address) checkText(input.address, 'line', ['input', 'address']);
  requireRole(ctx, [OfficerRole.ADMIN], 'change master data');
  return inTransaction(ctx, async (em) => {
    await currentOfficer(ctx, em);
    const unitCode = checkUnitCode(input.unitCode, ['input', 'unitCode']);
    const existing = await em.findOne(Organization, { unitCode });
    const unit = existing ?? Object.assign(new Organization(), { unitCode });
    em.persist(unit);

    unit.name = requiredName(input.name, 'organizationName', ['input', 'name']);
    if (given(input.taxCode)) {
      const code = input.taxCode && checkTaxCode(input.taxCode, ['input', 'taxCode']);
      if (code) checkNotTaken(await em.findOne(Organization, { taxCode: code }), existing, `Tax code ${code}`, ['input', 'taxCode']);
      unit.taxCode = code || null;
    }
    if (given(input.address)) unit.address = input.address ? normalizeName(input.address) || null : null;
    if (given(input.provinceCode)) unit.province = input.provinceCode ? ref(await getProvince(em, input.provinceCode, ['input', 'provinceCode'])) : null;
    if (given(input.hasTransactionAccount) && input.hasTransactionAccount !== null) unit.hasTransactionAccount = input.hasTransactionAccount;
    return unit;
  });
}
