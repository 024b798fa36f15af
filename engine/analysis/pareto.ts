/** A point of the time–exposure plane: mean travel time (s) and mean total exposure (exposure-s) of an option. */
export interface TimeExposure {
  id: string;
  timeS: number;
  exposure: number;
}

/**
 * For each point, the first other point (in the given order) that dominates it — no slower and no more
 * exposed, and strictly better in one — or null when it is on the time–exposure Pareto front. O(n²): a
 * movement has a handful of options.
 */
export function dominators(points: readonly TimeExposure[]): (string | null)[] {
  return points.map((p) => {
    const d = points.find((q) => q !== p && q.timeS <= p.timeS && q.exposure <= p.exposure && (q.timeS < p.timeS || q.exposure < p.exposure));
    return d ? d.id : null;
  });
}
