/**
 * For each option, the index of the first earlier option whose route is exactly the same sequence of
 * edges (-1 when none, or when it has no route): such options are one route and share one result.
 */
export function sameRouteIndex(routes: readonly (readonly number[] | null)[]): number[] {
  const first = new Map<string, number>();
  return routes.map((edges, i) => {
    if (!edges || edges.length === 0) return -1;
    const key = edges.join(',');
    const j = first.get(key);
    if (j !== undefined) return j;
    first.set(key, i);
    return -1;
  });
}
