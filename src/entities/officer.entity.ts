import { type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from './base.entity.js';
import { Node } from '../schema/relay.js';
import { Agency } from './agency.entity.js';
import { OfficerRole } from './enums.js';

/** A civil servant of an agency ("công chức, viên chức"). */
@ObjectType({ implements: Node, description: 'An officer of a VSS agency.' })
@Entity()
export class Officer extends BaseEntity {
  @Field()
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field()
  @Property({ type: 'text' })
  fullName!: string;

  @Index()
  @ManyToOne(() => Agency, { ref: true })
  agency!: Ref<Agency>;

  @Property({ type: 'text[]' })
  roles: OfficerRole[] = [];

  @Property({ type: 'boolean', default: true })
  active = true;
}
