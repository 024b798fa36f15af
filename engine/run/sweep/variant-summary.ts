import { ExactSum, type ExactSumState } from '../../metrics/summary/exact-sum.js';
import { QuantileSummary, type QuantileSummaryState } from '../../metrics/summary/quantile-summary.js';
import { PairedDifference, type PairedState } from '../../metrics/summary/paired-difference.js';

/**
 * What a shard of a sweep hands back, and what shards of one variant merge into: bounded, mergeable
 * summaries (exact counts and sums, quantile summaries, paired differences), never a value per sample.
 * Merging is associative and commutative, so 1 thread, a pool or many queue workers give the same bytes.
 *
 * Per stream (movement × option): the count of every sample, of those that arrived and of those rerouted,
 * and over the samples that arrived only (as a run's distributions): time, total exposure and score
 * (sampleScore, engine/model/sample-score.ts: the scenario's delay_minute_exposure × minutes + exposure,
 * as a run scores). A sample that stopped at a closure has no door-to-door time, so its time up to the
 * stop is not a time of the plan. Per plan: the same of the sums over its movements of time and exposure
 * and of the score of those sums, for the samples in which every movement arrived (a plan arrives when
 * all its movements do). Pairs: for plans i < j and, per movement, options i < j, the paired differences
 * of the score over the samples where both arrived.
 * The format names this meaning of the bytes (/3: time and exposure over the arrived samples only): a
 * queue result of another format is refused, and the sweep digest covers it, so no job of another
 * format is reused.
 */
export const VARIANT_SUMMARY_FORMAT = 'motorcade-sweep-summary/3';

export class OutcomeSummary {
  samples = 0;
  arrived = 0;
  rerouted = 0;
  /** Time (s), total exposure and score over the samples that arrived only: each one's count is `arrived`. */
  readonly time = new QuantileSummary();
  readonly exposure = new QuantileSummary();
  readonly score = new ExactSum();

  /** One sample: its time (s), total exposure, score (sampleScore of the two), and whether it arrived. */
  add(timeS: number, exposure: number, score: number, arrived: boolean, rerouted: boolean): void {
    this.samples++;
    if (rerouted) this.rerouted++;
    if (!arrived) return;
    this.arrived++;
    this.time.add(timeS);
    this.exposure.add(exposure);
    this.score.add(score);
  }

  /** Mean score over the samples that arrived; null when none did (or there were no samples). */
  meanScore(): number | null {
    return this.score.n ? this.score.mean() : null;
  }

  merge(o: OutcomeSummary): this {
    this.samples += o.samples;
    this.arrived += o.arrived;
    this.rerouted += o.rerouted;
    this.time.merge(o.time);
    this.exposure.merge(o.exposure);
    this.score.merge(o.score);
    return this;
  }

  toJSON(): OutcomeState {
    return { samples: this.samples, arrived: this.arrived, rerouted: this.rerouted, time: this.time.toJSON(), exposure: this.exposure.toJSON(), score: this.score.toJSON() };
  }

  static fromJSON(s: OutcomeState): OutcomeSummary {
    const o = new OutcomeSummary();
    o.samples = s.samples;
    o.arrived = s.arrived;
    o.rerouted = s.rerouted;
    o.time.merge(QuantileSummary.fromJSON(s.time));
    o.exposure.merge(QuantileSummary.fromJSON(s.exposure));
    o.score.merge(ExactSum.fromJSON(s.score));
    return o;
  }
}

export interface OutcomeState {
  samples: number;
  arrived: number;
  rerouted: number;
  time: QuantileSummaryState;
  exposure: QuantileSummaryState;
  score: ExactSumState;
}

export interface VariantSummaryState {
  format: typeof VARIANT_SUMMARY_FORMAT;
  variant: string;
  /** Per movement, per option: null when the option has no route (its reason in `noRoute`). */
  streams: (OutcomeState | null)[][];
  noRoute: (string | null)[][];
  /** Per plan; null when one of its options has no route. */
  plans: (OutcomeState | null)[];
  planPairs: PairedState[];
  optionPairs: PairedState[][];
}

/** Index of pair (i, j), i < j, of n items in the upper-triangle order (0,1), (0,2) … (1,2) …. */
export function pairIndex(i: number, j: number, n: number): number {
  return i * n - (i * (i + 1)) / 2 + (j - i - 1);
}
export const pairCount = (n: number): number => (n * (n - 1)) / 2;

export class VariantSummary {
  constructor(
    readonly variant: string,
    readonly streams: (OutcomeSummary | null)[][],
    readonly noRoute: (string | null)[][],
    readonly plans: (OutcomeSummary | null)[],
    readonly planPairs: PairedDifference[],
    readonly optionPairs: PairedDifference[][],
  ) {}

  /** An empty summary of a variant with these options per movement (null = no route, with its reason) and plan count. */
  static empty(variant: string, noRoute: (string | null)[][], plansFound: boolean[]): VariantSummary {
    return new VariantSummary(
      variant,
      noRoute.map((mv) => mv.map((r) => (r === null ? new OutcomeSummary() : null))),
      noRoute.map((mv) => [...mv]),
      plansFound.map((f) => (f ? new OutcomeSummary() : null)),
      Array.from({ length: pairCount(plansFound.length) }, () => new PairedDifference()),
      noRoute.map((mv) => Array.from({ length: pairCount(mv.length) }, () => new PairedDifference())),
    );
  }

  merge(o: VariantSummary): this {
    if (o.variant !== this.variant && this.variant !== '*') throw new Error(`sweep: cannot merge variant ${o.variant} into ${this.variant}`);
    this.streams.forEach((mv, mi) => mv.forEach((s, oi) => { const x = o.streams[mi]![oi]; if (s && x) s.merge(x); }));
    this.plans.forEach((p, i) => { const x = o.plans[i]; if (p && x) p.merge(x); });
    this.planPairs.forEach((p, i) => p.merge(o.planPairs[i]!));
    this.optionPairs.forEach((mv, mi) => mv.forEach((p, i) => p.merge(o.optionPairs[mi]![i]!)));
    return this;
  }

  toJSON(): VariantSummaryState {
    return {
      format: VARIANT_SUMMARY_FORMAT,
      variant: this.variant,
      streams: this.streams.map((mv) => mv.map((s) => s?.toJSON() ?? null)),
      noRoute: this.noRoute,
      plans: this.plans.map((p) => p?.toJSON() ?? null),
      planPairs: this.planPairs.map((p) => p.toJSON()),
      optionPairs: this.optionPairs.map((mv) => mv.map((p) => p.toJSON())),
    };
  }

  static fromJSON(s: VariantSummaryState): VariantSummary {
    if (s.format !== VARIANT_SUMMARY_FORMAT) throw new Error(`sweep summary: format ${String(s.format)}, expected ${VARIANT_SUMMARY_FORMAT}`);
    return new VariantSummary(
      s.variant,
      s.streams.map((mv) => mv.map((x) => (x ? OutcomeSummary.fromJSON(x) : null))),
      s.noRoute.map((mv) => [...mv]),
      s.plans.map((p) => (p ? OutcomeSummary.fromJSON(p) : null)),
      s.planPairs.map(PairedDifference.fromJSON),
      s.optionPairs.map((mv) => mv.map(PairedDifference.fromJSON)),
    );
  }

  /** A copy under another name (the pooled summary of all variants is `*`). */
  static pooled(like: VariantSummary): VariantSummary {
    const e = VariantSummary.fromJSON(VariantSummary.empty('*', like.noRoute.map((mv) => mv.map(() => null)), like.plans.map(() => true)).toJSON());
    return e;
  }
}
