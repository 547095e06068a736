import { type Ref } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from './base.entity.js';
import { Node } from '../schema/relay.js';
import { Province } from './administrative-area.entity.js';

/** An employer or other unit ("tổ chức", "đơn vị"). */
@ObjectType({ implements: Node, description: 'An employer or other unit ("tổ chức", "đơn vị").' })
@Entity()
@Check({ name: 'organization_unit_code_shape', expression: "unit_code ~ '^[A-Z0-9.-]{1,20}$'" })
@Check({ name: 'organization_tax_code_shape', expression: "tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'" })
export class Organization extends BaseEntity {
  /** VSS unit code ("mã đơn vị"); opaque, upper-case. */
  @Field({ description: 'VSS unit code ("mã đơn vị").' })
  @Property({ type: 'string', length: 20, unique: true })
  unitCode!: string;

  /** Tax code ("mã số thuế"): 10 digits, or 13 characters for a branch. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 14, nullable: true, unique: true })
  taxCode?: string | null;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @ManyToOne(() => Province, { ref: true, nullable: true })
  province?: Ref<Province> | null;

  @Field({ description: 'Whether the unit has a social-insurance electronic transaction account.' })
  @Property({ type: 'boolean', default: false })
  hasTransactionAccount: boolean = false;

  @Property({ version: true, type: 'integer' })
  version!: number;
}
