/**
 * How text becomes search terms, shared by both backends so they match alike:
 * folded words (`foldVietnamese`, then split on anything that is not a letter or
 * digit), identifier-shaped queries, one-typo variants, and highlighting.
 */
import { foldVietnamese } from './fold-vietnamese.js';

const NON_WORD = /[^a-z0-9]+/;

/** Folded words of a text: "Nguyễn Thị Hoà" → ["nguyen", "thi", "hoa"]. */
export function searchTokens(text: string): string[] {
  return foldVietnamese(text).split(NON_WORD).filter(Boolean);
}

/**
 * The folded text as indexed: words joined by single spaces, so Elasticsearch's
 * standard analyzer and PostgreSQL's `simple` text search split it exactly like
 * `searchTokens` does.
 */
export function foldedSearchText(text: string): string {
  return searchTokens(text).join(' ');
}

/** A personal ID (12 digits), social insurance or tax code (10 digits), or a code such as `000.00.01.H41-251120-000001`. */
const IDENTIFIER_SHAPE = /^(?=.*\d)[0-9A-Za-z][0-9A-Za-z.-]*$/;

/** Identifiers are compared upper-case, as the codes are issued. */
export function normalizeIdentifier(value: string): string {
  return value.trim().toUpperCase();
}

/** The identifier a query names, when it is shaped like one (a single word with a digit); else null. */
export function identifierOf(query: string): string | null {
  const trimmed = query.trim();
  return IDENTIFIER_SHAPE.test(trimmed) ? normalizeIdentifier(trimmed) : null;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Typos are looked for after the first letter (Elasticsearch's `prefix_length`):
 * a mistyped first letter is rare, and allowing one lets a short word such as
 * "an" match most of the dictionary ("ban", "can", "lan"…), which at millions
 * of documents made every name query count and rank nearly the whole index.
 */
export const TYPO_PREFIX_LENGTH = 1;

/** Words within one edit of `word` anywhere (deletion, insertion, substitution, swap of neighbours), `word` and '' included. */
function variantsAnywhere(word: string): Set<string> {
  const variants = new Set<string>([word]);
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) variants.add(head + tail.slice(1));
    if (tail.length > 1) variants.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of ALPHABET) {
      variants.add(head + c + tail);
      if (tail) variants.add(head + c + tail.slice(1));
    }
  }
  return variants;
}

/**
 * Every word within one edit of `word` after its first letter, as Elasticsearch's
 * `fuzzy` with `fuzziness: 1, prefix_length: 1` counts (a swap is one edit),
 * including `word` itself. Folded words only use a-z and 0-9.
 */
export function oneEditVariants(word: string): string[] {
  const prefix = word.slice(0, TYPO_PREFIX_LENGTH);
  return [...variantsAnywhere(word.slice(TYPO_PREFIX_LENGTH))].map((rest) => prefix + rest).filter(Boolean);
}

/** Whether two words are within one edit of each other anywhere (Damerau: a swap counts as one). */
function withinOneEditAnywhere(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const rest = (x: string) => x.slice(i + 1);
    return rest(a) === rest(b) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}

/** Whether two folded words share their first letter and are within one edit after it (what `oneEditVariants` lists). */
export function withinOneEdit(a: string, b: string): boolean {
  return a.slice(0, TYPO_PREFIX_LENGTH) === b.slice(0, TYPO_PREFIX_LENGTH) && withinOneEditAnywhere(a.slice(TYPO_PREFIX_LENGTH), b.slice(TYPO_PREFIX_LENGTH));
}

/**
 * Marks, in the text as written, the words that match a query word (exactly or
 * within one edit), with `<em>`…`</em>`; adjacent marked words share one mark.
 * Returns null when nothing matches. The same function serves both backends, so
 * highlights never depend on where the answer came from.
 */
export function highlight(text: string, queryWords: readonly string[]): string | null {
  if (queryWords.length === 0) return null;
  const parts = text.split(/(\s+)/);
  let matched = false;
  const marked = parts.map((part) => {
    if (/^\s*$/.test(part)) return { part, hit: false };
    const words = searchTokens(part);
    const hit = words.length > 0 && words.some((w) => queryWords.some((q) => withinOneEdit(w, q)));
    matched ||= hit;
    return { part, hit };
  });
  if (!matched) return null;
  let out = '';
  for (let i = 0; i < marked.length; i++) {
    const { part, hit } = marked[i];
    if (!hit) {
      out += escapeHtml(part);
      continue;
    }
    const openBefore = i >= 2 && marked[i - 2].hit && /^\s+$/.test(marked[i - 1].part);
    const closeAfter = !(i + 2 < marked.length && marked[i + 2].hit && /^\s+$/.test(marked[i + 1].part));
    out += `${openBefore ? '' : '<em>'}${escapeHtml(part)}${closeAfter ? '</em>' : ''}`;
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
