/** How a warehouse document is shown: its owner, and its extracted data masked for viewers without the right. */
import type { Context } from '../context.js';
import type { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { canReadPersonalData } from '../auth/viewer.js';
import { loadParty, type Party } from './party.service.js';
import { loadOptional } from '../db/refs.js';
import type { DocumentSignature, StoredFileView } from '../schema/types.js';

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

export function documentMetadata(ctx: Context, document: DigitizedDocument): Record<string, unknown> {
  if (!canReadPersonalData(ctx.viewer)) return maskDeep(document.metadata) as Record<string, unknown>;
  if (document.ownerIndividual) ctx.audit.reveal('INDIVIDUAL', document.ownerIndividual.id, 'document.metadata');
  else if (document.ownerOrganization) ctx.audit.reveal('ORGANIZATION', document.ownerOrganization.id, 'document.metadata');
  return document.metadata;
}

export async function documentFile(_ctx: Context, document: DigitizedDocument): Promise<StoredFileView | null> {
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

/** The officer's signature over the scan; verification against the stored bytes comes with the signing service. */
export async function documentSignature(_ctx: Context, document: DigitizedDocument): Promise<DocumentSignature | null> {
  if (!document.signedBy || !document.signedAt || !document.certificateFingerprint) return null;
  return {
    signedBy: await document.signedBy.loadOrFail(),
    signedAt: document.signedAt,
    certificateFingerprint: document.certificateFingerprint,
    valid: false,
  };
}
