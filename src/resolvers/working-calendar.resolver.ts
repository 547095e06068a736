import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { AmendWorkingCalendarInput, CalendarAmendmentType, WorkingCalendarYear } from '../schema/calendar.types.js';
import { amendWorkingCalendar, workingCalendarYear, type CalendarAmendmentView, type WorkingCalendarYearView } from '../services/working-calendar.service.js';

@Resolver()
export class WorkingCalendarResolver {
  @Query(() => WorkingCalendarYear, { description: 'The working calendar of a year, which processing due dates count on (officers).' })
  workingCalendar(@Ctx() ctx: Context, @Arg('year', () => Int) year: number): Promise<WorkingCalendarYearView> {
    return workingCalendarYear(ctx, year);
  }

  @Mutation(() => CalendarAmendmentType, {
    description: 'Changes days of the working calendar and records the amendment (administrators). Due dates already given do not move.',
  })
  amendWorkingCalendar(@Ctx() ctx: Context, @Arg('input', () => AmendWorkingCalendarInput) input: AmendWorkingCalendarInput): Promise<CalendarAmendmentView> {
    return amendWorkingCalendar(ctx, input);
  }
}
