import type { RouteEndpoint } from '../route/types.js';
import type { TrafficFactors } from '../metrics/traffic-factors.js';
import type { RunRouting } from './run-routing.js';
import type { Reroute, SimInject, SimMovement } from './sim-context.js';
import { Track, type TrackEnvironment } from './track.js';

/**
 * Where a motorcade goes when a closure blocks its route: (1) the next planned option, in scenario order,
 * that passes the current node and avoids every active closure from there on; else (2) a fresh fastest
 * search from the node with the active closures as an overlay, at the traffic band of the departure.
 * Searches are cached by (movement, node, active closures): the answer is a pure function of that key,
 * so a cache hit and a miss give the same numbers whichever samples ran before.
 */
export class ReroutePolicy {
  private readonly cache = new Map<string, Reroute | null>();

  constructor(
    private readonly routing: RunRouting,
    private readonly traffic: TrafficFactors,
    private readonly movements: readonly SimMovement[],
    private readonly destinations: readonly (RouteEndpoint | undefined)[],
    private readonly envs: readonly TrackEnvironment[],
    private readonly injects: readonly SimInject[],
  ) {}

  reroute(mi: number, currentOption: number, node: number, active: Uint8Array): Reroute | null {
    const mv = this.movements[mi]!;
    const injects = this.injects;
    const blocked = (track: Track, from: number): boolean => {
      for (let k = 0; k < injects.length; k++) {
        if (!active[k]) continue;
        const mask = injects[k]!.closedMask!;
        for (let j = from; j < track.n; j++) if (mask[track.edge[j]!]) return true;
      }
      return false;
    };
    for (let o = 0; o < mv.tracks.length; o++) {
      const track = mv.tracks[o];
      if (o === currentOption || !track) continue;
      const j = track.indexOfTail(node);
      if (j >= 0 && !blocked(track, j)) return { track, start: j, optionIndex: o };
    }
    let key = `${mi}|${node}|`;
    for (let k = 0; k < active.length; k++) if (active[k]) key += k + ',';
    if (this.cache.has(key)) return this.cache.get(key)!;
    const to = this.destinations[mi];
    let result: Reroute | null = null;
    if (to) {
      const closed: number[] = [];
      for (let k = 0; k < injects.length; k++) {
        if (!active[k]) continue;
        const mask = injects[k]!.closedMask!;
        for (let e = 0; e < mask.length; e++) if (mask[e]) closed.push(e);
      }
      const r = this.routing.fastest({ node }, to, this.traffic.bandAt(mv.departureS), closed);
      if (r.found && r.edges.length > 0) result = { track: new Track(this.envs[mi]!, r.edges, r.fromPosition?.fraction ?? 0, r.toPosition?.fraction ?? 1), start: 0, optionIndex: -1 };
    }
    this.cache.set(key, result);
    return result;
  }
}
