/**
 * The visible signature ("chữ ký số hiển thị") of a signed PDF: a stamp in the
 * top-left corner of the first page, as Decision 1333/QĐ-BHXH (Art. 13, step 3)
 * and Circular 01/2023/TT-VPCP (Art. 8) ask — signer, agency and time, in
 * Vietnamese. It is the appearance (/AP /N) of the signature field's widget, so
 * PDF readers show it as the signature and print it with the page.
 */
import {
  PDFArray, PDFDict, PDFName, type PDFRef, drawRectangle, drawText, popGraphicsState, pushGraphicsState, rgb, setGraphicsState,
  degrees, type PDFDocument, type PDFPage,
} from 'pdf-lib';
import { embedFonts, fitText } from './fonts.js';

export interface StampText {
  signerName: string;
  agencyName: string;
  signedAt: Date;
}

/** Distance from the page's edges, in points (1/72 inch): about 5 mm. */
export const STAMP_MARGIN = 14;
const STAMP_WIDTH = 236;
const PADDING = 5;
const NAME_SIZE = 8.5;
const LINE_SIZE = 7.5;
const LINE_GAP = 2.5;
const INK = rgb(0.05, 0.22, 0.55);

const TIME_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** "14:03:25 15/01/2026 (GMT+7)": Vietnam's time, whatever the server's zone. */
export function vietnamTime(at: Date): string {
  const part = Object.fromEntries(TIME_PARTS.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.hour}:${part.minute}:${part.second} ${part.day}/${part.month}/${part.year} (GMT+7)`;
}

export function stampLines(text: StampText): { bold: boolean; text: string }[] {
  return [
    { bold: true, text: `Người ký: ${text.signerName}` },
    { bold: false, text: `Cơ quan: ${text.agencyName}` },
    { bold: false, text: `Thời gian ký: ${vietnamTime(text.signedAt)}` },
  ];
}

/** Where the stamp goes on `page`: its /Rect in user space and the appearance's /Matrix, for each /Rotate. */
export function stampPlacement(page: PDFPage, width: number, height: number): { rect: number[]; matrix: number[] } {
  const box = page.getCropBox();
  const [x0, y0, x1, y1] = [box.x, box.y, box.x + box.width, box.y + box.height];
  const m = STAMP_MARGIN;
  // The corner that readers show top left, and the appearance turned with the page so its text reads upright.
  switch ((((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270) {
    case 90:
      return { rect: [x0 + m, y0 + m, x0 + m + height, y0 + m + width], matrix: [0, 1, -1, 0, 0, 0] };
    case 180:
      return { rect: [x1 - m - width, y0 + m, x1 - m, y0 + m + height], matrix: [-1, 0, 0, -1, 0, 0] };
    case 270:
      return { rect: [x1 - m - height, y1 - m - width, x1 - m, y1 - m], matrix: [0, -1, 1, 0, 0, 0] };
    default:
      return { rect: [x0 + m, y1 - m - height, x0 + m + width, y1 - m], matrix: [1, 0, 0, 1, 0, 0] };
  }
}

/** Display width of a page (its crop box, turned by /Rotate). */
function displayWidth(page: PDFPage): number {
  const box = page.getCropBox();
  return page.getRotation().angle % 180 === 0 ? box.width : box.height;
}

export interface Stamp {
  rect: number[];
  appearance: PDFRef;
}

/** Draws the stamp's appearance stream for the first page of `doc` and answers where its widget goes. */
export async function drawStamp(doc: PDFDocument, page: PDFPage, text: StampText): Promise<Stamp> {
  const fonts = await embedFonts(doc);
  const width = Math.min(STAMP_WIDTH, Math.max(120, displayWidth(page) * 0.45 - STAMP_MARGIN));
  const lines = stampLines(text);
  const height = PADDING * 2 + NAME_SIZE + (lines.length - 1) * (LINE_SIZE + LINE_GAP) + LINE_GAP;
  const operators = [
    pushGraphicsState(),
    setGraphicsState('GS0'),
    ...drawRectangle({
      x: 0.5, y: 0.5, width: width - 1, height: height - 1, borderWidth: 1, color: rgb(1, 1, 1), borderColor: INK,
      rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0),
    }),
    popGraphicsState(),
  ];
  let baseline = height - PADDING - NAME_SIZE * 0.8;
  for (const line of lines) {
    const font = line.bold ? fonts.bold : fonts.regular;
    const size = line.bold ? NAME_SIZE : LINE_SIZE;
    const shown = fitText(font, line.text, size, width - PADDING * 2);
    operators.push(
      ...drawText(font.encodeText(shown), {
        color: INK, font: line.bold ? 'F2' : 'F1', size, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0), x: PADDING, y: baseline,
      }),
    );
    baseline -= LINE_SIZE + LINE_GAP;
  }
  const { rect, matrix } = stampPlacement(page, width, height);
  const stream = doc.context.formXObject(operators, {
    BBox: [0, 0, width, height],
    Matrix: matrix,
    Resources: {
      Font: { F1: fonts.regular.ref, F2: fonts.bold.ref },
      // A white ground, slightly see-through, so the corner of the scan under it stays visible but the text is legible.
      ExtGState: { GS0: { Type: 'ExtGState', ca: 0.88 } },
    },
  });
  return { rect, appearance: doc.context.register(stream) };
}

/** The signature widget that `@signpdf/placeholder-pdf-lib` just added to `page` (the last /Sig widget of its /Annots). */
export function signatureWidget(page: PDFPage): PDFDict {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  for (let i = (annots?.size() ?? 0) - 1; i >= 0; i--) {
    const annot = annots!.lookup(i, PDFDict);
    if (annot.get(PDFName.of('FT')) === PDFName.of('Sig')) return annot;
  }
  throw new Error('the signature widget is missing from the first page');
}

/** Gives the widget the stamp's appearance (the placeholder left an empty one). */
export function attachStamp(doc: PDFDocument, widget: PDFDict, stamp: Stamp): void {
  widget.set(PDFName.of('AP'), doc.context.obj({ N: stamp.appearance }));
}
