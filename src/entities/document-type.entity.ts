import { type Opt } from '@mikro-orm/core';
import { Check, Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { BaseEntity } from './base.entity.js';
import { Node } from '../schema/relay.js';
import { PartyKind, enumCheck } from './enums.js';

/** Catalog entry: a kind of paper ("loại giấy tờ") with the fields extracted from it. */
@ObjectType({ implements: Node, description: 'Catalog entry: a kind of paper ("loại giấy tờ") with the fields extracted from it.' })
@Entity()
@Check({ name: 'document_type_owner_kind', expression: enumCheck('owner_kind', PartyKind) })
@Check({ name: 'document_type_validity', expression: 'validity_months is null or validity_months > 0' })
export class DocumentType extends BaseEntity {
  @Field()
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 12 })
  ownerKind!: PartyKind;

  @Field(() => GraphQLJSONObject, { description: 'JSON Schema of the metadata fields extracted when digitizing this kind of paper.' })
  @Property({ type: 'json' })
  metadataSchema!: Record<string, unknown>;

  @Field(() => Int, { nullable: true, description: 'How long a document of this type stays valid; null: no expiry.' })
  @Property({ type: 'integer', nullable: true })
  validityMonths?: number | null;

  /** Whether a procedure result is issued as this type. */
  @Property({ type: 'boolean', default: false })
  isResult: boolean & Opt = false;
}
