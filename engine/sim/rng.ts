import seedrandom from 'seedrandom';

/**
 * The random stream of one sample. Seeded from a string key (scenario seed, movement id, option id, sample
 * index), never from shared state, so a sample gives the same numbers on any worker and in any order.
 * Alea (seedrandom.alea) is used: it seeds in microseconds and draws fast, and its stream is fixed by the
 * seedrandom package version (pinned in package-lock.json).
 */
export class SampleRng {
  private prng: seedrandom.PRNG;
  private spare = NaN;

  constructor(key: string) {
    this.prng = seedrandom.alea(key);
  }

  /** Sample key used everywhere: changing it changes every result, so it is part of the documented contract. */
  static key(seed: string, movementId: string, optionId: string, sample: number): string {
    return `${seed}|${movementId}|${optionId}|${sample}`;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.prng();
  }

  /** Standard normal (Box–Muller, the second value kept for the next call; no allocation). */
  normal(): number {
    if (this.spare === this.spare) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = this.prng();
    while (u <= 1e-300) u = this.prng();
    const v = this.prng();
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
    return -mean * Math.log(1 - this.prng());
  }
}

/**
 * The deterministic stand-in for the nominal run: every draw is its median/mean, so the nominal run is the
 * "typical day" used for hotspots, worst stretches, trigger times and robustness.
 */
export class NominalRng extends SampleRng {
  constructor() {
    super('nominal');
  }
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
