/** Scalars of the contract: `DateTime` (an instant) and `Date` (a calendar day), both ISO 8601. */
import { GraphQLScalarType, Kind } from 'graphql';
// The shape is checked here; the range (1900–2199, and births or issues not in the future) by the input boundary, with the argument's path.
import { parseCalendarDate as parseDate, parseInstant as parseDateTime } from '../domain/dates.js';

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
