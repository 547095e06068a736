/**
 * What an uploaded scan is, judged by its first bytes ("magic numbers"), never
 * by its name or the content type the client declared; and how many pages it
 * has, best effort. Scans arrive as PDF, JPEG, PNG or TIFF (Circular
 * 01/2023/TT-VPCP, Art. 8: every page scanned, complete and in order).
 */
import { open } from 'node:fs/promises';

export type MediaType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';

/** Leading bytes that identify each accepted type; the longest (PNG) is 8 bytes. */
const SIGNATURES: readonly { mediaType: MediaType; magic: readonly number[] }[] = [
  { mediaType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/tiff', magic: [0x49, 0x49, 0x2a, 0x00] }, // II*\0, little-endian
  { mediaType: 'image/tiff', magic: [0x4d, 0x4d, 0x00, 0x2a] }, // MM\0*, big-endian
];

/** How many leading bytes `sniffMediaType` needs. */
export const SNIFF_LENGTH = 8;

/** File name extension used when a stored scan is downloaded. */
export const FILE_EXTENSION: Readonly<Record<MediaType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
};

/** The accepted media type whose signature starts `head`, or null: anything else is refused. */
export function sniffMediaType(head: Uint8Array): MediaType | null {
  const match = SIGNATURES.find(({ magic }) => head.length >= magic.length && magic.every((byte, i) => head[i] === byte));
  return match?.mediaType ?? null;
}

/** Random access to a file's bytes: a buffer in tests, an open file for uploads. Reads past the end come back short. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

export function bufferSource(buffer: Buffer): ByteSource {
  return { size: buffer.length, read: async (offset, length) => buffer.subarray(offset, offset + length) };
}

/** Runs `work` with the file at `path` open for positioned reads, and closes it after. */
export async function withFileSource<T>(path: string, work: (source: ByteSource) => Promise<T>): Promise<T> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return await work({
      size,
      async read(offset, length) {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        return buffer.subarray(0, bytesRead);
      },
    });
  } finally {
    await handle.close();
  }
}

/** Pages of a scan: counted for PDF and TIFF, 1 for JPEG and PNG; null when the structure does not tell. */
export async function countPages(mediaType: MediaType, source: ByteSource): Promise<number | null> {
  switch (mediaType) {
    case 'application/pdf':
      return countPdfPages(source);
    case 'image/tiff':
      return countTiffPages(source);
    case 'image/jpeg':
    case 'image/png':
      return 1;
  }
}

/**
 * A PDF page is an object whose dictionary says `/Type /Page` (not `/Pages`, the
 * page-tree nodes). Pages are counted by object number, so an object rewritten
 * by an incremental update counts once. Pages hidden in compressed object
 * streams (PDF 1.5+) are not seen: then the count is unknown (null).
 *
 * The file is read in windows that overlap by more than the longest token, and a
 * token is taken only from the window where it starts: memory stays flat
 * whatever the upload size.
 */
const PDF_TOKENS = /(\d{1,10})[ \t\r\n\f\0]{1,8}\d{1,5}[ \t\r\n\f\0]{1,8}obj(?![A-Za-z0-9])|\/Type[ \t\r\n\f\0]{0,8}\/Page(?![A-Za-z0-9#])/g;
const PDF_WINDOW = 1 << 20;
const PDF_OVERLAP = 64;

async function countPdfPages(source: ByteSource): Promise<number | null> {
  const pages = new Set<string>();
  let currentObject: string | null = null;
  for (let start = 0; start < source.size; start += PDF_WINDOW) {
    const text = (await source.read(start, PDF_WINDOW + PDF_OVERLAP)).toString('latin1');
    const lastWindow = start + PDF_WINDOW >= source.size;
    for (const token of text.matchAll(PDF_TOKENS)) {
      if (!lastWindow && token.index >= PDF_WINDOW) break;
      if (token[1] !== undefined) currentObject = token[1];
      else if (currentObject !== null) pages.add(currentObject);
    }
  }
  return pages.size > 0 ? pages.size : null;
}

/** A TIFF page is an image file directory (IFD); the main IFDs form a chain from the header. */
const MAX_TIFF_PAGES = 10_000;

async function countTiffPages(source: ByteSource): Promise<number | null> {
  const header = await source.read(0, 8);
  if (header.length < 8) return null;
  const littleEndian = header[0] === 0x49;
  const u16 = (b: Buffer) => (littleEndian ? b.readUInt16LE(0) : b.readUInt16BE(0));
  const u32 = (b: Buffer) => (littleEndian ? b.readUInt32LE(0) : b.readUInt32BE(0));
  const seen = new Set<number>();
  let offset = u32(header.subarray(4));
  while (offset !== 0) {
    // A chain that loops, points outside the file or never ends is damaged: the count is unknown.
    if (seen.has(offset) || offset < 8 || offset + 2 > source.size || seen.size >= MAX_TIFF_PAGES) return null;
    seen.add(offset);
    const entries = u16(await source.read(offset, 2));
    const next = await source.read(offset + 2 + entries * 12, 4);
    if (next.length < 4) return null;
    offset = u32(next);
  }
  return seen.size > 0 ? seen.size : null;
}
