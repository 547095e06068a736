import { type Opt, type Ref } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from './base.entity.js';
import { Node } from '../schema/relay.js';
import { DocumentType } from './document-type.entity.js';
import { Individual } from './individual.entity.js';
import { Organization } from './organization.entity.js';
import { Officer } from './officer.entity.js';
import { Agency } from './agency.entity.js';
import { StoredFile } from './stored-file.entity.js';
import { DocumentSource, DocumentStatus, SignatureFormat, enumCheck } from './enums.js';
import { DateScalar, DateTimeScalar } from '../schema/scalars.js';
// eslint-disable-next-line import-x/no-cycle -- documents and dossiers name each other in relations; MikroORM reads the class through a thunk (() => X) after both modules loaded
import { Dossier } from './dossier.entity.js';

/**
 * A digitized paper or electronic result held in the warehouse ("kết quả số hóa",
 * "giấy tờ điện tử"). Owned by exactly one individual or organization; the owner
 * leads every index, so one person's papers sit together (and on one shard later).
 */
@ObjectType({ implements: Node, description: 'A digitized paper or electronic result held in the warehouse ("kết quả số hóa").' })
@Entity()
@Check({ name: 'digitized_document_one_owner', expression: 'num_nonnulls(owner_individual_id, owner_organization_id) = 1' })
@Check({ name: 'digitized_document_status', expression: enumCheck('status', DocumentStatus) })
@Check({ name: 'digitized_document_source', expression: enumCheck('source', DocumentSource) })
@Check({ name: 'digitized_document_reuse_count', expression: 'reuse_count >= 0' })
@Check({ name: 'digitized_document_signature_format', expression: enumCheck('signature_format', SignatureFormat) })
@Check({ name: 'digitized_document_validity_order', expression: 'valid_until is null or issued_on is null or valid_until >= issued_on' })
@Index({ name: 'digitized_document_owner_individual_type_idx', properties: ['ownerIndividual', 'documentType', 'status'] })
@Index({ name: 'digitized_document_owner_organization_type_idx', properties: ['ownerOrganization', 'documentType', 'status'] })
export class DigitizedDocument extends BaseEntity {
  /** Digitization result code ("mã kết quả số hóa"), unique nationwide. */
  @Field({ description: 'Digitization result code, unique nationwide.' })
  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @ManyToOne(() => DocumentType, { ref: true })
  documentType!: Ref<DocumentType>;

  @ManyToOne(() => Individual, { ref: true, nullable: true, deleteRule: 'restrict' })
  ownerIndividual?: Ref<Individual> | null;

  @ManyToOne(() => Organization, { ref: true, nullable: true, deleteRule: 'restrict' })
  ownerOrganization?: Ref<Organization> | null;

  @Field()
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  issuedBy?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  issuedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  validUntil?: string | null;

  @Field(() => DocumentStatus)
  @Property({ type: 'string', length: 12 })
  status: DocumentStatus & Opt = DocumentStatus.VALID;

  @Field(() => DocumentSource)
  @Property({ type: 'string', length: 20 })
  source!: DocumentSource;

  /** Data extracted from the paper, valid against the type's metadata schema. */
  @Property({ type: 'json' })
  metadata!: Record<string, unknown>;

  @ManyToOne(() => StoredFile, { ref: true, nullable: true })
  file?: Ref<StoredFile> | null;

  /**
   * CMS (PKCS#7) detached signature over the file's bytes: documents signed
   * before PAdES (format CMS_DETACHED). A PAdES signature lives in the file and leaves this null.
   */
  @Property({ type: 'blob', nullable: true, lazy: true })
  signature?: Buffer | null;

  /** Where the signature is: in the PDF (PADES) or in `signature` (CMS_DETACHED); null when unsigned. */
  @Property({ type: 'string', length: 12, nullable: true })
  signatureFormat?: SignatureFormat | null;

  @ManyToOne(() => Officer, { ref: true, nullable: true })
  signedBy?: Ref<Officer> | null;

  @Property({ type: 'timestamptz', nullable: true })
  signedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  certificateFingerprint?: string | null;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  digitizedAt!: Date;

  @ManyToOne(() => Officer, { ref: true, nullable: true })
  digitizedBy?: Ref<Officer> | null;

  /** Agency that digitized or received it; part of its code. */
  @ManyToOne(() => Agency, { ref: true, nullable: true })
  agency?: Ref<Agency> | null;

  @Index()
  @ManyToOne(() => Dossier, { ref: true, nullable: true })
  originDossier?: Ref<Dossier> | null;

  @Field(() => Int, { description: 'How many later dossiers reused this document instead of a new paper.' })
  @Property({ type: 'integer', default: 0 })
  reuseCount: number & Opt = 0;

  @Property({ version: true, type: 'integer' })
  version!: number & Opt;
}
