/** Look-ahead into a resolver's selection set, to skip work nobody asked for. */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Each named fragment is looked into once, as graphql-js's own field collection
 * does: a fragment spread twice at each of many levels is not expanded again
 * and again (2^levels), only visited once per name.
 */
function selectsIn(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, field: string, visited: Set<string>): boolean {
  return (set?.selections ?? []).some((selection) => {
    if (selection.kind === 'Field') return selection.name.value === field;
    if (selection.kind === 'InlineFragment') return selectsIn(info, selection.selectionSet, field, visited);
    if (visited.has(selection.name.value)) return false;
    visited.add(selection.name.value);
    return selectsIn(info, info.fragments[selection.name.value]?.selectionSet, field, visited);
  });
}

/** Whether the field being resolved selects `field` directly (through fragments too). */
export function selectsField(info: GraphQLResolveInfo, field: string): boolean {
  const visited = new Set<string>();
  return info.fieldNodes.some((node) => selectsIn(info, node.selectionSet, field, visited));
}
