/**
 * Options of one movement that drive the same route: the same edges, entered and left at the same
 * fractions of the first and last edge (options start and end at the movement's places, but a fixed
 * route may be snapped differently from a searched one, which changes its length and time).
 */

/** A route's identity: its edge sequence and the fractions where it enters the first and leaves the last. */
export function routeKey(edges: ArrayLike<number>, fromFraction: number, toFraction: number): string {
  return `${fromFraction}|${toFraction}|${Array.prototype.join.call(edges, ',')}`;
}

/**
 * For each option, the index of the first earlier option with the same route key (-1 when none, or when it
 * has no route, given as null): such options are one route and share one result.
 */
export function sameRouteIndex(keys: readonly (string | null)[]): number[] {
  const first = new Map<string, number>();
  return keys.map((key, i) => {
    if (key === null) return -1;
    const j = first.get(key);
    if (j !== undefined) return j;
    first.set(key, i);
    return -1;
  });
}
