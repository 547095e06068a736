/**
 * How personal data looks to a viewer who may not read it in clear. Every mask
 * keeps the value's JSON type or gives null: a string stays a string (with
 * characters replaced or reduced to initials), anything else becomes null, and
 * an array stays an array of masked items. Typed clients therefore type a
 * personal value as `T | null` and never meet a string where a number was.
 */

/**
 * - `identifier`: a personal ID keeps its first 3 and last 2 characters ("001*******23").
 * - `code`: social insurance, household, card, document numbers keep their last 2 ("********45").
 * - `name`: a person's name becomes initials ("Nguyễn Thị Hoà" → "N. T. H.").
 * - `prose`: a title that may contain names: every word that starts with a capital letter, and any word
 *   with a digit, becomes an initial ("Giấy khai sinh - Lê Văn An" → "Giấy khai sinh - L. V. A."); only the
 *   first word of a phrase is kept, when a lower-case word of the phrase follows it ("Lê Văn An - Giấy khai
 *   sinh" → "L. V. A. - Giấy khai sinh").
 * - `text`: free text that may say anything (diagnosis, address, notes) becomes "***".
 * - `withheld`: null (dates, numbers, enums: nothing of them is shown).
 */
export type Mask = 'identifier' | 'code' | 'name' | 'prose' | 'text' | 'withheld';

export const MASKS: readonly Mask[] = ['identifier', 'code', 'name', 'prose', 'text', 'withheld'];

export function isMask(value: unknown): value is Mask {
  return typeof value === 'string' && (MASKS as readonly string[]).includes(value);
}

/** Masks that turn a string into a string (the others give null). */
export const STRING_MASKS: ReadonlySet<Mask> = new Set(['identifier', 'code', 'name', 'prose', 'text']);

const HIDDEN_TEXT = '***';
const PROSE_WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}/.'’-]*/gu;
const CAPITALISED = /^\p{Lu}/u;
/** What separates the phrases of a title ("Giấy khai sinh - Lê Văn An", "Quyết định: ..."). */
const PHRASE_BREAK = /[-–—:;,()|]/u;

function initial(word: string): string {
  const first = [...word.normalize('NFC')][0] ?? '';
  return `${first}.`;
}

function stars(length: number): string {
  return '*'.repeat(Math.max(0, length));
}

/** A string masked as `mask`; null for `withheld`. */
export function maskString(value: string, mask: Mask): string | null {
  switch (mask) {
    case 'identifier':
      return value.length > 5 ? `${value.slice(0, 3)}${stars(value.length - 5)}${value.slice(-2)}` : stars(value.length);
    case 'code':
      return value.length > 2 ? `${stars(value.length - 2)}${value.slice(-2)}` : stars(value.length);
    case 'name':
      return value.trim() === '' ? value : value.trim().split(/\s+/u).map(initial).join(' ');
    case 'prose': {
      // A run of capitalised words is a name ("Lê Văn An"), also at the start of the title or of a phrase ("Lê Văn An -
      // Giấy khai sinh"): a phrase's first word is kept only when a lower-case word of the same phrase follows it.
      const words = [...value.matchAll(PROSE_WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
      const phraseStart = (i: number) => i === 0 || PHRASE_BREAK.test(value.slice(words[i - 1]!.end, words[i]!.start));
      const masked = words.map(({ word }, i) => {
        const named = CAPITALISED.test(word) || /\p{N}/u.test(word);
        const next = words[i + 1];
        const keptAsPhraseStart = phraseStart(i) && !/\p{N}/u.test(word) && next !== undefined && !phraseStart(i + 1) && !CAPITALISED.test(next.word);
        return named && !keptAsPhraseStart ? initial(word) : word;
      });
      let out = '';
      let at = 0;
      words.forEach(({ start, end }, i) => {
        out += value.slice(at, start) + masked[i];
        at = end;
      });
      return out + value.slice(at);
    }
    case 'text':
      return HIDDEN_TEXT;
    case 'withheld':
      return null;
  }
}

/** Any JSON value masked as a personal leaf: strings by `mask`, arrays item by item, objects key by key, the rest null. */
export function maskLeaf(value: unknown, mask: Mask): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return maskString(value, mask);
  if (Array.isArray(value)) return value.map((item) => maskLeaf(item, mask));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskLeaf(v, mask)]));
  return null;
}

/**
 * The policy of a JSON value, read from a JSON Schema's `x-personal-data`
 * keywords: a leaf (a mask, or `false` for not personal), or an object whose
 * keys each have a policy, or an array whose items have one.
 */
export type JsonPolicy =
  | { leaf: Mask | false }
  | { properties: Readonly<Record<string, JsonPolicy>>; other: JsonPolicy }
  | { items: JsonPolicy };

/** What a key nobody declared gets: free text, fully masked (fail closed). */
export const UNDECLARED: JsonPolicy = { leaf: 'text' };

/** `value` as a viewer without the right sees it under `policy`. */
export function maskJson(value: unknown, policy: JsonPolicy): unknown {
  if (value === null || value === undefined) return value ?? null;
  if ('leaf' in policy) return policy.leaf === false ? value : maskLeaf(value, policy.leaf);
  if ('items' in policy) return Array.isArray(value) ? value.map((item) => maskJson(item, policy.items)) : maskJson(value, UNDECLARED);
  if (typeof value !== 'object' || Array.isArray(value)) return maskJson(value, UNDECLARED);
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, maskJson(v, Object.hasOwn(policy.properties, key) ? policy.properties[key] : policy.other)]),
  );
}

/** Whether `value` holds anything personal (a non-null value under a personal leaf) under `policy`: what a clear read reveals. */
export function holdsPersonalData(value: unknown, policy: JsonPolicy): boolean {
  if (value === null || value === undefined) return false;
  if ('leaf' in policy) return policy.leaf !== false;
  if ('items' in policy) return Array.isArray(value) ? value.some((item) => holdsPersonalData(item, policy.items)) : holdsPersonalData(value, UNDECLARED);
  if (typeof value !== 'object' || Array.isArray(value)) return holdsPersonalData(value, UNDECLARED);
  return Object.entries(value).some(([key, v]) => holdsPersonalData(v, Object.hasOwn(policy.properties, key) ? policy.properties[key] : policy.other));
}

/** The JSON Schema keyword that declares a property's mask (or `false`: not personal). */
export const PERSONAL_DATA_KEYWORD = 'x-personal-data';

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Where a schema declares nothing it is not trusted: a property without the
 * keyword (and not an object or array whose parts declare theirs) is free text.
 */
export function jsonPolicyOf(schema: unknown): JsonPolicy {
  if (!isSchema(schema)) return UNDECLARED;
  const declared = schema[PERSONAL_DATA_KEYWORD];
  if (declared === false || isMask(declared)) return { leaf: declared };
  if (isSchema(schema.properties)) {
    const properties: Record<string, JsonPolicy> = {};
    for (const [key, property] of Object.entries(schema.properties)) properties[key] = jsonPolicyOf(property);
    return { properties, other: UNDECLARED };
  }
  if (isSchema(schema.items)) return { items: jsonPolicyOf(schema.items) };
  return UNDECLARED;
}

/**
 * Properties of a schema that declare nothing, as JSON paths (`employees[].salary`):
 * the catalog's test requires none. A property declares its mask with the keyword,
 * or is an object (or array of objects) whose own properties all declare theirs.
 */
export function undeclaredProperties(schema: unknown, path = ''): string[] {
  if (!isSchema(schema)) return [path || '(root)'];
  if (PERSONAL_DATA_KEYWORD in schema) return isMask(schema[PERSONAL_DATA_KEYWORD]) || schema[PERSONAL_DATA_KEYWORD] === false ? [] : [`${path} (unknown mask ${JSON.stringify(schema[PERSONAL_DATA_KEYWORD])})`];
  if (isSchema(schema.properties)) {
    return Object.entries(schema.properties).flatMap(([key, property]) => undeclaredProperties(property, path ? `${path}.${key}` : key));
  }
  if (isSchema(schema.items)) return undeclaredProperties(schema.items, `${path}[]`);
  return [path || '(root)'];
}
