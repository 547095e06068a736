/**
 * Vietnamese text in the 8-bit encodings of older systems (domain.md, "Legacy
 * encodings"), found in the 2018–2020 backlog, read back as Unicode NFC.
 *
 * - **TCVN3 (ABC)**, the .VnTime fonts: one byte per letter, toned lower-case letters
 *   at 0xB5–0xFE, ă â ê ô ơ ư đ at 0xA8–0xAE, Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7 (TCVN 5712:1993).
 *   Decoded with iconv-lite's `tcvn` table (TCVN 5712 VN1, of which the ABC set is the
 *   part above 0xA0), for bytes 0x80–0xFF only: VN1 also reuses some C0 control bytes
 *   for capitals, which ABC files do not. Capitals with tone marks do not exist in ABC:
 *   they are the lower-case bytes shown in a capital font (.VnTimeH), so a word whose
 *   plain letters are all capitals gets its decoded letters in capitals too.
 * - **VNI-Windows**, the VNI fonts: a vowel is its ASCII letter followed by a byte for its
 *   marks (0xF9 acute, 0xF8 grave, 0xFB hook, 0xF5 tilde, 0xEF dot below; 0xE2/0xE1/
 *   0xE0/0xE5/0xE3/0xE4 circumflex without or with those tones; 0xEA/0xE9/0xE8/0xFA/
 *   0xFC/0xEB breve likewise; 0xC0–0xDC the same for capitals), while ơ ư đ and the
 *   toned i and ỵ are one byte (0xF4 0xF6 0xF1; 0xED 0xEC 0xE6 0xF3 0xF2; 0xEE). No
 *   library in the registry decodes it: the table is built here from VNI's published
 *   code chart (the same one as in the xvnkb keyboard's `vni.h`, lamdao/xvnkb).
 *
 * Detection is by line (one record), the whole line's text being the evidence: a
 * line that is valid UTF-8 is UTF-8, unless it is TCVN3 or VNI text that went through
 * a Windows-1252 reading once already ("Lª V¨n Ng­êi" for "Lê Văn Người", the ư a
 * soft hyphen U+00AD). For a line that is not UTF-8, and for such a suspect, each
 * reading is decoded and scored by how
 * many of its non-ASCII words are Vietnamese syllables; the best reading wins when most
 * of its words are, and a UTF-8 line is changed only when a legacy reading is strictly
 * better. A file may mix encodings line by line (concatenated exports); a tie between
 * TCVN3 and VNI goes to the encoding the file's earlier lines had.
 */
import { isAscii as isAsciiBytes, isUtf8 as isUtf8Bytes } from 'node:buffer';
import iconv from 'iconv-lite';

export enum LegacyEncoding {
  TCVN3 = 'TCVN3',
  VNI = 'VNI',
}

export const ENCODING_NAMES: Record<LegacyEncoding, string> = {
  [LegacyEncoding.TCVN3]: 'TCVN3 (ABC)',
  [LegacyEncoding.VNI]: 'VNI-Windows',
};

// ── Decoders ─────────────────────────────────────────────────────────────────

const TCVN3_HIGH: readonly string[] = Array.from({ length: 128 }, (_, i) => iconv.decode(Buffer.from([0x80 + i]), 'tcvn'));

/** Vietnamese lower-case letters carrying a tone or a vowel mark (never in a plain ASCII word). */
const MARKED = /[\u00c0-\u00c3\u00c8-\u00ca\u00cc\u00cd\u00d2-\u00d5\u00d9\u00da\u00dd\u00e0-\u00e3\u00e8-\u00ea\u00ec\u00ed\u00f2-\u00f5\u00f9\u00fa\u00fd\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;

const LETTER = /[\p{L}\p{M}]/u;

/** A letter or a combining mark (ASCII letters decided without a regular expression). */
function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(text[i]!);
}

/**
 * Calls `visit` with each word (a run of letters and marks) holding a non-ASCII
 * character, and each non-ASCII character that is not a letter (`word` false).
 * ASCII-only words, most of a JSON line, are never looked at.
 */
function forEachNonAscii(text: string, visit: (token: string, start: number, word: boolean) => void): void {
  for (let at = 0; at < text.length; at++) {
    if (text.charCodeAt(at) < 0x80) continue;
    if (!isLetter(text, at)) {
      visit(text[at]!, at, false);
      continue;
    }
    let start = at;
    while (start > 0 && isLetter(text, start - 1)) start--;
    let end = at + 1;
    while (end < text.length && isLetter(text, end)) end++;
    visit(text.slice(start, end), start, true);
    at = end - 1;
  }
}

/** Upper-cases the decoded letters of a word whose plain letters are all capitals (a .VnTimeH capital font). */
function capitalFontWords(text: string): string {
  let out = '';
  let done = 0;
  forEachNonAscii(text, (word, start, isWord) => {
    if (!isWord) return;
    const plain = word.replace(/[^A-Za-z]/g, '');
    // Two capitals at least: "Hµ" is "Hà" in a normal font, not a capital one.
    if (plain.length >= 2 && plain === plain.toUpperCase() && MARKED.test(word)) {
      out += text.slice(done, start) + word.toUpperCase();
      done = start + word.length;
    }
  });
  return done === 0 ? text : out + text.slice(done);
}

export function decodeTcvn3(bytes: Uint8Array): string {
  let text = '';
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (i > start) text += Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('latin1');
    text += TCVN3_HIGH[b - 0x80];
    start = i + 1;
  }
  if (start < bytes.length) text += Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('latin1');
  return capitalFontWords(text).normalize('NFC');
}

const COMBINING = { grave: '\u0300', acute: '\u0301', tilde: '\u0303', hook: '\u0309', dot: '\u0323', circumflex: '\u0302', breve: '\u0306', horn: '\u031b' };

/** VNI mark bytes (lower-case forms; a capital form is 0x20 less): what they add to the vowel before them. */
const VNI_MARKS = new Map<number, { shape?: 'circumflex' | 'breve'; tone?: keyof typeof COMBINING }>([
  [0xf9, { tone: 'acute' }], [0xf8, { tone: 'grave' }], [0xfb, { tone: 'hook' }], [0xf5, { tone: 'tilde' }], [0xef, { tone: 'dot' }],
  [0xe2, { shape: 'circumflex' }], [0xe1, { shape: 'circumflex', tone: 'acute' }], [0xe0, { shape: 'circumflex', tone: 'grave' }],
  [0xe5, { shape: 'circumflex', tone: 'hook' }], [0xe3, { shape: 'circumflex', tone: 'tilde' }], [0xe4, { shape: 'circumflex', tone: 'dot' }],
  [0xea, { shape: 'breve' }], [0xe9, { shape: 'breve', tone: 'acute' }], [0xe8, { shape: 'breve', tone: 'grave' }],
  [0xfa, { shape: 'breve', tone: 'hook' }], [0xfc, { shape: 'breve', tone: 'tilde' }], [0xeb, { shape: 'breve', tone: 'dot' }],
]);

/** VNI single-byte letters (lower-case forms; capitals 0x20 less). */
const VNI_LETTERS = new Map<number, string>([
  [0xf4, 'ơ'], [0xf6, 'ư'], [0xf1, 'đ'], [0xed, 'í'], [0xec, 'ì'], [0xe6, 'ỉ'], [0xf3, 'ĩ'], [0xf2, 'ị'], [0xee, 'ỵ'],
]);

const WINDOWS_1252_HIGH: readonly string[] = Array.from({ length: 128 }, (_, i) => {
  const c = iconv.decode(Buffer.from([0x80 + i]), 'windows-1252');
  return c === '\ufffd' ? String.fromCharCode(0x80 + i) : c;
});

/** Which vowels take which marks in VNI: a circumflex on a, e, o; a breve on a; a tone on any vowel but i (one byte already). */
function canTake(base: string, mark: { shape?: 'circumflex' | 'breve' }): boolean {
  const b = base.toLowerCase();
  if (mark.shape === 'circumflex') return b === 'a' || b === 'e' || b === 'o';
  if (mark.shape === 'breve') return b === 'a';
  return 'aeouyơư'.includes(b);
}

export function decodeVni(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) {
      text += String.fromCharCode(b);
      continue;
    }
    const lower = b >= 0xe0 ? b : b + 0x20;
    const capital = b < 0xe0;
    const letter = b >= 0xc0 ? VNI_LETTERS.get(lower) : undefined;
    const mark = b >= 0xc0 ? VNI_MARKS.get(lower) : undefined;
    const previous = text.slice(-1);
    if (mark && previous && canTake(previous, mark)) {
      text = text.slice(0, -1) + (previous + (mark.shape ? COMBINING[mark.shape] : '') + (mark.tone ? COMBINING[mark.tone] : '')).normalize('NFC');
    } else if (letter) {
      text += capital ? letter.toUpperCase() : letter;
    } else {
      text += WINDOWS_1252_HIGH[b - 0x80];
    }
  }
  return text.normalize('NFC');
}

// ── Telling Vietnamese from noise ────────────────────────────────────────────

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const VOWELS = 'aăâeêioôơuưy';
const MARKED_VOWELS = 'ăâêôơư';

/** Rhymes ("vần") without their tone; a little permissive where it does not matter to tell text from noise. */
const RHYME = new RegExp(`^(?:${[
  'a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ia', 'ua', 'ưa', 'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'iu', 'oi', 'ôi', 'ơi', 'ui', 'ưi', 'ưu',
  '(?:a|ă|â|e|o|ô|ơ|u|ư|oo)(?:c|ng)',
  '(?:a|ă|â|e|ê|i|o|ô|ơ|u|ư)(?:m|n|p|t)',
  '(?:a|ê|i)(?:ch|nh)',
  // Open iê/uô/ươ only in minority names ("Niê"), kept so as not to call them noise.
  '(?:iê|yê|uô|ươ)(?:c|m|n|ng|p|t|u|i)?',
  'o(?:a|ă|e)(?:c|ch|m|n|ng|nh|p|t|i|y|o)?',
  'u(?:â|ê|y|ơ)(?:c|ch|m|n|ng|nh|p|t|y|u)?',
  'uyê(?:n|t)', 'uya', 'uyu',
].join('|')})$`);
const INITIALS = ['ngh', 'ng', 'gh', 'gi', 'kh', 'nh', 'ph', 'th', 'tr', 'ch', 'qu', ...'bcdđghklmnprstvx', ''];

/**
 * Where a rhyme's tone mark may stand: on its marked vowel (the last one: "người");
 * else, before a final consonant, on the last vowel ("hoàng"); else on the main vowel,
 * the first of two ("của", "tài") or the middle of three ("ngoài"); "oa", "oe", "uy"
 * take it in the old or the new place ("hòa"/"hoà", "thủy"/"thuỷ").
 */
function tonePlaces(rhyme: string): number[] {
  let run = 0;
  while (run < rhyme.length && VOWELS.includes(rhyme[run]!)) run++;
  const vowels = rhyme.slice(0, run);
  const marked = [...vowels].map((v, i) => (MARKED_VOWELS.includes(v) ? i : -1)).filter((i) => i >= 0);
  if (marked.length > 0) return [marked.at(-1)!];
  if (run < rhyme.length) return [run - 1];
  if (run === 1) return [0];
  if (vowels === 'oa' || vowels === 'oe' || vowels === 'uy') return [0, 1];
  return run === 2 ? [0] : [1];
}

/** Whether a word is one Vietnamese syllable: an initial, a rhyme, at most one tone, standing where Vietnamese puts it. */
export function isVietnameseSyllable(word: string): boolean {
  const decomposed = word.toLowerCase().normalize('NFD');
  let tone = -1;
  let base = '';
  for (const part of decomposed.normalize('NFC')) {
    const letter = part.normalize('NFD');
    const toneless = letter.replace(TONES, '');
    if (toneless !== letter) {
      if (tone >= 0) return false;
      tone = base.length;
    }
    base += toneless.normalize('NFC');
  }
  return INITIALS.some((initial) => {
    if (!base.startsWith(initial)) return false;
    const rhyme = base.slice(initial.length);
    if (!RHYME.test(rhyme)) return false;
    return tone < 0 || tonePlaces(rhyme).includes(tone - initial.length);
  });
}

/** Letters of the Vietnamese alphabet, once tones are set aside. */
const ALPHABET = /^[a-zăâêôơưđ]+$/;

interface Score {
  /** Words with a non-ASCII character. */
  words: number;
  /** Those that are Vietnamese syllables. */
  good: number;
  /** Noise: symbols, letters Vietnamese has not, two tones in a word, a mark on a consonant, a capital after a small letter. */
  bad: number;
}

const CAPITAL_AFTER_SMALL = /\p{Ll}\p{Lu}/u;
/** A mark that does not sit on a vowel (or on another mark of one): "m̃", a word starting with a mark. */
const STRAY_MARK = /(?:^|[^\u0300-\u036faeiouy])[\u0300-\u036f]/;

/**
 * How Vietnamese a reading looks. Words of Vietnamese letters that are not syllables
 * (minority names such as "Kpuih Kơk", typos) count neither way.
 */
function score(text: string): Score {
  let words = 0;
  let good = 0;
  let bad = 0;
  forEachNonAscii(text, (token, _start, word) => {
    if (!word) {
      if (token !== '\u00a0') bad++;
      return;
    }
    words++;
    const kind = wordKind(token);
    if (kind === 'good') good++;
    else if (kind === 'bad') bad++;
  });
  return { words, good, bad };
}

/** Names and places repeat: each distinct word is judged once (up to a bound, then the memory starts over). */
const judged = new Map<string, 'good' | 'bad' | 'neither'>();
const JUDGED_LIMIT = 100_000;

function wordKind(word: string): 'good' | 'bad' | 'neither' {
  let kind = judged.get(word);
  if (kind) return kind;
  const decomposed = word.toLowerCase().normalize('NFD');
  const letters = decomposed.replace(TONES, '').normalize('NFC');
  if (!ALPHABET.test(letters) || CAPITAL_AFTER_SMALL.test(word) || STRAY_MARK.test(decomposed)) kind = 'bad';
  else if (isVietnameseSyllable(word)) kind = 'good';
  else kind = (decomposed.match(TONES)?.length ?? 0) > 1 ? 'bad' : 'neither';
  if (judged.size >= JUDGED_LIMIT) judged.clear();
  judged.set(word, kind);
  return kind;
}

/** A reading good enough to stand: some Vietnamese words, and twice as many as noisy ones. */
function acceptable(s: Score): boolean {
  return s.good > 0 && s.good >= 2 * s.bad;
}

function better(a: Score, b: Score): number {
  return a.good - a.bad - (b.good - b.bad);
}

// ── Lines ────────────────────────────────────────────────────────────────────

/** What became of one line's bytes. */
export type LineText =
  | { text: string; encoding: null }
  | { text: string; encoding: LegacyEncoding; viaWindows1252: boolean }
  | { text: null; reason: string };

/** Letters only Vietnamese has beyond Latin-1 (and combining marks): a line with one is Unicode, not a legacy reading. */
const VIETNAMESE_BEYOND_LATIN1 = /[\u0300-\u0323\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;
/** Anything a Windows-1252 reading of TCVN3 or VNI bytes can produce beyond ASCII. */
const WINDOWS_1252_CHARS = new Map<string, number>(WINDOWS_1252_HIGH.map((c, i) => [c, 0x80 + i]));
const HIGH_LATIN1 = /[\u0080-\u00ff]/;

/** The Windows-1252 bytes of a text, or null when a character has none. */
function windows1252Bytes(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes[i] = code;
    else if (code >= 0xa0 && code <= 0xff) bytes[i] = code;
    else {
      const b = WINDOWS_1252_CHARS.get(text[i]!) ?? (code <= 0x9f ? code : undefined);
      if (b === undefined) return null;
      bytes[i] = b;
    }
  }
  return bytes;
}

interface Reading {
  encoding: LegacyEncoding;
  text: string;
  score: Score;
}

function readings(bytes: Uint8Array): Reading[] {
  return [LegacyEncoding.TCVN3, LegacyEncoding.VNI].map((encoding) => {
    const text = encoding === LegacyEncoding.TCVN3 ? decodeTcvn3(bytes) : decodeVni(bytes);
    return { encoding, text, score: score(text) };
  });
}

/**
 * Reads one line of an import file. `prior` is the legacy encoding most of the file's
 * earlier legacy lines had (ties go to it). ASCII and UTF-8 lines come back as they
 * are, unless a UTF-8 line is a Windows-1252 reading of TCVN3 or VNI text.
 */
export function readLine(bytes: Buffer, prior: LegacyEncoding | null = null): LineText {
  // ASCII and UTF-8 first: the common case costs two native checks and one test.
  if (isAsciiBytes(bytes)) return { text: bytes.toString('latin1'), encoding: null };
  if (isUtf8Bytes(bytes)) {
    const text = bytes.toString('utf8');
    if (VIETNAMESE_BEYOND_LATIN1.test(text) || !HIGH_LATIN1.test(text)) return { text, encoding: null };
    // Converted only when a legacy reading has more Vietnamese words than the text as it stands, and no more noise;
    // text whose every non-ASCII word is a syllable is Vietnamese as it stands (the common case here: "Lê Thanh An").
    const asIs = score(text);
    if (asIs.bad === 0 && asIs.good === asIs.words) return { text, encoding: null };
    const raw = windows1252Bytes(text);
    if (!raw) return { text, encoding: null };
    const best = pick(readings(raw), prior);
    if (best && acceptable(best.score) && best.score.good > asIs.good && best.score.bad <= asIs.bad) {
      return { text: best.text, encoding: best.encoding, viaWindows1252: true };
    }
    return { text, encoding: null };
  }
  const all = readings(bytes);
  const best = pick(all, prior);
  if (best && acceptable(best.score)) return { text: best.text, encoding: best.encoding, viaWindows1252: false };
  const tied = all.length === 2 && better(all[0]!.score, all[1]!.score) === 0 && acceptable(all[0]!.score);
  return {
    text: null,
    reason: tied
      ? `encoding: the line is not UTF-8 and reads as Vietnamese in both ${ENCODING_NAMES.TCVN3} and ${ENCODING_NAMES.VNI}; convert it to UTF-8`
      : `encoding: the line is not UTF-8, and neither ${ENCODING_NAMES.TCVN3} nor ${ENCODING_NAMES.VNI} reads it as Vietnamese ` +
        `(other 8-bit encodings such as Windows-1258 or VISCII are not converted); convert it to UTF-8`,
  };
}

/** The better-scoring reading; on a tie, the file's prior encoding, else none. */
function pick(all: Reading[], prior: LegacyEncoding | null): Reading | null {
  const [a, b] = all as [Reading, Reading];
  const d = better(a.score, b.score);
  if (d > 0) return a;
  if (d < 0) return b;
  return prior ? (all.find((r) => r.encoding === prior) ?? null) : null;
}

