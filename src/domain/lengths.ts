/**
 * How long the text a command carries may be (UTF-16 code units, as GraphQL and
 * class-validator count). The services check these for every caller (the graph,
 * the CLI, birth registration, a future queue consumer); the GraphQL input
 * classes read the same numbers for their decorators.
 */
import { badInput } from './errors.js';

export const MAX_LENGTH = {
  idempotencyKey: 128,
  title: 500,
  issuedBy: 500,
  reason: 2000,
  personName: 200,
  organizationName: 300,
  address: 500,
  birthCertificateNumber: 100,
  registrationAuthority: 300,
  placeOfBirth: 500,
  ethnicity: 100,
  nationality: 100,
  initialClinic: 300,
} as const;

/**
 * BAD_USER_INPUT (INVALID_ARGUMENT) when `value` is longer than `max`, or shorter
 * than `min`; absent values (null, undefined) are left to the caller's own rules.
 */
export function checkLength(value: string | null | undefined, max: number, argumentPath: (string | number)[], min = 0): void {
  if (value === null || value === undefined) return;
  if (value.length > max || value.length < min) {
    const field = argumentPath.at(-1) ?? 'The text';
    throw badInput(argumentPath, min > 0 ? `${field} must be ${min} to ${max} characters long` : `${field} must be at most ${max} characters long`, 'INVALID_ARGUMENT', { maxLength: max });
  }
}
