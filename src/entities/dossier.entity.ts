import { Collection, type Opt, type Ref } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, OneToMany, OneToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from './base.entity.js';
import { Node } from '../schema/relay.js';
import { AdministrativeProcedure, RequiredComponent } from './procedure.entity.js';
import { Individual } from './individual.entity.js';
import { Organization } from './organization.entity.js';
import { Officer } from './officer.entity.js';
import { Agency } from './agency.entity.js';
import { Province } from './administrative-area.entity.js';
// eslint-disable-next-line import-x/no-cycle -- documents and dossiers name each other in relations; MikroORM reads the class through a thunk (() => X) after both modules loaded
import { DigitizedDocument } from './digitized-document.entity.js';
import { ComponentProvision, Decision, DossierStatus, ProposalStatus, ResultChannel, SubmissionChannel, VerificationOutcome, enumCheck } from './enums.js';
import { DateScalar, DateTimeScalar } from '../schema/scalars.js';

/** An administrative-procedure dossier ("hồ sơ TTHC"). */
@ObjectType({ implements: Node, description: 'An administrative-procedure dossier ("hồ sơ TTHC").' })
@Entity()
@Check({ name: 'dossier_one_applicant', expression: 'num_nonnulls(applicant_individual_id, applicant_organization_id) = 1' })
@Check({ name: 'dossier_status', expression: enumCheck('status', DossierStatus) })
@Check({ name: 'dossier_channel', expression: enumCheck('channel', SubmissionChannel) })
@Check({ name: 'dossier_due_after_receipt', expression: 'due_at >= received_at' })
@Check({ name: 'dossier_result_channels', expression: "cardinality(result_channels) >= 1 and cardinality(result_channels) <= 2 and result_channels <@ array['ELECTRONIC', 'DESK', 'POST'] and not (result_channels @> array['DESK', 'POST'])" })
@Check({ name: 'dossier_postal_address_when_post', expression: "('POST' = any(result_channels)) = (postal_address is not null)" })
@Index({ name: 'dossier_applicant_individual_idx', properties: ['applicantIndividual', 'receivedAt'] })
@Index({ name: 'dossier_applicant_organization_idx', properties: ['applicantOrganization', 'receivedAt'] })
@Index({ name: 'dossier_received_at_idx', properties: ['receivedAt', 'id'] })
@Index({ name: 'dossier_status_received_idx', properties: ['status', 'receivedAt'] })
@Index({ name: 'dossier_procedure_received_idx', properties: ['procedure', 'receivedAt'] })
@Index({ name: 'dossier_province_received_idx', properties: ['province', 'receivedAt'] })
export class Dossier extends BaseEntity {
  /** Dossier code ("mã hồ sơ"), `<agency>-<YYMMDD>-<sequence>`, unique nationwide. */
  @Field({ description: 'Dossier code, unique nationwide.' })
  @Property({ type: 'string', length: 40, unique: true })
  code!: string;

  @ManyToOne(() => AdministrativeProcedure, { ref: true })
  procedure!: Ref<AdministrativeProcedure>;

  @ManyToOne(() => Individual, { ref: true, nullable: true, deleteRule: 'restrict' })
  applicantIndividual?: Ref<Individual> | null;

  @ManyToOne(() => Organization, { ref: true, nullable: true, deleteRule: 'restrict' })
  applicantOrganization?: Ref<Organization> | null;

  @Field(() => SubmissionChannel)
  @Property({ type: 'string', length: 12 })
  channel!: SubmissionChannel;

  @Field(() => DossierStatus)
  @Property({ type: 'string', length: 20 })
  status: DossierStatus & Opt = DossierStatus.RECEIVED;

  /** Receiving agency; writes are limited to it. */
  @Index()
  @ManyToOne(() => Agency, { ref: true })
  agency!: Ref<Agency>;

  /** Province of the receiving agency, kept for reporting by province. */
  @ManyToOne(() => Province, { ref: true })
  province!: Ref<Province>;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  receivedAt!: Date;

  @ManyToOne(() => Officer, { ref: true, nullable: true })
  receivedBy?: Ref<Officer> | null;

  /**
   * End of the processing time: 24:00 (Vietnam time) of its last working day, counted
   * from the first working day after reception (src/domain/working-days.ts). Set once
   * at reception: a later calendar amendment does not move it.
   */
  @Field(() => DateTimeScalar, { description: 'End of the processing time: 24:00 (Vietnam time) of its last working day; set at reception.' })
  @Property({ type: 'timestamptz' })
  dueAt!: Date;

  /** Same key, same dossier: a retried request never creates a second one. */
  @Property({ type: 'string', length: 128, nullable: true, unique: true })
  idempotencyKey?: string | null;

  /**
   * How the applicant receives the result (Decision 1333, Art. 13.5), chosen at reception:
   * ELECTRONIC (their portal account, where the procedure allows it), DESK or POST, or
   * ELECTRONIC with one of the paper ways.
   */
  @Field(() => [ResultChannel], { description: 'How the applicant receives the result, chosen at reception: ELECTRONIC, DESK or POST, or ELECTRONIC with one paper way.' })
  @Property({ type: 'text[]', defaultRaw: "'{DESK}'" })
  resultChannels: ResultChannel[] & Opt = [ResultChannel.DESK];

  /** Where a result sent by post goes; set exactly when POST is chosen. */
  @Field(() => String, { nullable: true, description: 'Where a result sent by post goes (with POST only).' })
  @Property({ type: 'text', nullable: true })
  postalAddress?: string | null;

  @OneToMany(() => DossierComponent, (c) => c.dossier, { orderBy: { position: 'asc' } })
  components = new Collection<DossierComponent>(this);

  @OneToMany(() => DossierStatusChange, (c) => c.dossier, { orderBy: { at: 'asc', id: 'asc' } })
  history = new Collection<DossierStatusChange>(this);

  @OneToMany(() => Discrepancy, (d) => d.dossier, { orderBy: { createdAt: 'asc' } })
  discrepancies = new Collection<Discrepancy>(this);

  @OneToMany(() => Verification, (v) => v.dossier, { orderBy: { requestedAt: 'asc', id: 'asc' } })
  verifications = new Collection<Verification>(this);

  @OneToOne(() => ProcedureResult, (r) => r.dossier, { ref: true, nullable: true })
  result?: Ref<ProcedureResult> | null;

  /** Optimistic lock: two officers moving one dossier cannot both win. */
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;
}

/** One component of a dossier ("thành phần hồ sơ") and how it was provided. */
@ObjectType()
@Entity()
@Unique({ name: 'dossier_component_requirement_unique', properties: ['dossier', 'requirement'] })
@Check({ name: 'dossier_component_provision', expression: enumCheck('provision', ComponentProvision) })
@Check({ name: 'dossier_component_document_when_digitized', expression: "(provision in ('PENDING', 'NOT_DIGITIZED')) = (document_id is null)" })
@Check({ name: 'dossier_component_paper_kept_when_not_digitized', expression: "(provision = 'NOT_DIGITIZED') = (paper_kept_at is not null)" })
@Check({ name: 'dossier_component_original_scanned_from_copy', expression: "(provision = 'SCANNED_FROM_COPY') = (original_also_scanned is not null)" })
export class DossierComponent extends BaseEntity {
  @ManyToOne(() => Dossier, { ref: true })
  dossier!: Ref<Dossier>;

  @ManyToOne(() => RequiredComponent, { ref: true })
  requirement!: Ref<RequiredComponent>;

  @Property({ type: 'smallint' })
  position!: number;

  @Field(() => ComponentProvision)
  @Property({ type: 'string', length: 20 })
  provision: ComponentProvision & Opt = ComponentProvision.PENDING;

  /** SCANNED_FROM_COPY only: whether the fragile original was scanned too, besides its copy (Art. 13.3). */
  @Field(() => Boolean, { nullable: true, description: 'SCANNED_FROM_COPY only: whether the original was scanned too, besides its photocopy.' })
  @Property({ type: 'boolean', nullable: true })
  originalAlsoScanned?: boolean | null;

  /** NOT_DIGITIZED only: where the paper is kept. */
  @Field(() => String, { nullable: true, description: 'NOT_DIGITIZED only: where the paper original is kept.' })
  @Property({ type: 'text', nullable: true })
  paperKeptAt?: string | null;

  @OneToMany(() => NonDigitizationProposal, (p) => p.component, { orderBy: { proposedAt: 'asc', id: 'asc' } })
  nonDigitizationProposals = new Collection<NonDigitizationProposal>(this);

  @Index()
  @ManyToOne(() => DigitizedDocument, { ref: true, nullable: true })
  document?: Ref<DigitizedDocument> | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  providedAt?: Date | null;

  @ManyToOne(() => Officer, { ref: true, nullable: true })
  providedBy?: Ref<Officer> | null;
}

/** One step of a dossier's path; kept forever and synchronized with the national portal. */
@ObjectType()
@Entity()
@Index({ name: 'dossier_status_change_dossier_at_idx', properties: ['dossier', 'at'] })
export class DossierStatusChange extends BaseEntity {
  @ManyToOne(() => Dossier, { ref: true })
  dossier!: Ref<Dossier>;

  @Field(() => DossierStatus, { nullable: true })
  @Property({ type: 'string', length: 20, nullable: true })
  from?: DossierStatus | null;

  @Field(() => DossierStatus)
  @Property({ type: 'string', length: 20 })
  to!: DossierStatus;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  at!: Date;

  /** Who acted; automatic steps of interconnected procedures carry the system's own account (catalog SYSTEM_OFFICER). */
  @ManyToOne(() => Officer, { ref: true, nullable: true })
  by?: Ref<Officer> | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}

/** The result of resolving a procedure ("kết quả giải quyết TTHC"). */
@ObjectType({ description: 'The result of resolving a procedure ("kết quả giải quyết TTHC"); reusable by later dossiers.' })
@Entity()
@Check({ name: 'procedure_result_decision', expression: enumCheck('decision', Decision) })
export class ProcedureResult extends BaseEntity {
  @OneToOne(() => Dossier, (d) => d.result, { owner: true, ref: true, unique: true })
  dossier!: Ref<Dossier>;

  /** Result code, `KQ.<dossier code>`. */
  @Field()
  @Property({ type: 'string', length: 48, unique: true })
  code!: string;

  @Field(() => Decision)
  @Property({ type: 'string', length: 10 })
  decision!: Decision;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @ManyToOne(() => DigitizedDocument, { ref: true, nullable: true })
  document?: Ref<DigitizedDocument> | null;

  @ManyToOne(() => Officer, { ref: true })
  decidedBy!: Ref<Officer>;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  decidedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  returnedAt?: Date | null;

  /** When the result went to the applicant's portal account through the portal outbox (ELECTRONIC); null otherwise. */
  @Field(() => DateTimeScalar, { nullable: true, description: "When the result was sent to the applicant's National Public Service Portal account (ELECTRONIC)." })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredElectronicallyAt?: Date | null;

  /** The paper way it was returned (DESK or POST); null until then, or when only electronic. */
  @Field(() => ResultChannel, { nullable: true, description: 'The paper way the result was returned (DESK or POST).' })
  @Property({ type: 'string', length: 10, nullable: true })
  returnChannel?: ResultChannel | null;

  /** The officer who handed the paper over (or posted it). */
  @ManyToOne(() => Officer, { ref: true, nullable: true })
  returnedBy?: Ref<Officer> | null;

  /** Who received the paper: the applicant or their representative at the desk, the addressee by post. */
  @Field(() => String, { nullable: true, description: 'Who received the paper result (the applicant, a representative, or the addressee by post).' })
  @Property({ type: 'text', nullable: true })
  returnedTo?: string | null;
}

/**
 * A receiving officer's proposal not to digitize an important, fragile paper, and the
 * decision of an approver of the same agency (Decision 1333, Art. 13.3: the unit's
 * leader decides). Kept, accepted or refused, as the record of who decided what.
 */
@ObjectType({ description: 'A proposal not to digitize an important, fragile paper, and the approver\'s decision (Decision 1333, Art. 13.3).' })
@Entity()
@Check({ name: 'non_digitization_proposal_status', expression: enumCheck('status', ProposalStatus) })
@Check({ name: 'non_digitization_proposal_decided', expression: "(status = 'PROPOSED') = (decided_at is null)" })
export class NonDigitizationProposal extends BaseEntity {
  @Index()
  @ManyToOne(() => DossierComponent, { ref: true })
  component!: Ref<DossierComponent>;

  @Field(() => ProposalStatus)
  @Property({ type: 'string', length: 10 })
  status: ProposalStatus & Opt = ProposalStatus.PROPOSED;

  /** Why the paper should stay on paper (its condition, its value). */
  @Field({ description: 'Why the paper should not be digitized.' })
  @Property({ type: 'text' })
  reason!: string;

  /** Where the paper will be kept. */
  @Field({ description: 'Where the paper will be kept.' })
  @Property({ type: 'text' })
  paperKeptAt!: string;

  @ManyToOne(() => Officer, { ref: true })
  proposedBy!: Ref<Officer>;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  proposedAt!: Date;

  @ManyToOne(() => Officer, { ref: true, nullable: true })
  decidedBy?: Ref<Officer> | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  /** The approver's reason, for an acceptance as for a refusal. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  decisionReason?: string | null;
}

/**
 * A verification or consultation asked of another agency while the dossier is processed
 * (Decision 1333, Art. 13.4), and its answer: a scan an officer digitized, or a document
 * the agency's connected system pushed. The answer is a warehouse document of its own
 * (originDossier: this dossier), shown to the approver with the dossier.
 */
@ObjectType({ description: 'A verification or consultation asked of another agency while processing (Decision 1333, Art. 13.4), and its answer.' })
@Entity()
@Check({ name: 'verification_outcome', expression: enumCheck('outcome', VerificationOutcome) })
@Check({ name: 'verification_answered', expression: '(outcome is null) = (answered_at is null) and (outcome is null) = (document_id is null)' })
@Index({ name: 'verification_open_due_idx', expression: 'create index "verification_open_due_idx" on "verification" ("due_on", "dossier_id") where "answered_at" is null' })
export class Verification extends BaseEntity {
  @Index()
  @ManyToOne(() => Dossier, { ref: true })
  dossier!: Ref<Dossier>;

  /** `XM.<dossier code>.<n>`: what the answer refers to. */
  @Field({ description: 'Verification code, `XM.<dossier code>.<n>`: the answer names it.' })
  @Property({ type: 'string', length: 56, unique: true })
  code!: string;

  /** The agency asked (a police office, a commune, a hospital...). */
  @Field({ description: 'The agency asked to verify or give an opinion.' })
  @Property({ type: 'text' })
  agency!: string;

  /** The partner system of that agency allowed to push the answer; null when it answers on paper only. */
  @Field(() => String, { nullable: true, description: "Name of the agency's connected system that may push the answer; null: the answer comes on paper." })
  @Property({ type: 'string', length: 64, nullable: true })
  connectedSystem?: string | null;

  @Field({ description: 'What is asked.' })
  @Property({ type: 'text' })
  question!: string;

  /** Last day (Vietnam time) the answer is awaited; past it the dossier counts as waiting on an overdue verification. */
  @Field(() => DateScalar, { description: 'Last day (Vietnam time) the answer is awaited.' })
  @Property({ type: 'date' })
  dueOn!: string;

  @ManyToOne(() => Officer, { ref: true })
  requestedBy!: Ref<Officer>;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  requestedAt!: Date;

  @Field(() => VerificationOutcome, { nullable: true })
  @Property({ type: 'string', length: 10, nullable: true })
  outcome?: VerificationOutcome | null;

  /** The agency's conclusion, as it answered. */
  @Field(() => String, { nullable: true, description: "The agency's conclusion." })
  @Property({ type: 'text', nullable: true })
  answer?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  answeredAt?: Date | null;

  /** The officer who digitized a paper answer; null when the connected system pushed it. */
  @ManyToOne(() => Officer, { ref: true, nullable: true })
  answerRecordedBy?: Ref<Officer> | null;

  /** The answer digitized into the warehouse (its own item of the dossier). */
  @ManyToOne(() => DigitizedDocument, { ref: true, nullable: true })
  document?: Ref<DigitizedDocument> | null;
}

/** A declared value that differs from the warehouse ("sai lệch thông tin"); the paper prevails. */
@ObjectType({ description: 'A declared value that differs from the warehouse; the paper prevails and the difference is kept.' })
@Entity()
export class Discrepancy extends BaseEntity {
  @Index()
  @ManyToOne(() => Dossier, { ref: true })
  dossier!: Ref<Dossier>;

  @Field()
  @Property({ type: 'text' })
  field!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  declared?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  stored?: string | null;

  @ManyToOne(() => DigitizedDocument, { ref: true, nullable: true })
  document?: Ref<DigitizedDocument> | null;

  @ManyToOne(() => Officer, { ref: true, nullable: true })
  recordedBy?: Ref<Officer> | null;
}
