import type { DecisionRouting } from './decision-routing.js';
import type { Reroute, SimInject, SimMovement } from './sim-context.js';
import type { Track } from './track.js';

/**
 * Where a motorcade goes when a closure blocks its route: (1) the next planned option, in scenario order,
 * that passes the current node and avoids every active closure from there on; else (2) a fresh fastest
 * search from the node with the active closures as an overlay, at the traffic band of the departure
 * (DecisionRouting.freshRoute, which decisions use too). Fresh searches are cached by (movement, node,
 * active closures by inject id): the answer is a pure function of that key, so a cache hit and a miss
 * give the same numbers whichever samples ran before.
 */
export class ReroutePolicy {
  constructor(
    private readonly movements: readonly SimMovement[],
    private readonly injects: readonly SimInject[],
    private readonly searches: DecisionRouting,
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
    return this.searches.freshRoute(mi, node, active, -1, 'fastest');
  }
}
