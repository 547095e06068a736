/** The cost model of hardening-limits.ts on small operations whose cost can be counted by hand. */
import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Kind, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { createSchema } from '../../src/schema/build-schema.js';
import { measureOperation, UNPAGED_LIST_SIZE } from '../../src/http/hardening-limits.js';
import { DEFAULT_PAGE_SIZE } from '../../src/services/core/pagination.js';
import { purposeOf } from '../../src/partners/publish.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

function measure(source: string, variables: Record<string, unknown> = {}, maxPageSize = 100) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return measureOperation(schema, document, operation, variables, maxPageSize);
}

describe('measureOperation', () => {
  it('counts one per field and the nesting depth', () => {
    expect(measure('{ dossier(code: "x") { code status procedure { code name } } }')).toEqual({ depth: 3, cost: 1 + 1 + 1 + (1 + 2), oversizedPage: null });
  });

  it("multiplies a connection's selection by its page size, and not again by its edges", () => {
    // dossiers: 1 + 5 × (edges: 1 + 1 × (node: 1 + code 1))
    expect(measure('{ dossiers(first: 5) { edges { node { code } } } }').cost).toBe(1 + 5 * (1 + (1 + 1)));
    expect(measure('query Q($n: Int) { dossiers(first: $n) { edges { node { code } } } }', { n: 7 }).cost).toBe(1 + 7 * 3);
    expect(measure('query Q($n: Int = 3) { dossiers(first: $n) { edges { node { code } } } }').cost).toBe(1 + 3 * 3);
    expect(measure('{ dossiers { edges { node { code } } } }').cost).toBe(1 + DEFAULT_PAGE_SIZE * 3);
  });

  it('counts an unpaged list as UNPAGED_LIST_SIZE items', () => {
    expect(measure('{ procedures { code requiredComponents { code } } }').cost).toBe(1 + UNPAGED_LIST_SIZE * (1 + (1 + UNPAGED_LIST_SIZE * 1)));
  });

  it('follows fragments and leaves introspection free', () => {
    const withFragment = measure('{ dossier(code: "x") { ...D __typename } } fragment D on Dossier { code procedure { code } }');
    expect(withFragment).toEqual({ depth: 3, cost: 1 + (1 + (1 + 1)), oversizedPage: null });
    expect(measure('{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }')).toEqual({ depth: 0, cost: 0, oversizedPage: null });
  });

  it('reports the first page over the cap', () => {
    expect(measure('{ dossiers(first: 101) { totalCount } }').oversizedPage).toEqual({ field: 'Query.dossiers', first: 101 });
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
