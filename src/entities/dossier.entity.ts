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
import { ComponentProvision, Decision, DossierStatus, SubmissionChannel, enumCheck } from './enums.js';
import { DateTimeScalar } from '../schema/scalars.js';

/** An administrative-procedure dossier ("hồ sơ TTHC"). */
@ObjectType({ implements: Node, description: 'An administrative-procedure dossier ("hồ sơ TTHC").' })
@Entity()
@Check({ name: 'dossier_one_applicant', expression: 'num_nonnulls(applicant_individual_id, applicant_organization_id) = 1' })
@Check({ name: 'dossier_status', expression: enumCheck('status', DossierStatus) })
@Check({ name: 'dossier_channel', expression: enumCheck('channel', SubmissionChannel) })
@Check({ name: 'dossier_due_after_receipt', expression: 'due_at >= received_at' })
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

  @OneToMany(() => DossierComponent, (c) => c.dossier, { orderBy: { position: 'asc' } })
  components = new Collection<DossierComponent>(this);

  @OneToMany(() => DossierStatusChange, (c) => c.dossier, { orderBy: { at: 'asc', id: 'asc' } })
  history = new Collection<DossierStatusChange>(this);

  @OneToMany(() => Discrepancy, (d) => d.dossier, { orderBy: { createdAt: 'asc' } })
  discrepancies = new Collection<Discrepancy>(this);

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
@Check({ name: 'dossier_component_document_when_provided', expression: "(provision = 'PENDING') = (document_id is null)" })
export class DossierComponent extends BaseEntity {
  @ManyToOne(() => Dossier, { ref: true })
  dossier!: Ref<Dossier>;

  @ManyToOne(() => RequiredComponent, { ref: true })
  requirement!: Ref<RequiredComponent>;

  @Property({ type: 'smallint' })
  position!: number;

  @Field(() => ComponentProvision)
  @Property({ type: 'string', length: 12 })
  provision: ComponentProvision & Opt = ComponentProvision.PENDING;

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
