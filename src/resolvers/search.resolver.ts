import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { SearchFilter, SearchResultConnection } from '../schema/search.types.js';
import { search } from '../services/search.service.js';
import { selectsField } from '../schema/selection.js';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, { description: 'Full-text and identifier search; accent-insensitive for Vietnamese.' })
  search(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('query', () => String) query: string,
    @Arg('filter', () => SearchFilter, { nullable: true }) filter?: SearchFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<SearchResultConnection> {
    return search(ctx, { query, filter, first, after, withFacets: selectsField(info, 'facets') });
  }
}
