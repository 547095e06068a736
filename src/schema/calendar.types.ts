/** The working calendar in the graph: a year's listed days, amendments, and the input that amends it. */
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CalendarDayKind, CalendarDayOrigin } from '../domain/working-days.js';
import { Officer } from '../entities/officer.entity.js';
import { DateScalar, DateTimeScalar } from './scalars.js';

registerEnumType(CalendarDayKind, {
  name: 'CalendarDayKind',
  description: 'How a day differs from the ordinary week (Monday to Friday worked, Saturday and Sunday off).',
  valuesConfig: {
    PUBLIC_HOLIDAY: { description: 'A public holiday of the Labour Code, Art. 112 ("ngày nghỉ lễ, tết"): off, also on a weekday.' },
    COMPENSATORY_DAY_OFF: { description: 'A weekday off because a holiday fell on a Saturday or Sunday ("nghỉ bù", Art. 111(3)).' },
    SWAPPED_DAY_OFF: { description: 'A weekday off, swapped with a weekend day worked instead ("hoán đổi ngày làm việc").' },
    SWAPPED_WORKING_DAY: { description: 'A Saturday or Sunday worked in exchange for a swapped day off ("làm bù").' },
  },
});

registerEnumType(CalendarDayOrigin, {
  name: 'CalendarDayOrigin',
  description: 'Where a calendar day comes from.',
  valuesConfig: {
    LAW: { description: "Derived from the Labour Code's rules and the lunar calendar, for want of an announcement." },
    ANNOUNCED: { description: "The government's announcement for that year (see `source`)." },
    AMENDED: { description: 'Set by an administrator; the amendment is recorded.' },
  },
});

@ObjectType('CalendarDay', { description: 'A day that differs from the ordinary week.' })
export class CalendarDayType {
  @Field(() => DateScalar) date!: string;
  @Field({ description: 'Whether officers work that day (a swapped Saturday or Sunday); false for every other listed day.' }) working!: boolean;
  @Field(() => CalendarDayKind) kind!: CalendarDayKind;
  @Field() name!: string;
  @Field(() => CalendarDayOrigin) origin!: CalendarDayOrigin;
  @Field(() => String, { nullable: true, description: 'The announcement or rule the day comes from.' }) source!: string | null;
}

@ObjectType('CalendarDayChange', { description: 'One day of a calendar amendment, before and after (null: an ordinary day).' })
export class CalendarDayChangeType {
  @Field(() => DateScalar) date!: string;
  @Field(() => CalendarDayType, { nullable: true }) before!: CalendarDayType | null;
  @Field(() => CalendarDayType, { nullable: true }) after!: CalendarDayType | null;
}

@ObjectType('CalendarAmendment', { description: "An administrator's change to the working calendar: who, when, why, and each day changed." })
export class CalendarAmendmentType {
  @Field() reason!: string;
  @Field(() => String, { nullable: true, description: 'The announcement the change records.' }) source!: string | null;
  @Field(() => Officer) amendedBy!: Officer;
  @Field(() => DateTimeScalar) amendedAt!: Date;
  @Field(() => [CalendarDayChangeType]) changes!: CalendarDayChangeType[];
}

@ObjectType({ description: 'The working calendar of one year: the days that differ from the ordinary week, which due dates count on.' })
export class WorkingCalendarYear {
  @Field(() => Int) year!: number;
  @Field({ description: 'Whether the warehouse holds the year; if not, `days` are what the law gives, stored when a due date first reaches the year.' })
  stored!: boolean;
  @Field(() => CalendarDayOrigin, { description: 'ANNOUNCED when the year was seeded from announcements, LAW when derived.' }) origin!: CalendarDayOrigin;
  @Field() note!: string;
  @Field(() => [CalendarDayType], { description: 'The listed days, in date order.' }) days!: CalendarDayType[];
  @Field(() => Int, { description: 'Days worked in the year.' }) workingDays!: number;
  @Field(() => [CalendarAmendmentType], { description: "Amendments that changed days of this year, oldest first (each with its changes)." })
  amendments!: CalendarAmendmentType[];
}

@InputType({ description: 'What one day becomes.' })
export class CalendarDayChangeInput {
  @Field(() => DateScalar) date!: string;
  @Field(() => CalendarDayKind, { nullable: true, description: 'Null: an ordinary day again (worked Monday to Friday, off on Saturday and Sunday).' })
  kind?: CalendarDayKind | null;
  @Field(() => String, { nullable: true, description: 'Required with a kind, e.g. "Ngày Văn hóa Việt Nam (Vietnam Culture Day)".' }) name?: string | null;
}

@InputType()
export class AmendWorkingCalendarInput {
  @Field({ description: 'Why: the announcement or the correction; recorded.' }) reason!: string;
  @Field(() => String, { nullable: true, description: "The announcement's reference, recorded as the changed days' source." }) source?: string | null;
  @Field(() => [CalendarDayChangeInput], { description: 'The days changed, together (a swap changes two days at once).' }) changes!: CalendarDayChangeInput[];
}
