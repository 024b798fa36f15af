import { Alea } from './alea.js';
import { lognormalQuantiles, type LognormalQuantiles } from './lognormal-quantiles.js';
import { roadUniform } from './road-draws.js';

/**
 * The random day of one sample. Seeded from a string key (scenario seed, movement id, sample index), never
 * from shared state, so a sample gives the same numbers on any worker and in any order. The key holds no
 * option: sample i of every option of a movement is the same day (common random numbers), so options are
 * compared on the same departure, the same traffic on each road and the same incidents.
 *
 * The stream is seedrandom's Alea for that key, bit for bit (engine/sim/alea.ts, checked against seedrandom
 * in the tests). Its first draw is the day key of the per-road draws (engine/sim/road-draws.ts): a road's
 * draws depend on (day, road) only, never on the order in which an option meets its roads. The departure
 * draw follows. One SampleRng per worker is reseeded for every sample, so sampling allocates nothing here.
 */
export class SampleRng {
  private readonly alea = new Alea();
  /** The lognormal factor table of the last σ asked for (one σ per run, so this is looked up once). */
  private quantiles: LognormalQuantiles | null = null;
  /** 32-bit key of this sample's day for the per-road draws. */
  private day = 0;

  /**
   * The per-stream part of the sample key: `${seed}|${movementId}|`; the sample index completes it. The
   * whole key is part of the documented contract: changing it changes every result.
   */
  static streamPrefix(seed: string, movementId: string): string {
    return `${seed}|${movementId}|`;
  }

  /** Start the stream of key `${streamPrefix}${sample}` (the stream of seedrandom.alea of that key). */
  reseed(streamPrefix: string, sample: number): this {
    this.alea.seed(streamPrefix, sample);
    this.day = (this.alea.next() * 4294967296) >>> 0;
    return this;
  }

  /** Uniform in (0, 1) of a road for the day and a purpose (ROAD_DRAW_*): the same for every option. */
  roadUniform(edge: number, purpose: number): number {
    return roadUniform(this.day, edge, purpose);
  }

  /** Lognormal multiplier exp(sigma · N(0,1)) of a road for the day (median 1), by its quantile table. */
  roadLognormal(edge: number, purpose: number, sigma: number): number {
    if (!(sigma > 0)) return 1;
    let q = this.quantiles;
    if (q === null || q.sigma !== sigma) q = this.quantiles = lognormalQuantiles(sigma);
    return q.at(roadUniform(this.day, edge, purpose));
  }

  /** Exponential with the given mean, of a road for the day. */
  roadExponential(edge: number, purpose: number, mean: number): number {
    return -mean * Math.log(roadUniform(this.day, edge, purpose));
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.alea.next();
  }
}

/**
 * The deterministic stand-in for the nominal run: every draw is its median/mean, so the nominal run is the
 * "typical day" used for hotspots, worst stretches, trigger times and robustness.
 */
export class NominalRng extends SampleRng {
  override uniform(): number {
    return 0.5;
  }
  /** The median: no incident happens on the typical day (its probability per road is far below 0.5). */
  override roadUniform(): number {
    return 0.5;
  }
  override roadLognormal(): number {
    return 1;
  }
  override roadExponential(_edge: number, _purpose: number, mean: number): number {
    return mean;
  }
}
