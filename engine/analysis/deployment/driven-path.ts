import type { RoadGraph } from '../../graph/road-graph.js';
import type { Recorder } from '../../sim/recorder.js';

/**
 * Where and when a recorded run drove: the driven edges (reroutes included) with their times, and the
 * lead car's time at any distance along them. The sweep car is `convoyLengthM` behind the lead car, so
 * it passes a point when the lead car is that much further on.
 */
export class DrivenPath {
  readonly n: number;
  readonly edges: readonly number[];
  /** Distance along the driven path at the start of edge k, metres. */
  readonly startM: readonly number[];
  readonly lengthM: readonly number[];
  readonly entryS: readonly number[];
  readonly exitS: readonly number[];
  readonly departS: number;
  readonly arriveS: number;
  /** Metres from the start to the end of the path. */
  readonly totalM: number;

  constructor(rec: Recorder, readonly convoyLengthM: number) {
    this.n = rec.edges.length;
    this.edges = rec.edges;
    this.startM = rec.startM;
    this.lengthM = rec.lengthM;
    this.entryS = rec.trajectory.map((t) => t.entryS);
    this.exitS = rec.trajectory.map((t) => t.exitS);
    const depart = rec.events.find((e) => e.kind === 'depart');
    this.departS = depart ? depart.timeS : (this.entryS[0] ?? 0);
    this.arriveS = this.n > 0 ? this.exitS[this.n - 1]! : this.departS;
    this.totalM = this.n > 0 ? this.startM[this.n - 1]! + this.lengthM[this.n - 1]! : 0;
  }

  /**
   * When the lead car is `posM` metres along the path: interpolated within the edge that holds it
   * (after any stop at its entry). Past the end, extrapolated at the last edge's speed: the convoy's tail
   * still has to drive in behind the lead car at the destination.
   */
  leadTimeAt(posM: number): number {
    if (this.n === 0) return this.departS;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.startM[mid]! <= posM) lo = mid;
      else hi = mid - 1;
    }
    const k = lo;
    const len = this.lengthM[k]!;
    const dt = this.exitS[k]! - this.entryS[k]!;
    const into = posM - this.startM[k]!;
    if (into <= len) return this.entryS[k]! + (len > 0 ? (Math.max(0, into) / len) * dt : 0);
    const mps = dt > 0 ? len / dt : 0;
    return this.exitS[k]! + (mps > 0 ? (into - len) / mps : 0);
  }

  /** When the sweep car (the convoy's tail) passes `posM` metres along the path. */
  sweepTimeAt(posM: number): number {
    return this.leadTimeAt(posM + this.convoyLengthM);
  }

  /**
   * The junction nodes passed through, in order: the node between two consecutive driven edges of
   * positive length (a start or end exactly on a node gives a zero-length partial edge: that node is
   * where the movement starts or ends, not one it passes), with the lead car's arrival there (the end of
   * the edge before, ahead of any wait at the junction). `k` is the edge leaving it, `prev` the one entering.
   */
  nodes(g: RoadGraph): { k: number; prev: number; node: number; posM: number; leadS: number }[] {
    const out: { k: number; prev: number; node: number; posM: number; leadS: number }[] = [];
    let prev = -1;
    for (let k = 0; k < this.n; k++) {
      if (!(this.lengthM[k]! > 0)) continue;
      if (prev >= 0) out.push({ k, prev, node: g.tail[this.edges[k]!]!, posM: this.startM[k]!, leadS: this.exitS[prev]! });
      prev = k;
    }
    return out;
  }
}
