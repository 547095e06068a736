import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { DigitizationStats, DigitizationStatsBucket, StatsDimension, StatsFilter } from '../schema/process.types.js';
import { digitizationStats, statsBreakdown } from '../services/stats.service.js';

@Resolver(() => DigitizationStats)
export class StatsResolver {
  @Query(() => DigitizationStats, { description: 'Digitization indicators for leaders.' })
  digitizationStats(
    @Ctx() ctx: Context,
    @Arg('filter', () => StatsFilter, { nullable: true }) filter?: StatsFilter | null,
  ): Promise<DigitizationStats> {
    return digitizationStats(ctx, filter);
  }

  @FieldResolver(() => [DigitizationStatsBucket], { description: 'The same indicators by month of receipt, province or procedure.' })
  breakdown(@Ctx() ctx: Context, @Root() stats: DigitizationStats, @Arg('by', () => StatsDimension) by: StatsDimension): Promise<DigitizationStatsBucket[]> {
    return statsBreakdown(ctx, stats, by);
  }
}
