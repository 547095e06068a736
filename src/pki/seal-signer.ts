/**
 * The key that seals the access log's chains. It is kept out of the database on
 * purpose: whoever can write the database must not be able to sign a rewritten
 * chain. One implementation today, an Ed25519 key in a PEM file (PKCS#8),
 * generated on first start outside production; a KMS or HSM implements
 * `SealSigner` the same way (sign bytes, name the key).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface SealSigner {
  /** SHA-256 of the public key (SPKI DER), hex: recorded in every seal. */
  readonly keyId: string;
  sign(data: Buffer): Promise<Buffer>;
}

/** SHA-256 of a public key's SPKI DER, hex. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function verifySeal(publicKey: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}

export class SealKeyError extends Error {}

class FileSealSigner implements SealSigner {
  readonly keyId: string;
  constructor(private readonly key: KeyObject) {
    this.keyId = keyIdOf(createPublicKey(key));
  }
  async sign(data: Buffer): Promise<Buffer> {
    return sign(null, data, this.key);
  }
}

function parsePrivateKey(pem: string, file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new SealKeyError(`${file} is not a PEM private key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SealKeyError(`${file} holds a ${key.asymmetricKeyType} key; seals need Ed25519`);
  return key;
}

/** Creates the key file unless another process did first (published with one atomic link). */
async function generateKeyFile(file: string): Promise<void> {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const staged = `${file}.${randomBytes(6).toString('hex')}.part`;
  await writeFile(staged, pem, { mode: 0o600, flag: 'wx' });
  try {
    await link(staged, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(staged, { force: true });
  }
}

/** The signer of `file`; `generate`: create the key when the file is missing (never in production). */
export async function fileSealSigner(file: string, generate: boolean): Promise<SealSigner> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (!generate) {
      throw new SealKeyError(`the access-log seal key ${file} does not exist: create one (openssl genpkey -algorithm ed25519 -out <file>) and set AUDIT_SEAL_KEY_FILE`);
    }
    await generateKeyFile(file);
    pem = await readFile(file, 'utf8');
  }
  return new FileSealSigner(parsePrivateKey(pem, file));
}

/** The public key seals are checked against: a public key file, or the one of the private key file. */
export async function sealPublicKey(options: { publicKeyFile?: string; privateKeyFile: string }): Promise<KeyObject> {
  if (options.publicKeyFile) return createPublicKey(await readFile(options.publicKeyFile, 'utf8'));
  return createPublicKey(parsePrivateKey(await readFile(options.privateKeyFile, 'utf8'), options.privateKeyFile));
}
