/**
 * Scanned papers entering and leaving the warehouse over HTTP: an upload is
 * checked by its bytes (PDF, JPEG, PNG or TIFF; never by its name), stored under
 * its SHA-256 and recorded as a `StoredFile` that `digitizeComponent` then turns
 * into a document; a download streams a document's bytes to a viewer allowed to
 * read personal data, and is recorded in the access log.
 */
import type { Readable } from 'node:stream';
import type { Context } from '../context.js';
import { StoredFile } from '../entities/stored-file.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { OfficerRole } from '../entities/enums.js';
import { hasRole, type Viewer } from '../auth/viewer.js';
import { checkMayDownload, recordDownload } from '../auth/personal-data.js';
import { DomainError } from '../domain/errors.js';
import { SHARE_SCOPE } from '../services/evidence.service.js';
import { VERIFICATION_SCOPE } from '../services/verification.service.js';
import { currentOfficer } from '../services/core/officers.js';
import { inTransaction } from '../services/core/transactions.js';
import { SNIFF_LENGTH, countPages, sniffMediaType, withFileSource, type MediaType } from './media-type.js';
import { fileStoreFor } from './local-file-store.js';
import type { TempFile } from './temp-file.js';

/** What `POST /files` answers. */
export interface UploadedFile {
  id: string;
  sha256: string;
  mediaType: string;
  byteSize: number;
  pageCount: number | null;
}

/** Receiving officers scan papers, approvers the signed result, administrators and sharing partners attach electronic copies. */
const UPLOADER_ROLES = [OfficerRole.RECEIVING_OFFICER, OfficerRole.APPROVER, OfficerRole.ADMIN];

/** Checked before the body is read, so a refused caller never fills the disk. */
export function checkMayUpload(viewer: Viewer): void {
  if (viewer.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Sign in: send "Authorization: Bearer <token>"');
  // Connected systems upload what they share, or the answer to a verification they push.
  const partner = viewer.kind === 'partner' && (viewer.scopes.includes(SHARE_SCOPE) || viewer.scopes.includes(VERIFICATION_SCOPE));
  if (!partner && !hasRole(viewer, UPLOADER_ROLES)) throw new DomainError('FORBIDDEN', `Only ${UPLOADER_ROLES.join(' or ')} may upload files`);
}

const FILE_FIELD = ['file'];

/** What the staged bytes are, judged by their first bytes, and how many pages they hold. */
async function inspect(staged: TempFile): Promise<{ mediaType: MediaType; pageCount: number | null }> {
  if (staged.byteSize === 0) throw new DomainError('INVALID_FILE', 'The file is empty', { argumentPath: FILE_FIELD });
  return withFileSource(staged.path, async (source) => {
    const mediaType = sniffMediaType(await source.read(0, SNIFF_LENGTH));
    if (!mediaType) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Only PDF, JPEG, PNG and TIFF scans are accepted (judged by the bytes, not the name)', { argumentPath: FILE_FIELD });
    }
    return { mediaType, pageCount: await countPages(mediaType, source) };
  });
}

/**
 * Stores a staged upload: refused (and discarded) unless it is a non-empty scan
 * of an accepted type; otherwise its bytes go to the file store (once per
 * content) and a StoredFile row records who uploaded it.
 */
export async function storeUpload(ctx: Context, staged: TempFile): Promise<UploadedFile> {
  try {
    checkMayUpload(ctx.viewer);
    const { mediaType, pageCount } = await inspect(staged);
    const { sha256, byteSize } = await fileStoreFor(ctx.config.dataDir).put(staged);
    const file = await inTransaction(ctx, async (em) => {
      const uploadedBy = ctx.viewer.kind === 'officer' ? await currentOfficer(ctx, em) : null;
      return em.create(StoredFile, { sha256, mediaType, byteSize, pageCount, uploadedBy });
    });
    return { id: file.id, sha256, mediaType, byteSize, pageCount };
  } finally {
    await staged.discard();
  }
}

/** A document's scan, ready to stream. */
export interface DocumentDownload {
  file: StoredFile;
  bytes: Readable;
}

/** The download route of scans in the personal-data policy (DOWNLOADS). */
export const DOCUMENT_DOWNLOAD = 'GET /files/documents/:code';

/**
 * Opens the scan of the document with this code for a viewer who reads the
 * document's personal data in clear (officers of the roles that do; partners
 * with `documents:read` and `personal-data:read`), and records the reveal: the
 * caller stores the request's access events before the first byte leaves, so
 * whatever the access log requires of a read (a purpose) applies to downloads too.
 */
export async function openDocumentFile(ctx: Context, code: string): Promise<DocumentDownload> {
  checkMayDownload(ctx.viewer, DOCUMENT_DOWNLOAD);
  const document = await ctx.em.findOne(DigitizedDocument, { code: code.trim() }, { populate: ['file'] });
  if (!document) throw new DomainError('DOCUMENT_NOT_FOUND', `No warehouse document has the code ${code}`);
  // Before a file is opened: a refusal here (no purpose, unknown subject) leaves nothing open.
  recordDownload(ctx.audit, DOCUMENT_DOWNLOAD, document);
  const file = document.file?.getEntity();
  const bytes = file && (await fileStoreFor(ctx.config.dataDir).open(file.sha256));
  if (!file || !bytes) throw new DomainError('FILE_NOT_FOUND', `Document ${document.code} has no stored file`);
  return { file, bytes };
}
