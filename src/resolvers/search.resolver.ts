import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { SearchFilter, SearchResultConnection } from '../schema/search.types.js';
import { search } from '../services/search.service.js';
import { selectsField } from '../schema/selection.js';
import { ConnectionArgs } from '../schema/relay.js';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, { description: 'Full-text and identifier search; accent-insensitive for Vietnamese.' })
  search(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('query', () => String) query: string,
    @Args() { first, after }: ConnectionArgs,
    @Arg('filter', () => SearchFilter, { nullable: true }) filter?: SearchFilter,
  ): Promise<SearchResultConnection> {
    return search(ctx, { query, filter, first, after, withFacets: selectsField(info, 'facets') });
  }
}
