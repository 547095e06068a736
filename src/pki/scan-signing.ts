/**
 * Signing a file as an officer (Decision 1333, Art. 13 step 3: "ký số vào góc
 * trên bên trái trang đầu"): the scan, turned into a PDF when it is an image,
 * gets the officer's PAdES signature with its stamp on page 1, top left
 * (`src/pki/pades.ts`), and the signed PDF is stored as a new file.
 *
 * The store stays content-addressed: the upload keeps its bytes and its SHA-256
 * (it is the signed file's `source`, unchanged, for the record of what was
 * scanned), and the document's `file` — what `file.sha256` shows and downloads
 * stream — is the signed PDF.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PDFDocument } from 'pdf-lib';
import type { Context } from '../context.js';
import type { Officer } from '../entities/officer.entity.js';
import { StoredFile } from '../entities/stored-file.entity.js';
import { SignatureFormat } from '../entities/enums.js';
import { DomainError } from '../domain/errors.js';
import { fileStoreFor } from '../files/local-file-store.js';
import { UnreadableScan, scanToPdf } from '../files/scan-to-pdf.js';
import { signerFor } from './development-signer.js';
import { signPdf, type PdfSignatureRequest } from './pades.js';
import type { Signature } from './signer.js';

/** The signature columns of a document whose file `signedBy` signed at `signedAt`. */
export interface ScanSignature {
  /** The signed PDF: the document's file. */
  file: StoredFile;
  /** PAdES signatures live in the file: no detached CMS. */
  signature: null;
  signatureFormat: SignatureFormat;
  signedBy: Officer;
  signedAt: Date;
  certificateFingerprint: string;
}

/** Why an officer signs: the signature's /Reason. */
export const SIGNING_REASON = {
  scan: 'Ký số bản quét giấy tờ (Quyết định 1333/QĐ-BHXH)',
  result: (resultCode: string) => `Ký phát hành kết quả giải quyết thủ tục hành chính ${resultCode}`,
} as const;

export interface SignedAndStored {
  sha256: string;
  byteSize: number;
  pageCount: number;
  signature: Signature;
}

/** Signs `doc` as the officer and puts the signed PDF in the file store (no row: the caller records it). */
export async function signAndStore(dataDir: string, doc: PDFDocument, request: PdfSignatureRequest): Promise<SignedAndStored> {
  const signed = await signPdf(signerFor(dataDir), doc, request);
  const stored = await fileStoreFor(dataDir).put(Readable.from([signed.bytes]));
  return { sha256: stored.sha256, byteSize: stored.byteSize, pageCount: signed.pageCount, signature: signed.signature };
}

/** What the stamp and the certificate say about the officer. */
async function signingRequest(officer: Officer, at: Date, reason: string): Promise<PdfSignatureRequest> {
  const agency = await officer.agency.loadOrFail();
  return {
    officer: { code: officer.code, fullName: officer.fullName, agencyCode: agency.code },
    agencyName: agency.name,
    signedAt: at,
    reason,
    location: agency.name,
  };
}

/** Signs a PDF the warehouse drew (a result paper) and records it as a new stored file. */
export async function signNewPdf(ctx: Context, em: EntityManager, doc: PDFDocument, officer: Officer, at: Date, reason: string, source: StoredFile | null = null): Promise<ScanSignature> {
  const signed = await signAndStore(ctx.config.dataDir, doc, await signingRequest(officer, at, reason));
  const file = em.create(StoredFile, {
    sha256: signed.sha256, mediaType: 'application/pdf', byteSize: signed.byteSize, pageCount: signed.pageCount, uploadedBy: officer, uploadedAt: at, source,
  });
  return { file, signature: null, signatureFormat: SignatureFormat.PADES, signedBy: officer, signedAt: at, certificateFingerprint: signed.signature.certificateFingerprint };
}

/** The stored bytes of `file`, checked against its SHA-256 (the officer signs what was uploaded, or nothing). */
async function readStored(ctx: Context, file: StoredFile, argumentPath: (string | number)[]): Promise<Buffer> {
  const stream = await fileStoreFor(ctx.config.dataDir).open(file.sha256);
  if (!stream) throw new DomainError('FILE_NOT_FOUND', `The bytes of file ${file.id} are missing from the file store`, { argumentPath });
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    chunks.push(chunk as Buffer);
  }
  if (hash.digest('hex') !== file.sha256) throw new DomainError('INVALID_FILE', `The stored bytes of file ${file.id} no longer match their SHA-256`, { argumentPath });
  return Buffer.concat(chunks);
}

/**
 * Signs an uploaded scan as the officer: a JPEG, PNG or TIFF becomes a PDF, the
 * PDF gets the stamp and the PAdES signature, and is stored as a new file whose
 * `source` is the upload. A file that cannot be read as its type is INVALID_FILE.
 */
export async function signScan(ctx: Context, em: EntityManager, upload: StoredFile, officer: Officer, at: Date, argumentPath: (string | number)[], reason: string = SIGNING_REASON.scan): Promise<ScanSignature> {
  const bytes = await readStored(ctx, upload, argumentPath);
  let doc: PDFDocument;
  try {
    doc = await scanToPdf(bytes, upload.mediaType);
  } catch (error) {
    if (error instanceof UnreadableScan) throw new DomainError('INVALID_FILE', error.message, { argumentPath });
    throw error;
  }
  return signNewPdf(ctx, em, doc, officer, at, reason, upload);
}
