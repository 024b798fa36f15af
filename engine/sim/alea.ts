/**
 * Baagøe's Alea generator with Mash seeding: the same stream, bit for bit, as `seedrandom.alea(key)`
 * (test/sim/alea.test.ts checks it against seedrandom, which stays the reference), but reseeded IN PLACE.
 *
 * Why not seedrandom.alea per sample: every call builds an Alea object, a Mash closure and a fresh `next`
 * closure carrying three more closures as properties, so each sample allocated ~1 KB before simulating
 * anything, and the call site `prng()` saw a different function object every sample. One instance per
 * worker, reseeded from the sample key, allocates nothing and its `next` inlines into the simulation loop.
 *
 * State: three fractions s0..s2 in [0, 1) and a carry c (integer < 2091639), all plain number fields.
 */
export class Alea {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private c = 1;
  /** Mash state between the calls of one seeding (a 32-bit unsigned integer kept in a double). */
  private n = 0;
  /** Scratch for the decimal digits of a seed suffix (2^53 has 16). */
  private readonly digits = new Uint8Array(16);
  /**
   * Mash state after the seeding's three spaces and a prefix, per prefix: the first pass over the key
   * starts there for every sample of a stream (the second and third passes depend on the whole key).
   * A stream's samples share one prefix string, so this holds one entry per movement × option.
   */
  private readonly afterPrefix = new Map<string, number>();

  /** Seed from `${prefix}${suffix}`, where suffix is a non-negative integer written in decimal. */
  seed(prefix: string, suffix: number): void {
    if (!Number.isSafeInteger(suffix) || suffix < 0) throw new RangeError(`Alea seed suffix ${suffix} must be a non-negative safe integer`);
    let start = this.afterPrefix.get(prefix);
    if (start === undefined) {
      this.n = MASH_AFTER_SPACES;
      this.mashPrefix(prefix);
      if (this.afterPrefix.size >= 4096) this.afterPrefix.clear(); // bounded, whatever a caller seeds
      this.afterPrefix.set(prefix, (start = this.n));
    }
    this.n = start;
    this.mashDigits(suffix);
    this.s0 = fraction(SPACE_0 - (this.n >>> 0) * 2.3283064365386963e-10);
    this.s1 = fraction(SPACE_1 - this.mashKey(prefix, suffix));
    this.s2 = fraction(SPACE_2 - this.mashKey(prefix, suffix));
    this.c = 1;
  }

  /** Uniform in [0, 1), 32 bits of randomness. */
  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }

  private mashKey(prefix: string, suffix: number): number {
    this.mashPrefix(prefix);
    this.mashDigits(suffix);
    return (this.n >>> 0) * 2.3283064365386963e-10; // 2^-32
  }

  private mashPrefix(prefix: string): void {
    for (let i = 0; i < prefix.length; i++) this.mashChar(prefix.charCodeAt(i));
  }

  private mashDigits(suffix: number): void {
    // Decimal digits of suffix, most significant first, without building a string (exact integer steps).
    let digits = 0;
    for (let x = suffix; ; x = (x - (x % 10)) / 10) {
      this.digits[digits++] = x % 10;
      if (x < 10) break;
    }
    while (digits > 0) this.mashChar(48 + this.digits[--digits]!);
  }

  private mashChar(code: number): void {
    this.n = mashStep(this.n, code);
  }
}

/** One character of Baagøe's Mash: the 32-bit state n (kept in a double) absorbs a UTF-16 code unit. */
function mashStep(state: number, code: number): number {
  let n = state + code;
  let h = 0.02519603282416938 * n;
  n = h >>> 0;
  h -= n;
  h *= n;
  n = h >>> 0;
  h -= n;
  return n + h * 0x100000000; // 2^32
}

// Alea's seeding starts by mashing three single spaces from Mash's initial state; the results are constants.
const MASH_AFTER_1 = mashStep(0xefc8249d, 32);
const MASH_AFTER_2 = mashStep(MASH_AFTER_1, 32);
const MASH_AFTER_SPACES = mashStep(MASH_AFTER_2, 32);
const SPACE_0 = (MASH_AFTER_1 >>> 0) * 2.3283064365386963e-10;
const SPACE_1 = (MASH_AFTER_2 >>> 0) * 2.3283064365386963e-10;
const SPACE_2 = (MASH_AFTER_SPACES >>> 0) * 2.3283064365386963e-10;

/** Seeding keeps each state fraction in [0, 1). */
function fraction(x: number): number {
  return x < 0 ? x + 1 : x;
}
