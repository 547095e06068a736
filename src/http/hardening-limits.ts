/**
 * Depth, cost, root-field and page-size limits of an operation, checked once
 * the operation is resolved (variables known) and before it executes: a
 * refused operation runs no SQL. The cost is also what the operation draws
 * from its caller's budget of the minute (cost-budget.ts).
 *
 * Cost: every field costs 1, and a field's selection costs as many times as
 * the field can return items. A connection field (one with a `first` argument)
 * costs CONNECTION_BASE_COST — the queries it runs whatever its page (the page
 * query, the count, facets, a search) — plus its own fields once (`totalCount`,
 * `pageInfo`, `facets`) and its item lists (`edges`, `nodes`) `first` times
 * (the default page size when absent). So `first: 0` is not free: a thousand
 * aliased `search(first: 0)` cost what a thousand searches do. Any other list
 * (catalog lists, components) counts as UNPAGED_LIST_SIZE items. Introspection
 * fields (`__typename`, `__schema`, `__type`) are free: introspection is off in production.
 *
 * Linear in the document: each fragment is measured once per parent type (and
 * page size, for fragments on a connection) and reused, so a fragment spread
 * twice at each of 22 levels is 22 measurements, not 2^22 expansions; and the
 * walk stops at the first limit crossed. `visited` counts the selections the
 * walk looked at: the work done, which the tests assert.
 */
import {
  GraphQLError, Kind, getNamedType, getNullableType, isInterfaceType, isListType, isObjectType,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule as armorMaxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import type { AppConfig } from '../config.js';
import type { Context } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { requestError } from '../schema/errors.js';
import { httpStatusOf } from './errors.js';
import { DEFAULT_PAGE_SIZE } from '../services/core/pagination.js';

/** Items assumed for a list field that has no page size. */
export const UNPAGED_LIST_SIZE = 10;

/** What a connection costs whatever its page size: its queries (page, count, facets, the search itself). */
export const CONNECTION_BASE_COST = 20;

export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  maxRootFields: number;
  maxPageSize: number;
}

/** The first limit the walk found crossed; it stopped there. */
export type CrossedLimit = 'depth' | 'cost' | 'rootFields' | 'pageSize';

export interface OperationMeasure {
  /** Deepest field nesting; a root field is at depth 1. When `crossed` is `depth`: the first depth over the limit. */
  depth: number;
  /** Estimated cost. When `crossed` is `cost`: a lower bound, already over the limit. */
  cost: number;
  /** Root fields once fragments are expanded (introspection fields left out). */
  rootFields: number;
  /** The first `first` argument above the page-size cap, if any. */
  oversizedPage: { field: string; first: number } | null;
  /** Selections (fields, spreads, inline fragments) the walk looked at: the work this measure did. */
  visited: number;
  /** Fragment bodies measured (each at most once per parent type and page size). */
  fragmentsMeasured: number;
  crossed: CrossedLimit | null;
}

/** What a selection set measures; memoized per fragment. */
interface SetMeasure {
  cost: number;
  /** Deepest nesting below the set's parent (0 without fields). */
  depth: number;
  /** Fields at the set's own level, through its fragments (root fields when the set is the operation's). */
  fields: number;
}

class LimitCrossed extends Error {
  constructor(readonly limit: CrossedLimit) {
    super(limit);
  }
}

function variableValues(operation: OperationDefinitionNode, given: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const value = definition.defaultValue;
    if (value?.kind === Kind.INT) values[definition.variable.name.value] = Number(value.value);
  }
  return { ...values, ...given };
}

function pageArgument(node: FieldNode, variables: Record<string, unknown>): number | undefined {
  const argument = node.arguments?.find((a) => a.name.value === 'first');
  if (!argument) return undefined;
  const value = argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : argument.value.kind === Kind.INT ? Number(argument.value.value) : undefined;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** A connection's lists that hold its page's items; its other lists (facets) are not paged. */
const PAGE_ITEM_LISTS = new Set(['edges', 'nodes']);

const isConnection = (type: GraphQLNamedType | undefined): boolean => Boolean(type?.name.endsWith('Connection'));

export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  givenVariables: Record<string, unknown>,
  limits: OperationLimits,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variables = variableValues(operation, givenVariables);
  const measure: OperationMeasure = { depth: 0, cost: 0, rootFields: 0, oversizedPage: null, visited: 0, fragmentsMeasured: 0, crossed: null };
  // Per fragment, parent type and page size: measured once, then reused. `null` marks one being measured (a cycle; validation refuses those, this only guards).
  const memo = new Map<string, SetMeasure | null>();

  /**
   * Measures a selection set whose parent is at `depth` (0 for the operation),
   * reached `multiplier` times (the product of the list sizes above it), inside
   * a connection of `page` items when the parent is a connection type.
   */
  const measureSet = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, depth: number, multiplier: number, page: number): SetMeasure => {
    const result: SetMeasure = { cost: 0, depth: 0, fields: 0 };
    const add = (inner: SetMeasure, depthOffset: number) => {
      result.cost += inner.cost;
      result.depth = Math.max(result.depth, inner.depth + depthOffset);
      result.fields += inner.fields;
      // Stop at the first limit crossed: what this set already costs, times how often it is reached, only grows from here.
      if (depth === 0 && result.fields > limits.maxRootFields) throw new LimitCrossed('rootFields');
      if (depth + result.depth > limits.maxDepth) {
        measure.depth = depth + result.depth;
        throw new LimitCrossed('depth');
      }
      if (multiplier > 0 && result.cost * multiplier > limits.maxCost) {
        measure.cost = result.cost * multiplier;
        throw new LimitCrossed('cost');
      }
    };
    for (const selection of set.selections) {
      measure.visited += 1;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const type = getNamedType(field.type);
        const { items, innerPage, base } = itemsOf(field, selection, parent, page);
        const inner = selection.selectionSet ? measureSet(selection.selectionSet, type, depth + 1, multiplier * items, innerPage) : { cost: 0, depth: 0, fields: 0 };
        add({ cost: base + items * inner.cost, depth: 1 + inner.depth, fields: 1 }, 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? undefined) : parent;
        add({ ...measureSet(selection.selectionSet, type, depth, multiplier, page) }, 0);
      } else {
        add(measureFragment(selection.name.value, parent, depth, multiplier, page), 0);
      }
    }
    return result;
  };

  const measureFragment = (name: string, parent: GraphQLNamedType | undefined, depth: number, multiplier: number, page: number): SetMeasure => {
    const fragment = fragments.get(name);
    if (!fragment) return { cost: 0, depth: 0, fields: 0 };
    // A fragment's measure depends on the type it is spread in (which fields exist) and, on a connection, the page size.
    const key = `${name}\u0000${parent?.name ?? ''}\u0000${isConnection(parent) ? page : ''}`;
    const known = memo.get(key);
    if (known) return known;
    if (known === null) return { cost: 0, depth: 0, fields: 0 };
    memo.set(key, null);
    measure.fragmentsMeasured += 1;
    const type = schema.getType(fragment.typeCondition.name.value) ?? undefined;
    // The fragment's type condition narrows the parent; its fields are looked up there.
    const measured = measureSet(fragment.selectionSet, type, depth, multiplier, page);
    memo.set(key, measured);
    return measured;
  };

  /** How many times a field's selection counts, the page its connection type's item lists hold, and its own base cost. */
  const itemsOf = (field: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLNamedType, page: number): { items: number; innerPage: number; base: number } => {
    if (field.args.some((a) => a.name === 'first')) {
      const first = pageArgument(node, variables);
      if (first !== undefined && first > limits.maxPageSize) {
        measure.oversizedPage ??= { field: `${parent.name}.${field.name}`, first };
        throw new LimitCrossed('pageSize');
      }
      // The connection's own fields once; its item lists (edges, nodes) `first` times, below. A negative `first` is refused by the resolver; it never lowers a cost.
      return { items: 1, innerPage: Math.max(0, first ?? DEFAULT_PAGE_SIZE), base: CONNECTION_BASE_COST };
    }
    if (!isListType(getNullableType(field.type))) return { items: 1, innerPage: 0, base: 1 };
    return { items: isConnection(parent) && PAGE_ITEM_LISTS.has(field.name) ? page : UNPAGED_LIST_SIZE, innerPage: 0, base: 1 };
  };

  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  try {
    const total = measureSet(operation.selectionSet, root ?? undefined, 0, 1, 0);
    measure.cost = total.cost;
    measure.depth = total.depth;
    measure.rootFields = total.fields;
  } catch (error) {
    if (!(error instanceof LimitCrossed)) throw error;
    measure.crossed = error.limit;
  }
  return measure;
}

function operationRefusal(error: DomainError): GraphQLError {
  return requestError(error, httpStatusOf(error));
}

/** Refuses, before execution, an operation deeper, costlier, wider at the root or with larger pages than the configuration allows. */
export function operationLimitsPlugin(
  config: Pick<AppConfig, 'maxQueryDepth' | 'maxQueryCost' | 'maxPageSize' | 'maxRootFields'>,
  onMeasured?: (context: Context, cost: number) => Promise<void>,
): ApolloServerPlugin<Context> {
  const limits: OperationLimits = { maxDepth: config.maxQueryDepth, maxCost: config.maxQueryCost, maxRootFields: config.maxRootFields, maxPageSize: config.maxPageSize };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const { depth, cost, oversizedPage, crossed } = measureOperation(schema, document, operation, request.variables ?? {}, limits);
          switch (crossed) {
            case 'depth':
              throw operationRefusal(new DomainError('QUERY_TOO_DEEP', `The operation nests fields ${depth} deep; the maximum is ${config.maxQueryDepth}`, { depth, maxDepth: config.maxQueryDepth }));
            case 'pageSize':
              throw operationRefusal(
                new DomainError('PAGE_SIZE_EXCEEDED', `\`first\` of ${oversizedPage!.field} is ${oversizedPage!.first}; it may be at most ${config.maxPageSize}`, { field: oversizedPage!.field, max: config.maxPageSize }),
              );
            case 'rootFields':
              throw operationRefusal(new DomainError('TOO_MANY_ROOT_FIELDS', `The operation selects more than ${config.maxRootFields} root fields; send several operations`, { maxRootFields: config.maxRootFields }));
            case 'cost':
              throw operationRefusal(
                new DomainError('QUERY_TOO_COSTLY', `The operation's estimated cost is at least ${cost}; the maximum is ${config.maxQueryCost}. Ask for smaller pages or fewer nested lists`, { cost, maxCost: config.maxQueryCost }),
              );
            case null:
              break;
          }
          await onMeasured?.(contextValue, cost);
        },
      };
    },
  };
}

/**
 * Aliases beyond `max` are refused at validation, before the operation is even
 * resolved: graphql-armor's rule (@escape.tech/graphql-armor-max-aliases), which
 * counts through fragments and measures each fragment once, so it is linear
 * like the walk above. Reported as a validation error (HTTP 400, reason
 * TOO_MANY_ALIASES), not thrown out of `validate()`.
 */
export function maxAliasesRule(max: number) {
  return armorMaxAliasesRule({
    n: max,
    propagateOnRejection: false,
    onReject: [
      (context, error) =>
        context?.reportError(
          new GraphQLError(`The operation uses more aliases than the ${max} allowed (${error.message.replace(/^Syntax Error: /, '')})`, {
            extensions: { reason: 'TOO_MANY_ALIASES', maxAliases: max },
          }),
        ),
    ],
  });
}
