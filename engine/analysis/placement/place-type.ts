import { haversineM } from '../../geo/haversine.js';
import { RESPONDER_TYPES, type ResponderType } from '../../model/run-result.js';
import type { AlongRouteStats } from '../../model/sample-summary.js';
import type { PreparedRun } from '../../sim/prepared-run.js';
import type { CandidateSite } from './candidate-site.js';
import type { PlacementDemand } from './demand.js';
import { better, PlacementEvaluator, type PlacementObjective, type PlacementScore } from './evaluator.js';
import type { PlacementUnit } from './placement-units.js';
import { exhaustive, multiStart, randomPlacements } from './search.js';
import { SiteTimes } from './site-times.js';

/** A unit counts as posted at a candidate site when it is this close to it (m). */
export const SAME_SITE_M = 25;

export interface PlaceTypeOptions {
  objective: PlacementObjective;
  /** Candidate site indices this type may use (default all); the units' current sites are always allowed. */
  sites?: readonly number[];
  /** Per demand edge, how much its length counts (default 1 everywhere). */
  weight?: Float64Array;
  /** Also search every placement (sites^units) and report the gap. */
  exhaustive?: boolean;
  /** Also score this many uniform random placements. */
  random?: number;
  seed?: string;
}

export interface PlacedUnit {
  unit: PlacementUnit;
  /** Candidate site index in the scenario as written, −1 for a new unit. */
  from: number;
  to: number;
}

export interface RouteCoverage {
  movementId: string;
  optionId: string;
  before: AlongRouteStats;
  after: AlongRouteStats;
}

export interface TypePlacement {
  type: ResponderType;
  objective: PlacementObjective;
  targetS: number;
  units: PlacedUnit[];
  /** Candidate site indices searched. */
  sites: number[];
  before: PlacementScore;
  after: PlacementScore;
  routes: RouteCoverage[];
  /** Placements scored by greedy + swap (every start). */
  evaluations: number;
  /** One-to-all searches behind the precomputed site times. */
  searches: number;
  exhaustive?: { score: PlacementScore; evaluations: number };
  random?: { count: number; best: PlacementScore; median: PlacementScore; notBetter: number };
  /** Per route edge, response time before and after (s), for the team roles. */
  edgeBefore: Float64Array;
  edgeAfter: Float64Array;
  evaluator: PlacementEvaluator;
  siteTimes: SiteTimes;
}

/**
 * Place the units of one responder type: greedy + swap local search from several starts (search.ts
 * multiStart), one of them the placement as written, so the result is never worse than the scenario's own,
 * and on ties it is the scenario's (fewer moves).
 */
export function placeType(ctx: PreparedRun, demand: PlacementDemand, sites: readonly CandidateSite[], type: ResponderType, units: readonly PlacementUnit[], opts: PlaceTypeOptions): TypePlacement {
  const current = Int32Array.from(units, (u) => (u.current ? siteAt(sites, u.current.lon, u.current.lat) : -1));
  const missing = units.find((u, i) => u.current && current[i]! < 0);
  if (missing) throw new Error(`candidate sites must include every current post (candidateSites does): ${missing.id} is not at any`);
  const allowed = [...new Set([...(opts.sites ?? sites.map((_, i) => i)), ...current].filter((s) => s >= 0))].sort((a, b) => a - b);
  const times = new SiteTimes(ctx, demand, sites, units);
  const targetS = ctx.responseTargetS[RESPONDER_TYPES.indexOf(type)]!;
  const ev = new PlacementEvaluator(times, demand, targetS, opts.objective, opts.weight);
  const before = ev.score(current);
  const best = multiStart(ev, units.length, allowed, current);
  const evaluations = best.evaluations;
  const result: TypePlacement = {
    type,
    objective: opts.objective,
    targetS,
    units: units.map((unit, u) => ({ unit, from: current[u]!, to: best.assignment[u]! })),
    sites: allowed,
    before,
    after: best.score,
    routes: [],
    evaluations,
    searches: times.searches,
    edgeBefore: ev.edgeTimes(current).slice(),
    edgeAfter: ev.edgeTimes(best.assignment).slice(),
    evaluator: ev,
    siteTimes: times,
  };
  const statsBefore = ev.routeStats(current);
  const statsAfter = ev.routeStats(best.assignment);
  result.routes = demand.routes.map((r, i) => ({ movementId: r.movementId, optionId: r.optionId, before: statsBefore[i]!, after: statsAfter[i]! }));
  if (opts.exhaustive) {
    const ex = exhaustive(ev, units.length, allowed);
    result.exhaustive = { score: ex.score, evaluations: ex.evaluations };
  }
  if (opts.random && opts.random > 0) {
    const scores = randomPlacements(ev, units.length, allowed, opts.random, `${opts.seed ?? ctx.seed}|${type}`);
    const ranked = [...scores].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    result.random = { count: scores.length, best: ranked[0]!, median: ranked[Math.floor(ranked.length / 2)]!, notBetter: scores.filter((s) => !better(s, best.score)).length };
  }
  return result;
}

/** The first candidate within SAME_SITE_M of a point, or −1. */
export function siteAt(sites: readonly CandidateSite[], lon: number, lat: number): number {
  return sites.findIndex((s) => haversineM(s.lon, s.lat, lon, lat) <= SAME_SITE_M);
}
