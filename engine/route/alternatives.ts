import { InputError } from '../errors.js';
import { DEFAULT_CORRIDOR_M, forEachRoadInCorridor, RouteCorridor, routeLine } from './corridor.js';
import type { CompiledOverlay } from './overlay.js';
import { ALTERNATIVES } from './policy.js';
import type { Router } from './router.js';
import { routeCostUnder } from './route-summary.js';
import type { RouteEndpoint, RouteFound, RouteResult } from './types.js';

export interface AlternativesOptions {
  /** Number of routes wanted, the fastest included (default 3, 1..10). */
  k?: number;
  /** Each route costs at most this times the fastest (default: the routing policy's, policy.ts). */
  maxStretch?: number;
  /**
   * Each route has at most this fraction of its length within the corridor of any route chosen before it
   * (default: the routing policy's, policy.ts).
   */
  maxShare?: number;
  /**
   * Corridor half-width in metres (default 30): a stretch of a route within this distance of another route
   * counts as shared, so the other carriageway of a dual carriageway is the same road.
   */
  corridorM?: number;
  overlay?: CompiledOverlay;
}

/** Each round multiplies the cost of the roads along the last route found by up to this much. */
const PENALTY = 1.35;
/** Roads with less than this share of their length in a route's corridor (cross streets) keep their cost. */
const MIN_PENALIZED_SHARE = 0.5;
/** Penalty rounds per wanted route before giving up. */
const ROUNDS_PER_ROUTE = 6;

/**
 * Up to k routes by the penalty method (as in GraphHopper's and Bader et al.'s alternative routes): search
 * again with the cost of the roads along the routes already found raised — every road lying mostly within
 * corridorM of the last route, not only its own edges, so a parallel carriageway is penalised too — and
 * keep a route only when, measured on the real costs, it is within maxStretch of the fastest, has at most
 * maxShare of its length within the corridor of each route kept before, and visits no node twice. The
 * first route is always the fastest (the same search as Router.fastest). When the fastest does not exist
 * the result is that one RouteNotFound.
 */
export function findAlternatives(router: Router, from: RouteEndpoint, to: RouteEndpoint, opts: AlternativesOptions = {}): RouteResult[] {
  const k = opts.k ?? 3;
  const maxStretch = opts.maxStretch ?? ALTERNATIVES.maxStretch;
  const maxShare = opts.maxShare ?? ALTERNATIVES.maxShare;
  const corridorM = opts.corridorM ?? DEFAULT_CORRIDOR_M;
  if (!Number.isInteger(k) || k < 1 || k > 10) throw new InputError(`alternatives: k ${k} must be an integer from 1 to 10`);
  if (!(maxStretch >= 1)) throw new InputError(`alternatives: maxStretch ${maxStretch} must be ≥ 1`);
  if (!(maxShare >= 0 && maxShare <= 1)) throw new InputError(`alternatives: maxShare ${maxShare} must lie in [0, 1]`);
  if (!(corridorM >= 0 && corridorM < Infinity)) throw new InputError(`alternatives: corridorM ${corridorM} must be a finite number of metres ≥ 0`);
  const graph = router.graph;
  const cost = opts.overlay?.costS ?? graph.timeS;
  const time = opts.overlay?.timeS ?? graph.timeS;
  const best = router.fastest(from, to, opts.overlay ? { overlay: opts.overlay } : {});
  if (!best.found || k === 1) return [best];
  const proj = router.proj();
  const chosen: RouteFound[] = [best];
  const corridors: RouteCorridor[] = [new RouteCorridor(graph, best, proj, corridorM)];
  const penalized = router.scratch();
  penalized.set(cost);
  // Penalised costs only grow, so the A* potential of the real costs stays admissible.
  const kH = router.heuristicK(graph.timeS) * (opts.overlay?.minCostFactor ?? 1);
  let lastCorridor = corridors[0]!;
  for (let round = 0; round < ROUNDS_PER_ROUTE * k && chosen.length < k; round++) {
    forEachRoadInCorridor(graph, lastCorridor, proj, MIN_PENALIZED_SHARE, (e, share) => {
      const f = 1 + (PENALTY - 1) * share;
      penalized[e] = penalized[e]! * f;
      const t = graph.twin[e]!;
      if (t >= 0) penalized[t] = penalized[t]! * f;
    });
    const r = router.routeWithWeights(from, to, penalized, time, 'astar', kH);
    if (!r.found) break;
    lastCorridor = new RouteCorridor(graph, r, proj, corridorM);
    const realCost = routeCostUnder(r, cost);
    if (realCost > maxStretch * best.costS) continue;
    if (new Set(r.nodes).size !== r.nodes.length) continue;
    const line = routeLine(graph, r);
    if (corridors.some((c) => c.shareOfLine(line) > maxShare)) continue;
    chosen.push({ ...r, costS: realCost });
    corridors.push(lastCorridor);
  }
  return chosen;
}
