import type { PreparedRun } from '../sim/prepared-run.js';
import type { Chokepoint, CriticalEdge } from '../model/run-result.js';
import type { Recorder } from '../sim/recorder.js';
import { EdgeFlag } from '../graph/road-class.js';
import { round2 } from '../rounding.js';
import { closureUnit, type ClosureUnit } from './crossings.js';

/** Closures tried one by one: the route's chokepoints, at most this many, in route order. */
export const MAX_CRITICAL_EDGES = 8;
/** Largest set of closures tried together (every pair of the single closures). */
export const MAX_CLOSURE_SET = 2;
/** A pair is reported as the worst only when it costs this many seconds more than the worst single closure. */
export const PAIR_MARGIN_S = 1;

interface Candidate {
  units: ClosureUnit[];
  /** Route position of the first unit's first edge. */
  index: number;
  chokepoints: Chokepoint[];
}

/**
 * Robustness of one option: what closing a crossing or corridor costs when the motorcade reaches it.
 *
 * Each chokepoint of the route (at most MAX_CRITICAL_EDGES, in route order) becomes one closure: for a
 * bridge, the whole run of bridge edges the route drives with the parallel spans beside it (crossings.ts);
 * otherwise the edge with the other carriageway of a dual road. Then every pair of those closures is
 * tried together (MAX_CLOSURE_SET). Cost = fastest time from the junction where the motorcade meets the
 * first closure of the set to the destination with everything in the set closed, minus the same without
 * the closure, at the traffic band of the nominal run's arrival there. A set with no way round is
 * `cannot_arrive` (extraTimeS null); a closure the route starts on is `starts_on_it`, one that holds the
 * destination's own road and leaves no way in `ends_on_it` (closing the venue itself; neither counts as the worst closure).
 *
 * The result lists the single closures, then the worst pair when it costs more than every single closure
 * (by PAIR_MARGIN_S); `worst` marks the smallest set whose closure costs the most (cannot_arrive counts as
 * the highest cost; ties go to the earlier closure).
 */
export function criticalEdges(ctx: PreparedRun, mi: number, oi: number, chokepoints: readonly Chokepoint[], nominal: Recorder | null): CriticalEdge[] {
  const track = ctx.movements[mi]!.tracks[oi];
  const to = ctx.endpoints[mi]!.to;
  if (!track || !to) return [];
  const g = ctx.graph;
  const singles: Candidate[] = [];
  const covered = new Set<number>();
  for (const c of chokepoints) {
    if (covered.has(c.index) || singles.length >= MAX_CRITICAL_EDGES) continue;
    const stretch = [track.edge[c.index]!];
    if (g.hasFlag(stretch[0]!, EdgeFlag.BRIDGE)) for (let i = c.index + 1; i < track.n && g.hasFlag(track.edge[i]!, EdgeFlag.BRIDGE); i++) stretch.push(track.edge[i]!);
    for (let i = c.index; i < c.index + stretch.length; i++) covered.add(i);
    const same = singles.find((s) => s.index === c.index);
    if (same) same.chokepoints.push(c);
    else singles.push({ units: [closureUnit(g, stretch)], index: c.index, chokepoints: [c] });
  }
  // The destination's own road: when closing it leaves no way in, it closes the venue, not a route choice.
  const endEdges = new Set('edge' in to ? [to.edge, g.twin[to.edge]!].filter((e) => e >= 0) : []);
  const cost = (cand: Candidate): Pick<CriticalEdge, 'extraTimeS' | 'outcome'> => {
    if (cand.index === 0) return { extraTimeS: null, outcome: 'starts_on_it' };
    const node = track.tailNode[cand.index]!;
    const band = ctx.traffic.bandAt(nominal?.nodeTime.get(node) ?? ctx.plan.movements[mi]!.departureS);
    const open = ctx.routing.fastest({ node }, to, band);
    const detour = ctx.routing.fastest({ node }, to, band, cand.units.flatMap((u) => u.closed));
    if (!detour.found) return { extraTimeS: null, outcome: cand.units.some((u) => u.closed.some((e) => endEdges.has(e))) ? 'ends_on_it' : 'cannot_arrive' };
    return { extraTimeS: open.found ? round2(Math.max(0, detour.timeS - open.timeS)) : null, outcome: 'detour' };
  };
  const describe = (cand: Candidate): CriticalEdge => {
    const c = cand.chokepoints[0]!;
    const closed = [...new Set(cand.units.flatMap((u) => u.closed))].sort((a, b) => a - b);
    const what = cand.units.map(unitWords).join(' and ');
    const reasons = cand.chokepoints.map((x) => x.reason).join('; ');
    return {
      edge: c.edge,
      index: cand.index,
      lon: c.lon,
      lat: c.lat,
      near: cand.chokepoints.map((x) => x.near).filter((n, i, all) => all.indexOf(n) === i).join(' + '),
      ...cost(cand),
      reason: `${what}: ${reasons}`,
      closedEdges: closed,
      spans: cand.units.reduce((n, u) => n + u.spans, 0),
      crossings: cand.units.length,
      worst: false,
    };
  };
  const out = singles.map(describe);
  if (out.length === 0) return out;
  let worst = pickWorst(out);
  if (MAX_CLOSURE_SET >= 2 && out[worst]!.outcome !== 'cannot_arrive') {
    let bestPair: CriticalEdge | null = null;
    for (let a = 0; a < singles.length; a++) {
      if (singles[a]!.index === 0 || out[a]!.outcome === 'ends_on_it') continue;
      for (let b = a + 1; b < singles.length; b++) {
        const pair = describe({ units: [...singles[a]!.units, ...singles[b]!.units], index: singles[a]!.index, chokepoints: [...singles[a]!.chokepoints, ...singles[b]!.chokepoints] });
        if (!bestPair || higher(pair, bestPair)) bestPair = pair;
      }
    }
    const single = out[worst]!;
    if (bestPair && (bestPair.outcome === 'cannot_arrive' || (bestPair.extraTimeS ?? 0) > (single.extraTimeS ?? 0) + PAIR_MARGIN_S)) {
      out.push(bestPair);
      worst = out.length - 1;
    }
  }
  if (out[worst]!.outcome === 'detour' || out[worst]!.outcome === 'cannot_arrive') out[worst]!.worst = true;
  return out;
}

function unitWords(u: ClosureUnit): string {
  if (u.kind === 'crossing') return u.spans > 2 ? `all ${u.spans} spans of the crossing` : u.spans === 2 ? 'both spans of the crossing' : 'the crossing (one span)';
  return u.spans > 1 ? 'both carriageways' : 'the road (both directions)';
}

/** a costs more than b: cannot arrive beats any detour; then the larger extra time. */
function higher(a: CriticalEdge, b: CriticalEdge): boolean {
  const rank = (x: CriticalEdge) => (x.outcome === 'cannot_arrive' ? Infinity : x.outcome === 'starts_on_it' || x.outcome === 'ends_on_it' ? -Infinity : (x.extraTimeS ?? 0));
  return rank(a) > rank(b);
}

function pickWorst(list: readonly CriticalEdge[]): number {
  let w = 0;
  for (let i = 1; i < list.length; i++) if (higher(list[i]!, list[w]!)) w = i;
  return w;
}

/** The option's worst closure (the smallest set that costs the most), or null when no closure was tried or every one is on the start. */
export function worstClosure(list: readonly CriticalEdge[]): CriticalEdge | null {
  return list.find((c) => c.worst) ?? null;
}
