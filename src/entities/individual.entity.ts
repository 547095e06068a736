import { type Ref } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from './base.entity.js';
import { Node } from '../schema/relay.js';
import { Commune, Province } from './administrative-area.entity.js';
import { Gender, enumCheck } from './enums.js';
import { DateScalar } from '../schema/scalars.js';

/** A citizen known to the warehouse ("cá nhân"). */
@ObjectType({ implements: Node, description: 'A citizen known to the warehouse ("cá nhân").' })
@Entity()
@Check({ name: 'individual_personal_id_shape', expression: "personal_id ~ '^[0-9]{12}$'" })
@Check({ name: 'individual_si_code_shape', expression: "social_insurance_code ~ '^[0-9]{10}$'" })
@Check({ name: 'individual_gender', expression: enumCheck('gender', Gender) })
export class Individual extends BaseEntity {
  /** 12-digit personal identification number ("số định danh cá nhân"). */
  @Field({ description: '12-digit personal identification number. Masked unless the viewer may read personal data.' })
  @Property({ type: 'string', length: 12, unique: true })
  personalId!: string;

  /** 10-digit social insurance code ("mã số BHXH"), for life. */
  @Field(() => String, { nullable: true, description: '10-digit social insurance code ("mã số BHXH").' })
  @Property({ type: 'string', length: 10, nullable: true, unique: true })
  socialInsuranceCode?: string | null;

  /** As written, NFC. */
  @Field()
  @Property({ type: 'text' })
  fullName!: string;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  dateOfBirth?: string | null;

  @Field(() => Gender, { nullable: true })
  @Property({ type: 'string', length: 6, nullable: true })
  gender?: Gender | null;

  /** Household code ("mã hộ gia đình"); opaque. */
  @Field(() => String, { nullable: true })
  @Index()
  @Property({ type: 'string', length: 20, nullable: true })
  householdCode?: string | null;

  @ManyToOne(() => Province, { ref: true, nullable: true })
  province?: Ref<Province> | null;

  @ManyToOne(() => Commune, { ref: true, nullable: true })
  commune?: Ref<Commune> | null;

  @Field({ description: 'Whether the person has an account on the National Public Service Portal.' })
  @Property({ type: 'boolean', default: false })
  hasPortalAccount: boolean = false;

  @Property({ version: true, type: 'integer' })
  version!: number;
}
