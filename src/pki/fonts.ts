/**
 * The Unicode font of stamps and generated results: Be Vietnam Pro (SIL Open
 * Font License), drawn for Vietnamese, from the `@expo-google-fonts/be-vietnam-pro`
 * package that `npm install` brings. PDF's 14 standard fonts have no Vietnamese
 * letters (ễ, ự, đ...), so the font is embedded, subset to the glyphs a file uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf',
  bold: '@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf',
} as const;

let bytes: Record<keyof typeof FILES, Buffer> | undefined;

/** The font files, read once per process. */
function fontBytes(): Record<keyof typeof FILES, Buffer> {
  bytes ??= { regular: readFileSync(require.resolve(FILES.regular)), bold: readFileSync(require.resolve(FILES.bold)) };
  return bytes;
}

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Embeds both weights into `doc` (subset when it is saved). */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(fontkit);
  const files = fontBytes();
  const [regular, bold] = await Promise.all([doc.embedFont(files.regular, { subset: true }), doc.embedFont(files.bold, { subset: true })]);
  return { regular, bold };
}

/** `text` cut (with an ellipsis) so that it is at most `width` points wide at `size`. */
export function fitText(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  const letters = [...text];
  while (letters.length > 1 && font.widthOfTextAtSize(`${letters.join('')}…`, size) > width) letters.pop();
  return `${letters.join('').trimEnd()}…`;
}

/** Splits `text` into lines at most `width` points wide, breaking between words (a word too long is cut). */
export function wrapText(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
      else {
        if (line) lines.push(line);
        line = fitText(font, word, size, width);
      }
    }
    lines.push(line);
  }
  return lines;
}
