/** How a warehouse document is shown: its owner, and its extracted data masked for viewers without the right. */
import type { Context } from '../context.js';
import type { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { canReadPersonalData } from '../auth/viewer.js';
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

const MASK = '***';

/** Masked values keep their keys, so a viewer sees what was extracted but not its content. */
function maskDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  }
  return value === null ? null : MASK;
}

/** Notes in the request's access log that `field` of the document's owner was shown. */
export function revealOwner(ctx: Context, document: DigitizedDocument, field: string): void {
  if (document.ownerIndividual) ctx.audit.reveal('INDIVIDUAL', document.ownerIndividual.id, field);
  else if (document.ownerOrganization) ctx.audit.reveal('ORGANIZATION', document.ownerOrganization.id, field);
}

export function documentMetadata(ctx: Context, document: DigitizedDocument): Record<string, unknown> {
  if (!canReadPersonalData(ctx.viewer)) return maskDeep(document.metadata) as Record<string, unknown>;
  revealOwner(ctx, document, 'document.metadata');
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
