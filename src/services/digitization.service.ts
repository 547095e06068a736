/**
 * Digitizing a paper (Circular 01/2023/TT-VPCP, Art. 7–10): the officer scans it
 * (uploaded through `POST /files`), signs the scan with a personal signature,
 * extracts its data into the fields of its document type, and gives it a
 * digitization result code; the result enters the warehouse and provides the
 * dossier component (provision SCANNED).
 */
import type { Context } from '../context.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import type { DossierComponent } from '../entities/dossier.entity.js';
import type { Officer } from '../entities/officer.entity.js';
import type { StoredFile } from '../entities/stored-file.entity.js';
import { ComponentProvision, DocumentSource, OfficerRole } from '../entities/enums.js';
import { DomainError, badInput } from '../domain/errors.js';
import type { DigitizeComponentInput } from '../schema/process-types.js';
import { fileStoreFor } from '../files/local-file-store.js';
import { signerFor } from '../pki/development-signer.js';
import { checkMetadata } from './metadata-validation.js';
import { componentToProvide, provideComponent, writeDossier } from './dossier-workflow.service.js';
import { checkValidityPeriod, documentStatusOn, getStoredFile, issueDocumentCode, printedValidUntil } from './evidence.service.js';
import { vietnamDate } from '../domain/dates.js';

/** The signature columns of a document whose scan `officer` signed at `at`. */
export interface ScanSignature {
  signature: Buffer;
  signedBy: Officer;
  signedAt: Date;
  certificateFingerprint: string;
}

/**
 * Signs the stored bytes of a scan with the officer's key: a CMS/PKCS#7 detached
 * signature over the file, whose X.509 certificate the development CA issued.
 */
export async function signScan(ctx: Context, file: StoredFile, officer: Officer, at: Date, argumentPath: (string | number)[]): Promise<ScanSignature> {
  const bytes = await fileStoreFor(ctx.config.dataDir).open(file.sha256);
  if (!bytes) throw new DomainError('FILE_NOT_FOUND', `The bytes of file ${file.id} are missing from the file store`, { argumentPath });
  const signer = { code: officer.code, fullName: officer.fullName, agencyCode: officer.agency.getEntity().code };
  const signed = await signerFor(ctx.config.dataDir).sign(signer, bytes, at).finally(() => bytes.destroy());
  // The officer signs what was uploaded, or nothing: stored bytes that changed since are refused.
  if (signed.contentSha256 !== file.sha256) throw new DomainError('INVALID_FILE', `The stored bytes of file ${file.id} no longer match their SHA-256`, { argumentPath });
  return { signature: signed.cms, signedBy: officer, signedAt: signed.signedAt, certificateFingerprint: signed.certificateFingerprint };
}

/**
 * Turns an uploaded scan into a warehouse document for one dossier component
 * ("số hóa thành phần hồ sơ"): the extracted metadata must fit the component's
 * document type (every violation is listed with its path); the document is owned
 * by the applicant, signed by the officer, and coded with the agency's counter.
 */
export function digitize(ctx: Context, input: DigitizeComponentInput): Promise<DossierComponent> {
  const title = input.title.trim();
  if (!title) throw badInput(['input', 'title'], 'The title must not be blank');
  const write = { roles: [OfficerRole.RECEIVING_OFFICER], action: 'digitize papers', argumentPath: ['input', 'dossierCode'] };
  return writeDossier(ctx, input.dossierCode, write, async (em, dossier, officer, now) => {
    const component = componentToProvide(dossier, input.requirementCode, ['input', 'requirementCode']);
    const type = await component.requirement.getEntity().documentType.loadOrFail();
    checkMetadata(type, input.metadata, ['input', 'metadata']);
    const file = await getStoredFile(em, input.fileId, ['input', 'fileId']);
    const issuedOn = input.issuedOn ?? null;
    const today = vietnamDate(now);
    const validUntil = printedValidUntil(type, input.metadata, issuedOn ?? today);
    checkValidityPeriod(issuedOn, validUntil, ['input', 'metadata', 'validTo']);
    const agency = officer.agency.getEntity();
    const document = em.create(DigitizedDocument, {
      code: await issueDocumentCode(em, agency.code, type.code, now),
      documentType: type,
      ownerIndividual: dossier.applicantIndividual ?? null,
      ownerOrganization: dossier.applicantOrganization ?? null,
      title,
      issuedBy: input.issuedBy?.trim() || null,
      issuedOn,
      validUntil,
      status: documentStatusOn(validUntil, today),
      source: DocumentSource.SCANNED,
      metadata: input.metadata,
      file,
      ...(await signScan(ctx, file, officer, now, ['input', 'fileId'])),
      digitizedAt: now,
      digitizedBy: officer,
      agency,
      originDossier: dossier,
    });
    await provideComponent(em, dossier, component, ComponentProvision.SCANNED, document, officer, now);
    return component;
  });
}
