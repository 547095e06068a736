/**
 * The officer's digital signature over a scan (Circular 01/2023/TT-VPCP, Art. 8:
 * the officer signs the scan with a personal signature before extraction).
 * A signature is a CMS/PKCS#7 detached SignedData over some bytes, with the
 * officer's X.509 certificate inside: for a PDF (`pades.ts`) the bytes are the
 * file but its /Contents, and the CMS goes into the file; documents digitized
 * before PAdES keep a CMS over the whole file in their row (profile `cms`).
 *
 * One implementation today, `DevelopmentSigner` (keys and a CA generated under
 * `${DATA_DIR}/pki`); a production signer backed by the sector's CA, an HSM or a
 * remote signing service implements the same interface.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { CmsProfile } from './cms.js';

/** Who signs: enough to name the officer in a certificate. */
export interface SigningOfficer {
  code: string;
  fullName: string;
  agencyCode: string;
}

/** What is signed or checked: the bytes, whole or as a stream, or their SHA-256 computed by the caller. */
export type SignedContent = Buffer | Readable | { sha256: Buffer };

/**
 * `cms`: signing-time in the signed attributes (the detached scan signatures of old);
 * `cades`: signing-certificate-v2 and no signing-time, the CMS that PAdES embeds (ETSI.CAdES.detached).
 */
export type { CmsProfile } from './cms.js';

export interface Signature {
  /** DER of the CMS ContentInfo (detached SignedData, signingTime included). */
  cms: Buffer;
  /** SHA-256 of the signer's certificate (DER), lower-case hex. */
  certificateFingerprint: string;
  signedAt: Date;
  /** SHA-256 of the bytes that were signed, lower-case hex. */
  contentSha256: string;
}

export interface Verification {
  /** The signature verifies over these bytes and its certificate was issued by the trusted CA. */
  valid: boolean;
  /** Fingerprint of the certificate that signed, when one could be found. */
  signerFingerprint: string | null;
  /** Why it is not valid, for logs. */
  problem?: string;
}

export interface VerifyOptions {
  /** When the CMS has no signing-time (CAdES): the claimed time, e.g. the PDF's /M, for the certificate's validity. */
  claimedSigningTime?: Date | null;
}

export interface Signer {
  /** Loads, or on first start creates, what signing needs (the development signer: its CA). */
  ready(): Promise<void>;
  sign(officer: SigningOfficer, content: SignedContent, signedAt?: Date, profile?: CmsProfile): Promise<Signature>;
  /** Checks the CMS over the content: digest, signature, and the certificate chained to the trusted CA. */
  verify(cms: Buffer, content: SignedContent, options?: VerifyOptions): Promise<Verification>;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of the content, streaming a file so it is never held in memory. */
export async function digestOf(content: SignedContent): Promise<Buffer> {
  if (!Buffer.isBuffer(content) && !(content instanceof Readable)) return content.sha256;
  const hash = createHash('sha256');
  if (content instanceof Readable) {
    for await (const chunk of content) hash.update(chunk as Buffer);
  } else {
    hash.update(content);
  }
  return hash.digest();
}
