import { InputError } from '../errors.js';
import type { CompiledOverlay } from './overlay.js';
import type { Router } from './router.js';
import { routeCostUnder } from './route-summary.js';
import type { RouteEndpoint, RouteFound, RouteNotFound } from './types.js';

export interface SafestOptions {
  /** Threat zones and chokepoints as penalties: exposure of an edge = its costS − timeS in this overlay. */
  exposureOverlay?: CompiledOverlay;
  /** Instead of exposureOverlay: the exposure of driving each edge (≥ 0, Infinity = closed), per edge. */
  exposureS?: Float64Array;
  /**
   * The exposure of a candidate route, when the per-edge weights only approximate it (e.g. zones active in
   * a time window, evaluated along the route's own timeline). Candidates are accepted and compared by it.
   * Default: the sum of the per-edge exposure.
   */
  exposureOf?: (route: RouteFound) => number;
  /** The caller's fastest route (the option it is compared with); searched here when not given. */
  baseline?: RouteFound;
  /** Accept at most this many seconds more than the fastest route. */
  maxDelayS?: number;
  /** Accept at most this fraction more than the fastest route (0.25 = 25 % longer). Default 0.25 when neither limit is given. */
  maxDelayRatio?: number;
  /** Closures and speed factors that apply to every route (time is measured under it). */
  overlay?: CompiledOverlay;
}

export type SafestRoute =
  | (RouteFound & {
      /** Exposure-weighted seconds of this route (penalty seconds in the exposure overlay). */
      exposureS: number;
      fastestTimeS: number;
      fastestExposureS: number;
      /** Seconds of delay one second of exposure was worth when this route was found. */
      lambda: number;
    })
  | RouteNotFound;

const LAMBDA_MIN = 1e-3;
const LAMBDA_MAX = 1e4;
const BISECTIONS = 14;

/**
 * Minimum exposure subject to time ≤ budget (the fastest time plus the allowed delay), a resource-
 * constrained shortest path solved by Lagrangian relaxation: routes minimising time + λ·exposure for λ
 * found by bisection on a log scale. The result is the least-exposed route found within the budget (the
 * fastest route when nothing better fits), so it is never slower than allowed and, measured by
 * `exposureOf`, never more exposed than the fastest; like all Lagrangian methods it can miss a feasible
 * route that no λ makes optimal.
 */
export function findSafest(router: Router, from: RouteEndpoint, to: RouteEndpoint, opts: SafestOptions): SafestRoute {
  const graph = router.graph;
  const exp = opts.exposureOverlay;
  if (opts.exposureS ? opts.exposureS.length !== graph.edgeCount : !exp || exp.graph !== graph) {
    throw new InputError('safest: give exposureS (one value per edge) or exposureOverlay (a CompiledOverlay of this graph)');
  }
  if (opts.maxDelayS !== undefined && !(opts.maxDelayS >= 0)) throw new InputError(`safest: maxDelayS ${opts.maxDelayS} must be ≥ 0`);
  if (opts.maxDelayRatio !== undefined && !(opts.maxDelayRatio >= 0)) throw new InputError(`safest: maxDelayRatio ${opts.maxDelayRatio} must be ≥ 0`);
  const time = opts.overlay?.timeS ?? graph.timeS;
  const m = graph.edgeCount;
  let exposure = opts.exposureS;
  if (!exposure) {
    exposure = new Float64Array(m);
    for (let e = 0; e < m; e++) {
      const x = exp!.costS[e]! - exp!.timeS[e]!;
      exposure[e] = exp!.closed[e] ? Infinity : x > 0 ? x : 0;
    }
  }
  const weights = exposure;
  const exposureOf = opts.exposureOf ?? ((r: RouteFound) => routeCostUnder(r, weights));
  // time ≥ graph.timeS × (min time factor of the overlay), and the weights below only add exposure to time,
  // so the base A* factor scaled by it is valid for every search here.
  const kH = router.heuristicK(graph.timeS) * (opts.overlay ? minTimeFactor(graph.timeS, time) : 1);
  const fastest = opts.baseline ?? router.routeWithWeights(from, to, time, time, 'astar', kH);
  if (!fastest.found) return fastest;
  const fastExp = exposureOf(fastest);
  let budget = Infinity;
  if (opts.maxDelayS !== undefined) budget = Math.min(budget, fastest.timeS + opts.maxDelayS);
  if (opts.maxDelayRatio !== undefined || opts.maxDelayS === undefined) budget = Math.min(budget, fastest.timeS * (1 + (opts.maxDelayRatio ?? 0.25)));
  budget *= 1 + 1e-12;
  let best: RouteFound = fastest;
  let bestExp = fastExp;
  let bestLambda = 0;
  const w = router.scratch();
  const tryLambda = (lambda: number): boolean => {
    for (let e = 0; e < m; e++) w[e] = time[e]! + lambda * weights[e]!;
    const r = router.routeWithWeights(from, to, w, time, 'astar', kH);
    if (!r.found) return false;
    const ex = exposureOf(r);
    const ok = r.timeS <= budget;
    if (ok && (ex < bestExp - 1e-9 || (Math.abs(ex - bestExp) <= 1e-9 && r.timeS < best.timeS))) {
      best = r;
      bestExp = ex;
      bestLambda = lambda;
    }
    return ok;
  };
  if (fastExp > 0 && !tryLambda(LAMBDA_MAX)) {
    let lo = Math.log(LAMBDA_MIN);
    let hi = Math.log(LAMBDA_MAX);
    for (let i = 0; i < BISECTIONS; i++) {
      const mid = (lo + hi) / 2;
      if (tryLambda(Math.exp(mid))) lo = mid;
      else hi = mid;
    }
  }
  return { ...best, costS: best.timeS, exposureS: bestExp, fastestTimeS: fastest.timeS, fastestExposureS: fastExp, lambda: bestLambda };
}

/** min over edges of time / free-flow time (closed edges and free edges skipped). */
function minTimeFactor(free: Float64Array, time: Float64Array): number {
  let f = 1;
  for (let e = 0; e < free.length; e++) {
    if (free[e]! > 0 && time[e]! < Infinity) {
      const r = time[e]! / free[e]!;
      if (r < f) f = r;
    }
  }
  return f;
}
