/**
 * Every scan is signed as a PDF (PAdES, `src/pki/pades.ts`), so a JPEG, PNG or
 * TIFF upload becomes a PDF first: one page per image (per TIFF directory), the
 * page the image's shape, fitted within A4, the image filling it.
 *
 * JPEG goes in as it is (DCTDecode: no decoding); PNG through pdf-lib; TIFF
 * through UTIF (utif2: uncompressed, LZW, Deflate, PackBits, CCITT G3/G4,
 * JPEG): bilevel, 8-bit gray and 8-bit RGB pages go in as decoded, others as
 * 8-bit gray or RGB from UTIF's RGBA, Deflate-compressed by zlib off the event loop.
 * A picture larger than `MAX_PIXELS` is refused before it is decoded: a small
 * compressed file must not unpack into gigabytes.
 */
import { setImmediate as yieldTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { PDFDocument, type PDFImage, type PDFPage, type PDFRef, drawObject, popGraphicsState, pushGraphicsState, concatTransformationMatrix } from 'pdf-lib';
import UTIF from 'utif2';
import type { MediaType } from './media-type.js';
import { loadPdf } from '../pki/pades.js';

const deflateAsync = promisify(deflate);

/** A4 in points (1/72 inch). */
const A4 = { short: 595.28, long: 841.89 } as const;
/** Pixels of one page: A4 at 600 dpi is 35 million. */
export const MAX_PIXELS = 50_000_000;
/** Pixels of all the pages of one TIFF. */
export const MAX_TOTAL_PIXELS = 400_000_000;
export const MAX_IMAGE_PAGES = 500;

/** Why a scan cannot become a PDF; the edge answers INVALID_FILE with the message. */
export class UnreadableScan extends Error {}

/** A page the image's shape, as large as fits in A4 of the same orientation. */
function pageFor(doc: PDFDocument, width: number, height: number): { page: PDFPage; width: number; height: number } {
  const [boxW, boxH] = width >= height ? [A4.long, A4.short] : [A4.short, A4.long];
  const scale = Math.min(boxW / width, boxH / height);
  const size = { width: width * scale, height: height * scale };
  return { page: doc.addPage([size.width, size.height]), ...size };
}

function drawImage(doc: PDFDocument, image: PDFImage): void {
  const { page, width, height } = pageFor(doc, image.width, image.height);
  page.drawImage(image, { x: 0, y: 0, width, height });
}

function checkPixels(width: number, height: number): void {
  if (!(width > 0 && height > 0)) throw new UnreadableScan('The image has no pixels');
  if (width * height > MAX_PIXELS) throw new UnreadableScan(`The image is ${width}×${height} pixels; at most ${MAX_PIXELS.toLocaleString('en')} per page are accepted`);
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw new UnreadableScan('The PNG has no IHDR header');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Pixels converted between two turns of the event loop (about a tenth of an A4 page at 300 dpi). */
const PIXELS_PER_TURN = 1 << 20;

/**
 * One TIFF directory's pixels as an image XObject: 8-bit gray when every pixel is
 * gray, else RGB; alpha laid on white. The loops give the event loop a turn every
 * PIXELS_PER_TURN pixels, and zlib compresses on its thread pool.
 */
async function tiffPageImage(doc: PDFDocument, rgba: Uint8Array, width: number, height: number): Promise<PDFRef> {
  const pixels = width * height;
  let gray = true;
  for (let start = 0; start < pixels && gray; start += PIXELS_PER_TURN) {
    for (let i = start, end = Math.min(pixels, start + PIXELS_PER_TURN); i < end && gray; i++) gray = rgba[i * 4] === rgba[i * 4 + 1] && rgba[i * 4] === rgba[i * 4 + 2];
    await yieldTurn();
  }
  const channels = gray ? 1 : 3;
  const out = Buffer.allocUnsafe(pixels * channels);
  for (let start = 0; start < pixels; start += PIXELS_PER_TURN) {
    for (let i = start, end = Math.min(pixels, start + PIXELS_PER_TURN); i < end; i++) {
      const alpha = rgba[i * 4 + 3];
      for (let c = 0; c < channels; c++) {
        const value = rgba[i * 4 + c];
        out[i * channels + c] = alpha === 255 ? value : Math.round((value * alpha + 255 * (255 - alpha)) / 255);
      }
    }
    await yieldTurn();
  }
  const stream = doc.context.stream(await deflateAsync(out), {
    Type: 'XObject', Subtype: 'Image', Width: width, Height: height, BitsPerComponent: 8,
    ColorSpace: gray ? 'DeviceGray' : 'DeviceRGB', Filter: 'FlateDecode',
  });
  return doc.context.register(stream);
}

/** A tag's first value, or undefined. */
const tag = (ifd: UTIF.IFD, name: string): number | undefined => (ifd[name] as number[] | undefined)?.[0];

/**
 * The decoded pixels of a TIFF page as they are, when a PDF image can take them
 * without conversion: bilevel (the CCITT G3/G4 scans of office scanners) or 8-bit
 * gray, black or white being zero, and 8-bit RGB, interleaved. Otherwise null (→ RGBA).
 */
async function rawPageImage(doc: PDFDocument, ifd: UTIF.IFD): Promise<PDFRef | null> {
  const bits = tag(ifd, 't258') ?? 1;
  const photometric = tag(ifd, 't262') ?? (bits === 1 ? 0 : 2);
  const samples = tag(ifd, 't277') ?? ((ifd.t258 as number[] | undefined)?.length ?? 1);
  if (tag(ifd, 't284') === 2 || !(ifd.data instanceof Uint8Array)) return null;
  const gray = (photometric === 0 || photometric === 1) && samples === 1 && (bits === 1 || bits === 8);
  const rgb = photometric === 2 && samples === 3 && bits === 8 && (ifd.t258 as number[]).every((b) => b === 8);
  if (!gray && !rgb) return null;
  const length = ifd.height * Math.ceil((ifd.width * bits * samples) / 8);
  if (ifd.data.length < length) throw new UnreadableScan('A TIFF page decodes to fewer pixels than it declares');
  const stream = doc.context.stream(await deflateAsync(ifd.data.subarray(0, length)), {
    Type: 'XObject', Subtype: 'Image', Width: ifd.width, Height: ifd.height, BitsPerComponent: bits,
    ColorSpace: rgb ? 'DeviceRGB' : 'DeviceGray', Filter: 'FlateDecode',
    // WhiteIsZero: a 0 sample is white, where DeviceGray's 0 is black.
    ...(photometric === 0 ? { Decode: [1, 0] } : {}),
  });
  return doc.context.register(stream);
}

async function tiffToPdf(upload: Buffer): Promise<PDFDocument> {
  // An ArrayBuffer of its own: UTIF wraps what it is given in a Uint8Array, which copies a Buffer (per page!) but only views an ArrayBuffer.
  const bytes = upload.buffer.slice(upload.byteOffset, upload.byteOffset + upload.length) as ArrayBuffer;
  let directories: UTIF.IFD[];
  try {
    directories = UTIF.decode(bytes);
  } catch (error) {
    throw new UnreadableScan(`The TIFF cannot be read: ${(error as Error).message}`);
  }
  // Pages are the directories that hold an image (width and height tags); thumbnails in sub-directories are not listed here.
  const pages = directories.filter((ifd) => ifd.t256 && ifd.t257);
  if (pages.length === 0) throw new UnreadableScan('The TIFF holds no image');
  if (pages.length > MAX_IMAGE_PAGES) throw new UnreadableScan(`The TIFF has ${pages.length} pages; at most ${MAX_IMAGE_PAGES} are accepted`);
  let total = 0;
  for (const ifd of pages) {
    const [width, height] = [Number((ifd.t256 as number[])[0]), Number((ifd.t257 as number[])[0])];
    checkPixels(width, height);
    total += width * height;
  }
  if (total > MAX_TOTAL_PIXELS) throw new UnreadableScan(`The TIFF's pages hold ${total.toLocaleString('en')} pixels; at most ${MAX_TOTAL_PIXELS.toLocaleString('en')} are accepted`);
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const ifd of pages) {
    await yieldTurn();
    try {
      UTIF.decodeImage(bytes, ifd);
    } catch (error) {
      throw new UnreadableScan(`A TIFF page cannot be decoded: ${(error as Error).message}`);
    }
    const { width, height } = ifd;
    let image = await rawPageImage(doc, ifd);
    if (!image) {
      let rgba: Uint8Array;
      try {
        rgba = UTIF.toRGBA8(ifd);
      } catch (error) {
        throw new UnreadableScan(`A TIFF page cannot be decoded: ${(error as Error).message}`);
      }
      if (rgba.length < width * height * 4) throw new UnreadableScan('A TIFF page decodes to fewer pixels than it declares');
      image = await tiffPageImage(doc, rgba, width, height);
    }
    const placed = pageFor(doc, width, height);
    const name = placed.page.node.newXObject('Im', image);
    placed.page.pushOperators(pushGraphicsState(), concatTransformationMatrix(placed.width, 0, 0, placed.height, 0, 0), drawObject(name), popGraphicsState());
  }
  return doc;
}

/** The scan as a PDF document, ready to sign. */
export async function scanToPdf(upload: Buffer, mediaType: MediaType | string): Promise<PDFDocument> {
  // Bytes with an ArrayBuffer of their own: pdf-lib's JPEG reader views `.buffer` from offset 0, and a
  // small Buffer is a slice of Node's shared pool (it read the wrong bytes: "SOI not found in JPEG").
  const bytes = Buffer.from(new Uint8Array(upload).buffer);
  try {
    switch (mediaType) {
      case 'application/pdf':
        return await loadPdf(bytes);
      case 'image/jpeg': {
        const doc = await PDFDocument.create({ updateMetadata: false });
        const image = await doc.embedJpg(bytes);
        checkPixels(image.width, image.height);
        drawImage(doc, image);
        return doc;
      }
      case 'image/png': {
        const size = pngSize(bytes);
        checkPixels(size.width, size.height);
        const doc = await PDFDocument.create({ updateMetadata: false });
        drawImage(doc, await doc.embedPng(bytes));
        return doc;
      }
      case 'image/tiff':
        return await tiffToPdf(bytes);
      default:
        throw new UnreadableScan(`A ${mediaType} file cannot be turned into a PDF`);
    }
  } catch (error) {
    if (error instanceof UnreadableScan) throw error;
    throw new UnreadableScan(`The ${mediaType} file cannot be read: ${(error as Error).message}`);
  }
}

