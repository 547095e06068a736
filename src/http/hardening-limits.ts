/**
 * Depth, cost and page-size limits of an operation, checked once the operation
 * is resolved (variables known) and before it executes: a refused operation
 * runs no SQL.
 *
 * Cost: every field costs 1, and a field's selection costs as many times as the
 * field can return items. A connection field (one with a `first` argument)
 * returns `first` items (the default page size when absent); its `edges` list
 * is that same page, so it does not multiply again. Any other list (catalog
 * lists, components) counts as UNPAGED_LIST_SIZE items. Introspection fields
 * (`__typename`, `__schema`, `__type`) are free: introspection is off in production.
 */
import {
  Kind, getNamedType, getNullableType, isInterfaceType, isListType, isObjectType,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AppConfig } from '../config.js';
import type { Context } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { requestError } from '../schema/errors.js';
import { httpStatusOf } from './errors.js';
import { DEFAULT_PAGE_SIZE } from '../services/pagination.js';

/** Items assumed for a list field that has no page size. */
export const UNPAGED_LIST_SIZE = 10;

export interface OperationMeasure {
  /** Deepest field nesting; a root field is at depth 1. */
  depth: number;
  cost: number;
  /** The first `first` argument above the page-size cap, if any. */
  oversizedPage: { field: string; first: number } | null;
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

export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  givenVariables: Record<string, unknown>,
  maxPageSize: number,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variables = variableValues(operation, givenVariables);
  const measure: OperationMeasure = { depth: 0, cost: 0, oversizedPage: null };

  const itemsOf = (field: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLNamedType): number => {
    if (field.args.some((a) => a.name === 'first')) {
      const first = pageArgument(node, variables);
      if (first !== undefined && first > maxPageSize) measure.oversizedPage ??= { field: `${parent.name}.${field.name}`, first };
      return first ?? DEFAULT_PAGE_SIZE;
    }
    if (!isListType(getNullableType(field.type))) return 1;
    return parent.name.endsWith('Connection') ? 1 : UNPAGED_LIST_SIZE;
  };

  // `seen` holds the fragments on the current path; validation already refused cycles, this only guards.
  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, depth: number, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        measure.depth = Math.max(measure.depth, depth);
        const inner = selection.selectionSet ? costOf(selection.selectionSet, getNamedType(field.type), depth + 1, seen) : 0;
        total += 1 + itemsOf(field, selection, parent) * inner;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += costOf(selection.selectionSet, type ?? undefined, depth, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        total += costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, depth, new Set([...seen, name]));
      }
    }
    return total;
  };

  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  measure.cost = costOf(operation.selectionSet, root ?? undefined, 1, new Set());
  return measure;
}

function refuseOperation(error: DomainError): never {
  throw requestError(error, httpStatusOf(error));
}

/** Refuses, before execution, an operation deeper, costlier or with larger pages than the configuration allows. */
export function operationLimitsPlugin(config: Pick<AppConfig, 'maxQueryDepth' | 'maxQueryCost' | 'maxPageSize'>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const { depth, cost, oversizedPage } = measureOperation(schema, document, operation, request.variables ?? {}, config.maxPageSize);
          if (depth > config.maxQueryDepth) {
            refuseOperation(new DomainError('QUERY_TOO_DEEP', `The operation nests fields ${depth} deep; the maximum is ${config.maxQueryDepth}`, { depth, maxDepth: config.maxQueryDepth }));
          }
          if (oversizedPage) {
            refuseOperation(
              new DomainError('PAGE_SIZE_EXCEEDED', `\`first\` of ${oversizedPage.field} is ${oversizedPage.first}; it may be at most ${config.maxPageSize}`, { field: oversizedPage.field, max: config.maxPageSize }),
            );
          }
          if (cost > config.maxQueryCost) {
            refuseOperation(
              new DomainError('QUERY_TOO_COSTLY', `The operation's estimated cost is ${cost}; the maximum is ${config.maxQueryCost}. Ask for smaller pages or fewer nested lists`, { cost, maxCost: config.maxQueryCost }),
            );
          }
        },
      };
    },
  };
}
