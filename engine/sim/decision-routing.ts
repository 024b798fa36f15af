import type { RouteEndpoint, RouteResult } from '../route/types.js';
import type { DecisionOutcome, Reroute } from './sim-context.js';
import type { PreparedRun } from './prepared-run.js';
import { Track } from './track.js';

/**
 * What a commander's decision (PlanDecision, from the exercise console) does from the junction the
 * convoy is at: the new track, a hold, or a refusal with its reason. Routes are searched at the traffic
 * of the movement's departure band around every closure active at that moment, like closure reroutes,
 * and cached per (movement, decision, node, destination, closures): replaying an exercise searches once.
 */
/** A searched route as PreparedRuns share it: edges only (each world builds its own Track from them). */
export interface CachedRoute {
  edges: number[];
  fromFraction: number;
  toFraction: number;
  optionIndex: number;
}

export class DecisionRouting {
  /** This world's tracks for the routes it has used (reroutes recur in thousands of samples). */
  private readonly tracks = new Map<string, Reroute | null>();

  constructor(private readonly world: PreparedRun) {}

  /** The Reroute for `key`, searching with `search` only when no world of this exercise or run did. */
  private cached(key: string, mi: number, search: () => CachedRoute | null): Reroute | null {
    const hit = this.tracks.get(key);
    if (hit !== undefined) return hit;
    let route = this.world.routeCache.get(key);
    if (route === undefined) {
      route = search();
      this.world.routeCache.set(key, route);
    }
    const reroute = route ? { track: new Track(this.world.envs[mi]!, route.edges, route.fromFraction, route.toFraction), start: 0, optionIndex: route.optionIndex } : null;
    this.tracks.set(key, reroute);
    return reroute;
  }

  decide(mi: number, injectIndex: number, currentOption: number, node: number, active: Uint8Array, destination: number, timeS: number): DecisionOutcome {
    const action = this.world.injects[injectIndex]!.plan.action;
    if (action.type !== 'decision') return { kind: 'refused', description: 'is not a decision' };
    const d = action.decision;
    const mv = this.world.movements[mi]!;
    switch (d.kind) {
      case 'hold': {
        const durationS = d.untilS !== undefined ? Math.max(0, d.untilS - timeS) : d.durationS;
        return { kind: 'hold', durationS, description: `holds for ${formatMinutes(durationS)} (decision)` };
      }
      case 'switch': {
        const oi = mv.optionIds.indexOf(d.optionId);
        if (oi < 0) return { kind: 'refused', description: `cannot switch: no option ${d.optionId}` };
        if (oi === currentOption && destination < 0) return { kind: 'refused', description: `already drives option ${d.optionId}` };
        const reroute = this.joinOption(mi, oi, node, active);
        if (!reroute) return { kind: 'refused', description: `cannot switch to option ${d.optionId}: no road joins it from here` };
        return { kind: 'route', reroute, destination: -1, description: `switches to option ${d.optionId} (decision)` };
      }
      case 'reroute': {
        const reroute = this.freshRoute(mi, node, active, destination, d.by);
        if (!reroute) return { kind: 'refused', description: `cannot reroute (${d.by}): no route to the destination around the closures` };
        return { kind: 'route', reroute, destination, description: `reroutes by the ${d.by} route around what is closed now (decision)` };
      }
      case 'divert':
      case 'return': {
        const reroute = this.freshRoute(mi, node, active, injectIndex, 'fastest');
        const where = d.kind === 'divert' ? d.place.label : 'the start';
        if (!reroute) return { kind: 'refused', description: `cannot ${d.kind === 'divert' ? 'divert to' : 'return to'} ${where}: no route` };
        return { kind: 'route', reroute, destination: injectIndex, description: d.kind === 'divert' ? `diverts to ${where} (decision)` : 'returns to the start (decision)' };
      }
    }
  }

  /**
   * A fresh route from `node` to the movement's destination (destination < 0) or to where decision inject
   * `destination` sends the convoy, avoiding every active closure; null when there is none.
   */
  freshRoute(mi: number, node: number, active: Uint8Array, destination: number, by: 'fastest' | 'safest'): Reroute | null {
    const to = destination >= 0 ? this.world.injects[destination]!.plan.id : '';
    const key = `fresh|${mi}|${node}|${to}|${by}|${this.world.closureKey(active)}`;
    return this.cached(key, mi, () => {
      const target = destination >= 0 ? this.destinationOf(mi, destination) : this.world.endpoints[mi]!.to;
      if (!target) return null;
      const closed = this.closedEdges(active);
      const mv = this.world.movements[mi]!;
      const band = this.world.traffic.bandAt(mv.departureS);
      // Zone windows from the movement's departure: the route is cached per node, not per time of day.
      const r: RouteResult = by === 'safest' ? this.world.routing.safest({ node }, target, 600, this.world.placeExposure, mv.departureS, band, closed) : this.world.routing.fastest({ node }, target, band, closed);
      return r.found && r.edges.length > 0 ? { edges: r.edges, fromFraction: r.fromPosition?.fraction ?? 0, toFraction: r.toPosition?.fraction ?? 1, optionIndex: -1 } : null;
    });
  }

  /**
   * Option `oi` from `node`: where the option passes here, from here on; otherwise the fastest road to the
   * option's nearest junction ahead (straight-line), then the option's remaining route.
   */
  private joinOption(mi: number, oi: number, node: number, active: Uint8Array): Reroute | null {
    const track = this.world.movements[mi]!.tracks[oi];
    if (!track) return null;
    const j = track.indexOfTail(node);
    if (j >= 0) return { track, start: j, optionIndex: oi };
    const key = `join|${mi}|${oi}|${node}|${this.world.closureKey(active)}`;
    return this.cached(key, mi, () => {
      const g = this.world.graph;
      let best = 0;
      let bestD = Infinity;
      for (let m = 0; m < track.n; m++) {
        const dLon = (g.lon(track.tailNode[m]!) - g.lon(node)) * Math.cos((g.lat(node) * Math.PI) / 180);
        const dLat = g.lat(track.tailNode[m]!) - g.lat(node);
        const d = dLon * dLon + dLat * dLat;
        if (d < bestD) {
          bestD = d;
          best = m;
        }
      }
      const band = this.world.traffic.bandAt(this.world.movements[mi]!.departureS);
      const connector = this.world.routing.fastest({ node }, { node: track.tailNode[best]! }, band, this.closedEdges(active));
      if (!connector.found) return null;
      return { edges: [...connector.edges, ...Array.from(track.edge.subarray(best))], fromFraction: 0, toFraction: track.toFraction, optionIndex: oi };
    });
  }

  private destinationOf(mi: number, injectIndex: number): RouteEndpoint | undefined {
    const action = this.world.injects[injectIndex]!.plan.action;
    if (action.type !== 'decision') return undefined;
    if (action.decision.kind === 'divert') {
      const s = this.world.routing.snap(action.decision.place);
      return s ? { edge: s.edge, fraction: s.fraction } : undefined;
    }
    if (action.decision.kind === 'return') return this.world.endpoints[mi]!.from;
    return this.world.endpoints[mi]!.to;
  }

  private closedEdges(active: Uint8Array): number[] {
    const closed: number[] = [];
    for (let k = 0; k < this.world.injects.length; k++) {
      if (!active[k]) continue;
      const mask = this.world.injects[k]!.closedMask!;
      for (let e = 0; e < mask.length; e++) if (mask[e]) closed.push(e);
    }
    return closed;
  }
}

function formatMinutes(s: number): string {
  return `${Math.round(s / 60)} min`;
}
