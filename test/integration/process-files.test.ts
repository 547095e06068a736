/**
 * Scans over HTTP: `POST /files` accepts PDF, JPEG, PNG and TIFF by their bytes and
 * refuses anything else without writing a row or a file; a document's downloadUrl
 * streams the stored bytes to allowed viewers and is logged; a scan changed after
 * it was signed shows `signature.valid: false`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AccessEvent } from '../../src/entities/access-event.entity.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { StoredFile } from '../../src/entities/stored-file.entity.js';
import { HANOI_OFFICER } from '../helpers/app.js';
import { digitize, filesUnder, metadata, newCitizen, postFile, receive, scans, startProcessApp, upload, type ProcessApp } from './process-fixtures.js';

const MAX_UPLOAD_BYTES = 4096;

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp({ MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) });
});
afterAll(() => t.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const storedFiles = () => t.app.orm.em.fork().count(StoredFile, {});

describe('POST /files', () => {
  it.each([
    ['pdf', 'a.pdf', 'application/pdf', 2],
    ['jpeg', 'photo.JPG', 'image/jpeg', 1],
    ['png', 'no-extension', 'image/png', 1],
    ['tiff', 'scan.tif', 'image/tiff', 1],
  ] as const)('stores a %s scan under its SHA-256 and answers 201', async (kind, filename, mediaType, pageCount) => {
    const bytes = scans[kind]();
    const res = await postFile(t, bytes, filename);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), sha256: sha256(bytes), mediaType, byteSize: bytes.length, pageCount });
    const row = await t.app.orm.em.fork().findOneOrFail(StoredFile, { id: res.body.id }, { populate: ['uploadedBy'] });
    expect(row.uploadedBy?.getEntity().code).toBe(HANOI_OFFICER.RECEIVING_OFFICER);
    expect(await filesUnder(join(t.dataDir, 'files'))).toContain(join(t.dataDir, 'files', row.sha256.slice(0, 2), row.sha256.slice(2, 4), row.sha256));
  });

  it('keeps one copy of bytes uploaded twice', async () => {
    const bytes = scans.pdf();
    const [a, b] = [await upload(t, bytes), await upload(t, bytes)];
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    expect((await filesUnder(join(t.dataDir, 'files'))).filter((p) => p.endsWith(a.sha256))).toHaveLength(1);
  });

  it('replaces a damaged copy at an address with the intact bytes stored again', async () => {
    const bytes = scans.pdf();
    const first = await upload(t, bytes);
    const path = join(t.dataDir, 'files', first.sha256.slice(0, 2), first.sha256.slice(2, 4), first.sha256);
    for (const damaged of [Buffer.from('altered on disk'), Buffer.concat([bytes.subarray(0, -1), Buffer.from([bytes.at(-1)! ^ 1])])]) {
      await writeFile(path, damaged); // a different size, then the same size with one bit changed
      await upload(t, bytes);
      expect(sha256(await readFile(path))).toBe(first.sha256);
    }
  });

  it.each([
    ['a text file named .pdf', () => postFile(t, Buffer.from('just some text, not a scan'), 'paper.pdf'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a ZIP named .png', () => postFile(t, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), 'scan.png'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an empty file', () => postFile(t, Buffer.alloc(0), 'empty.pdf'), 400, 'INVALID_FILE'],
    ['a file over the configured size', () => postFile(t, Buffer.concat([scans.pdf(), Buffer.alloc(MAX_UPLOAD_BYTES)]), 'big.pdf'), 413, 'FILE_TOO_LARGE'],
    ['a file in another field', () => t.http.post('/files').set('authorization', `Bearer ${t.as.receiving}`).attach('scan', scans.pdf(), 'a.pdf'), 400, 'INVALID_FILE'],
    ['two files', () => t.http.post('/files').set('authorization', `Bearer ${t.as.receiving}`).attach('file', scans.pdf(), 'a.pdf').attach('file', scans.pdf(), 'b.pdf'), 400, 'INVALID_FILE'],
    ['a body that is not multipart', () => t.http.post('/files').set('authorization', `Bearer ${t.as.receiving}`).send({ file: 'x' }), 400, 'INVALID_FILE'],
    ['an upload without credentials', () => postFile(t, scans.pdf(), 'a.pdf', null), 401, 'UNAUTHENTICATED'],
    ['an upload with a forged token', () => postFile(t, scans.pdf(), 'a.pdf', 'not-a-token'), 401, 'UNAUTHENTICATED'],
    ['an upload by an auditor', () => postFile(t, scans.pdf(), 'a.pdf', t.as.auditor), 403, 'FORBIDDEN'],
  ])('refuses %s and writes nothing', async (_what, send, status, reason) => {
    const [rows, files] = [await storedFiles(), await filesUnder(t.dataDir)];
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.errors[0].extensions.reason ?? res.body.errors[0].extensions.code).toBe(reason);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(await storedFiles()).toBe(rows);
    // Nothing left behind: not in the store, not in the staging directory.
    expect((await filesUnder(t.dataDir)).filter((p) => !p.includes(`${join(t.dataDir, 'pki')}`))).toEqual(files.filter((p) => !p.includes(join(t.dataDir, 'pki'))));
  });
});

describe('downloads and signatures', () => {
  const DOCUMENT = `query($code: String!) { document(code: $code) { file { sha256 downloadUrl } signature { valid certificateFingerprint } } }`;

  it('streams the scan to an allowed viewer and records the access; refuses an auditor and strangers', async () => {
    const citizen = await newCitizen(t);
    const dossier = await receive(t, '1.001939', citizen.personalId);
    const bytes = scans.jpeg();
    const { component } = await digitize(t, dossier.code, 'TP01', metadata.TK1TS(citizen.fullName), bytes);
    const url = component.document.file.downloadUrl as string;
    const person = await t.app.orm.em.fork().findOneOrFail(Individual, { personalId: citizen.personalId });
    const events = () => t.app.orm.em.fork().find(AccessEvent, { subjectIndividual: person.id, operation: 'GET /files/documents/:code' });

    const res = await t.http.get(url).set('authorization', `Bearer ${t.as.processing}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    // The JPEG was signed as a PDF: the download is that PDF, the bytes `file.sha256` names.
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('.pdf');
    expect((res.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha256(res.body as Buffer)).toBe(component.document.file.sha256);
    expect(component.document.file.sha256).not.toBe(sha256(bytes));
    const logged = await events();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor: HANOI_OFFICER.PROCESSING_OFFICER, fields: ['document.file'] });

    expect((await t.http.get(url).set('authorization', `Bearer ${t.as.auditor}`)).status).toBe(403);
    expect((await t.http.get(url)).status).toBe(401);
    expect((await t.http.get('/files/documents/000.00.01.H41.TK1TS.261125.9999').set('authorization', `Bearer ${t.as.processing}`)).status).toBe(404);
    expect(await events()).toHaveLength(1);
  });

  it('shows valid: false once the stored bytes no longer match the signature', async () => {
    const citizen = await newCitizen(t);
    const dossier = await receive(t, '1.001939', citizen.personalId);
    const { component, file } = await digitize(t, dossier.code, 'TP01', metadata.TK1TS(citizen.fullName));
    const code = component.document.code;
    expect((await t.graphql(DOCUMENT, { code }, t.as.processing)).data.document.signature.valid).toBe(true);

    // The signed PDF (the document's file), not the upload it was made from.
    const signed = component.document.file.sha256 as string;
    expect(signed).not.toBe(file.sha256);
    const path = join(t.dataDir, 'files', signed.slice(0, 2), signed.slice(2, 4), signed);
    const tampered = scans.pdf();
    await writeFile(path, tampered);
    const after = await t.graphql(DOCUMENT, { code }, t.as.processing);
    expect(after.errors).toBeUndefined();
    expect(after.data.document.signature).toMatchObject({ valid: false, certificateFingerprint: component.document.signature.certificateFingerprint });
  });

  it('checks the signatures of a page of documents from their files, reading no detached signature column', async () => {
    const citizen = await newCitizen(t);
    for (const [procedure, requirement, meta] of [
      ['1.001939', 'TP01', metadata.TK1TS(citizen.fullName)],
      ['1.001939', 'TP02', metadata.CCCD(citizen.fullName, citizen.personalId)],
    ] as const) {
      const dossier = await receive(t, procedure, citizen.personalId);
      await digitize(t, dossier.code, requirement, meta);
    }
    const query = `query($id: String!) { individual(personalId: $id) { documents(first: 10) { edges { node { code signature { valid signedBy { code } } file { sha256 } } } } } }`;
    t.statements.reset();
    const res = await t.graphql(query, { id: citizen.personalId }, t.as.processing);
    expect(res.errors).toBeUndefined();
    const nodes = res.data.individual.documents.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(2);
    for (const node of nodes) expect(node.signature).toEqual({ valid: true, signedBy: { code: HANOI_OFFICER.RECEIVING_OFFICER } });
    // PAdES: the signature is in the PDF; the detached CMS column (documents signed before PAdES) is not read.
    expect(t.statements.list.filter((q) => /select .*signature from "?digitized_document"?/i.test(q) || /select id, signature/.test(q))).toHaveLength(0);
  });
});
