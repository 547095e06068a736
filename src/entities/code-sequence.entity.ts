import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Per-scope counters behind business codes: one row per agency and day
 * (e.g. `dossier:000.00.01.H41:251123`), so agencies never contend for one lock.
 */
@Entity()
export class CodeSequence {
  @PrimaryKey({ type: 'text' })
  scope!: string;

  @Property({ type: 'bigint', runtimeType: 'number' })
  value!: number;
}
