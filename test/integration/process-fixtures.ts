/** What the dossier-process tests share: an app with its own data directory, citizens, scans, operations and row counts. */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { jpegScan, pngScan, tiffScan } from '../helpers/scan-images.js';
import { OfficerRole } from '../../src/entities/enums.js';

export interface ProcessApp extends TestApp {
  dataDir: string;
  as: Record<'receiving' | 'processing' | 'approver' | 'admin' | 'auditor', string>;
}

/** The errors of a refused call, with what the app logged when one is INTERNAL. */
export function failure(res: { errors?: unknown[]; internal?: string[] }): Error {
  return new Error(JSON.stringify(res.internal ? { errors: res.errors, internal: res.internal } : res.errors));
}

/** The real app on the test database, with files and keys in a fresh directory. */
export async function startProcessApp(env: Record<string, string> = {}): Promise<ProcessApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'vss-process-'));
  const t = await startTestApp({ DATA_DIR: dataDir, ...env });
  const as = {
    receiving: await t.token(OfficerRole.RECEIVING_OFFICER),
    processing: await t.token(OfficerRole.PROCESSING_OFFICER),
    approver: await t.token(OfficerRole.APPROVER),
    admin: await t.token(OfficerRole.ADMIN),
    auditor: await t.token(OfficerRole.AUDITOR),
  };
  return {
    ...t,
    dataDir,
    as,
    async close() {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A citizen nobody has seen before, added through `upsertIndividual`: a woman
 * born 1990-07-07 in Hà Nội (personal ID 001 1 90 ######, random tail).
 */
export async function newCitizen(t: ProcessApp, fullName = 'Trần Thị Hoà'): Promise<{ personalId: string; fullName: string }> {
  const personalId = `001190${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const res = await t.graphql(
    `mutation($input: UpsertIndividualInput!) { upsertIndividual(input: $input) { personalId fullName } }`,
    { input: { personalId, fullName, dateOfBirth: '1990-07-07', gender: 'FEMALE', provinceCode: '01' } },
    t.as.admin,
  );
  if (res.errors) throw failure(res);
  return { personalId, fullName };
}

/**
 * Tiny but real scans (they are turned into signed PDFs): a hand-written
 * two-page PDF, whose random comment keeps each one's bytes (and SHA-256) its
 * own, and small pictures with a random band (`scan-images.ts`).
 */
export const scans = {
  pdf: () =>
    Buffer.from(
      `%PDF-1.4\n%${randomBytes(8).toString('hex')}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842] >>\nendobj\n` +
        '3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n4 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    ),
  jpeg: () => jpegScan(48, 68),
  png: () => pngScan(48, 68),
  tiff: () => tiffScan(1, 40, 56),
};

export interface Upload {
  id: string;
  sha256: string;
  mediaType: string;
  byteSize: number;
  pageCount: number | null;
}

/** POST /files as `token`; the raw response, for refusals. */
export function postFile(t: ProcessApp, bytes: Buffer, filename: string, token: string | null = t.as.receiving) {
  const request = t.http.post('/files');
  if (token) request.set('authorization', `Bearer ${token}`);
  return request.attach('file', bytes, { filename, contentType: 'application/octet-stream' });
}

export async function upload(t: ProcessApp, bytes: Buffer, filename = 'scan.pdf', token = t.as.receiving): Promise<Upload> {
  const res = await postFile(t, bytes, filename, token);
  if (res.status !== 201) throw new Error(`upload refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Upload;
}

/** Every file under a directory, recursively (the file store and its staging area). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Row counts of what the process writes (the access log is left out: reads write it). */
export async function processRows(t: ProcessApp): Promise<Record<string, number>> {
  const [row] = await t.app.orm.em.fork().getConnection().execute<Record<string, string>[]>(
    `select (select count(*) from dossier) as dossiers,
            (select count(*) from dossier_component where provision <> 'PENDING') as provided_components,
            (select count(*) from dossier_status_change) as status_changes,
            (select count(*) from digitized_document) as documents,
            (select coalesce(sum(reuse_count), 0) from digitized_document) as reuses,
            (select count(*) from procedure_result) as results,
            (select count(*) from discrepancy) as discrepancies,
            (select count(*) from stored_file) as stored_files,
            (select count(*) from individual) as individuals,
            (select coalesce(sum(version), 0) from dossier) as dossier_versions`,
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

export const DOSSIER_FIELDS = `code status reuseRate receivedAt dueAt dueOn
  applicant { ... on Individual { personalId fullName } }
  components { provision requirement { code mandatory documentType { code } } document { code source reuseCount } }
  history { from to by { code } note }
  result { code decision reason document { code source documentType { code } owner { ... on Individual { personalId } } } }`;

export const RECEIVE = `mutation($input: ReceiveDossierInput!) { receiveDossier(input: $input) { ${DOSSIER_FIELDS} } }`;
export const REUSE = `mutation($input: ReuseDocumentInput!) { reuseDocument(input: $input) { provision document { code reuseCount source } } }`;
export const DIGITIZE = `mutation($input: DigitizeComponentInput!) {
  digitizeComponent(input: $input) {
    provision providedAt providedBy { code }
    document { code source title issuedOn validUntil status digitizedBy { code }
      file { sha256 mediaType byteSize pageCount downloadUrl }
      signature { valid certificateFingerprint signedBy { code } signedAt } }
  }
}`;
export const SUBMIT = `mutation($code: String!) { submitForProcessing(dossierCode: $code) { ${DOSSIER_FIELDS} } }`;
export const SUPPLEMENT = `mutation($code: String!, $note: String!) { requestSupplement(dossierCode: $code, note: $note) { status } }`;
export const RESOLVE = `mutation($input: ResolveDossierInput!) { resolveDossier(input: $input) { ${DOSSIER_FIELDS} } }`;
export const RETURN = `mutation($code: String!) { returnResult(dossierCode: $code) { ${DOSSIER_FIELDS} } }`;
export const EVIDENCE = `query($procedureCode: String!, $owner: PartyRef!) {
  reusableEvidence(procedureCode: $procedureCode, owner: $owner) {
    requirement { code documentType { code } }
    candidates { code source status validUntil reuseCount signature { valid } }
  }
}`;

/** Receives a dossier for a citizen and answers it (throws on errors). */
export async function receive(t: ProcessApp, procedureCode: string, personalId: string, token = t.as.receiving) {
  const res = await t.graphql(RECEIVE, { input: { procedureCode, applicant: { personalId }, channel: 'IN_PERSON', idempotencyKey: `k-${randomBytes(8).toString('hex')}` } }, token);
  if (res.errors) throw failure(res);
  return res.data.receiveDossier;
}

/** Metadata samples that fit the seeded document types. */
export const metadata = {
  TK1TS: (fullName: string) => ({ issueDate: '2026-11-02', fullName, dateOfBirth: '1990-07-07', gender: 'FEMALE', householdCode: '0101234567' }),
  CCCD: (fullName: string, personalId: string) => ({ personalId, fullName, dateOfBirth: '1990-07-07', gender: 'FEMALE', issueDate: '2021-06-01', issuingAgency: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' }),
  BHYT: (fullName: string) => ({ cardNumber: 'GD4010123456789', fullName, dateOfBirth: '1990-07-07', initialClinic: 'Bệnh viện Đa khoa Xanh Pôn', validFrom: '2026-12-01', validTo: '2027-11-30' }),
};

/** Scans a paper for a component: upload, then digitizeComponent. */
export async function digitize(t: ProcessApp, dossierCode: string, requirementCode: string, meta: Record<string, unknown>, bytes: Buffer = scans.pdf(), issuedOn = '2026-11-02') {
  const file = await upload(t, bytes);
  const res = await t.graphql(DIGITIZE, { input: { dossierCode, requirementCode, fileId: file.id, title: `Scan ${requirementCode}`, issuedOn, metadata: meta } }, t.as.receiving);
  if (res.errors) throw failure(res);
  return { file, component: res.data.digitizeComponent };
}

export const SHARE = `mutation($input: ShareDocumentInput!) { shareDocument(input: $input) { code status source validUntil } }`;

/** A document a connected system (or the portal) shares into the warehouse for a citizen, through `shareDocument`. */
export async function share(
  t: ProcessApp,
  personalId: string,
  documentTypeCode: string,
  meta: Record<string, unknown>,
  options: { validUntil?: string; issuedOn?: string; source?: string } = {},
) {
  const { validUntil, issuedOn = '2020-01-01', source = 'CONNECTED_SYSTEM' } = options;
  const res = await t.graphql(SHARE, {
    input: { owner: { personalId }, documentTypeCode, source, title: `Shared ${documentTypeCode}`, issuedOn, validUntil, metadata: meta },
  }, t.as.admin);
  if (res.errors) throw failure(res);
  return res.data.shareDocument as { code: string; status: string; source: string; validUntil: string | null };
}
