import { ROAD_CLASSES } from '../graph/road-class.js';
import type { PlanTraffic } from '../model/run-plan.js';

/**
 * Time-of-day speed factors as flat typed arrays: factor[band * classCount + classCode]. Outside every band
 * the factor is 1 (free flow). Band lookup walks the (few, sorted) bands; no allocation.
 */
export class TrafficFactors {
  readonly bandFrom: Float64Array;
  readonly bandTo: Float64Array;
  readonly factor: Float64Array;
  readonly classCount = ROAD_CLASSES.length;
  /** Sigma of the lognormal per-edge speed variation. */
  readonly sigma: number;

  constructor(traffic: PlanTraffic) {
    const bands = [...traffic.bands].sort((a, b) => a.fromS - b.fromS);
    this.bandFrom = Float64Array.from(bands.map((b) => b.fromS));
    this.bandTo = Float64Array.from(bands.map((b) => b.toS));
    this.factor = new Float64Array(bands.length * this.classCount);
    bands.forEach((b, i) => {
      ROAD_CLASSES.forEach((name, c) => {
        const f = b.factorByClass[name] ?? b.default;
        this.factor[i * this.classCount + c] = f > 0 ? f : 1;
      });
    });
    this.sigma = traffic.variationSigma;
  }

  get bandCount(): number {
    return this.bandFrom.length;
  }

  /** Band index active at time t (seconds since midnight, taken modulo a day), or -1 for free flow. */
  bandAt(t: number): number {
    const d = ((t % 86400) + 86400) % 86400;
    for (let i = 0; i < this.bandFrom.length; i++) if (d >= this.bandFrom[i]! && d < this.bandTo[i]!) return i;
    return -1;
  }

  factorOf(band: number, classCode: number): number {
    return band < 0 ? 1 : this.factor[band * this.classCount + classCode]!;
  }

  /** Factors of one band by class name, for a routing overlay (speedFactorByClass). */
  byClass(band: number): Record<string, number> {
    const out: Record<string, number> = {};
    ROAD_CLASSES.forEach((name, c) => (out[name] = this.factorOf(band, c)));
    return out;
  }

  /** Sorted band boundaries (seconds since midnight), where response/evacuation tables may change. */
  boundaries(): number[] {
    return [...this.bandFrom, ...this.bandTo].sort((a, b) => a - b);
  }
}
