/** Look-ahead into a resolver's selection set, to skip work nobody asked for. */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

function selectsIn(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, field: string): boolean {
  return (set?.selections ?? []).some((selection) => {
    if (selection.kind === 'Field') return selection.name.value === field;
    if (selection.kind === 'InlineFragment') return selectsIn(info, selection.selectionSet, field);
    return selectsIn(info, info.fragments[selection.name.value]?.selectionSet, field);
  });
}

/** Whether the field being resolved selects `field` directly (through fragments too). */
export function selectsField(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) => selectsIn(info, node.selectionSet, field));
}
