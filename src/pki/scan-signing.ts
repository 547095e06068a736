/**
 * Signing a scan with the officer's key (Circular 01/2023/TT-VPCP Art. 7: the
 * officer signs the digitized paper). Used when a paper is digitized and when
 * an approver signs a result paper.
 */
import type { Context } from '../context.js';
import type { Officer } from '../entities/officer.entity.js';
import type { StoredFile } from '../entities/stored-file.entity.js';
import { DomainError } from '../domain/errors.js';
import { fileStoreFor } from '../files/local-file-store.js';
import { signerFor } from './development-signer.js';

/** The signature columns of a document whose scan `officer` signed at `at`. */
export interface ScanSignature {
  signature: Buffer;
  signedBy: Officer;
  signedAt: Date;
  certificateFingerprint: string;
}

/**
 * Signs the stored bytes of a scan with the officer's key: a CMS/PKCS#7 detached
 * signature over the file, whose X.509 certificate the development CA issued.
 */
export async function signScan(ctx: Context, file: StoredFile, officer: Officer, at: Date, argumentPath: (string | number)[]): Promise<ScanSignature> {
  const bytes = await fileStoreFor(ctx.config.dataDir).open(file.sha256);
  if (!bytes) throw new DomainError('FILE_NOT_FOUND', `The bytes of file ${file.id} are missing from the file store`, { argumentPath });
  const signer = { code: officer.code, fullName: officer.fullName, agencyCode: officer.agency.getEntity().code };
  const signed = await signerFor(ctx.config.dataDir).sign(signer, bytes, at).finally(() => bytes.destroy());
  // The officer signs what was uploaded, or nothing: stored bytes that changed since are refused.
  if (signed.contentSha256 !== file.sha256) throw new DomainError('INVALID_FILE', `The stored bytes of file ${file.id} no longer match their SHA-256`, { argumentPath });
  return { signature: signed.cms, signedBy: officer, signedAt: signed.signedAt, certificateFingerprint: signed.certificateFingerprint };
}
