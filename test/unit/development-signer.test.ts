/**
 * The development CA when several processes start at once on one DATA_DIR (two
 * test runs, the API beside a CLI): each signer here stands for a process; they
 * share nothing but the directory, as processes do.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevelopmentSigner } from '../../src/pki/development-signer.js';

const OFFICER = { code: 'CB01-0003', fullName: 'Nguyễn Thị Thu Hà', agencyCode: '000.00.01.H41' };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vss-pki-test-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('DevelopmentSigner on one directory', () => {
  it('makes one CA and one key per officer when created concurrently, and each verifies the others', async () => {
    const signers = Array.from({ length: 4 }, () => new DevelopmentSigner(join(dir, 'pki')));
    const authorities = await Promise.all(signers.map((s) => s.caCertificate()));
    expect(new Set(authorities.map((ca) => ca.fingerprint256)).size).toBe(1);

    const content = Buffer.from('%PDF-1.4 scan');
    const signatures = await Promise.all(signers.map((s) => s.sign(OFFICER, content)));
    expect(new Set(signatures.map((s) => s.certificateFingerprint)).size).toBe(1);
    for (const signer of signers) {
      for (const signature of signatures) expect(await signer.verify(signature.cms, content)).toMatchObject({ valid: true });
    }
    // Published whole or not at all: no staged file is left behind.
    expect((await readdir(join(dir, 'pki'), { recursive: true })).sort()).toEqual(['ca.pem', 'officers', join('officers', 'CB01-0003.pem')]);
  });

  it('keeps the CA of an earlier process', async () => {
    const before = await new DevelopmentSigner(join(dir, 'pki')).caCertificate();
    const after = await new DevelopmentSigner(join(dir, 'pki')).caCertificate();
    expect(after.fingerprint256).toBe(before.fingerprint256);
  });
});
