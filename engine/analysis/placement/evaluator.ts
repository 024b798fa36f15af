import { alongRouteStats } from '../../metrics/along-route-stats.js';
import type { AlongRouteStats } from '../../model/sample-summary.js';
import type { PlacementDemand } from './demand.js';
import type { SiteTimes } from './site-times.js';

/**
 * What a placement maximises: `within`, the share of route length within the response target over every
 * route (maximal covering); `p95`, the worst route's length-weighted 95th-percentile response time,
 * minimised (p-center, on the percentile the ordinary scoring reports).
 */
export type PlacementObjective = 'within' | 'p95';

export interface PlacementScore {
  /** Weighted share of route length within target, 0..1. */
  withinShare: number;
  /** Largest p95 over the routes with weight (s; Infinity when some of a route is unreachable). */
  worstP95S: number;
  /** Weighted mean response time, each edge capped at CAP_TARGETS × target (s): the last tie-break. */
  cappedMeanS: number;
  /** Compared lexicographically, larger is better: within → [share, −worst p95, −mean]; p95 → [−worst p95, share, −mean]. */
  keys: number[];
}

/** Times beyond this many targets count as this many targets in the tie-break mean (and unreachable too). */
export const CAP_TARGETS = 4;
const EPS = 1e-12;

/** a strictly better than b. */
export function better(a: PlacementScore, b: PlacementScore): boolean {
  for (let i = 0; i < a.keys.length; i++) {
    const d = a.keys[i]! - b.keys[i]!;
    if (d > EPS) return true;
    if (d < -EPS) return false;
  }
  return false;
}

/**
 * Scores placements of one responder type from precomputed SiteTimes. An assignment gives each unit a
 * site index (−1: not placed, as in the middle of greedy). Per evaluation: one pass min-reducing the units'
 * arrays over the demand points, one pass over edges (the worse end, as the ordinary scoring takes), and
 * a sort per route for the p95 (the objective of `p95`, the first tie-break of `within`). Scratch arrays are owned here: evaluation allocates only the score.
 */
export class PlacementEvaluator {
  evaluations = 0;
  private readonly pointBest: Float64Array;
  private readonly edgeValue: Float64Array;
  private readonly weighted: Float64Array;
  private readonly order: Uint32Array;
  /** Per route, views of edgeValue and of the weighted and plain lengths over its edges. */
  private readonly routeViews: { values: Float64Array; weighted: Float64Array; lengths: Float64Array; hasWeight: boolean }[];

  /**
   * weight: per demand edge, how much its length counts in the objective (1 everywhere, or 0/1 to count
   * only the road near suspected devices for EOD); route statistics for the report use plain lengths.
   */
  constructor(
    private readonly times: SiteTimes,
    private readonly demand: PlacementDemand,
    private readonly targetS: number,
    readonly objective: PlacementObjective,
    weight?: Float64Array,
  ) {
    const edges = demand.tail.length;
    this.pointBest = new Float64Array(2 * edges);
    this.edgeValue = new Float64Array(edges);
    this.weighted = Float64Array.from(demand.lengthM, (len, e) => len * (weight ? weight[e]! : 1));
    this.order = new Uint32Array(edges);
    this.routeViews = demand.routes.map((r) => {
      const weighted = this.weighted.subarray(r.from, r.to);
      return { values: this.edgeValue.subarray(r.from, r.to), weighted, lengths: demand.lengthM.subarray(r.from, r.to), hasWeight: weighted.some((w) => w > 0) };
    });
  }

  score(assignment: Int32Array): PlacementScore {
    this.evaluations++;
    this.fill(assignment);
    const v = this.edgeValue;
    const cap = CAP_TARGETS * this.targetS;
    let total = 0;
    let within = 0;
    let capped = 0;
    for (let e = 0; e < v.length; e++) {
      const w = this.weighted[e]!;
      total += w;
      if (v[e]! <= this.targetS) within += w;
      capped += w * (v[e]! < cap ? v[e]! : cap);
    }
    const withinShare = total > 0 ? within / total : 1;
    const cappedMeanS = total > 0 ? capped / total : 0;
    let worstP95S = 0;
    for (const r of this.routeViews) {
      if (!r.hasWeight) continue;
      const p95 = alongRouteStats(r.values, r.weighted, r.values.length, this.targetS, this.order).p95S;
      if (p95 > worstP95S) worstP95S = p95;
    }
    const keys = this.objective === 'within' ? [withinShare, -worstP95S, -cappedMeanS] : [-worstP95S, withinShare, -cappedMeanS];
    return { withinShare, worstP95S, cappedMeanS, keys };
  }

  /** The ordinary scoring's statistics per route (plain lengths), for the placement given. */
  routeStats(assignment: Int32Array): AlongRouteStats[] {
    this.fill(assignment);
    return this.routeViews.map((r) => alongRouteStats(r.values, r.lengths, r.values.length, this.targetS, this.order));
  }

  /** Per demand edge, the response time under the placement (valid until the next call). */
  edgeTimes(assignment: Int32Array): Float64Array {
    this.fill(assignment);
    return this.edgeValue;
  }

  private fill(assignment: Int32Array): void {
    const best = this.pointBest;
    best.fill(Infinity);
    for (let u = 0; u < assignment.length; u++) {
      const s = assignment[u]!;
      if (s < 0) continue;
      const t = this.times.at[u]![s]!;
      for (let p = 0; p < best.length; p++) if (t[p]! < best[p]!) best[p] = t[p]!;
    }
    const v = this.edgeValue;
    for (let e = 0; e < v.length; e++) {
      const a = best[2 * e]!;
      const b = best[2 * e + 1]!;
      v[e] = a > b ? a : b;
    }
  }
}
