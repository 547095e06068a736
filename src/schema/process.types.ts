/**
 * Inputs and views of the dossier process (receive, reuse, check, resolve, return),
 * of the master data kept by administrators and connected systems, and of the
 * digitization indicators. Shapes follow shared/design/contract.graphql. The length and
 * characters of every string are the input boundary's (src/domain/text.ts, one table).
 */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsNotEmpty } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Decision, DocumentSource, DossierStatus, Gender, ResultChannel, SubmissionChannel, VerificationOutcome } from '../entities/enums.js';
import { DossierStep, type AllowedTransition } from '../services/core/dossier-lifecycle.js';
import { RequiredComponent } from '../entities/procedure.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { DateScalar } from './scalars.js';
import { PartyRef } from './warehouse.types.js';
import { StatsDimension, type CheckedStatsFilter, type IndicatorBucket, type IndicatorFigures, type Indicators, type StatsQuery } from '../services/stats.service.js';
import type { ReusableEvidence, ShareDocumentCommand } from '../services/evidence.service.js';
import type { ReceiveDossierCommand, ResolveDossierCommand, ReuseDocumentCommand } from '../services/dossier-workflow.service.js';
import type { DecideNotDigitizingCommand, ProposeNotDigitizingCommand } from '../services/fragile-paper.service.js';
import type { AnswerVerificationCommand, RequestVerificationCommand } from '../services/verification.service.js';
import type { DigitizeComponentCommand } from '../services/digitization.service.js';
import type { UpsertIndividualCommand, UpsertOrganizationCommand } from '../services/master-data.service.js';
import type { PaperDescription } from '../services/core/documents.js';

export { StatsDimension };

@InputType()
export class ReceiveDossierInput implements ReceiveDossierCommand {
  @Field() procedureCode!: string;
  @Field(() => PartyRef) applicant!: PartyRef;
  @Field(() => SubmissionChannel) channel!: SubmissionChannel;

  @Field({ description: 'Same key, same dossier: a retried request never creates a second one.' })
  idempotencyKey!: string;

  @Field(() => [ResultChannel], {
    nullable: true,
    description: 'How the applicant receives the result: ELECTRONIC (where the procedure allows it and the applicant has a portal account), DESK or POST, or ELECTRONIC with one paper way. Default [DESK].',
  })
  resultChannels?: ResultChannel[] | null;

  @Field(() => String, { nullable: true, description: 'Where the result is posted: required with POST, refused without it.' })
  postalAddress?: string | null;
}

@InputType()
export class ReuseDocumentInput implements ReuseDocumentCommand {
  @Field() dossierCode!: string;
  @Field() requirementCode!: string;
  @Field({ description: 'Digitization result code of the warehouse document to link.' }) documentCode!: string;
}

/** What describes a paper entering the warehouse, scanned or shared. */
@InputType({ description: "Base of the inputs that describe a paper; not in the schema by itself." })
abstract class DocumentDescriptionInput implements PaperDescription {
  @Field()
  @IsNotEmpty()
  title!: string;

  @Field(() => String, { nullable: true })
  issuedBy?: string | null;

  @Field(() => DateScalar, { nullable: true }) issuedOn?: string | null;

  @Field(() => GraphQLJSONObject, { description: "Extracted data; validated against the document type's metadataSchema." })
  metadata!: Record<string, unknown>;
}

@InputType()
export class DigitizeComponentInput extends DocumentDescriptionInput implements DigitizeComponentCommand {
  @Field() dossierCode!: string;
  @Field() requirementCode!: string;
  @Field(() => ID, { description: 'Id returned by the file upload endpoint (POST /files).' }) fileId!: string;

  @Field(() => Boolean, { nullable: true, description: 'The original may be damaged by scanning: it was photocopied and the copy scanned (SCANNED_FROM_COPY).' })
  fromCopy?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'With fromCopy: whether the original was scanned too.' })
  originalAlsoScanned?: boolean | null;
}

@InputType({ description: 'A receiving officer proposes not to digitize an important, fragile paper (Decision 1333, Art. 13.3).' })
export class ProposeNotDigitizingInput implements ProposeNotDigitizingCommand {
  @Field() dossierCode!: string;
  @Field() requirementCode!: string;
  @Field({ description: "Why: the paper's importance and condition." }) reason!: string;
  @Field({ description: 'Where the paper will be kept.' }) paperKeptAt!: string;
}

@InputType({ description: "An approver of the dossier's agency decides the waiting proposal not to digitize a paper." })
export class DecideNotDigitizingInput implements DecideNotDigitizingCommand {
  @Field() dossierCode!: string;
  @Field() requirementCode!: string;
  @Field({ description: 'True: the paper is not digitized (NOT_DIGITIZED); false: it is to be scanned.' }) accept!: boolean;
  @Field({ description: 'Why, for an acceptance as for a refusal.' }) reason!: string;
}

@InputType({ description: 'Ask another agency to verify or give an opinion while the dossier is processed (Decision 1333, Art. 13.4).' })
export class RequestVerificationInput implements RequestVerificationCommand {
  @Field() dossierCode!: string;
  @Field({ description: 'The agency asked.' }) agency!: string;
  @Field(() => String, { nullable: true, description: "Name of that agency's connected system that may push the answer; none: the answer comes on paper." })
  connectedSystem?: string | null;

  @Field({ description: 'What is asked.' }) question!: string;
  @Field(() => DateScalar, { description: 'Last day (Vietnam time) the answer is awaited.' }) dueOn!: string;
}

@InputType({ description: "Another agency's answer: scanned by an officer (fileId required), or pushed by the agency's connected system." })
export class AnswerVerificationInput implements AnswerVerificationCommand {
  @Field() verificationCode!: string;
  @Field(() => VerificationOutcome) outcome!: VerificationOutcome;
  @Field({ description: "The agency's conclusion." }) answer!: string;
  @Field(() => ID, { nullable: true, description: 'The uploaded answer (POST /files): required for an officer, optional for a connected system.' })
  fileId?: string | null;

  @Field(() => String, { nullable: true, description: 'Number of the answering letter.' }) documentNumber?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Date of the answering letter.' }) issuedOn?: string | null;
}

@InputType()
export class ResolveDossierInput implements ResolveDossierCommand {
  @Field() dossierCode!: string;
  @Field(() => Decision) decision!: Decision;
  @Field(() => String, { nullable: true, description: 'Why the dossier is rejected (required for REJECTED).' })
  reason?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the uploaded, signed result paper, when the result is a document.' })
  resultFileId?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Data of the result paper; validated against the result type's metadataSchema." })
  resultMetadata?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: "A rejection grounded on another agency's NEGATIVE answer: its verification code; the answer goes into the reason the applicant is told." })
  verificationCode?: string | null;
}

@InputType()
export class ShareDocumentInput extends DocumentDescriptionInput implements ShareDocumentCommand {
  @Field(() => PartyRef) owner!: PartyRef;
  @Field() documentTypeCode!: string;
  @Field(() => DocumentSource, { description: 'CONNECTED_SYSTEM, NATIONAL_PORTAL or ELECTRONIC.' }) source!: DocumentSource;
  @Field(() => DateScalar, { nullable: true, description: "Default: issuedOn (or today) plus the type's validityMonths." }) validUntil?: string | null;
  @Field(() => ID, { nullable: true }) fileId?: string | null;
}

/** Master data from the population register. Absent fields keep their value; null clears an optional one. */
@InputType()
export class UpsertIndividualInput implements UpsertIndividualCommand {
  @Field() personalId!: string;
  @Field(() => String, { nullable: true }) socialInsuranceCode?: string | null;

  @Field()
  fullName!: string;

  @Field(() => DateScalar, { nullable: true }) dateOfBirth?: string | null;
  @Field(() => Gender, { nullable: true }) gender?: Gender | null;
  @Field(() => String, { nullable: true }) householdCode?: string | null;
  @Field(() => String, { nullable: true }) provinceCode?: string | null;
  @Field(() => String, { nullable: true }) communeCode?: string | null;
  @Field(() => Boolean, { nullable: true }) hasPortalAccount?: boolean | null;
}

/** Master data from the enterprise register. Absent fields keep their value; null clears an optional one. */
@InputType()
export class UpsertOrganizationInput implements UpsertOrganizationCommand {
  @Field() unitCode!: string;
  @Field(() => String, { nullable: true }) taxCode?: string | null;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true }) provinceCode?: string | null;
  @Field(() => Boolean, { nullable: true }) hasTransactionAccount?: boolean | null;
}

@ObjectType({ description: 'For one required component: the warehouse documents that can stand in for a new paper.' })
export class EvidenceMatch implements ReusableEvidence {
  @Field(() => RequiredComponent) requirement!: RequiredComponent;

  @Field(() => [DigitizedDocument], { description: 'Best first: newest valid, then signed, then most reused.' })
  candidates!: DigitizedDocument[];
}

@InputType()
export class StatsFilter implements StatsQuery {
  @Field(() => String, { nullable: true }) provinceCode?: string | null;
  @Field(() => String, { nullable: true }) procedureCode?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'First day of receipt (Vietnam time), inclusive.' }) from?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day of receipt (Vietnam time), inclusive.' }) to?: string | null;
}

registerEnumType(StatsDimension, { name: 'StatsDimension', description: 'How digitization indicators are broken down.' });

/** The indicators, for all dossiers of a filter or for one bucket of a breakdown. */
@ObjectType({ description: 'Base of the indicator types; not in the schema by itself.' })
export abstract class DigitizationFigures implements IndicatorFigures {
  @Field(() => Int, { description: 'Dossiers received.' }) dossiersReceived!: number;
  @Field(() => Int, { description: 'Components provided by linking a warehouse document.' }) componentsReused!: number;
  @Field(() => Int, { description: 'Components digitized from the paper original.' }) componentsScanned!: number;
  @Field(() => Int, { description: 'Fragile originals photocopied, the copy scanned (SCANNED_FROM_COPY).' }) componentsScannedFromCopy!: number;
  @Field(() => Int, { description: "Important, fragile papers kept on paper by the approver's decision (NOT_DIGITIZED)." }) componentsNotDigitized!: number;
  @Field(() => Float, { description: 'componentsReused / (componentsReused + componentsScanned + componentsScannedFromCopy), 0..1; papers not digitized are left out.' })
  reuseRate!: number;

  @Field(() => Int, { description: 'Dossiers past their due date and not yet resolved.' }) dossiersOverdue!: number;
  @Field(() => Int, { description: 'Dossiers not yet resolved that wait on a verification whose answer is past its day.' })
  dossiersAwaitingOverdueVerification!: number;
}

@ObjectType({ description: 'Digitization indicators for leaders.' })
export class DigitizationStats extends DigitizationFigures implements Indicators {
  /** The checked filter these figures answer; the breakdown applies it too. */
  filter!: CheckedStatsFilter;
}

@ObjectType({ description: 'The indicators of one month, province or procedure.' })
export class DigitizationStatsBucket extends DigitizationFigures implements IndicatorBucket {
  @Field({ description: 'Month `YYYY-MM`, province code or procedure code.' }) key!: string;
  @Field(() => String, { nullable: true, description: 'Province or procedure name; null for a month.' }) label!: string | null;
}

registerEnumType(DossierStep, { name: 'DossierStep', description: 'A step that moves a dossier to another status.' });

/** The mutations that make each step (the graph's side of core/dossier-lifecycle's table). */
const STEP_MUTATIONS: Readonly<Record<DossierStep, { mutations: string[]; decision?: Decision }>> = {
  [DossierStep.PROVIDE_COMPONENT]: { mutations: ['reuseDocument', 'digitizeComponent'] },
  [DossierStep.SUBMIT]: { mutations: ['submitForProcessing'] },
  [DossierStep.REQUEST_SUPPLEMENT]: { mutations: ['requestSupplement'] },
  [DossierStep.APPROVE]: { mutations: ['resolveDossier'], decision: Decision.APPROVED },
  [DossierStep.REJECT]: { mutations: ['resolveDossier'], decision: Decision.REJECTED },
  [DossierStep.RETURN_RESULT]: { mutations: ['returnResult'] },
};

@ObjectType({ description: 'A status the viewer may move the dossier to now, and how: computed from the workflow\'s own transition table and role checks.' })
export class DossierTransition {
  @Field(() => DossierStatus, { description: 'The status the dossier moves to.' }) to!: DossierStatus;
  @Field(() => DossierStep) step!: DossierStep;
  @Field(() => [String], { description: 'The mutations that make the step (providing a component: reuseDocument or digitizeComponent).' }) mutations!: string[];
  @Field(() => Decision, { nullable: true, description: 'For resolveDossier: the decision to send.' }) decision?: Decision | null;

  static of(transition: AllowedTransition): DossierTransition {
    const how = STEP_MUTATIONS[transition.step];
    return Object.assign(new DossierTransition(), { to: transition.to, step: transition.step, mutations: how.mutations, decision: how.decision ?? null });
  }
}

export enum ProcessingDaysKind {
  WORKING_DAYS = 'WORKING_DAYS',
}
registerEnumType(ProcessingDaysKind, {
  name: 'ProcessingDaysKind',
  description: 'What processingDays counts. WORKING_DAYS: Monday to Friday except the days off of the working calendar; the day of reception is not counted (Civil Code 2015, Arts. 147-148).',
});
