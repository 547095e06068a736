/**
 * The officer's digital signature over a scan (Circular 01/2023/TT-VPCP, Art. 8:
 * the officer signs the scan with a personal signature before extraction).
 * A signature is a CMS/PKCS#7 detached SignedData over the file's bytes, with
 * the officer's X.509 certificate inside.
 *
 * One implementation today, `DevelopmentSigner` (keys and a CA generated under
 * `${DATA_DIR}/pki`); a production signer backed by the sector's CA, an HSM or a
 * remote signing service implements the same interface.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/** Who signs: enough to name the officer in a certificate. */
export interface SigningOfficer {
  code: string;
  fullName: string;
  agencyCode: string;
}

/** What is signed or checked: the file's bytes, whole or as a stream. */
export type SignedContent = Buffer | Readable;

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

export interface Signer {
  /** Loads, or on first start creates, what signing needs (the development signer: its CA). */
  ready(): Promise<void>;
  sign(officer: SigningOfficer, content: SignedContent, signedAt?: Date): Promise<Signature>;
  verify(cms: Buffer, content: SignedContent): Promise<Verification>;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of the content, streaming a file so it is never held in memory. */
export async function digestOf(content: SignedContent): Promise<Buffer> {
  const hash = createHash('sha256');
  if (content instanceof Readable) {
    for await (const chunk of content) hash.update(chunk as Buffer);
  } else {
    hash.update(content);
  }
  return hash.digest();
}
