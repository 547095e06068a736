/**
 * The one normalization of Vietnamese text, used wherever text is compared or
 * indexed (DESIGN.md, "Vietnamese text"; domain.md, "Vietnamese names and folding").
 *
 * - `normalizeName`: how names are stored — as written, NFC, trimmed, single spaces.
 * - `foldVietnamese`: how names are matched — diacritics dropped, đ → d, lower case,
 *   so "Nguyễn Thị Hoà", "nguyen thi hoa" and "NGUYỄN THỊ HÒA" meet. Old and new
 *   tone placement ("hòa"/"hoà") differ even after NFC; folding hides the difference.
 */

/** Combining diacritical marks (tones, circumflex, breve, horn) left by NFD. */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** đ (U+0111) does not decompose under NFD; ð (U+00F0) is its look-alike in legacy data. */
const D_LIKE = /[\u0111\u00f0]/g;
const WHITESPACE_RUN = /\s+/g;

/**
 * Folds text for search: lower-case, NFD, combining marks dropped, đ/Đ and the
 * look-alikes ð/Ð mapped to d, whitespace runs collapsed to one space, trimmed.
 * e.g. "  NGUYỄN   Thị Hoà " → "nguyen thi hoa"; "Đặng" → "dang".
 */
export function foldVietnamese(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(D_LIKE, 'd')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

/** How names are stored: NFC, trimmed, whitespace runs collapsed to one space. */
export function normalizeName(text: string): string {
  return text.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}
