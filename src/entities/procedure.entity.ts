import { Collection, type Opt, type Ref } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, OneToMany, Property, Unique, Index } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from './base.entity.js';
import { Node } from '../schema/relay.js';
import { DocumentType } from './document-type.entity.js';
import { PartyKind, enumCheck } from './enums.js';

/** An administrative procedure ("thủ tục hành chính", TTHC) from the national catalog. */
@ObjectType({ implements: Node, description: 'An administrative procedure ("thủ tục hành chính", TTHC) from the national catalog.' })
@Entity({ tableName: 'administrative_procedure' })
@Check({ name: 'procedure_code_shape', expression: "code ~ '^[0-9]\\.[0-9]{6}$'" })
@Check({ name: 'procedure_applicant_kind', expression: enumCheck('applicant_kind', PartyKind) })
@Check({ name: 'procedure_processing_days', expression: 'processing_days > 0' })
export class AdministrativeProcedure extends BaseEntity {
  /** National code shaped d.dddddd. */
  @Field()
  @Property({ type: 'string', length: 8, unique: true })
  code!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field()
  @Property({ type: 'text' })
  field!: string;

  @Field(() => Int, {
    description: 'Processing time in working days (see processingDaysKind): Monday to Friday except the days off of the working calendar, not counting the day of reception.',
  })
  @Property({ type: 'integer' })
  processingDays!: number;

  @Field(() => PartyKind, { description: 'Who files a dossier of this procedure: an individual or an organization (receiveDossier\'s applicant).' })
  @Property({ type: 'string', length: 12 })
  applicantKind!: PartyKind;

  /** Whether the result may be returned electronically, to the applicant's National Public Service Portal account (Decision 1333, Art. 13.5). */
  @Field(() => Boolean, { description: "Whether the result may be returned to the applicant's National Public Service Portal account (ELECTRONIC)." })
  @Property({ type: 'boolean', default: false })
  electronicResult: boolean & Opt = false;

  /** Type of the result paper issued on approval; null when the result is not a document. */
  @ManyToOne(() => DocumentType, { ref: true, nullable: true })
  resultDocumentType?: Ref<DocumentType> | null;

  @OneToMany(() => RequiredComponent, (c) => c.procedure, { orderBy: { position: 'asc' } })
  requiredComponents = new Collection<RequiredComponent>(this);
}

/** A component the procedure's dossier must contain ("thành phần hồ sơ", catalog side). */
@ObjectType({ description: 'A component the procedure\'s dossier must contain ("thành phần hồ sơ").' })
@Entity()
@Unique({ name: 'required_component_procedure_code_unique', properties: ['procedure', 'code'] })
export class RequiredComponent extends BaseEntity {
  @ManyToOne(() => AdministrativeProcedure, { ref: true })
  procedure!: Ref<AdministrativeProcedure>;

  @Field()
  @Property({ type: 'string', length: 16 })
  code!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Index()
  @ManyToOne(() => DocumentType, { ref: true })
  documentType!: Ref<DocumentType>;

  @Field({ description: 'Whether the dossier must contain this component before submitForProcessing.' })
  @Property({ type: 'boolean' })
  mandatory!: boolean;

  @Property({ type: 'smallint' })
  position!: number;
}
