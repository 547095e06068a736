/** How a warehouse document is shown: its owner, its extracted data, its file and its signature. */
import type { Context } from '../context.js';
import type { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { loadParty, type Party } from './party.service.js';
import { loadOptional } from '../db/refs.js';
import type { StoredFile } from '../entities/stored-file.entity.js';
import type { Officer } from '../entities/officer.entity.js';
import { fileStoreFor } from '../files/local-file-store.js';
import { signerFor } from '../pki/development-signer.js';
import { verifyPdf } from '../pki/pades.js';
import type { Verification } from '../pki/signer.js';
import { SignatureFormat } from '../entities/enums.js';

/** The stored scan of a document and where allowed viewers download it. */
export interface DocumentFileInfo {
  sha256: string;
  mediaType: string;
  byteSize: number;
  pageCount: number | null;
  downloadUrl: string;
}

/** Who signed a document's scan, and whether the signature still holds over the stored bytes. */
export interface SignatureCheck {
  signedBy: Officer;
  signedAt: Date;
  certificateFingerprint: string;
  /** PAdES (inside the PDF) or, for documents signed before it, a detached CMS. */
  format: SignatureFormat;
  valid: boolean;
}

export function documentOwner(document: DigitizedDocument): Promise<Party> {
  return loadParty(document.ownerIndividual, document.ownerOrganization);
}

/** The extracted data as stored; the personal-data policy masks it key by key (the type's `x-personal-data`). */
export function documentMetadata(document: DigitizedDocument): Record<string, unknown> {
  return document.metadata;
}

export async function documentFile(_ctx: Context, document: DigitizedDocument): Promise<DocumentFileInfo | null> {
  const file = await loadOptional(document.file);
  if (!file) return null;
  return {
    sha256: file.sha256,
    mediaType: file.mediaType,
    byteSize: file.byteSize,
    pageCount: file.pageCount ?? null,
    downloadUrl: `/files/documents/${encodeURIComponent(document.code)}`,
  };
}

/**
 * The officer's signature over the document's file, re-checked on every read
 * against the bytes in the file store and the CA: a file changed after signing
 * shows `valid: false`. PAdES (the signature inside the PDF: its /ByteRange must
 * cover the whole file but /Contents) or, for documents signed before PAdES, the
 * detached CMS kept in the row.
 */
export async function documentSignature(ctx: Context, document: DigitizedDocument): Promise<SignatureCheck | null> {
  if (!document.signedBy || !document.signedAt || !document.certificateFingerprint) return null;
  const format = document.signatureFormat ?? SignatureFormat.CMS_DETACHED;
  const [signedBy, file] = await Promise.all([document.signedBy.loadOrFail(), loadOptional(document.file)]);
  const verification = format === SignatureFormat.PADES ? await embeddedSignature(ctx, file) : await detachedSignature(ctx, document, file);
  if (!verification.valid) ctx.logger.warn({ problem: verification.problem, document: document.code, sha256: file?.sha256 }, 'document signature does not verify');
  const valid = verification.valid && verification.signerFingerprint === document.certificateFingerprint;
  return { signedBy, signedAt: document.signedAt, certificateFingerprint: document.certificateFingerprint, format, valid };
}

function embeddedSignature(ctx: Context, file: StoredFile | null): Promise<Verification> {
  if (!file) return Promise.resolve({ valid: false, signerFingerprint: null, problem: 'the document has no file' });
  return verifyPdf(signerFor(ctx.config.dataDir), () => fileStoreFor(ctx.config.dataDir).open(file.sha256));
}

async function detachedSignature(ctx: Context, document: DigitizedDocument, file: StoredFile | null): Promise<Verification> {
  const cms = await ctx.loaders.documentSignature.load(document.id);
  const bytes = cms && file ? await fileStoreFor(ctx.config.dataDir).open(file.sha256) : null;
  if (!cms || !bytes) return { valid: false, signerFingerprint: null, problem: 'the signature or the file is missing' };
  // Closed even when the check stops before reading the bytes.
  return signerFor(ctx.config.dataDir).verify(cms, bytes).finally(() => bytes.destroy());
}
