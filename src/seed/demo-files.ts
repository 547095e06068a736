/**
 * Demo documents with real files (issue 15 item 6): a bounded number of the demo's
 * scans and procedure results get a PDF drawn from their data and signed, PAdES
 * with the stamp on page 1 top left, by the officer who digitized (or the approver
 * who decided) them — so a newcomer's first `npm start` shows downloads and
 * `signature.valid: true`. Few on purpose: each signature costs tens of
 * milliseconds of CPU (`npm run bench:signing`), and the first start stays fast.
 *
 * Signed with the real clock: the development CA issues an officer's certificate
 * when it first signs, so a signature dated the demo's past would precede its certificate.
 */
import { uuidv7 } from '../domain/ids.js';
import { SignatureFormat } from '../entities/enums.js';
import { renderPaper, renderResultPdf, vietnameseDate } from '../files/result-pdf.js';
import { SIGNING_REASON, signAndStore } from '../pki/scan-signing.js';
import { ownerKey, type DemoData, type DocumentRecord, type OwnerRef } from './generate/index.js';

/** How many demo documents get a signed file by default: 8 scans and 4 results. */
export const DEMO_SIGNED_FILES = 12;

export interface DemoFilesOptions {
  /** Where the file store and the development keys are (DATA_DIR). */
  dataDir: string;
  /** Documents to sign (default DEMO_SIGNED_FILES): two thirds scans, the rest results. */
  count?: number;
}

export interface DemoOfficer {
  id: string;
  code: string;
  fullName: string;
  agencyCode: string;
  agencyName: string;
}

export interface DemoCatalog {
  officer(code: string): DemoOfficer;
  documentType(code: string): { name: string; metadataSchema: Record<string, unknown> };
  procedureName(code: string): string;
}

/** The columns a signed demo document gets, and the stored file row it points to. */
export interface DemoSignedFile {
  documentCode: string;
  file: { id: string; sha256: string; mediaType: string; byteSize: number; pageCount: number; uploadedBy: string; uploadedAt: Date };
  signedBy: string;
  signedAt: Date;
  certificateFingerprint: string;
  signatureFormat: SignatureFormat;
}

/** Up to `count` records, taking one of each document type in turn so the demo shows variety. */
function pick(records: DocumentRecord[], count: number): DocumentRecord[] {
  const byType = new Map<string, DocumentRecord[]>();
  for (const record of [...records].sort((a, b) => a.code.localeCompare(b.code))) {
    byType.set(record.documentTypeCode, [...(byType.get(record.documentTypeCode) ?? []), record]);
  }
  const queues = [...byType.values()];
  const picked: DocumentRecord[] = [];
  while (picked.length < count && queues.some((q) => q.length > 0)) {
    for (const queue of queues) if (queue.length > 0 && picked.length < count) picked.push(queue.shift()!);
  }
  return picked;
}

/** Draws, signs and stores the files; the caller inserts the rows in its transaction. */
export async function signDemoFiles(data: DemoData, catalog: DemoCatalog, options: DemoFilesOptions): Promise<DemoSignedFile[]> {
  const count = options.count ?? DEMO_SIGNED_FILES;
  if (count <= 0) return [];
  const names = new Map<string, string>([
    ...data.individuals.map((p) => [ownerKey({ kind: 'INDIVIDUAL', personalId: p.personalId }), p.fullName] as const),
    ...data.organizations.map((o) => [ownerKey({ kind: 'ORGANIZATION', unitCode: o.unitCode }), o.name] as const),
  ]);
  const ownerName = (owner: OwnerRef) => names.get(ownerKey(owner)) ?? '';
  const resultOf = new Map(data.dossiers.filter((d) => d.result?.documentCode).map((d) => [d.result!.documentCode!, d]));

  const results = pick(data.documents.filter((d) => d.source === 'PROCEDURE_RESULT' && resultOf.has(d.code)), Math.floor(count / 3));
  const scans = pick(data.documents.filter((d) => d.source === 'SCANNED' && d.officerCode), count - results.length);
  const signed: DemoSignedFile[] = [];
  for (const record of [...scans, ...results]) {
    const type = catalog.documentType(record.documentTypeCode);
    const dossier = resultOf.get(record.code);
    const officer = catalog.officer(dossier ? dossier.result!.decidedByCode : record.officerCode!);
    const doc = dossier
      ? await renderResultPdf({
          typeCode: record.documentTypeCode,
          typeName: type.name,
          metadataSchema: type.metadataSchema,
          metadata: record.metadata,
          documentCode: record.code,
          dossierCode: dossier.code,
          resultCode: dossier.result!.code,
          procedureCode: dossier.procedureCode,
          procedureName: catalog.procedureName(dossier.procedureCode),
          agencyName: officer.agencyName,
          applicantName: ownerName(dossier.applicant),
          issuedOn: record.issuedOn,
          validUntil: record.validUntil,
          approverName: officer.fullName,
        })
      : await renderPaper(
          {
            typeName: type.name,
            metadataSchema: type.metadataSchema,
            metadata: record.metadata,
            agencyName: record.issuedBy || officer.agencyName,
            subtitle: '(Bản giấy minh họa của dữ liệu mẫu, số hóa tại bộ phận một cửa)',
            identification: [
              ['Mã kết quả số hóa', record.code],
              ['Chủ sở hữu', ownerName(record.owner)],
              ['Ngày cấp', vietnameseDate(record.issuedOn)],
              ...(record.originDossierCode ? ([['Hồ sơ tiếp nhận', record.originDossierCode]] as [string, string][]) : []),
            ],
            footer: `Bản sao điện tử từ bản giấy, số hóa và ký số bởi ${officer.fullName} — ${officer.agencyName} (dữ liệu mẫu).`,
          },
          `${type.name} — ${record.code}`,
        );
    const signedAt = new Date();
    const stored = await signAndStore(options.dataDir, doc, {
      officer: { code: officer.code, fullName: officer.fullName, agencyCode: officer.agencyCode },
      agencyName: officer.agencyName,
      signedAt,
      reason: dossier ? SIGNING_REASON.result(dossier.result!.code) : SIGNING_REASON.scan,
      location: officer.agencyName,
    });
    signed.push({
      documentCode: record.code,
      file: { id: uuidv7(), sha256: stored.sha256, mediaType: 'application/pdf', byteSize: stored.byteSize, pageCount: stored.pageCount, uploadedBy: officer.id, uploadedAt: signedAt },
      signedBy: officer.id,
      signedAt,
      certificateFingerprint: stored.signature.certificateFingerprint,
      signatureFormat: SignatureFormat.PADES,
    });
  }
  return signed;
}
