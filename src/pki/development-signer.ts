/**
 * Development keys: a certificate authority and one key and certificate per
 * officer, generated on first use under `${DATA_DIR}/pki` and kept there, so
 * signatures made before a restart still verify after it. Each identity is one
 * PEM file (private key, then certificate) created atomically: when two
 * processes start together, the first file written wins and both use it.
 *
 * Keys are RSA-2048 from `node:crypto`; certificates are built with node-forge
 * (Node cannot issue certificates) and checked with `node:crypto`'s X509Certificate.
 */
import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { OID, buildDetachedSignedData, issuerAndSerialNumber, parseDetachedSignedData } from './cms.js';
import { digestOf, sha256Hex, type SignedContent, type Signature, type Signer, type SigningOfficer, type Verification, type VerifyOptions } from './signer.js';
import type { CmsProfile } from './cms.js';

interface Identity {
  key: KeyObject;
  certificate: X509Certificate;
}

const CA_YEARS = 20;
const OFFICER_YEARS = 5;

/** X.520 attribute types of the names below. */
const ATTRIBUTE = { CN: '2.5.4.3', serialNumber: '2.5.4.5', C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11' } as const;

/** Subject attributes, UTF-8 encoded so Vietnamese names survive. */
function subject(fields: Partial<Record<keyof typeof ATTRIBUTE, string>>): forge.pki.CertificateField[] {
  return Object.entries(fields).map(([name, value]) => ({
    type: ATTRIBUTE[name as keyof typeof ATTRIBUTE],
    value,
    valueTagClass: forge.asn1.Type.UTF8 as never,
  }));
}

/** A certificate for `publicKeyPem`, signed with the issuer's key (the CA signs its own). */
function issueCertificate(publicKeyPem: string, name: forge.pki.CertificateField[], issuer: { name: forge.pki.CertificateField[]; key: KeyObject }, authority: boolean): string {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  // A positive 128-bit serial (leading byte below 0x80).
  certificate.serialNumber = `0${randomBytes(16).toString('hex').slice(1)}`;
  const now = new Date();
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = new Date(now.getFullYear() + (authority ? CA_YEARS : OFFICER_YEARS), now.getMonth(), now.getDate());
  certificate.setSubject(name);
  certificate.setIssuer(issuer.name);
  certificate.setExtensions(
    authority
      ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]
      : [{ name: 'basicConstraints', cA: false, critical: true }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }],
  );
  // Signed by node:crypto: forge's RSA in JavaScript is slow under the test runner.
  certificate.signatureOid = certificate.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  const tbs = Buffer.from(forge.asn1.toDer(getTBSCertificate(certificate)).getBytes(), 'binary');
  certificate.signature = sign('sha256', tbs, issuer.key).toString('binary');
  return forge.pki.certificateToPem(certificate);
}

function parseIdentity(pem: string): Identity {
  return { key: createPrivateKey(pem), certificate: new X509Certificate(pem) };
}

/** Present in node-forge, missing from its type declarations. */
const { getTBSCertificate } = forge.pki as unknown as { getTBSCertificate(certificate: forge.pki.Certificate): forge.asn1.Asn1 };

/** File-name-safe form of an officer code. */
function fileName(code: string): string {
  return /^[A-Za-z0-9._-]{1,64}$/.test(code) ? code : Buffer.from(code).toString('hex');
}

const CA_NAME = subject({ CN: 'VSS Development CA (not for production)', O: 'Bảo hiểm xã hội Việt Nam', C: 'VN' });

export class DevelopmentSigner implements Signer {
  private authority: Promise<Identity> | undefined;
  private readonly officers = new Map<string, Promise<Identity>>();

  /** `dir`: usually `${DATA_DIR}/pki`. */
  constructor(readonly dir: string) {}

  async ready(): Promise<void> {
    await this.ca();
  }

  /** The CA's certificate, which every officer certificate must chain to. */
  async caCertificate(): Promise<X509Certificate> {
    return (await this.ca()).certificate;
  }

  private ca(): Promise<Identity> {
    this.authority ??= this.loadOrCreate('ca.pem', (publicKeyPem, key) => issueCertificate(publicKeyPem, CA_NAME, { name: CA_NAME, key }, true));
    return this.authority;
  }

  private officer(officer: SigningOfficer): Promise<Identity> {
    let identity = this.officers.get(officer.code);
    if (!identity) {
      identity = this.ca().then((ca) => {
        const name = subject({ CN: officer.fullName, serialNumber: officer.code, OU: officer.agencyCode, O: 'Bảo hiểm xã hội Việt Nam', C: 'VN' });
        return this.loadOrCreate(join('officers', `${fileName(officer.code)}.pem`), (publicKeyPem) => issueCertificate(publicKeyPem, name, { name: CA_NAME, key: ca.key }, false));
      });
      this.officers.set(officer.code, identity);
    }
    return identity;
  }

  /** Reads an identity file, or makes a new key and certificate and publishes them with one atomic link. */
  private async loadOrCreate(relativePath: string, certify: (publicKeyPem: string, key: KeyObject) => string): Promise<Identity> {
    const path = join(this.dir, relativePath);
    try {
      return parseIdentity(await readFile(path, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    const pem = `${privateKey}${certify(publicKey, createPrivateKey(privateKey))}`;
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    const staged = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(staged, pem, { mode: 0o600, flag: 'wx' });
    try {
      await link(staged, path);
    } catch (error) {
      // Another process published this identity first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(staged, { force: true });
    }
    return parseIdentity(await readFile(path, 'utf8'));
  }

  async sign(officer: SigningOfficer, content: SignedContent, signedAt = new Date(), profile: CmsProfile = 'cms'): Promise<Signature> {
    const identity = await this.officer(officer);
    const digest = await digestOf(content);
    const certificateDer = identity.certificate.raw;
    const cms = buildDetachedSignedData({
      certificateDer,
      digest,
      signingTime: signedAt,
      profile,
      sign: (signedAttributesDer) => sign('sha256', signedAttributesDer, identity.key),
    });
    return { cms, certificateFingerprint: sha256Hex(certificateDer), signedAt, contentSha256: digest.toString('hex') };
  }

  async verify(cms: Buffer, content: SignedContent, options: VerifyOptions = {}): Promise<Verification> {
    const refused = (problem: string, signerFingerprint: string | null = null): Verification => ({ valid: false, signerFingerprint, problem });
    let parsed;
    try {
      parsed = parseDetachedSignedData(cms);
    } catch (error) {
      return refused(`unreadable CMS: ${(error as Error).message}`);
    }
    const signerDer = parsed.certificates.find((der) => issuerAndSerialNumber(der).equals(parsed.signerId));
    if (!signerDer) return refused('the signer certificate is not in the CMS');
    const fingerprint = sha256Hex(signerDer);
    const certificate = new X509Certificate(signerDer);
    const ca = await this.caCertificate();
    if (!certificate.checkIssued(ca) || !certificate.verify(ca.publicKey)) return refused('the certificate was not issued by the trusted CA', fingerprint);
    if (parsed.signingCertificateHash && !parsed.signingCertificateHash.equals(Buffer.from(fingerprint, 'hex'))) {
      return refused('signing-certificate-v2 names another certificate', fingerprint);
    }
    const signedAt = parsed.signingTime ?? options.claimedSigningTime ?? new Date();
    if (signedAt < new Date(certificate.validFrom) || signedAt > new Date(certificate.validTo)) return refused('the certificate was not valid at signing time', fingerprint);
    if (parsed.digestAlgorithm !== OID.sha256) return refused(`unsupported digest ${parsed.digestAlgorithm}`, fingerprint);
    if (!(await digestOf(content)).equals(parsed.messageDigest)) return refused('the content is not the content that was signed', fingerprint);
    if (!verify('sha256', parsed.signedAttributesDer, certificate.publicKey, parsed.signature)) return refused('the signature does not verify', fingerprint);
    return { valid: true, signerFingerprint: fingerprint };
  }
}

/** One signer per key directory in a process: keys are generated once and cached. */
const signers = new Map<string, DevelopmentSigner>();

export function signerFor(dataDir: string): Signer {
  const dir = join(dataDir, 'pki');
  let signer = signers.get(dir);
  if (!signer) {
    signer = new DevelopmentSigner(dir);
    signers.set(dir, signer);
  }
  return signer;
}
