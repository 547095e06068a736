import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { SearchFilter, SearchResultConnection } from '../search/search-types.js';
import { search } from '../services/search.service.js';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, { description: 'Full-text and identifier search; accent-insensitive for Vietnamese.' })
  search(
    @Ctx() ctx: Context,
    @Arg('query', () => String) query: string,
    @Arg('filter', () => SearchFilter, { nullable: true }) filter?: SearchFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<SearchResultConnection> {
    return search(ctx, { query, filter, first, after });
  }
}
