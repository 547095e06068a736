/**
 * Text the warehouse accepts from outside, in one place: which characters are
 * refused, how long each kind of text may be, and what a name is. The graph's
 * input boundary (src/schema/input-boundary.ts) applies it to every string
 * argument and input field, JSON keys and values included; the importer, the
 * CLI and the birth registration call the same functions.
 *
 * Refused everywhere: NUL (PostgreSQL's protocol cannot carry it), lone
 * surrogates (not Unicode; they break UTF-8 encoders), C0 and C1 control
 * characters (tab, line feed and carriage return only in multi-line kinds), and
 * the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) that make text display other than it reads ("Trojan source").
 */
import { DomainError } from './errors.js';

/** What a string is, for the rules that apply to it. */
export type TextKind =
  /** A code or identifier: dossier, document, procedure, agency codes, personal IDs, file ids. */
  | 'code'
  /** An idempotency key or a certificate number a client chooses. */
  | 'key'
  /** A cursor or a global ID (their codecs check the rest). */
  | 'opaque'
  /** A person's name: letters, marks, spaces, apostrophes, hyphens and dots, at least one letter. */
  | 'personName'
  /** A unit's name: at least one letter, no pictographs. */
  | 'organizationName'
  /** One line of free text: a title, an issuer, an address, a place. */
  | 'line'
  /** Several lines: a note, a reason. */
  | 'paragraph'
  /** The search box. */
  | 'query'
  /** A key inside a JSON value (metadata field names, declared fields). */
  | 'jsonKey'
  /** A string inside a JSON value. */
  | 'jsonText';

/** The one table of lengths (UTF-16 code units, what JavaScript and GraphQL count). */
export const TEXT_MAX_LENGTH: Readonly<Record<TextKind, number>> = {
  code: 64,
  key: 128,
  opaque: 200,
  personName: 200,
  organizationName: 300,
  line: 500,
  paragraph: 2000,
  query: 200,
  jsonKey: 100,
  jsonText: 2000,
};

const MULTILINE: ReadonlySet<TextKind> = new Set(['paragraph', 'jsonText']);

// eslint-disable-next-line no-control-regex
const REFUSED_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex
const REFUSED_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const PERSON_NAME = /^[\p{L}\p{M}\p{Zs}'’.-]+$/u;
const LETTER = /\p{L}/u;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

function describe(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `value` is not acceptable text of this kind, or null. */
export function textProblem(value: string, kind: TextKind): string | null {
  const max = TEXT_MAX_LENGTH[kind];
  if (value.length > max) return `is ${value.length} characters long; at most ${max} are accepted`;
  if (LONE_SURROGATE.test(value)) return 'contains a lone surrogate (not Unicode text)';
  const refused = (MULTILINE.has(kind) ? REFUSED_MULTILINE : REFUSED_SINGLE_LINE).exec(value);
  if (refused) return `contains the control or bidirectional character ${describe(refused[0])}`;
  if (kind === 'personName' && value.trim() !== '') {
    if (!PERSON_NAME.test(value)) return 'a name holds letters, spaces, apostrophes, hyphens and dots only';
    if (!LETTER.test(value)) return 'a name needs letters';
  }
  if (kind === 'organizationName' && value.trim() !== '') {
    if (!LETTER.test(value)) return 'a name needs letters';
    if (PICTOGRAPH.test(value)) return 'a name holds no emoji or pictographs';
  }
  return null;
}

/** `value` when it is acceptable text of this kind; otherwise `INVALID_TEXT` at `argumentPath`. */
export function checkText(value: string, kind: TextKind, argumentPath: (string | number)[]): string {
  const problem = textProblem(value, kind);
  if (problem) throw new DomainError('INVALID_TEXT', `${argumentPath.join('.') || 'The text'} ${problem}`, { argumentPath });
  return value;
}

/** Names JavaScript objects answer to without owning them: never a field of anything. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_JSON_DEPTH = 8;
const MAX_JSON_ENTRIES = 2000;

/**
 * A JSON value from outside (metadata, a declaration): keys are short text and
 * never a prototype name, strings are text, numbers finite (JSON's `1e400`
 * parses to Infinity), nesting and size bounded.
 */
export function checkJsonValue(value: unknown, path: (string | number)[]): void {
  let entries = 0;
  const walk = (v: unknown, at: (string | number)[], depth: number): void => {
    if (++entries > MAX_JSON_ENTRIES) throw new DomainError('INVALID_ARGUMENT', `A JSON value may hold at most ${MAX_JSON_ENTRIES} entries`, { argumentPath: path });
    if (typeof v === 'string') {
      checkText(v, 'jsonText', at);
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new DomainError('INVALID_ARGUMENT', `${at.join('.')} is not a finite number`, { argumentPath: at });
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_JSON_DEPTH) throw new DomainError('INVALID_ARGUMENT', `A JSON value may nest at most ${MAX_JSON_DEPTH} levels`, { argumentPath: at });
      if (Array.isArray(v)) {
        v.forEach((item, i) => walk(item, [...at, i], depth + 1));
      } else {
        for (const key of Object.keys(v)) {
          if (PROTOTYPE_KEYS.has(key)) throw new DomainError('UNKNOWN_FIELD', `${JSON.stringify(key)} names no field`, { argumentPath: [...at, key] });
          checkText(key, 'jsonKey', [...at, key]);
          walk((v as Record<string, unknown>)[key], [...at, key], depth + 1);
        }
      }
    }
  };
  walk(value, path, 0);
}
