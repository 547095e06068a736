/**
 * The cost model of hardening-limits.ts on small operations whose cost can be
 * counted by hand, and the stall cases of issue 11 (D, E) refused by the work
 * the check did — selections visited, fragments measured — never by time.
 */
import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Kind, parse, specifiedRules, validate, type FragmentDefinitionNode, type GraphQLResolveInfo, type GraphQLSchema, type OperationDefinitionNode, type ValidationContext, type ValidationRule } from 'graphql';
import { selectsField } from '../../src/schema/selection.js';
import { createSchema } from '../../src/schema/build-schema.js';
import { CONNECTION_BASE_COST, maxAliasesRule, measureOperation, UNPAGED_LIST_SIZE, type OperationLimits } from '../../src/http/hardening-limits.js';
import { DEFAULT_PAGE_SIZE } from '../../src/services/core/pagination.js';
import { purposeOf } from '../../src/partners/publish.js';
import { fragmentBomb } from '../helpers/fragment-bomb.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

/** The defaults of src/config.ts. */
const LIMITS: OperationLimits = { maxDepth: 12, maxCost: 10_000, maxRootFields: 20, maxPageSize: 100 };
/** Limits that never stop the walk, to see whole costs. */
const UNLIMITED: OperationLimits = { maxDepth: 1_000, maxCost: Number.MAX_VALUE, maxRootFields: 1_000_000, maxPageSize: 100 };

function measure(source: string, variables: Record<string, unknown> = {}, limits = UNLIMITED) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return measureOperation(schema, document, operation, variables, limits);
}

describe('measureOperation', () => {
  it('counts one per field and the nesting depth', () => {
    expect(measure('{ dossier(code: "x") { code status procedure { code name } } }')).toMatchObject({ depth: 3, cost: 1 + 1 + 1 + (1 + 2), rootFields: 1, oversizedPage: null, crossed: null });
  });

  it("prices a connection at its base cost, its own fields once and its items by its page size", () => {
    // dossiers: base + (edges: 1 + 5 × (node: 1 + code 1))
    expect(measure('{ dossiers(first: 5) { edges { node { code } } } }').cost).toBe(CONNECTION_BASE_COST + 1 + 5 * (1 + 1));
    expect(measure('{ dossiers(first: 5) { totalCount pageInfo { hasNextPage } edges { node { code } } } }').cost).toBe(CONNECTION_BASE_COST + 1 + (1 + 1) + 1 + 5 * 2);
    expect(measure('query Q($n: Int) { dossiers(first: $n) { edges { node { code } } } }', { n: 7 }).cost).toBe(CONNECTION_BASE_COST + 1 + 7 * 2);
    expect(measure('query Q($n: Int = 3) { dossiers(first: $n) { edges { node { code } } } }').cost).toBe(CONNECTION_BASE_COST + 1 + 3 * 2);
    expect(measure('{ dossiers { edges { node { code } } } }').cost).toBe(CONNECTION_BASE_COST + 1 + DEFAULT_PAGE_SIZE * 2);
    // A fragment on the connection type is priced with the page it is spread in.
    expect(measure('{ a: dossiers(first: 2) { ...P } b: dossiers(first: 4) { ...P } } fragment P on DossierConnection { edges { node { code } } }').cost).toBe(
      2 * (CONNECTION_BASE_COST + 1) + (2 + 4) * 2,
    );
  });

  it('prices `first: 0` at the base cost, so a thousand aliased searches do not pass (finding E)', () => {
    expect(measure('{ search(query: "an", first: 0) { totalCount } }').cost).toBe(CONNECTION_BASE_COST + 1);
    const aliased = `{ ${Array.from({ length: 1000 }, (_, i) => `s${i}: search(query: "an", first: 0) { totalCount }`).join(' ')} }`;
    const limits = { ...LIMITS, maxRootFields: 10_000 };
    const result = measure(aliased, {}, limits);
    expect(result.crossed).toBe('cost');
    // Stopped at the first search over the limit: it did not look at the other hundreds.
    const priced = Math.floor(limits.maxCost / (CONNECTION_BASE_COST + 1)) + 1;
    expect(result.visited).toBe(priced * 2);
    // Before: 1 each, 1,000 in all, under the limit of 10,000.
  });

  it('never lowers a cost with a negative page size', () => {
    const negative = measure('{ a: dossiers(first: -1000000) { edges { node { code } } } b: dossiers(first: 100) { edges { node { code } } } }');
    expect(negative.cost).toBe(2 * (CONNECTION_BASE_COST + 1) + 100 * 2);
  });

  it('counts an unpaged list as UNPAGED_LIST_SIZE items, and a facet list too', () => {
    expect(measure('{ procedures { code requiredComponents { code } } }').cost).toBe(1 + UNPAGED_LIST_SIZE * (1 + (1 + UNPAGED_LIST_SIZE * 1)));
    expect(measure('{ search(query: "an", first: 3) { facets { field } } }').cost).toBe(CONNECTION_BASE_COST + 1 + UNPAGED_LIST_SIZE * 1);
  });

  it('follows fragments and leaves introspection free', () => {
    const withFragment = measure('{ dossier(code: "x") { ...D __typename } } fragment D on Dossier { code procedure { code } }');
    expect(withFragment).toMatchObject({ depth: 3, cost: 1 + (1 + (1 + 1)), oversizedPage: null, fragmentsMeasured: 1 });
    expect(measure('{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }')).toMatchObject({ depth: 0, cost: 0, rootFields: 0 });
  });

  it('reports the first page over the cap', () => {
    expect(measure('{ dossiers(first: 101) { totalCount } }')).toMatchObject({ oversizedPage: { field: 'Query.dossiers', first: 101 }, crossed: 'pageSize' });
  });

  it('counts root fields through fragments, and stops at the cap', () => {
    expect(measure('{ procedures { code } ...R dossier(code: "x") { code } } fragment R on Query { a: procedures { code } ... on Query { b: procedures { code } } }').rootFields).toBe(4);
    const wide = `{ ${Array.from({ length: 21 }, (_, i) => `p${i}: procedures { code }`).join(' ')} }`;
    expect(measure(wide, {}, LIMITS)).toMatchObject({ crossed: 'rootFields' });
    expect(measure(wide, {}, { ...LIMITS, maxRootFields: 21 })).toMatchObject({ crossed: null, rootFields: 21 });
  });

  it('stops at the first field deeper than the limit', () => {
    const deep = `{ dossier(code: "x") { components { document { originDossier { components { document { originDossier { components { document {
      originDossier { components { document { code } } } } } } } } } } } } }`;
    expect(measure(deep, {}, LIMITS)).toMatchObject({ crossed: 'depth', depth: 13 });
  });
});

describe('the fragment bomb (finding D): measured once per fragment, refused at the first limit', () => {
  /**
   * What the walk before this change visited: every selection of every expansion, 2 + 2 · V(k−1) for F_k with V(0) = 5,
   * plus the root spread: 7 · 2^k − 1 (counted with that walk instrumented: 7,167 at 10 levels, 458,751 at 16, 29,360,127 at 22).
   */
  const visitedBefore = (levels: number) => 7 * 2 ** levels - 1;

  it('refuses the 22-level bomb after visiting a few dozen selections, not 2^22 copies', () => {
    // Fragments on Query: their fields are root fields, and 2^5 of them are already over the cap of 20.
    const atRoot = measure(fragmentBomb(22), {}, LIMITS);
    expect(atRoot).toMatchObject({ crossed: 'rootFields', fragmentsMeasured: 23 });
    // Down to F0 (22 spreads and the root's), F0's 5 selections, then one more spread per level until the cap.
    expect(atRoot.visited).toBe(23 + 5 + 5);
    expect(visitedBefore(22)).toBe(29_360_127);

    // Nested below a field, the same bomb is refused by its cost: F0 costs 1 + 10 × (1 + 1) = 21, F_k 2^k × 21, over 10,000 at F9.
    const nested = measure(fragmentBomb(22, { on: 'Dossier', leaf: 'components { provision providedAt }', root: '{ dossier(code: "x") { ...F22 } }' }), {}, LIMITS);
    expect(nested).toMatchObject({ crossed: 'cost', fragmentsMeasured: 23 });
    expect(nested.cost).toBeGreaterThan(LIMITS.maxCost);
    expect(nested.visited).toBe(1 + 23 + 3 + 9);
  });

  it('is linear even where it costs nothing (introspection fields) or is never multiplied (`first: 0`)', () => {
    const free = measure(fragmentBomb(40, { leaf: '__typename' }), {}, LIMITS);
    expect(free).toMatchObject({ crossed: null, cost: 0, fragmentsMeasured: 41 });
    expect(free.visited).toBe(1 + 1 + 2 * 40);

    const underEmptyPage = measure(fragmentBomb(40, { on: 'DossierConnection', leaf: 'edges { node { code } }', root: '{ dossiers(first: 0) { ...F40 } }' }), {}, LIMITS);
    expect(underEmptyPage.crossed).toBe('cost'); // 2^40 copies of `edges` (1 each) are counted even when the page is empty
    expect(underEmptyPage.visited).toBeLessThanOrEqual(1 + 3 + 2 * 40);
  });

  it('measures a fragment spread in different types once per type', () => {
    const result = measure('{ dossier(code: "x") { ...C } document(code: "y") { ...C } } fragment C on Node { id }');
    expect(result.fragmentsMeasured).toBe(2);
  });
});

describe('validation of the bomb: no rule of ours expands fragments', () => {
  /** Wraps a rule so that the fragment look-ups it makes are counted. */
  function counted(rule: ValidationRule, counter: { lookups: number }): ValidationRule {
    return (context: ValidationContext) => {
      // One context for every rule: wrap its look-up once.
      const marked = context as ValidationContext & { counted?: true };
      if (!marked.counted) {
        marked.counted = true;
        const getFragment = context.getFragment.bind(context);
        context.getFragment = (name) => {
          counter.lookups += 1;
          return getFragment(name);
        };
      }
      return rule(context);
    };
  }

  it('counts aliases through 22 levels of fragments with one look-up per fragment, and refuses them', () => {
    const bomb = parse(fragmentBomb(22, { leaf: 'a: procedures { code }' }));
    const graphqlRules = { lookups: 0 };
    expect(validate(schema, bomb, specifiedRules.map((rule) => counted(rule, graphqlRules)))).toEqual([]);
    const withOurs = { lookups: 0 };
    const errors = validate(schema, bomb, [...specifiedRules, maxAliasesRule(30)].map((rule) => counted(rule, withOurs)));
    // graphql-js's own rules look each fragment up a few times (linear); the alias rule once more per fragment.
    expect(graphqlRules.lookups).toBeLessThan(10 * 23);
    expect(withOurs.lookups - graphqlRules.lookups).toBe(23);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/more aliases than the 30 allowed \(Aliases limit of 30 exceeded, found 4194304\.\)/);
    expect(errors[0].extensions).toMatchObject({ reason: 'TOO_MANY_ALIASES', maxAliases: 30 });
  });

  it('lets a document within the cap through', () => {
    const counter = { lookups: 0 };
    const errors = validate(schema, parse('{ a: procedures { code } b: procedures { code } __typename }'), [...specifiedRules, counted(maxAliasesRule(2), counter)]);
    expect(errors).toEqual([]);
  });
});

describe("resolvers' look-ahead (selectsField)", () => {
  it('looks into each fragment once, not into 2^levels expansions', () => {
    const document = parse(fragmentBomb(40, { on: 'SearchResultConnection', leaf: '__typename', root: '{ search(query: "an") { ...F40 } }' }));
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    let lookups = 0;
    const counted = new Proxy(fragments, {
      get(target, name: string) {
        // Fails fast instead of hanging if it ever expands again.
        if (++lookups > 1_000) throw new Error(`selectsField looked into ${lookups} fragments: it expands them`);
        return target[name];
      },
    });
    const info = { fieldNodes: [operation.selectionSet.selections[0]], fragments: counted } as unknown as GraphQLResolveInfo;
    expect(selectsField(info, 'facets')).toBe(false);
    expect(lookups).toBe(41);
    const withFacets = parse('{ search(query: "an") { ...A } } fragment A on SearchResultConnection { ...B } fragment B on SearchResultConnection { facets { field } }');
    const op = withFacets.definitions[0] as OperationDefinitionNode;
    const frags = Object.fromEntries(withFacets.definitions.slice(1).map((d) => [(d as FragmentDefinitionNode).name.value, d]));
    expect(selectsField({ fieldNodes: [op.selectionSet.selections[0]], fragments: frags } as unknown as GraphQLResolveInfo, 'facets')).toBe(true);
  });
});

describe('purposeOf', () => {
  it('reads the purpose header, continued over the following comment lines', () => {
    expect(purposeOf('# purpose: Issue a card\n#   for a child under six\nquery A { __typename }')).toBe('Issue a card for a child under six');
    expect(purposeOf('# reviewed by X\n# Purpose:  Audit\nquery A { __typename }')).toBe('Audit');
    expect(purposeOf('query A { __typename }')).toBeNull();
    expect(purposeOf('# purpose:\nquery A { __typename }')).toBeNull();
  });
});
