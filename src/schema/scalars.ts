/** Scalars of the contract: `DateTime` (an instant) and `Date` (a calendar day), both ISO 8601. */
import { GraphQLScalarType, Kind } from 'graphql';
import { DomainError } from '../domain/errors.js';
import { isCalendarDate, parseInstant } from '../domain/dates.js';

// The shape is checked here; the range (1900–2199, and births or issues not in the future) by the input boundary, with the argument's path.

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new DomainError('INVALID_DATE', `Date must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(typeof value === 'string' ? value.slice(0, 40) : value)}`);
  }
  return value;
}

function parseDateTime(value: unknown): Date {
  const instant = typeof value === 'string' ? parseInstant(value) : null;
  if (!instant) throw new DomainError('INVALID_DATE', `DateTime must be an ISO 8601 instant, got ${JSON.stringify(typeof value === 'string' ? value.slice(0, 40) : value)}`);
  return instant;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'ISO 8601 calendar date (YYYY-MM-DD).',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO 8601 instant.',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
