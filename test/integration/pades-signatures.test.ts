/**
 * Issue 15 item 3, end to end: a scan is signed "in the top left corner of the
 * first page" (Decision 1333/QĐ-BHXH, Art. 13 step 3). Each case goes through
 * the graph (upload, digitizeComponent or resolveDossier), downloads the file,
 * and checks it with a verifier that is not ours: `pdfsig` (Debian's
 * poppler-utils, NSS underneath) for the PAdES signature and its chain to the
 * development CA, `pdftotext` for the stamp's text in the page's top-left
 * corner, and pdf-lib for the widget's /Rect.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFNumber, PDFStream } from 'pdf-lib';
import { DigitizedDocument } from '../../src/entities/digitized-document.entity.js';
import { StoredFile } from '../../src/entities/stored-file.entity.js';
import { DevelopmentSigner } from '../../src/pki/development-signer.js';
import { STAMP_MARGIN } from '../../src/pki/stamp.js';
import { jpegScan, pdfScan, tiffScan } from '../helpers/scan-images.js';
import { RESOLVE, SUBMIT, digitize, failure, metadata, newCitizen, receive, startProcessApp, upload, type ProcessApp } from './process-fixtures.js';

const run = promisify(execFile);

let t: ProcessApp;
let work: string;
/** An NSS database that trusts the development CA, so pdfsig judges the chain too. */
let nss: string;

beforeAll(async () => {
  t = await startProcessApp({ MAX_UPLOAD_BYTES: String(4 * 1024 * 1024) });
  work = await mkdtemp(join(tmpdir(), 'vss-pades-'));
  nss = `sql:${join(work, 'nss')}`;
  await run('mkdir', ['-p', join(work, 'nss')]);
  await run('certutil', ['-N', '-d', nss, '--empty-password']);
  // The CA exists once the app has started (main.ts and the first signature create it); sign once to be sure.
  await new DevelopmentSigner(join(t.dataDir, 'pki')).ready();
  const ca = new X509Certificate(await readFile(join(t.dataDir, 'pki', 'ca.pem')));
  await writeFile(join(work, 'ca.pem'), ca.toString());
  await run('certutil', ['-A', '-d', nss, '-n', 'VSS development CA', '-t', 'CT,C,C', '-i', join(work, 'ca.pem')]);
});
afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const DOCUMENT = `query($code: String!) { document(code: $code) {
  code file { sha256 mediaType byteSize pageCount downloadUrl }
  signature { valid format certificateFingerprint signedAt signedBy { code fullName agencyCode } } } }`;

async function readDocument(code: string) {
  const res = await t.graphql(DOCUMENT, { code }, t.as.processing);
  if (res.errors) throw failure(res);
  return res.data.document;
}

async function download(url: string): Promise<Buffer> {
  const res = await t.http.get(url).set('authorization', `Bearer ${t.as.processing}`).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

/** pdfsig's report of a file; it exits 0 for a valid signature and non-zero otherwise, so both are read. */
async function pdfsig(bytes: Buffer): Promise<string> {
  const path = join(work, `${sha256(bytes)}.pdf`);
  await writeFile(path, bytes);
  try {
    const { stdout } = await run('pdfsig', ['-nssdir', nss, path]);
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; code?: number | string };
    if (failed.code === 'ENOENT') throw new Error('pdfsig is not installed: apt-get install poppler-utils (.ci/run does)');
    return failed.stdout ?? '';
  }
}

/** The text that pdftotext finds in a region of page 1, in points from the top-left corner. */
async function textAt(bytes: Buffer, region: { x: number; y: number; width: number; height: number }): Promise<string> {
  const path = join(work, `${sha256(bytes)}-text.pdf`);
  await writeFile(path, bytes);
  const { stdout } = await run('pdftotext', ['-f', '1', '-l', '1', '-r', '72', '-x', String(region.x), '-y', String(region.y), '-W', String(region.width), '-H', String(region.height), path, '-']);
  return stdout.normalize('NFC');
}

/** The signature widget of page 1: its /Rect, the page's size, and its appearance stream. */
async function signatureWidget(bytes: Buffer) {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPage(0);
  const annots = page.node.lookup(PDFName.of('Annots'), PDFArray);
  const widgets = annots.asArray().map((ref) => doc.context.lookup(ref, PDFDict)).filter((a) => a.get(PDFName.of('FT')) === PDFName.of('Sig'));
  expect(widgets).toHaveLength(1);
  const rect = widgets[0].lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
  const appearance = widgets[0].lookup(PDFName.of('AP'), PDFDict).lookup(PDFName.of('N'));
  return { rect, page: page.getSize(), pageCount: doc.getPageCount(), appearance };
}

/** What every signed file must show, whatever it was made from. */
async function expectSignedWithStampTopLeft(bytes: Buffer, signer: { fullName: string }, pages: number) {
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const report = await pdfsig(bytes);
  expect(report).toContain('Signature Type: ETSI.CAdES.detached');
  expect(report).toContain('Total document signed');
  expect(report).toContain('Signature Validation: Signature is Valid.');
  expect(report).toContain('Certificate Validation: Certificate is Trusted.');
  expect(report).toContain(`Signer Certificate Common Name: ${signer.fullName}`);

  const widget = await signatureWidget(bytes);
  expect(widget.pageCount).toBe(pages);
  const [x1, y1, x2, y2] = widget.rect;
  // Top left: the stamp's left edge and top edge within a few points of the page's margin.
  expect(x1).toBeGreaterThanOrEqual(0);
  expect(x1).toBeLessThanOrEqual(STAMP_MARGIN + 2);
  expect(y2).toBeLessThanOrEqual(widget.page.height);
  expect(y2).toBeGreaterThanOrEqual(widget.page.height - STAMP_MARGIN - 2);
  expect(x2 - x1).toBeGreaterThan(100);
  expect(x2).toBeLessThan(widget.page.width / 2 + STAMP_MARGIN);
  expect(y2 - y1).toBeGreaterThan(20);
  expect(widget.appearance).toBeInstanceOf(PDFStream);

  // The stamp's text, read by poppler from the page's top-left corner only.
  const corner = await textAt(bytes, { x: 0, y: 0, width: Math.ceil(x2) + 2, height: Math.ceil(widget.page.height - y1) + 2 });
  expect(corner).toContain(`Người ký: ${signer.fullName}`);
  expect(corner).toContain('Cơ quan: ');
  expect(corner).toMatch(/Thời gian ký: \d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4} \(GMT\+7\)/);
}

async function digitized(kind: 'pdf' | 'jpeg' | 'tiff', bytes: Buffer) {
  const citizen = await newCitizen(t);
  const dossier = await receive(t, '1.001939', citizen.personalId);
  const { file: uploaded, component } = await digitize(t, dossier.code, 'TP01', metadata.TK1TS(citizen.fullName), bytes);
  const document = await readDocument(component.document.code);
  return { citizen, dossier, uploaded, document, kind };
}

describe('a scanned PDF signed as the officer (PAdES, stamp on page 1 top left)', () => {
  it('is valid for pdfsig with the chain to the CA, stamped top left, and valid in the graph', async () => {
    const original = await pdfScan(3);
    const { uploaded, document } = await digitized('pdf', original);
    expect(document.signature).toMatchObject({ valid: true, format: 'PADES', signedBy: { code: 'CB01-0001' } });
    expect(document.file).toMatchObject({ mediaType: 'application/pdf', pageCount: 3 });

    const bytes = await download(document.file.downloadUrl);
    expect(sha256(bytes)).toBe(document.file.sha256);
    await expectSignedWithStampTopLeft(bytes, document.signature.signedBy, 3);

    // The upload is kept unchanged under its own SHA-256, as the signed file's source.
    expect(uploaded.sha256).toBe(sha256(original));
    expect(document.file.sha256).not.toBe(uploaded.sha256);
    const em = t.app.orm.em.fork();
    const row = await em.findOneOrFail(DigitizedDocument, { code: document.code }, { populate: ['file', 'file.source'] });
    expect(row.file!.getEntity().source!.getEntity()).toMatchObject({ id: uploaded.id, sha256: uploaded.sha256 });
    const kept = await readFile(join(t.dataDir, 'files', uploaded.sha256.slice(0, 2), uploaded.sha256.slice(2, 4), uploaded.sha256));
    expect(kept.equals(original)).toBe(true);
    expect(row.signature ?? null).toBeNull();
  });

  it('shows valid: false, for the graph and for pdfsig, once one byte changed or bytes were appended', async () => {
    const { document } = await digitized('pdf', await pdfScan(1));
    const bytes = await download(document.file.downloadUrl);
    const path = join(t.dataDir, 'files', document.file.sha256.slice(0, 2), document.file.sha256.slice(2, 4), document.file.sha256);

    // One byte of the page's text, inside the signed range.
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf('/MediaBox');
    expect(at).toBeGreaterThan(0);
    tampered[at + 12] = tampered[at + 12] === 0x31 ? 0x32 : 0x31;
    await writeFile(path, tampered);
    expect((await readDocument(document.code)).signature).toMatchObject({ valid: false, format: 'PADES' });
    expect(await pdfsig(tampered)).not.toContain('Signature is Valid.');

    // An incremental update after signing: the /ByteRange no longer reaches the end of the file.
    await writeFile(path, Buffer.concat([bytes, Buffer.from('\n1 0 obj\n<< >>\nendobj\n%%EOF\n')]));
    expect((await readDocument(document.code)).signature.valid).toBe(false);

    await writeFile(path, bytes);
    expect((await readDocument(document.code)).signature.valid).toBe(true);
  });
});

describe('an image scan becomes a signed PDF first', () => {
  it.each([
    ['a JPEG', 'jpeg', () => jpegScan(620, 877), 1],
    ['a two-page TIFF', 'tiff', () => tiffScan(2, 413, 585), 2],
  ] as const)('%s: one PDF page per image, signed and stamped', async (_what, kind, make, pages) => {
    const { document, uploaded } = await digitized(kind, make());
    expect(uploaded.mediaType).toBe(kind === 'jpeg' ? 'image/jpeg' : 'image/tiff');
    expect(document.file).toMatchObject({ mediaType: 'application/pdf', pageCount: pages });
    expect(document.signature).toMatchObject({ valid: true, format: 'PADES' });
    const bytes = await download(document.file.downloadUrl);
    await expectSignedWithStampTopLeft(bytes, document.signature.signedBy, pages);
  });

  it('refuses an image that cannot be decoded with INVALID_FILE, and writes no document', async () => {
    const citizen = await newCitizen(t);
    const dossier = await receive(t, '1.001939', citizen.personalId);
    // JPEG by its first bytes, nothing a decoder can read after them.
    const file = await upload(t, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]), 'broken.jpg');
    const before = await t.app.orm.em.fork().count(DigitizedDocument, {});
    const res = await t.graphql(
      `mutation($input: DigitizeComponentInput!) { digitizeComponent(input: $input) { provision } }`,
      { input: { dossierCode: dossier.code, requirementCode: 'TP01', fileId: file.id, title: 'Broken', issuedOn: '2026-11-02', metadata: metadata.TK1TS(citizen.fullName) } },
      t.as.receiving,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_FILE', argumentPath: ['input', 'fileId'] });
    expect(await t.app.orm.em.fork().count(DigitizedDocument, {})).toBe(before);
  });
});

describe('the procedure result: a PDF drawn from its metadata, signed by the approver', () => {
  it('issues the result paper with its codes, signed and stamped, reusable as a warehouse document', async () => {
    const citizen = await newCitizen(t, 'Lê Thị Ngọc Ánh');
    const dossier = await receive(t, '1.001939', citizen.personalId);
    for (const [requirement, meta] of [['TP01', metadata.TK1TS(citizen.fullName)], ['TP02', metadata.CCCD(citizen.fullName, citizen.personalId)]] as const) {
      await digitize(t, dossier.code, requirement, meta);
    }
    const submitted = await t.graphql(SUBMIT, { code: dossier.code }, t.as.processing);
    if (submitted.errors) throw failure(submitted);
    const approved = await t.graphql(RESOLVE, { input: { dossierCode: dossier.code, decision: 'APPROVED', resultMetadata: metadata.BHYT(citizen.fullName) } }, t.as.approver);
    if (approved.errors) throw failure(approved);
    const result = await t.graphql(`query($code: String!) { dossier(code: $code) { result { code document { code source } } } }`, { code: dossier.code }, t.as.processing);
    if (result.errors) throw failure(result);
    const { code: resultCode, document: issued } = result.data.dossier.result;
    expect(resultCode).toBe(`KQ.${dossier.code}`);
    expect(issued.source).toBe('PROCEDURE_RESULT');

    const document = await readDocument(issued.code);
    expect(document.signature).toMatchObject({ valid: true, format: 'PADES', signedBy: { code: 'CB01-0003' } });
    expect(document.file.mediaType).toBe('application/pdf');
    const bytes = await download(document.file.downloadUrl);
    await expectSignedWithStampTopLeft(bytes, document.signature.signedBy, 1);

    // The paper itself: its codes and fields, in Vietnamese.
    const page = await textAt(bytes, { x: 0, y: 0, width: 596, height: 842 });
    for (const expected of [resultCode, dossier.code, issued.code, 'THẺ BẢO HIỂM Y TẾ', 'Lê Thị Ngọc Ánh', 'GD4010123456789', 'Bệnh viện Đa khoa Xanh Pôn', '01/12/2026']) {
      expect(page).toContain(expected);
    }
  });
});

describe('signatures made before PAdES (detached CMS kept in the row)', () => {
  it('are still verified as they are: valid over their bytes, invalid once the bytes change', async () => {
    const { document } = await digitized('pdf', await pdfScan(1));
    // Turn the row into one signed the old way: a detached CMS over the file's bytes.
    const em = t.app.orm.em.fork();
    const row = await em.findOneOrFail(DigitizedDocument, { code: document.code }, { populate: ['file', 'signedBy', 'signedBy.agency'] });
    const file = row.file!.getEntity();
    const bytes = await readFile(join(t.dataDir, 'files', file.sha256.slice(0, 2), file.sha256.slice(2, 4), file.sha256));
    const officer = row.signedBy!.getEntity();
    const old = await new DevelopmentSigner(join(t.dataDir, 'pki')).sign({ code: officer.code, fullName: officer.fullName, agencyCode: officer.agency.getEntity().code }, bytes, row.signedAt!);
    await em.nativeUpdate(DigitizedDocument, { id: row.id }, { signature: old.cms, signatureFormat: 'CMS_DETACHED' as never, certificateFingerprint: old.certificateFingerprint });
    expect((await readDocument(document.code)).signature).toMatchObject({ valid: true, format: 'CMS_DETACHED' });

    // Another stored file under the row: the detached signature no longer matches.
    const other = await em.findOneOrFail(StoredFile, { id: (await upload(t, await pdfScan(1))).id });
    await em.nativeUpdate(DigitizedDocument, { id: row.id }, { file: other.id as never });
    expect((await readDocument(document.code)).signature).toMatchObject({ valid: false, format: 'CMS_DETACHED' });
  });
});
