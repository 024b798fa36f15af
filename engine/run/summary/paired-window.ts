import { PairedDifference } from '../../metrics/summary/paired-difference.js';
import type { PairedIntervals } from '../../analysis/paired-comparison.js';
import { sampleScore } from '../../model/sample-score.js';

/** Metrics paired per sample, in PairedWindow.diffs order. */
const TIME = 0;
const EXPOSURE = 1;
const SCORE = 2;
const METRICS = 3;
/** Values kept per member and pending sample: time, total exposure. */
const VALUES = 2;
/** Initial ring size in samples (grown by doubling when samples arrive further ahead). */
const INITIAL_SLOTS = 1024;

/**
 * The paired differences between the options of one movement (option a − option b on the same day:
 * sample i of every option is drawn from the same random stream), accumulated as samples arrive instead
 * of kept as columns.
 *
 * A movement's options arrive in separate chunks, so sample i of one option waits here until sample i of
 * every other member has arrived; it is then added to the exact, order-free PairedDifference of every
 * ordered pair of members that both arrived on that day (both orientations are accumulated: a − b is not
 * rounded to the sums' resolution exactly as −(b − a) would be), and its slot is freed.
 *
 * Memory: the ring holds the samples between the oldest one still waiting for a member and the newest
 * one seen, time and exposure per member. The runners dispatch chunks round by round over the sample axis,
 * every stream in turn (engine/run/pool/chunk-plan.ts planChunks), so that span is a few rounds of chunks,
 * however many samples the run has; any other order gives the same result with a larger ring (at most the
 * run's sample count).
 *
 * Members are the movement's options with a route of their own: an option with the same route as an
 * earlier one is compared as that one and may never be simulated, so nothing waits for its samples.
 */
export class PairedWindow {
  private readonly k: number;
  /** Option index → member column, -1 when the option is not a member. */
  private readonly column: Int32Array;
  private readonly delayMinuteExposure: number;
  /** k × k ordered pairs (a ≠ b) × METRICS. */
  private readonly diffs: PairedDifference[];
  private cap: number;
  /** Lowest sample index not yet paired: slot of sample s is s & (cap − 1) for s in [base, base + cap). */
  private base = 0;
  private got: Uint16Array;
  private paired: Uint8Array;
  private arrived: Uint8Array;
  private values: Float64Array;
  /** Samples some but not all members have reported. */
  waiting = 0;

  constructor(members: readonly number[], optionCount: number, samples: number, delayMinuteExposure: number) {
    this.k = members.length;
    if (this.k > 0xffff) throw new Error(`paired window: ${this.k} options is more than one movement can pair`);
    this.column = new Int32Array(optionCount).fill(-1);
    members.forEach((oi, m) => (this.column[oi] = m));
    this.delayMinuteExposure = delayMinuteExposure;
    this.diffs = Array.from({ length: this.k * this.k * METRICS }, () => new PairedDifference());
    let cap = 1;
    while (cap < Math.min(INITIAL_SLOTS, Math.max(1, samples))) cap *= 2;
    this.cap = cap;
    this.got = new Uint16Array(cap);
    this.paired = new Uint8Array(cap);
    this.arrived = new Uint8Array(cap * this.k);
    this.values = new Float64Array(cap * this.k * VALUES);
  }

  /** Ring slots allocated now (samples): what the window holds, whatever the run's sample count. */
  get slots(): number {
    return this.cap;
  }

  /** One option's sample. Options that are not members (a twin, no route) are ignored. */
  add(optionIndex: number, sample: number, arrived: boolean, timeS: number, exposure: number): void {
    const m = this.column[optionIndex] ?? -1;
    if (m < 0 || this.k < 2 || sample < this.base) return;
    while (sample >= this.base + this.cap) this.grow();
    const slot = sample & (this.cap - 1);
    const at = slot * this.k + m;
    this.arrived[at] = arrived ? 1 : 0;
    this.values[at * VALUES] = timeS;
    this.values[at * VALUES + 1] = exposure;
    if (this.got[slot] === 0) this.waiting++;
    if (++this.got[slot]! < this.k) return;
    this.waiting--;
    this.pair(slot);
    this.got[slot] = 0;
    this.paired[slot] = 1;
    while (this.paired[this.base & (this.cap - 1)] === 1) this.paired[this.base++ & (this.cap - 1)] = 0;
  }

  /** Option a − option b over the days both arrived; null unless both are members (and distinct). */
  intervals(a: number, b: number): PairedIntervals | null {
    const ma = this.column[a] ?? -1;
    const mb = this.column[b] ?? -1;
    if (ma < 0 || mb < 0 || ma === mb) return null;
    const d = (ma * this.k + mb) * METRICS;
    return { timeS: this.diffs[d + TIME]!.interval(), exposure: this.diffs[d + EXPOSURE]!.interval(), score: this.diffs[d + SCORE]!.interval() };
  }

  private pair(slot: number): void {
    const k = this.k;
    const o = slot * k;
    const v = this.values;
    for (let a = 0; a < k; a++) {
      if (!this.arrived[o + a]) continue;
      const ta = v[(o + a) * VALUES]!;
      const ea = v[(o + a) * VALUES + 1]!;
      for (let b = 0; b < k; b++) {
        if (b === a || !this.arrived[o + b]) continue;
        const tb = v[(o + b) * VALUES]!;
        const eb = v[(o + b) * VALUES + 1]!;
        const d = (a * k + b) * METRICS;
        this.diffs[d + TIME]!.add(ta, tb);
        this.diffs[d + EXPOSURE]!.add(ea, eb);
        this.diffs[d + SCORE]!.add(sampleScore(ta, ea, this.delayMinuteExposure), sampleScore(tb, eb, this.delayMinuteExposure));
      }
    }
  }

  /** Doubles the ring, each pending sample moved to its slot under the new mask. */
  private grow(): void {
    const k = this.k;
    const cap = this.cap * 2;
    const got = new Uint16Array(cap);
    const paired = new Uint8Array(cap);
    const arrived = new Uint8Array(cap * k);
    const values = new Float64Array(cap * k * VALUES);
    for (let s = this.base; s < this.base + this.cap; s++) {
      const from = s & (this.cap - 1);
      const to = s & (cap - 1);
      got[to] = this.got[from]!;
      paired[to] = this.paired[from]!;
      arrived.set(this.arrived.subarray(from * k, (from + 1) * k), to * k);
      values.set(this.values.subarray(from * k * VALUES, (from + 1) * k * VALUES), to * k * VALUES);
    }
    this.cap = cap;
    this.got = got;
    this.paired = paired;
    this.arrived = arrived;
    this.values = values;
  }
}
