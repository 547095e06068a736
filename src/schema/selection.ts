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

/**
 * The dotted paths of every field selected under the field being resolved
 * (`components`, `components.document`, …), through fragments, to `depth` levels.
 */
export function selectedPaths(info: GraphQLResolveInfo, depth = 4): Set<string> {
  const paths = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, prefix: string, level: number) => {
    if (!set || level > depth) return;
    for (const selection of set.selections) {
      if (selection.kind === 'Field') {
        const path = prefix + selection.name.value;
        paths.add(path);
        walk(selection.selectionSet, `${path}.`, level + 1);
      } else {
        walk(selection.kind === 'InlineFragment' ? selection.selectionSet : info.fragments[selection.name.value]?.selectionSet, prefix, level);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, '', 1);
  return paths;
}
