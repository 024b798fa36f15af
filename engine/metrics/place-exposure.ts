import type { RoadGraph } from '../graph/road-graph.js';
import type { PlanArea } from '../model/run-plan.js';
import { edgeThreatFactor, roughEdgeDistanceM } from './threat-geometry.js';

/** A threat or crowd zone as the score sees it: where, how intense, and when it is active. */
export interface ExposureZone {
  id: string;
  area: PlanArea;
  intensity: number;
  /** Counts in the crowd component instead of the threat component. */
  crowd: boolean;
  /** Active on [fromS, toS), seconds since midnight. */
  fromS: number;
  toS: number;
}

/**
 * A zone counts on an edge when the middle of the convoy's time there lies in its active window
 * [fromS, toS). The sample loop (engine/sim/simulate.ts) and the safest search both use this rule.
 */
export function zoneActiveAt(fromS: number, toS: number, midS: number): boolean {
  return midS >= fromS && midS < toS;
}

/**
 * The part of the exposure score that depends on where the route goes and when (docs/metrics.md): threat
 * and crowd zones (intensity × the decay factor of threat-geometry.ts × seconds, while active) and
 * chokepoint seconds, each times its scenario weight. The sample loop accrues the same quantities from the
 * same factors (a Track's threatFactor is edgeThreatFactor); the safest search weighs edges with it.
 * Slow, standstill and predictability seconds are not part of it: they depend on the day's speeds and
 * on the other movements' routes, not on the road alone.
 *
 * Full-edge zone factors are computed once per model, for edges within the decay range of a zone
 * (CSR: factorFirst[e] … factorFirst[e+1]-1 index factorZone / factorValue).
 */
export class PlaceExposure {
  private factorFirst: Uint32Array | undefined;
  private factorZone: Uint16Array | undefined;
  private factorValue: Float64Array | undefined;

  constructor(
    readonly graph: RoadGraph,
    readonly zones: readonly ExposureZone[],
    readonly decayM: number,
    readonly weights: { threat: number; crowd: number; chokepoint: number },
    /** 1 for chokepoint edges (engine/sim edge-masks chokepointMask), per graph edge. */
    readonly chokeEdge: Uint8Array,
  ) {}

  /** Nothing on this graph can add exposure (no weighted zone, no weighted chokepoint). */
  get none(): boolean {
    const zoneWeight = this.zones.some((z) => z.intensity > 0 && (z.crowd ? this.weights.crowd : this.weights.threat) > 0);
    return !zoneWeight && !(this.weights.chokepoint > 0 && this.chokeEdge.some((x) => x === 1));
  }

  /**
   * Exposure-seconds of driving the part [fromFraction, toFraction] of edge e for dtS seconds whose middle
   * is at midS (seconds since midnight).
   */
  edgeExposure(e: number, dtS: number, midS: number, fromFraction = 0, toFraction = 1): number {
    let x = this.chokeEdge[e] ? this.weights.chokepoint * dtS : 0;
    if (this.zones.length === 0) return x;
    const whole = fromFraction === 0 && toFraction === 1;
    if (whole) {
      this.buildFactors();
      for (let k = this.factorFirst![e]!; k < this.factorFirst![e + 1]!; k++) x += this.zoneTerm(this.zones[this.factorZone![k]!]!, this.factorValue![k]!, dtS, midS);
      return x;
    }
    for (const z of this.zones) {
      if (roughEdgeDistanceM(this.graph, e, z.area) >= this.decayM) continue;
      x += this.zoneTerm(z, edgeThreatFactor(this.graph, e, z.area, this.decayM, fromFraction, toFraction), dtS, midS);
    }
    return x;
  }

  /**
   * Per-edge search weights: the exposure of driving each whole edge in timeS[e] seconds, entering it at
   * enterS[tail] (seconds since midnight; Infinity where the convoy cannot be, then zones count as inactive
   * unless they never end).
   */
  edgeWeights(timeS: Float64Array, enterS: Float64Array): Float64Array {
    const g = this.graph;
    const out = new Float64Array(g.edgeCount);
    for (let e = 0; e < g.edgeCount; e++) {
      const dt = timeS[e]!;
      out[e] = dt < Infinity ? this.edgeExposure(e, dt, enterS[g.tail[e]!]! + dt / 2) : Infinity;
    }
    return out;
  }

  /** Exposure of a route driven from startS at the per-edge times timeS (partial first and last edges). */
  route(edges: readonly number[], fromFraction: number, toFraction: number, timeS: Float64Array, startS: number): number {
    let t = startS;
    let x = 0;
    const n = edges.length;
    for (let i = 0; i < n; i++) {
      const e = edges[i]!;
      const a = i === 0 ? fromFraction : 0;
      const b = i === n - 1 ? toFraction : 1;
      const dt = timeS[e]! * Math.max(0, b - a);
      x += this.edgeExposure(e, dt, t + dt / 2, a, b);
      t += dt;
    }
    return x;
  }

  /** Zones (indices into `zones`) whose decay range reaches some point of edge e. */
  zonesNear(e: number): number[] {
    this.buildFactors();
    const out: number[] = [];
    for (let k = this.factorFirst![e]!; k < this.factorFirst![e + 1]!; k++) out.push(this.factorZone![k]!);
    return out;
  }

  private zoneTerm(z: ExposureZone, factor: number, dtS: number, midS: number): number {
    if (!zoneActiveAt(z.fromS, z.toS, midS)) return 0;
    return (z.crowd ? this.weights.crowd : this.weights.threat) * z.intensity * factor * dtS;
  }

  private buildFactors(): void {
    if (this.factorFirst) return;
    const g = this.graph;
    const first = new Uint32Array(g.edgeCount + 1);
    const zone: number[] = [];
    const value: number[] = [];
    for (let e = 0; e < g.edgeCount; e++) {
      first[e] = zone.length;
      this.zones.forEach((z, k) => {
        if (roughEdgeDistanceM(g, e, z.area) >= this.decayM) return;
        const f = edgeThreatFactor(g, e, z.area, this.decayM);
        if (f > 0) {
          zone.push(k);
          value.push(f);
        }
      });
    }
    first[g.edgeCount] = zone.length;
    this.factorFirst = first;
    this.factorZone = Uint16Array.from(zone);
    this.factorValue = Float64Array.from(value);
  }
}
