/**
 * CMS (RFC 5652; PKCS#7) detached SignedData: the signature travels apart from
 * the bytes it signs. The signer signs a small set of attributes — content type,
 * the SHA-256 of the bytes ("messageDigest") and, by profile, the signing time
 * (a plain detached CMS) or the hash of the signer's certificate (CAdES, as
 * PAdES wants inside a PDF: ETSI EN 319 142-1 puts the claimed time in the
 * signature dictionary's /M and forbids the signing-time attribute) — so signing
 * needs the digest, not the bytes. Built and read with node-forge's ASN.1 codec;
 * the RSA work is done by `node:crypto`.
 */
import { createHash } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  /** ESS signing-certificate-v2 (RFC 5035), required by CAdES. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

const universal = (type: number, constructed: boolean, value: string | Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, type, constructed, value);
const sequence = (items: Asn1[]) => universal(asn1.Type.SEQUENCE, true, items);
const set = (items: Asn1[]) => universal(asn1.Type.SET, true, items);
const oid = (id: string) => universal(asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: Buffer) => universal(asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
const integer = (n: number) => universal(asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const algorithm = (id: string) => sequence([oid(id), universal(asn1.Type.NULL, false, '')]);
const contextTag = (tag: number, items: Asn1[]) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, items);

export const toDer = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const fromDer = (der: Buffer): Asn1 => asn1.fromDer(der.toString('binary'));

function attribute(type: string, value: Asn1): Asn1 {
  return sequence([oid(type), set([value])]);
}

/** The signer's certificate as CMS names it: issuer and serial number (DER of the SEQUENCE). */
export function issuerAndSerialNumber(certificateDer: Buffer): Buffer {
  const tbs = (fromDer(certificateDer).value as Asn1[])[0].value as Asn1[];
  // TBSCertificate: [0] version (v3), serialNumber, signature, issuer, ...
  const offset = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return toDer(sequence([tbs[offset + 2], tbs[offset]]));
}

/** Which signed attributes a signature carries (see the header). */
export type CmsProfile = 'cms' | 'cades';

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, one
 * ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } (hashAlgorithm SHA-256 is the default, so left out).
 */
function signingCertificateV2(certificateDer: Buffer): Asn1 {
  return sequence([sequence([sequence([octets(createHash('sha256').update(certificateDer).digest())])])]);
}

/**
 * The signed attributes as they are signed: a DER SET OF, sorted by encoding.
 * In the SignerInfo the same bytes carry the tag [0] IMPLICIT instead of SET.
 */
function signedAttributes(parts: DetachedSignatureParts): Asn1[] {
  const attributes = [attribute(OID.contentType, oid(OID.data)), attribute(OID.messageDigest, octets(parts.digest))];
  if (parts.profile === 'cades') attributes.push(attribute(OID.signingCertificateV2, signingCertificateV2(parts.certificateDer)));
  else attributes.push(attribute(OID.signingTime, universal(asn1.Type.UTCTIME, false, asn1.dateToUtcTime(parts.signingTime))));
  return attributes.sort((a, b) => Buffer.compare(toDer(a), toDer(b)));
}

export interface DetachedSignatureParts {
  /** DER of the signer's X.509 certificate; it travels inside the CMS. */
  certificateDer: Buffer;
  /** SHA-256 of the signed content. */
  digest: Buffer;
  /** In the signing-time attribute (profile `cms`); with `cades` the PDF's /M carries it. */
  signingTime: Date;
  /** Default `cms`. */
  profile?: CmsProfile;
  /** Signs the DER of the signed attributes with the signer's key (RSA PKCS#1 v1.5, SHA-256). */
  sign(signedAttributesDer: Buffer): Buffer;
}

/** A DER ContentInfo holding a detached SignedData with one signer. */
export function buildDetachedSignedData(parts: DetachedSignatureParts): Buffer {
  const attributes = signedAttributes(parts);
  const signature = parts.sign(toDer(set(attributes)));
  const signerInfo = sequence([
    integer(1),
    fromDer(issuerAndSerialNumber(parts.certificateDer)),
    algorithm(OID.sha256),
    contextTag(0, attributes),
    algorithm(OID.rsaEncryption),
    octets(signature),
  ]);
  const signedData = sequence([
    integer(1),
    set([algorithm(OID.sha256)]),
    // EncapsulatedContentInfo without eContent: the content is detached.
    sequence([oid(OID.data)]),
    contextTag(0, [fromDer(parts.certificateDer)]),
    set([signerInfo]),
  ]);
  return toDer(sequence([oid(OID.signedData), contextTag(0, [signedData])]));
}

export interface ParsedSignedData {
  certificates: Buffer[];
  /** DER of the signer's issuerAndSerialNumber. */
  signerId: Buffer;
  digestAlgorithm: string;
  /** The signed attributes re-tagged as the SET OF that was signed. */
  signedAttributesDer: Buffer;
  messageDigest: Buffer;
  signingTime: Date | null;
  /** SHA-256 of the signer's certificate from signing-certificate-v2 (CAdES); null when the attribute is absent. */
  signingCertificateHash: Buffer | null;
  signature: Buffer;
}

/** Reads a detached SignedData with one signer; throws on anything else. */
export function parseDetachedSignedData(cms: Buffer): ParsedSignedData {
  const contentInfo = fromDer(cms).value as Asn1[];
  if (asn1.derToOid(contentInfo[0].value as string) !== OID.signedData) throw new Error('not a CMS SignedData');
  const fields = ((contentInfo[1].value as Asn1[])[0].value as Asn1[]).slice(1);
  const [, encapsulated, ...rest] = fields;
  if ((encapsulated.value as Asn1[]).length !== 1) throw new Error('the signed content is not detached');
  const certificates = rest
    .filter((f) => f.tagClass === asn1.Class.CONTEXT_SPECIFIC && f.type === 0)
    .flatMap((f) => (f.value as Asn1[]).map(toDer));
  const signerInfos = rest.at(-1)!.value as Asn1[];
  if (signerInfos.length !== 1) throw new Error(`expected one signer, found ${signerInfos.length}`);
  const [, signerId, digestAlgorithm, attributes, , signature] = signerInfos[0].value as Asn1[];
  if (attributes.tagClass !== asn1.Class.CONTEXT_SPECIFIC || attributes.type !== 0) throw new Error('the signer has no signed attributes');
  const attributeValue = (type: string): Asn1 | undefined => {
    const found = (attributes.value as Asn1[]).find((a) => asn1.derToOid((a.value as Asn1[])[0].value as string) === type);
    return found ? ((found.value as Asn1[])[1].value as Asn1[])[0] : undefined;
  };
  const digest = attributeValue(OID.messageDigest);
  if (!digest) throw new Error('the signer has no messageDigest attribute');
  const time = attributeValue(OID.signingTime);
  const essCertIds = attributeValue(OID.signingCertificateV2)?.value as Asn1[] | undefined;
  const firstCertId = (essCertIds?.[0]?.value as Asn1[] | undefined)?.[0]?.value as Asn1[] | undefined;
  // ESSCertIDv2: an AlgorithmIdentifier may come first; only SHA-256 (the default) is read.
  const certHash = firstCertId?.find((part) => part.type === asn1.Type.OCTETSTRING);
  return {
    certificates,
    signerId: toDer(signerId),
    digestAlgorithm: asn1.derToOid((digestAlgorithm.value as Asn1[])[0].value as string),
    signedAttributesDer: toDer(set(attributes.value as Asn1[])),
    messageDigest: Buffer.from(digest.value as string, 'binary'),
    signingTime: time ? asn1.utcTimeToDate(time.value as string) : null,
    // Present but not the default SHA-256 (or unreadable): an empty hash, which matches no certificate.
    signingCertificateHash: essCertIds === undefined ? null : certHash && firstCertId!.length === 1 ? Buffer.from(certHash.value as string, 'binary') : Buffer.alloc(0),
    signature: Buffer.from(signature.value as string, 'binary'),
  };
}
