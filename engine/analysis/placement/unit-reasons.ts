import { shortList } from './short-list.js';
import type { CandidateSite } from './candidate-site.js';
import type { PlacementDemand } from './demand.js';
import { CAP_TARGETS } from './evaluator.js';
import type { TypePlacement } from './place-type.js';

/** The worst-covered stretches: the edges that, before placement, made up this share of the weighted route length with the longest response times. */
export const WORST_SHARE = 0.2;

export interface UnitReason {
  unit: string;
  /** Route length (m) on which this unit is the first to arrive, after placement. */
  firstM: number;
  /** Movements of that length. */
  movements: string[];
  /** Share of the weighted route within target lost if this unit were not placed (0..1). */
  marginalShare: number;
  /** Of the worst-covered stretches before placement: length this unit now reaches first (m), their capped mean response before and after (s). */
  worst: { lengthM: number; beforeS: number; afterS: number };
  text: string;
}

/**
 * Why each unit is where the placement put it, from the precomputed times: the route it reaches first
 * (on an edge, the unit fastest to the edge's worse end, as the scoring takes the worse end), what the
 * objective loses without it, and its part in the stretches that were worst covered before.
 */
export function unitReasons(p: TypePlacement, demand: PlacementDemand, sites: readonly CandidateSite[], weight?: Float64Array): UnitReason[] {
  const a = Int32Array.from(p.units, (u) => u.to);
  const at = p.siteTimes.at;
  const edges = demand.tail.length;
  const first = new Int32Array(edges).fill(-1);
  for (let e = 0; e < edges; e++) {
    let best = Infinity;
    for (let u = 0; u < a.length; u++) {
      const t = at[u]![a[u]!]!;
      const v = Math.max(t[2 * e]!, t[2 * e + 1]!);
      if (v < best) {
        best = v;
        first[e] = u;
      }
    }
  }
  const worst = worstEdges(p.edgeBefore, demand.lengthM, weight);
  const cap = CAP_TARGETS * p.targetS;
  return p.units.map((placed, u) => {
    let firstM = 0;
    const movements = new Set<string>();
    const w = { lengthM: 0, beforeS: 0, afterS: 0 };
    for (let e = 0; e < edges; e++) {
      if (first[e] !== u) continue;
      firstM += demand.lengthM[e]!;
      movements.add(demand.routes.find((r) => e >= r.from && e < r.to)!.movementId);
      if (worst[e]) {
        w.lengthM += demand.lengthM[e]!;
        w.beforeS += demand.lengthM[e]! * Math.min(p.edgeBefore[e]!, cap);
        w.afterS += demand.lengthM[e]! * Math.min(p.edgeAfter[e]!, cap);
      }
    }
    if (w.lengthM > 0) {
      w.beforeS /= w.lengthM;
      w.afterS /= w.lengthM;
    }
    const without = a.slice();
    without[u] = -1;
    const marginalShare = p.after.withinShare - p.evaluator.score(without).withinShare;
    const site = sites[placed.to]!;
    const parts = [
      `${placed.unit.id} at ${site.label} (${site.kind}): first to arrive on ${(firstM / 1000).toFixed(1)} km of route${movements.size ? ` (${shortList([...movements], 'movements')})` : ''}`,
      `without it ${(100 * marginalShare).toFixed(1)}% less ${weight ? 'of the road near suspected devices' : 'route'} within ${p.targetS} s`,
    ];
    if (w.lengthM > 0) parts.push(`reaches ${(w.lengthM / 1000).toFixed(1)} km of the worst-covered stretches first (mean ${Math.round(w.beforeS)} s before, ${Math.round(w.afterS)} s now)`);
    return { unit: placed.unit.id, firstM, movements: [...movements], marginalShare, worst: w, text: parts.join('; ') };
  });
}

/** Edges that make up the WORST_SHARE of weighted length with the longest times (1 = among them). */
function worstEdges(times: Float64Array, lengthM: Float64Array, weight?: Float64Array): Uint8Array {
  const idx = [...times.keys()].filter((e) => !weight || weight[e]! > 0).sort((x, y) => times[y]! - times[x]! || x - y);
  const total = idx.reduce((s, e) => s + lengthM[e]!, 0);
  const out = new Uint8Array(times.length);
  let acc = 0;
  for (const e of idx) {
    if (acc >= WORST_SHARE * total) break;
    out[e] = 1;
    acc += lengthM[e]!;
  }
  return out;
}
