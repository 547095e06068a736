/**
 * Finding the people and units the warehouse knows, by any of their identifiers.
 * Identifier formats are checked here, so a malformed one is a clear BAD_USER_INPUT.
 */
import type { Ref } from '@mikro-orm/core';
import type { Context } from '../context.js';
import { loadRef } from '../db/refs.js';
import { Individual } from '../entities/individual.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { DomainError } from '../domain/errors.js';
import { isSocialInsuranceCode, normalizeDigits, normalizeOpaqueCode, validatePersonalId, validateTaxCode } from '../domain/identifiers.js';
import type { PartyRef } from '../schema/types.js';

export type Party = Individual | Organization;

function invalid(argumentPath: (string | number)[], message: string): DomainError {
  return new DomainError('INVALID_IDENTIFIER', message, { argumentPath });
}

export function checkPersonalId(value: string, argumentPath: (string | number)[]): string {
  const id = normalizeDigits(value);
  const problem = validatePersonalId(id);
  if (problem) throw invalid(argumentPath, `Invalid personal ID: ${problem}`);
  return id;
}

export function checkSocialInsuranceCode(value: string, argumentPath: (string | number)[]): string {
  const code = normalizeDigits(value);
  if (!isSocialInsuranceCode(code)) throw invalid(argumentPath, 'Invalid social insurance code: it must be exactly 10 digits');
  return code;
}

export function checkTaxCode(value: string, argumentPath: (string | number)[]): string {
  const code = normalizeDigits(value);
  const problem = validateTaxCode(code);
  if (problem) throw invalid(argumentPath, `Invalid tax code: ${problem}`);
  return code;
}

export function checkUnitCode(value: string, argumentPath: (string | number)[]): string {
  const code = normalizeOpaqueCode(value);
  if (!code) throw invalid(argumentPath, 'Invalid unit code: 1–20 letters, digits, dots or hyphens');
  return code;
}

function exactlyOne(given: Record<string, unknown>, names: string[], argumentPath: (string | number)[]): string {
  const present = names.filter((n) => given[n] !== undefined && given[n] !== null);
  if (present.length !== 1) {
    throw new DomainError('INVALID_ARGUMENT', `Give exactly one of ${names.join(', ')}`, { argumentPath });
  }
  return present[0];
}

export async function findIndividual(ctx: Context, args: { personalId?: string | null; socialInsuranceCode?: string | null }, argumentPath: (string | number)[] = []): Promise<Individual | null> {
  const by = exactlyOne(args, ['personalId', 'socialInsuranceCode'], argumentPath);
  if (by === 'personalId') return ctx.em.findOne(Individual, { personalId: checkPersonalId(args.personalId!, [...argumentPath, 'personalId']) });
  return ctx.em.findOne(Individual, { socialInsuranceCode: checkSocialInsuranceCode(args.socialInsuranceCode!, [...argumentPath, 'socialInsuranceCode']) });
}

export async function findOrganization(ctx: Context, args: { unitCode?: string | null; taxCode?: string | null }, argumentPath: (string | number)[] = []): Promise<Organization | null> {
  const by = exactlyOne(args, ['unitCode', 'taxCode'], argumentPath);
  if (by === 'unitCode') return ctx.em.findOne(Organization, { unitCode: checkUnitCode(args.unitCode!, [...argumentPath, 'unitCode']) });
  return ctx.em.findOne(Organization, { taxCode: checkTaxCode(args.taxCode!, [...argumentPath, 'taxCode']) });
}

/** Resolves a PartyRef (one identifier of an individual or of an organization); null when nobody matches. */
export async function findParty(ctx: Context, ref: PartyRef, argumentPath: (string | number)[]): Promise<Party | null> {
  const by = exactlyOne(ref as Record<string, unknown>, ['personalId', 'socialInsuranceCode', 'unitCode', 'taxCode'], argumentPath) as keyof PartyRef;
  return by === 'personalId' || by === 'socialInsuranceCode'
    ? findIndividual(ctx, { [by]: ref[by] }, argumentPath)
    : findOrganization(ctx, { [by]: ref[by] }, argumentPath);
}

/** Like findParty, but an unknown party is NOT_FOUND. */
export async function getParty(ctx: Context, ref: PartyRef, argumentPath: (string | number)[]): Promise<Party> {
  const party = await findParty(ctx, ref, argumentPath);
  if (!party) throw new DomainError('APPLICANT_NOT_FOUND', 'No individual or organization matches this identifier', { argumentPath });
  return party;
}

/** The owner columns of a party, for documents and dossiers. */
export function ownerColumns(party: Party, prefix: 'owner' | 'applicant') {
  return party instanceof Individual ? { [`${prefix}Individual`]: party.id } : { [`${prefix}Organization`]: party.id };
}

/** Loads the individual or the organization of an owner/applicant pair of relations (exactly one is set). */
export function loadParty(individual: Ref<Individual> | null | undefined, organization: Ref<Organization> | null | undefined): Promise<Party> {
  return individual ? loadRef(individual) : loadRef(organization!);
}
