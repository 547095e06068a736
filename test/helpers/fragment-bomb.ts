/**
 * The fragment bomb of issue 11 (finding D): an anonymous query of `levels`
 * fragments, each spreading the one below twice (`F_k { ...F_(k-1) ...F_(k-1) }`),
 * so a walk that expands fragments visits 2^levels copies of the leaf.
 */
export function fragmentBomb(levels: number, options: { leaf?: string; on?: string; root?: string } = {}): string {
  const on = options.on ?? 'Query';
  const lines = [options.root ?? `{ ...F${levels} }`, `fragment F0 on ${on} { ${options.leaf ?? 'procedures { code name requiredComponents { code } }'} }`];
  for (let k = 1; k <= levels; k++) lines.push(`fragment F${k} on ${on} { ...F${k - 1} ...F${k - 1} }`);
  return lines.join('\n');
}
