import { type Ref } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.entity.js';
import { Province } from './administrative-area.entity.js';

/** A VSS agency ("cơ quan BHXH"): the central office or a province office. */
@Entity()
@Check({ name: 'agency_code_shape', expression: "code ~ '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$'" })
export class Agency extends BaseEntity {
  /** QCVN 102:2016 code, shaped ddd.dd.dd.Ldd. */
  @Property({ type: 'string', length: 13, unique: true })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @ManyToOne(() => Province, { ref: true })
  province!: Ref<Province>;
}
