import { type Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Index } from '@mikro-orm/decorators/legacy';

/** Province-level unit ("tỉnh, thành phố"), 34 since 1 July 2025. Reference table. */
@Entity({ tableName: 'province' })
export class Province {
  /** Two digits, leading zero kept. */
  @PrimaryKey({ type: 'string', length: 2 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;
}

/**
 * A province of the 63-province era. Kept, with the date of its merger, because
 * personal-ID prefixes and older records still carry these codes.
 */
@Entity({ tableName: 'former_province' })
export class FormerProvince {
  @PrimaryKey({ type: 'string', length: 2 })
  code!: string;

  @Property({ type: 'string', length: 3, unique: true })
  personalIdPrefix!: string;

  @Property({ type: 'text' })
  name!: string;

  @ManyToOne(() => Province, { ref: true, fieldName: 'merged_into' })
  mergedInto!: Ref<Province>;

  @Property({ type: 'date' })
  effectiveFrom!: string;
}

/** Commune-level unit ("xã, phường, đặc khu"). Reference table. */
@Entity({ tableName: 'commune' })
export class Commune {
  @PrimaryKey({ type: 'string', length: 5 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @ManyToOne(() => Province, { ref: true })
  province!: Ref<Province>;
}
