import { Alea } from './alea.js';

/**
 * The random stream of one sample. Seeded from a string key (scenario seed, movement id, option id, sample
 * index), never from shared state, so a sample gives the same numbers on any worker and in any order.
 * The stream is seedrandom's Alea for that key, bit for bit (engine/sim/alea.ts, checked against seedrandom
 * in the tests); one SampleRng per worker is reseeded for every sample, so sampling allocates nothing here.
 */
export class SampleRng {
  private readonly alea = new Alea();
  private spare = NaN;

  /**
   * The per-stream part of the sample key: `${seed}|${movementId}|${optionId}|`; the sample index completes
   * it. The whole key is part of the documented contract: changing it changes every result.
   */
  static streamPrefix(seed: string, movementId: string, optionId: string): string {
    return `${seed}|${movementId}|${optionId}|`;
  }

  /** Start the stream of key `${streamPrefix}${sample}` (the stream of seedrandom.alea of that key). */
  reseed(streamPrefix: string, sample: number): this {
    this.alea.seed(streamPrefix, sample);
    this.spare = NaN;
    return this;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.alea.next();
  }

  /** Standard normal (Box–Muller, the second value kept for the next call; no allocation). */
  normal(): number {
    if (this.spare === this.spare) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = this.alea.next();
    while (u <= 1e-300) u = this.alea.next();
    const v = this.alea.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Lognormal multiplier exp(sigma · N(0,1)), median 1. */
  lognormal(sigma: number): number {
    return sigma > 0 ? Math.exp(sigma * this.normal()) : 1;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.alea.next());
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
  override normal(): number {
    return 0;
  }
  override lognormal(): number {
    return 1;
  }
  override exponential(mean: number): number {
    return mean;
  }
}
