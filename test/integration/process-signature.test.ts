import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { X509Certificate } from 'node:crypto';
import { DevelopmentSigner } from '../../src/pki/development-signer.js';

const officer = { code: 'CB01-0001', fullName: 'Nguyễn Thị Hoà', agencyCode: '000.00.01.H41' };
const scan = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vss-pki-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the development signer', () => {
  it('generates a CA on first use and issues the officer a certificate naming them', async () => {
    const signer = new DevelopmentSigner(join(dir, 'pki'));
    const signature = await signer.sign(officer, scan);
    const ca = new X509Certificate(await readFile(join(dir, 'pki', 'ca.pem')));
    const own = new X509Certificate(await readFile(join(dir, 'pki', 'officers', 'CB01-0001.pem')));
    expect(ca.ca).toBe(true);
    expect(own.checkIssued(ca)).toBe(true);
    expect(own.subject).toContain('CN=Nguyễn Thị Hoà');
    expect(signature.certificateFingerprint).toBe(own.fingerprint256.replace(/:/g, '').toLowerCase());
    expect(signature.contentSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies a signature over the same bytes, also streamed, and after a restart', async () => {
    const signature = await new DevelopmentSigner(join(dir, 'pki')).sign(officer, scan);
    const restarted = new DevelopmentSigner(join(dir, 'pki'));
    expect(await restarted.verify(signature.cms, scan)).toMatchObject({ valid: true, signerFingerprint: signature.certificateFingerprint });
    expect((await restarted.verify(signature.cms, Readable.from([scan.subarray(0, 10), scan.subarray(10)]))).valid).toBe(true);
  });

  it('refuses tampered bytes, a damaged signature and a certificate from another CA', async () => {
    const signer = new DevelopmentSigner(join(dir, 'pki'));
    const signature = await signer.sign(officer, scan);
    const tampered = Buffer.from(scan);
    tampered[tampered.length - 2] ^= 1;
    expect(await signer.verify(signature.cms, tampered)).toMatchObject({ valid: false, problem: 'the content is not the content that was signed' });

    const damaged = Buffer.from(signature.cms);
    damaged[damaged.length - 1] ^= 1;
    expect(await signer.verify(damaged, scan)).toMatchObject({ valid: false, problem: 'the signature does not verify' });
    expect((await signer.verify(Buffer.from('not a CMS'), scan)).valid).toBe(false);

    const foreign = await new DevelopmentSigner(join(dir, 'other-pki')).sign(officer, scan);
    expect(await signer.verify(foreign.cms, scan)).toMatchObject({ valid: false, problem: 'the certificate was not issued by the trusted CA' });
  });

  it('gives concurrent first signers one CA', async () => {
    const path = join(dir, 'race');
    const [a, b] = [new DevelopmentSigner(path), new DevelopmentSigner(path)];
    const [sa, sb] = await Promise.all([a.sign(officer, scan), b.sign(officer, scan)]);
    expect(sa.certificateFingerprint).toBe(sb.certificateFingerprint);
    expect((await a.verify(sb.cms, scan)).valid).toBe(true);
  });
});
