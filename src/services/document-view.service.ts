/** How a warehouse document is shown: its owner, its extracted data, its file and its signature. */
import type { Context } from '../context.js';
import type { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { loadParty, type Party } from './party.service.js';
import { loadOptional } from '../db/refs.js';
import type { StoredFile } from '../entities/stored-file.entity.js';
import type { Officer } from '../entities/officer.entity.js';
import { fileStoreFor } from '../files/local-file-store.js';
import { signerFor } from '../pki/development-signer.js';

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
 * The officer's signature over the scan, re-checked on every read against the
 * bytes in the file store and the CA: a file changed after signing shows `valid: false`.
 */
export async function documentSignature(ctx: Context, document: DigitizedDocument): Promise<SignatureCheck | null> {
  if (!document.signedBy || !document.signedAt || !document.certificateFingerprint) return null;
  const [signedBy, cms, file] = await Promise.all([document.signedBy.loadOrFail(), ctx.loaders.documentSignature.load(document.id), loadOptional(document.file)]);
  return { signedBy, signedAt: document.signedAt, certificateFingerprint: document.certificateFingerprint, valid: await signatureHolds(ctx, cms, file, document.certificateFingerprint) };
}

async function signatureHolds(ctx: Context, cms: Buffer | null, file: StoredFile | null, fingerprint: string): Promise<boolean> {
  const bytes = cms && file ? await fileStoreFor(ctx.config.dataDir).open(file.sha256) : null;
  if (!cms || !bytes) return false;
  // Closed even when the check stops before reading the bytes.
  const verification = await signerFor(ctx.config.dataDir).verify(cms, bytes).finally(() => bytes.destroy());
  if (!verification.valid) ctx.logger.warn({ problem: verification.problem, sha256: file!.sha256 }, 'document signature does not verify');
  return verification.valid && verification.signerFingerprint === fingerprint;
}
