/**
 * Real scans for the tests, made here: PDF (pdf-lib), JPEG (jpeg-js), PNG
 * (zlib and a CRC, by the book) and multi-page grayscale TIFF (UTIF's encoder).
 * Each picture is a light page with dark "lines of text" and a random band, so
 * two calls never give the same bytes (or SHA-256).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import UTIF from 'utif2';

/** Gray pixels of a page: white paper, gray text lines, a random band near the bottom. */
function paper(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height).fill(245);
  for (let y = Math.floor(height * 0.2); y < height * 0.8; y += 12) {
    for (let dy = 0; dy < 4 && y + dy < height; dy++) {
      for (let x = Math.floor(width * 0.1); x < width * 0.9; x++) pixels[(y + dy) * width + x] = 60;
    }
  }
  const noise = randomBytes(width * 4);
  pixels.set(noise.subarray(0, Math.min(noise.length, pixels.length - width * (height - 6))), width * (height - 6));
  return pixels;
}

export function jpegScan(width = 200, height = 283): Buffer {
  const gray = paper(width, height);
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < gray.length; i++) rgba.fill(gray[i], i * 4, i * 4 + 3).writeUInt8(255, i * 4 + 3);
  return jpeg.encode({ data: rgba, width, height }, 80).data;
}

export function pngScan(width = 200, height = 283): Buffer {
  const gray = paper(width, height);
  // Each row: filter byte 0 (None), then its gray pixels.
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(gray.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8 bits, grayscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** An uncompressed 8-bit grayscale TIFF with `pages` pages. */
export function tiffScan(pages = 2, width = 160, height = 226): Buffer {
  const images = Array.from({ length: pages }, () => paper(width, height));
  const directories = (dataAt: number) =>
    images.map((_, i) => ({
      t256: [width], t257: [height], t258: [8], t259: [1], t262: [1], t273: [dataAt + i * width * height], t277: [1], t278: [height], t279: [width * height],
      t282: [[200, 1]], t283: [[200, 1]], t284: [1], t296: [2],
    }));
  // The directories first (their length does not depend on the offsets they hold), the pixels after them.
  const DATA_AT = Buffer.from(UTIF.encode(directories(1 << 20) as never)).length + 16;
  const prefix = Buffer.from(UTIF.encode(directories(DATA_AT) as never));
  const out = Buffer.alloc(DATA_AT + pages * width * height);
  prefix.copy(out);
  images.forEach((image, i) => out.set(image, DATA_AT + i * width * height));
  return out;
}

/** A PDF of `pages` A4 pages with a line of text each (its own random number). */
export async function pdfScan(pages = 2, text = 'GIẤY KHAI SINH'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    // Helvetica has no Vietnamese: the test text is folded to ASCII for the page body.
    page.drawText(`${text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/Đ/g, 'D')} - page ${i + 1} - ${randomInt(1e9)}`, { x: 72, y: 700, size: 16, font, color: rgb(0, 0, 0) });
  }
  return Buffer.from(await doc.save());
}
