import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Alea } from '../../engine/sim/alea.js';
import { SampleRng } from '../../engine/sim/rng.js';

/** The first n draws of seedrandom's Alea for a key: the reference stream. */
function reference(key: string, n: number): number[] {
  const prng = seedrandom.alea(key);
  return Array.from({ length: n }, () => prng());
}

describe('Alea (reseeded in place)', () => {
  it('gives seedrandom.alea\'s stream bit for bit for the key prefix + decimal suffix (seeded property test)', () => {
    const alea = new Alea(); // one instance reused across keys, as in a worker
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'grapheme' }), fc.oneof(fc.nat({ max: 20_000 }), fc.maxSafeNat()), (prefix, suffix) => {
        alea.seed(prefix, suffix);
        const got = Array.from({ length: 64 }, () => alea.next());
        expect(got).toEqual(reference(`${prefix}${suffix}`, 64));
      }),
      { seed: 20261125, numRuns: 300 },
    );
  });

  it('matches over a long stream and for the sample keys of a run', () => {
    const alea = new Alea();
    for (const [prefix, sample] of [['42|arrival_thai|fastest|', 0], ['asean|m1|o2|', 9], ['x|', 10], ['', 1234567]] as const) {
      alea.seed(prefix, sample);
      const got = Array.from({ length: 5000 }, () => alea.next());
      expect(got).toEqual(reference(`${prefix}${sample}`, 5000));
    }
  });

  it('a stream\'s samples (one prefix, many suffixes, in any order) all match seedrandom', () => {
    const alea = new Alea();
    for (const sample of [7, 0, 7, 123456, 1, 10, 100, 99]) {
      alea.seed('asean-2022|a1_pnh_raffles|primary|', sample);
      expect(Array.from({ length: 16 }, () => alea.next())).toEqual(reference(`asean-2022|a1_pnh_raffles|primary|${sample}`, 16));
    }
  });

  it('names a bad suffix', () => {
    expect(() => new Alea().seed('k|', -1)).toThrow(/suffix -1/);
    expect(() => new Alea().seed('k|', 1.5)).toThrow(/suffix 1.5/);
  });
});

describe('SampleRng', () => {
  it('reseeding restarts the stream: a sample draws the same numbers whatever ran before it', () => {
    const rng = new SampleRng();
    const prefix = SampleRng.streamPrefix('7', 'mv');
    const draw = () => [rng.uniform(), rng.roadLognormal(17, 0, 0.2), rng.roadExponential(17, 1, 30), rng.uniform()];
    rng.reseed(prefix, 3);
    const first = draw();
    rng.reseed(prefix, 4);
    rng.uniform(); // moves the stream on
    rng.reseed(prefix, 3);
    expect(draw()).toEqual(first);
    rng.reseed(prefix, 4);
    expect(draw()).not.toEqual(first);
    // The key holds no option (common random numbers); its first draw is the day key of the per-road
    // draws, the caller's draws follow.
    const [, u] = reference('7|mv|3', 2);
    expect(first[0]).toBe(u);
  });
});
