import type { CompiledOverlay, EdgePosition, Router } from '../../engine/route/index.js';

/** Durations (s) and distances (m) from each source to each target, row-major; Infinity = unreachable. */
export interface TravelMatrix {
  durations: Float64Array;
  /** Present when asked for: length of the least-cost route of each pair. */
  distances?: Float64Array;
}

/**
 * The many-to-many matrix behind /table: Router.table, one bucket-based many-to-many search on the
 * contraction hierarchy (the customizable one under an overlay), never a search per pair. Durations are
 * travel times of the least-cost route (speed factors applied, avoid penalties not), as OSRM reports them.
 */
export function travelMatrix(router: Router, sources: readonly EdgePosition[], targets: readonly EdgePosition[], opts: { overlay?: CompiledOverlay | undefined; distances?: boolean }): TravelMatrix {
  const t = router.table(sources, targets, opts.overlay ? { overlay: opts.overlay } : {});
  return opts.distances ? { durations: t.durationsS, distances: t.distancesM } : { durations: t.durationsS };
}
