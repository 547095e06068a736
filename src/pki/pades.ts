/**
 * PAdES: the officer's signature embedded in the PDF it signs (ETSI EN 319 142,
 * SubFilter ETSI.CAdES.detached), with its visible stamp on page 1, top left
 * (`stamp.ts`). Any PDF reader verifies it; so does `verifyPdf` below, on every
 * read of `DigitizedDocument.signature.valid`.
 *
 * pdf-lib writes the PDF, `@signpdf/placeholder-pdf-lib` adds the signature field
 * and its empty /Contents, `@signpdf/signpdf` computes the /ByteRange (the whole
 * file but /Contents) and puts the CMS in; the CMS comes from our `Signer`
 * (profile `cades`), so a production signer (HSM, USB token) signs the same way.
 */
import type { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED, Signer as PdfSigner } from '@signpdf/utils';
import type { Signature, Signer, SigningOfficer, Verification } from './signer.js';
import { attachStamp, drawStamp, signatureWidget, type StampText } from './stamp.js';

/** Room for the CMS in /Contents (bytes): one RSA-4096 certificate chain of three fits with room to spare. */
const SIGNATURE_LENGTH = 12_288;

export interface PdfSignatureRequest {
  officer: SigningOfficer;
  /** Shown in the stamp beside the officer's name. */
  agencyName: string;
  signedAt: Date;
  /** /Reason of the signature, e.g. "Ký số bản quét (Quyết định 1333/QĐ-BHXH)". */
  reason: string;
  /** /Location, e.g. the agency's name. */
  location: string;
}

export interface SignedPdf {
  bytes: Buffer;
  signature: Signature;
  pageCount: number;
}

/**
 * A PDF text string for Unicode (Vietnamese) values: UTF-16BE with its byte-order
 * mark, written as a literal string whose bytes are escaped where PDF needs it.
 * `@signpdf/placeholder-pdf-lib` passes these values to `PDFString.of`, which
 * writes the characters it is given as bytes.
 */
export function pdfTextString(value: string): string {
  const utf16 = Buffer.from(`\uFEFF${value}`, 'utf16le').swap16();
  let out = '';
  for (const byte of utf16) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else out += String.fromCharCode(byte);
  }
  return out;
}

/** Hands the bytes @signpdf asks to sign to our Signer, and keeps what it answered. */
class OfficerPdfSigner extends PdfSigner {
  signature: Signature | undefined;

  constructor(
    private readonly signer: Signer,
    private readonly request: PdfSignatureRequest,
  ) {
    super();
  }

  override async sign(bytes: Buffer): Promise<Buffer> {
    this.signature = await this.signer.sign(this.request.officer, bytes, this.request.signedAt, 'cades');
    return this.signature.cms;
  }
}

/**
 * Adds the stamp and an empty signature to page 1 and writes the whole file:
 * the CPU-heavy part of signing (parsing, font subsetting, compression).
 */
export async function preparePdf(doc: PDFDocument, request: PdfSignatureRequest): Promise<Buffer> {
  const page = doc.getPage(0);
  const text: StampText = { signerName: request.officer.fullName, agencyName: request.agencyName, signedAt: request.signedAt };
  const stamp = await drawStamp(doc, page, text);
  pdflibAddPlaceholder({
    pdfPage: page,
    reason: pdfTextString(request.reason),
    contactInfo: '',
    name: pdfTextString(request.officer.fullName),
    location: pdfTextString(request.location),
    signingTime: request.signedAt,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: stamp.rect,
    appName: 'VSS Data Warehouse',
  });
  attachStamp(doc, signatureWidget(page), stamp);
  // No object streams: the signature dictionary and page tree stay readable by simple tools.
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Signs `doc` as the officer: stamp on page 1 top left, CAdES signature over the whole file but /Contents. */
export async function signPdf(signer: Signer, doc: PDFDocument, request: PdfSignatureRequest): Promise<SignedPdf> {
  const pageCount = doc.getPageCount();
  const prepared = await preparePdf(doc, request);
  const pdfSigner = new OfficerPdfSigner(signer, request);
  const bytes = await new SignPdf().sign(prepared, pdfSigner, request.signedAt);
  return { bytes, signature: { ...pdfSigner.signature!, contentSha256: createHash('sha256').update(bytes).digest('hex') }, pageCount };
}

/** A PDF's embedded signature, as read back from its bytes. */
export interface PdfVerification extends Verification {
  /** The claimed signing time (/M), when the signature dictionary has one. */
  claimedSigningTime: Date | null;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/g;
const CLAIMED_TIME = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?\)/;
const WINDOW = 1 << 20;
const OVERLAP = 1024;
/** Largest /Contents we read: twice SIGNATURE_LENGTH in hex, plus the brackets. */
const MAX_CONTENTS = 64 * 1024;
const MAX_SIGNATURES = 32;

function parseClaimedTime(text: string): Date | null {
  const m = CLAIMED_TIME.exec(text);
  if (!m) return null;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5) || '00'}`;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

type Ranges = [number, number, number, number];

/** First pass: every /ByteRange in the file, and the file's size. */
async function findByteRanges(bytes: Readable): Promise<{ found: Ranges[]; size: number }> {
  const found = new Map<number, Ranges>();
  let window = Buffer.alloc(0);
  let windowStart = 0;
  let size = 0;
  for await (const chunk of bytes) {
    size += (chunk as Buffer).length;
    window = Buffer.concat([window, chunk as Buffer]);
    if (window.length < WINDOW + OVERLAP) continue;
    scan(window, windowStart, false, found);
    windowStart += window.length - OVERLAP;
    window = window.subarray(window.length - OVERLAP);
  }
  scan(window, windowStart, true, found);
  return { found: [...found.values()], size };
}

/** Matches that could run past the window's end are left to the next window, which overlaps this one. */
function scan(window: Buffer, start: number, last: boolean, found: Map<number, Ranges>): void {
  const text = window.toString('latin1');
  for (const m of text.matchAll(BYTE_RANGE)) {
    if (found.size >= MAX_SIGNATURES) return;
    if (!last && m.index + m[0].length > text.length - 128) break;
    found.set(start + m.index, [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]);
  }
}

/** Bytes read on each side of /Contents to find the signature dictionary's /M. */
const NEIGHBOURHOOD = 4096;

/** Second pass: the SHA-256 of the signed ranges, the bytes of /Contents between them, and the dictionary's bytes around it. */
async function digestRanges(bytes: Readable, [, contentsStart, contentsEnd]: Ranges): Promise<{ digest: Buffer; contents: Buffer; around: string }> {
  const hash = createHash('sha256');
  const contents: Buffer[] = [];
  const around: Buffer[] = [];
  const keep = (chunk: Buffer, offset: number, from: number, to: number, into: Buffer[]) => {
    const end = offset + chunk.length;
    if (end > from && offset < to) into.push(chunk.subarray(Math.max(0, from - offset), Math.min(chunk.length, to - offset)));
  };
  let offset = 0;
  for await (const raw of bytes) {
    const chunk = raw as Buffer;
    const end = offset + chunk.length;
    // [0, contentsStart) and [contentsEnd, size) are signed; what lies between is /Contents.
    if (offset < contentsStart) hash.update(chunk.subarray(0, Math.min(chunk.length, contentsStart - offset)));
    keep(chunk, offset, contentsStart, contentsEnd, contents);
    if (end > contentsEnd) hash.update(chunk.subarray(Math.max(0, contentsEnd - offset)));
    keep(chunk, offset, contentsStart - NEIGHBOURHOOD, contentsStart, around);
    keep(chunk, offset, contentsEnd, contentsEnd + NEIGHBOURHOOD, around);
    offset = end;
  }
  return { digest: hash.digest(), contents: Buffer.concat(contents), around: Buffer.concat(around).toString('latin1') };
}

/** The DER value at the start of `bytes` (the CMS), without the zero padding that fills /Contents. */
function derPrefix(bytes: Buffer): Buffer | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const first = bytes[1];
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const lengthBytes = first & 0x7f;
  if (lengthBytes < 1 || lengthBytes > 4 || bytes.length < 2 + lengthBytes) return null;
  const length = bytes.readUIntBE(2, lengthBytes);
  return 2 + lengthBytes + length <= bytes.length ? bytes.subarray(0, 2 + lengthBytes + length) : null;
}

/**
 * Checks the signature embedded in a PDF, reading the file twice as a stream
 * (never whole in memory): one /ByteRange must cover the whole file except its
 * /Contents — a byte appended or an update saved after signing leaves it short —
 * the CMS in /Contents must sign the SHA-256 of those ranges, and its
 * certificate must chain to the trusted CA (the Signer's `verify`).
 */
export async function verifyPdf(signer: Signer, open: () => Promise<Readable | null>): Promise<PdfVerification> {
  const refused = (problem: string, claimedSigningTime: Date | null = null): PdfVerification => ({ valid: false, signerFingerprint: null, problem, claimedSigningTime });
  const first = await open();
  if (!first) return refused('the file is missing');
  const { found, size } = await findByteRanges(first).finally(() => first.destroy());
  if (found.length === 0) return refused('the file has no embedded signature');
  // The signature that covers the whole file (an earlier one, if any, covers less).
  const whole = found.find(([a, b, c, d]) => a === 0 && b > 0 && c > b && c - b <= MAX_CONTENTS && c + d === size);
  if (!whole) return refused('no signature covers the whole file: it changed after signing');
  const second = await open();
  if (!second) return refused('the file is missing');
  const { digest, contents, around } = await digestRanges(second, whole).finally(() => second.destroy());
  const claimedSigningTime = parseClaimedTime(around);
  const hex = contents.toString('latin1');
  if (!/^<[0-9A-Fa-f]*>$/.test(hex)) return refused('/Contents is not where the /ByteRange leaves its gap', claimedSigningTime);
  const cms = derPrefix(Buffer.from(hex.slice(1, -1), 'hex'));
  if (!cms) return refused('/Contents holds no CMS', claimedSigningTime);
  const verification = await signer.verify(cms, { sha256: digest }, { claimedSigningTime });
  return { ...verification, claimedSigningTime };
}

/** Opens a PDF for signing; `INVALID_PDF` when pdf-lib cannot read it or it is encrypted. */
export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  // Encrypted files are refused (pdf-lib would write them back unreadable).
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  if (doc.getPageCount() === 0) throw new Error('the PDF has no pages');
  return doc;
}
