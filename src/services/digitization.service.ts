/**
 * Digitizing a paper (Circular 01/2023/TT-VPCP, Art. 7–10): the officer scans it
 * (uploaded through `POST /files`), signs the scan with a personal signature
 * (PAdES, stamp on page 1 top left: `src/pki/scan-signing.ts`),
 * extracts its data into the fields of its document type, and gives it a
 * digitization result code; the result enters the warehouse and provides the
 * dossier component (provision SCANNED).
 */
import type { Context } from '../context.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import type { DossierComponent } from '../entities/dossier.entity.js';
import { ComponentProvision, DocumentSource } from '../entities/enums.js';
import { DossierStep, STEP_ROLES } from './core/dossier-lifecycle.js';
import { badInput } from '../domain/errors.js';
import { signScan } from '../pki/scan-signing.js';
import { checkMetadata } from './core/metadata-validation.js';
import { componentToProvide, provideComponent, writeDossier } from './core/dossier-write.js';
import {
  checkPaperDescription, checkValidityPeriod, documentStatusOn, getStoredFile, issueDocumentCode, printedValidUntil, type PaperDescription,
} from './core/documents.js';
import { vietnamDate } from '../domain/dates.js';

/** Digitize a component: the scan uploaded through `POST /files` and what was read from it. */
export interface DigitizeComponentCommand extends PaperDescription {
  dossierCode: string;
  requirementCode: string;
  /** Id returned by the file upload endpoint (POST /files). */
  fileId: string;
  /**
   * The original may be damaged by scanning: it was photocopied and the copy scanned
   * (Decision 1333, Art. 13.3); the component becomes SCANNED_FROM_COPY.
   */
  fromCopy?: boolean | null;
  /** With fromCopy: whether the original was scanned too, where its state allowed it. */
  originalAlsoScanned?: boolean | null;
}

/**
 * Turns an uploaded scan into a warehouse document for one dossier component
 * ("số hóa thành phần hồ sơ"): the extracted metadata must fit the component's
 * document type (every violation is listed with its path); the document is owned
 * by the applicant, signed by the officer, and coded with the agency's counter.
 */
export function digitize(ctx: Context, input: DigitizeComponentCommand): Promise<DossierComponent> {
  checkPaperDescription(input, ['input']);
  const title = input.title.trim();
  if (!title) throw badInput(['input', 'title'], 'The title must not be blank');
  if (input.originalAlsoScanned != null && !input.fromCopy) {
    throw badInput(['input', 'originalAlsoScanned'], 'originalAlsoScanned says something only of a paper scanned from its copy (fromCopy: true)');
  }
  const provision = input.fromCopy ? ComponentProvision.SCANNED_FROM_COPY : ComponentProvision.SCANNED;
  const write = { roles: STEP_ROLES[DossierStep.PROVIDE_COMPONENT], action: 'digitize papers', argumentPath: ['input', 'dossierCode'] };
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
      // The signed PDF becomes the document's file; the upload stays as its source.
      ...(await signScan(ctx, em, file, officer, now, ['input', 'fileId'])),
      digitizedAt: now,
      digitizedBy: officer,
      agency,
      originDossier: dossier,
    });
    await provideComponent(em, dossier, component, provision, document, officer, now, { originalAlsoScanned: input.originalAlsoScanned ?? false });
    return component;
  });
}
