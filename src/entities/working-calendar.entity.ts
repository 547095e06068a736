import { Collection, type Opt, type Ref } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.entity.js';
import { Officer } from './officer.entity.js';
import { enumCheck } from './enums.js';
import { CalendarDayKind, CalendarDayOrigin } from '../domain/working-days.js';

/**
 * A year of the working calendar held in `calendar_day`: its listed days are the
 * whole truth for that year. A year with no row here has not been needed yet; it is
 * derived from the Labour Code's rules and stored the first time it is.
 */
@Entity()
@Check({ name: 'calendar_year_origin', expression: enumCheck('origin', CalendarDayOrigin) })
export class CalendarYear {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  year!: number;

  /** ANNOUNCED (seeded from the government's announcements) or LAW (derived for want of one). */
  @Property({ type: 'string', length: 10 })
  origin!: CalendarDayOrigin;

  @Property({ type: 'text' })
  note!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  storedAt: Date & Opt = new Date();
}

/**
 * A day that differs from the ordinary week (Monday–Friday worked, Saturday and
 * Sunday off): a public holiday, a compensating day off, a swapped day.
 */
@Entity()
@Check({ name: 'calendar_day_kind', expression: enumCheck('kind', CalendarDayKind) })
@Check({ name: 'calendar_day_origin', expression: enumCheck('origin', CalendarDayOrigin) })
export class CalendarDay {
  @PrimaryKey({ type: 'date' })
  date!: string;

  @Property({ type: 'string', length: 24 })
  kind!: CalendarDayKind;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 10 })
  origin!: CalendarDayOrigin;

  /** The announcement or rule the day comes from. */
  @Property({ type: 'text', nullable: true })
  source?: string | null;
}

/** What a listed day was or became, as recorded in an amendment (null: an ordinary day). */
export interface CalendarDaySnapshot {
  kind: CalendarDayKind;
  name: string;
  origin: CalendarDayOrigin;
  source: string | null;
}

/** An administrator's change to the working calendar: who, when, why, and each day before and after. */
@Entity()
@Index({ name: 'calendar_amendment_amended_at_idx', properties: ['amendedAt'] })
export class CalendarAmendment extends BaseEntity {
  @Property({ type: 'text' })
  reason!: string;

  /** The announcement the change records, when there is one. */
  @Property({ type: 'text', nullable: true })
  source?: string | null;

  @ManyToOne(() => Officer, { ref: true })
  amendedBy!: Ref<Officer>;

  @Property({ type: 'timestamptz' })
  amendedAt!: Date;

  @OneToMany(() => CalendarDayChange, (c) => c.amendment, { orderBy: { date: 'asc' } })
  changes = new Collection<CalendarDayChange>(this);
}

/** One day of an amendment. */
@Entity()
@Index({ name: 'calendar_day_change_date_idx', properties: ['date'] })
export class CalendarDayChange extends BaseEntity {
  @ManyToOne(() => CalendarAmendment, { ref: true })
  amendment!: Ref<CalendarAmendment>;

  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'jsonb', nullable: true })
  before?: CalendarDaySnapshot | null;

  @Property({ type: 'jsonb', nullable: true })
  after?: CalendarDaySnapshot | null;
}
