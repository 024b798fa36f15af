import type { PreparedRun } from '../../sim/prepared-run.js';
import { outagesOf, type Outage } from './responder-outages.js';

/** One route a placement must cover: a movement × option's nominal drive, as a range of demand edges. */
export interface DemandRoute {
  movement: number;
  option: number;
  movementId: string;
  optionId: string;
  /** Demand edges [from, to) of this route. */
  from: number;
  to: number;
}

/**
 * The road the responders must cover, and when: every driven edge of every movement × option's nominal run
 * (the typical day, as hotspots and stretches use), with its end nodes, length (m), the time it is entered
 * (s since midnight) and the traffic band then. The ordinary scoring values an edge under the coverage table
 * in force when it is entered, as the worse of its two ends, so those are the facts a placement needs.
 * Edge e has demand points 2e (tail) and 2e + 1 (head). Options without a route contribute nothing.
 */
export interface PlacementDemand {
  routes: DemandRoute[];
  tail: Int32Array;
  head: Int32Array;
  lengthM: Float64Array;
  entryS: Float64Array;
  band: Int32Array;
  /** Movement index of each edge (for the movement's responder list). */
  movement: Int32Array;
  /** Per route (routes order): the responder_out injects its nominal run meets (responder-outages.ts). */
  outages: Outage[][];
  /** Traffic bands that occur, sorted (−1 = outside every band, free flow). */
  bands: number[];
}

export function placementDemand(ctx: PreparedRun): PlacementDemand {
  const routes: DemandRoute[] = [];
  const tail: number[] = [];
  const head: number[] = [];
  const lengthM: number[] = [];
  const entryS: number[] = [];
  const movement: number[] = [];
  const outages: Outage[][] = [];
  ctx.movements.forEach((mv, mi) => {
    mv.optionIds.forEach((optionId, oi) => {
      const nominal = ctx.nominal(mi, oi);
      if (!nominal) return;
      const rec = nominal.record;
      const from = tail.length;
      for (let e = 0; e < rec.edges.length; e++) {
        const edge = rec.edges[e]!;
        tail.push(ctx.graph.tail[edge]!);
        head.push(ctx.graph.head[edge]!);
        lengthM.push(rec.lengthM[e]!);
        entryS.push(rec.trajectory[e]!.entryS);
        movement.push(mi);
      }
      routes.push({ movement: mi, option: oi, movementId: mv.id, optionId, from, to: tail.length });
      outages.push(outagesOf(ctx, mi, rec));
    });
  });
  const band = Int32Array.from(entryS, (t) => ctx.traffic.bandAt(t));
  return {
    routes,
    tail: Int32Array.from(tail),
    head: Int32Array.from(head),
    lengthM: Float64Array.from(lengthM),
    entryS: Float64Array.from(entryS),
    band,
    movement: Int32Array.from(movement),
    outages,
    bands: [...new Set(band)].sort((a, b) => a - b),
  };
}
