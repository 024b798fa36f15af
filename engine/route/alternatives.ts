import { InputError } from '../errors.js';
import type { CompiledOverlay } from './overlay.js';
import type { Router } from './router.js';
import { routeCostUnder, sharedLengthM } from './route-summary.js';
import type { RouteEndpoint, RouteFound, RouteResult } from './types.js';

export interface AlternativesOptions {
  /** Number of routes wanted, the fastest included (default 3, 1..10). */
  k?: number;
  /** Each route costs at most this times the fastest (default 1.4). */
  maxStretch?: number;
  /** Each route shares at most this fraction of its length with any route chosen before it (default 0.6). */
  maxShare?: number;
  overlay?: CompiledOverlay;
}

/** Each round multiplies the cost of the edges of the last route found by this much. */
const PENALTY = 1.35;
/** Penalty rounds per wanted route before giving up. */
const ROUNDS_PER_ROUTE = 6;

/**
 * Up to k routes by the penalty method (as in GraphHopper's and Bader et al.'s alternative routes): search
 * again with the cost of the edges already used raised, and keep a route only when, measured on the real
 * costs, it is within maxStretch of the fastest, shares at most maxShare of its length with each route
 * kept before, and visits no node twice. The first route is always the fastest. When the fastest does not
 * exist the result is that one RouteNotFound.
 */
export function findAlternatives(router: Router, from: RouteEndpoint, to: RouteEndpoint, opts: AlternativesOptions = {}): RouteResult[] {
  const k = opts.k ?? 3;
  const maxStretch = opts.maxStretch ?? 1.4;
  const maxShare = opts.maxShare ?? 0.6;
  if (!Number.isInteger(k) || k < 1 || k > 10) throw new InputError(`alternatives: k ${k} must be an integer from 1 to 10`);
  if (!(maxStretch >= 1)) throw new InputError(`alternatives: maxStretch ${maxStretch} must be ≥ 1`);
  if (!(maxShare >= 0 && maxShare <= 1)) throw new InputError(`alternatives: maxShare ${maxShare} must lie in [0, 1]`);
  const graph = router.graph;
  const cost = opts.overlay?.costS ?? graph.timeS;
  const time = opts.overlay?.timeS ?? graph.timeS;
  const best = router.fastest(from, to, opts.overlay ? { overlay: opts.overlay } : {});
  if (!best.found || k === 1) return [best];
  const chosen: RouteFound[] = [best];
  const penalized = router.scratch();
  penalized.set(cost);
  // Penalised costs only grow, so the A* potential of the real costs stays admissible.
  const kH = router.heuristicK(graph.timeS) * (opts.overlay?.minCostFactor ?? 1);
  let last: RouteFound = best;
  for (let round = 0; round < ROUNDS_PER_ROUTE * k && chosen.length < k; round++) {
    for (const e of last.edges) {
      penalized[e] = penalized[e]! * PENALTY;
      const t = graph.twin[e]!;
      if (t >= 0) penalized[t] = penalized[t]! * PENALTY;
    }
    const r = router.routeWithWeights(from, to, penalized, time, 'astar', kH);
    if (!r.found) break;
    last = r;
    const realCost = routeCostUnder(r, cost);
    if (realCost > maxStretch * best.costS) continue;
    if (new Set(r.nodes).size !== r.nodes.length) continue;
    if (chosen.some((c) => sharedLengthM(graph, r, c) > maxShare * r.lengthM)) continue;
    chosen.push({ ...r, costS: realCost });
  }
  return chosen;
}
