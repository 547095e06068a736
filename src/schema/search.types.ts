/** The graph's view of search (contract: `search`, `SearchResultConnection`). */
import { Field, Float, InputType, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { Individual } from '../entities/individual.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { Dossier } from '../entities/dossier.entity.js';
import { PageInfo } from './relay.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import type { SearchHitEntity } from '../search/hit-loader.js';
import type { SearchResultHit, SearchResults } from '../services/search.service.js';
import type { SearchFilterInput } from '../search/backend.js';
import type { SearchKindName } from '../search/documents.js';

export enum SearchKind {
  INDIVIDUAL = 'INDIVIDUAL',
  ORGANIZATION = 'ORGANIZATION',
  DOCUMENT = 'DOCUMENT',
  DOSSIER = 'DOSSIER',
}
registerEnumType(SearchKind, { name: 'SearchKind' });

@InputType()
export class SearchFilter implements SearchFilterInput {
  @Field(() => [SearchKind], { nullable: true }) kinds?: SearchKind[];
  @Field(() => [String], { nullable: true }) documentTypeCodes?: string[];
  @Field(() => [String], { nullable: true }) provinceCodes?: string[];
  @Field(() => DateScalar, { nullable: true }) issuedFrom?: string;
  @Field(() => DateScalar, { nullable: true }) issuedTo?: string;
}

export const SearchHit = createUnionType({
  name: 'SearchHit',
  types: () => [Individual, Organization, DigitizedDocument, Dossier] as const,
  resolveType: (value) => value.constructor.name,
});

@ObjectType()
export class SearchResultEdge implements SearchResultHit {
  @Field() cursor!: string;
  @Field(() => SearchHit) node!: SearchHitEntity;
  @Field(() => Float) score!: number;
  @Field(() => [String], { description: 'Matched fragments, with <em> marks; masked like the name or title they are cut from when that is personal data the viewer may not read.' }) highlights!: string[];
  /** The kind of hit: which field the highlights are cut from (src/auth/personal-data-policy.ts HIGHLIGHT_SOURCES). */
  kind!: SearchKindName;
}

@ObjectType()
export class FacetBucket {
  @Field() key!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class Facet {
  @Field() field!: string;
  @Field(() => [FacetBucket]) buckets!: FacetBucket[];
}

@ObjectType()
export class SearchResultConnection implements SearchResults {
  @Field(() => [SearchResultEdge]) edges!: SearchResultEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Hits in all, counted exactly up to the server\'s limit (SEARCH_EXACT_TOTAL_LIMIT, 1,000 by default); past it, that limit: see totalCountExact.' })
  totalCount!: number;
  @Field({ description: 'False when more hits matched than the server counts exactly: totalCount is then a lower bound. Facets are always exact; paging reaches every hit either way.' })
  totalCountExact!: boolean;
  @Field(() => [Facet]) facets!: Facet[];
  @Field(() => DateTimeScalar, { nullable: true, description: 'Every write committed before this instant is searchable.' })
  indexedThrough!: Date | null;
  @Field({ description: 'True when the answer came from the PostgreSQL fallback because the search cluster was unreachable.' })
  fromFallback!: boolean;
}
