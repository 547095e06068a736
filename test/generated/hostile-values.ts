/**
 * Hostile values by GraphQL input type, as fast-check arbitraries, and the
 * arguments of a field walked into leaves from the schema's introspection.
 * Every value here must be refused wherever it is sent: none is a legal value
 * of any argument or input field of the schema.
 */
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLNamedInputType,
} from 'graphql';

/** JSON text inserted as is when a request body is serialized (JSON.stringify cannot write 1e400). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify that writes RawJson as its text and keeps own `__proto__` keys (JSON.parse'd objects). */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJsonText(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${toJsonText((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** One argument or input field reached from a root field's arguments. */
export interface Leaf {
  /** Variable name first, then input fields (and `0` for a list element). */
  path: (string | number)[];
  /** Name of the field or argument itself. */
  name: string;
  type: GraphQLNamedInputType;
  /** Inside a list (the hostile value goes into one element). */
  inList: boolean;
}

/** Every leaf under the arguments (input objects are walked; they are not recursive in this schema, but a depth cap keeps it so). */
export function leavesOf(args: readonly GraphQLArgument[]): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (type: GraphQLInputType, path: (string | number)[], name: string, inList: boolean, depth: number) => {
    if (isNonNullType(type)) return walk(type.ofType, path, name, inList, depth);
    if (isListType(type)) return walk(type.ofType, [...path, 0], name, true, depth);
    leaves.push({ path, name, type: type as GraphQLNamedInputType, inList });
    if (isInputObjectType(type) && depth < 4) {
      for (const field of Object.values(type.getFields())) walk(field.type, [...path, field.name], field.name, inList, depth + 1);
    }
  };
  for (const arg of args) walk(arg.type, [arg.name], arg.name, false, 0);
  return leaves;
}

const UUID = '0190f3a4-0000-7000-8000-000000000000';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const letters = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzăâêôơưđ0123456789'), maxLength: 12 });

/** A character no string argument may carry (besides line breaks, which paragraphs allow). */
const refusedCharacter = fc.oneof(
  fc.constant('\u0000'),
  fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff'), // lone surrogates
  fc.integer({ min: 0x01, max: 0x1f }).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'),
);

/** Text carrying a refused character somewhere, or longer than any length of the table. */
export const hostileText = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(letters, refusedCharacter, letters).map(([a, c, b]) => `${a}${c}${b}`) },
  { weight: 1, arbitrary: fc.integer({ min: 2_001, max: 60_000 }).map((n) => 'a'.repeat(n)) },
);

/** Names: the hostile text, or text with no letter at all (controls, bidi, emoji, punctuation). */
const hostileName = fc.oneof(
  hostileText,
  fc.constantFrom('😀', '🏭🏭', '!!!', '...', '---', "''", '\u202e\u202e', '👨‍👩‍👧', '(&)', '12345'),
);

/** Line breaks, refused in every single-line field (codes, keys, identifiers). */
const lineBreaks = fc.tuple(letters, fc.constantFrom('\r\n', '\n', '\r', '\t'), letters).map(([a, c, b]) => `${a}${c}${b}X-Injected: 1`);

/** Cursors this API never gave out: wrong shapes, keys of the wrong kind, times out of range, scores not finite, too long. */
export const forgedCursor = fc.oneof(
  fc.constantFrom(
    b64(JSON.stringify(['2026-11-20T03:00:00.000Z', 'not-a-uuid'])),
    b64(JSON.stringify(['2026-11-20T03:00:00.000Z', 'x'.repeat(300)])),
    b64(JSON.stringify(['+275760-09-13T00:00:00.000Z', UUID])),
    b64(JSON.stringify(['0000-01-01T00:00:00.000Z', UUID])),
    b64(JSON.stringify(['2026-11-20T03:00:00.000Z', '-1'])),
    b64(JSON.stringify(['2026-11-20T03:00:00.000Z', '99999999999999999999'])),
    b64(`[1e400,"${UUID}"]`),
    b64(`[-1e400,"${UUID}"]`),
    b64(JSON.stringify([{ __proto__: null }, UUID])),
    b64(JSON.stringify({ constructor: 1 })),
    b64('not json'),
    'not base64url!',
    b64(JSON.stringify([1, 2, 3])),
  ),
  fc.integer({ min: 201, max: 20_000 }).map((n) => 'A'.repeat(n)),
  fc.tuple(fc.double({ noNaN: false }), letters).map(([score, id]) => b64(`[${Number.isFinite(score) ? score : '1e999'},"${id}"]`)),
);

/** Global IDs this API never gave out: prototype names as types, keys of the wrong kind, garbage. */
export const forgedGlobalId = fc.oneof(
  fc.constantFrom('constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'prototype', 'isPrototypeOf', 'Node', 'Query').map((type) => b64(`${type}:${UUID}`)),
  fc.constantFrom('Dossier', 'Individual', 'Officer').chain((type) =>
    fc.constantFrom('1234', 'x'.repeat(1000), `${UUID}x`, '', "1' or '1'='1").map((key) => b64(`${type}:${key}`)),
  ),
  fc.constantFrom('', '!!!', 'A'.repeat(5000), b64('no-colon')),
);

/** Calendar days outside 1900–2199, or not days at all. */
const hostileDate = fc.oneof(
  fc.integer({ min: 0, max: 1899 }).map((y) => `${String(y).padStart(4, '0')}-01-01`),
  fc.integer({ min: 2200, max: 9999 }).map((y) => `${y}-12-31`),
  fc.constantFrom('2024-02-30', '2025-13-01', '+275760-09-13', '-000001-01-01', '2025-1-1', '20250101', ''),
);

/** Instants outside 1900–2200, or beyond what JavaScript and PostgreSQL hold. */
const hostileInstant = fc.oneof(
  fc.integer({ min: 0, max: 1899 }).map((y) => `${String(y).padStart(4, '0')}-01-01T00:00:00Z`),
  fc.integer({ min: 2200, max: 9999 }).map((y) => `${y}-12-31T23:59:59Z`),
  fc.constantFrom('+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '294277-01-01T00:00:00Z', '2025-02-30T00:00:00Z', 'now', ''),
);

/** Not an Int, or an Int no argument accepts (negative, past the page cap, past 32 bits). */
const hostileInt = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: -1 }),
  fc.integer({ min: 1_001, max: 2 ** 31 - 1 }),
  fc.constantFrom(2 ** 31, 2 ** 53, 1.5, '5', true, new RawJson('1e400')),
);

/** A JSON key that names no field of anything. */
const prototypeKey = fc.constantFrom('__proto__', 'constructor', 'prototype');

/** An object with `key` (an own property, as JSON.parse makes it) `depth` levels down. */
function nested(key: string, value: unknown, depth: number): Record<string, unknown> {
  let object = JSON.parse(`{${JSON.stringify(key)}: null}`) as Record<string, unknown>;
  object[key] = value;
  for (let i = 0; i < depth; i++) object = { [`level${i}`]: object };
  return object;
}

/** JSON values with a prototype key, a refused character in a key or a string, a number that is not finite, too deep, too large, or not an object. */
const hostileJsonObject = fc.oneof(
  fc.tuple(prototypeKey, fc.integer({ min: 0, max: 3 })).map(([key, depth]) => nested(key, { fullName: 'x', polluted: true }, depth)),
  fc.tuple(hostileText, fc.integer({ min: 0, max: 3 })).map(([text, depth]) => nested('fullName', text, depth)),
  fc.tuple(hostileText, fc.integer({ min: 0, max: 3 })).map(([text, depth]) => nested(text.slice(0, 3000), 'x', depth)),
  fc.tuple(fc.constantFrom('1e400', '-1e400', '1e309'), fc.integer({ min: 0, max: 3 })).map(([n, depth]) => nested('amount', new RawJson(n), depth)),
  fc.integer({ min: 9, max: 40 }).map((depth) => nested('leaf', 1, depth)),
  fc.integer({ min: 2_001, max: 5_000 }).map((n) => ({ many: Array.from({ length: n }, () => 0) })),
  fc.constantFrom(new RawJson('[]'), new RawJson('"text"'), new RawJson('42'), new RawJson('true')),
);

/** Wrong types where the transport allows them (GraphQL's coercion must refuse each). */
const wrongTypeForText = fc.constantFrom<unknown>(true, { a: 1 }, [[1]], 1.5);
const wrongTypeForBoolean = fc.constantFrom<unknown>('true', 1, 'yes', { a: 1 });
const wrongTypeForEnum = fc.constantFrom<unknown>('NOT_A_VALUE', 'constructor', '__proto__', 'toString', 1, true, '');

/** A refused value for this leaf, by its type and name. */
export function hostileFor(leaf: Leaf): fc.Arbitrary<unknown> {
  const type = getNamedType(leaf.type);
  if (isInputObjectType(type)) {
    // Fields GraphQL does not know, prototype names among them, or not an object at all.
    return fc.constantFrom<unknown>(JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: 'x' }, { unknownField: 1 }, 'text', 42);
  }
  if (isEnumType(type)) return wrongTypeForEnum;
  if (!isScalarType(type)) return fc.constant(null);
  switch (type.name) {
    case 'String':
      if (leaf.name === 'after' || leaf.name === 'before') return fc.oneof(forgedCursor, hostileText, wrongTypeForText);
      if (leaf.name === 'fullName' || leaf.name === 'name') return fc.oneof(hostileName, wrongTypeForText);
      if (/(Code|Codes|Key|Id|Number)$|^code$/.test(leaf.name)) return fc.oneof(hostileText, lineBreaks, wrongTypeForText);
      return fc.oneof(hostileText, wrongTypeForText);
    case 'ID':
      return leaf.name === 'id' ? fc.oneof(forgedGlobalId, hostileText) : fc.oneof(hostileText, lineBreaks, fc.constant('x'.repeat(5000)));
    case 'Date':
      return fc.oneof(hostileDate, fc.constantFrom<unknown>(20250101, true));
    case 'DateTime':
      return fc.oneof(hostileInstant, fc.constantFrom<unknown>(1e15, true));
    case 'Int':
      return hostileInt;
    case 'Float':
      return fc.constantFrom<unknown>(new RawJson('1e400'), 'NaN', true);
    case 'Boolean':
      return wrongTypeForBoolean;
    case 'JSONObject':
      return hostileJsonObject;
    default:
      return hostileText;
  }
}
