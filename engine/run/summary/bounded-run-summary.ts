import { QuantileSummary } from '../../metrics/summary/quantile-summary.js';
import type { SampleRange } from '../../model/sample-range.js';
import type { SampleSummary } from '../../model/sample-summary.js';
import { sampleScore } from '../../model/sample-score.js';
import { ROW_ARRIVED, ROW_EXPOSURE, ROW_REROUTED, ROW_TIME, SUMMARY_WIDTH } from '../summary-codec.js';
import { EXPOSURE_COMPONENTS, type Distribution } from '../../model/run-result.js';
import { round2, round4 } from '../../rounding.js';
import { HISTOGRAM_BINS } from '../distribution.js';
import { summaryHistogram } from './bounded-histogram.js';

/**
 * The boundary between a run's sample stream and bounded, mergeable aggregation: the same `add` and
 * `addPacked` the pool's sinks call on RunAggregator (engine/run/aggregate.ts), but memory bounded by the
 * exact budget of QuantileSummary instead of a row per sample. It summarises time and total exposure of
 * the samples that arrived (as RunAggregator does; each a Distribution with its histogram) and the
 * arrived/rerouted shares per movement × option; the full RunResult (hotspots, coverage, playback) stays
 * RunAggregator's. Used by sweeps' benches and for runs past the exact budget.
 */
export interface BoundedOptionSummary {
  samplesDone: number;
  arrivedShare: number;
  reroutedShare: number;
  timeS: BoundedDistribution;
  exposure: BoundedDistribution;
  /** delayMinuteExposure × mean minutes + mean total exposure over the samples that arrived, as OptionResult.score. */
  score: number;
}

/**
 * A Distribution, and how its quantiles and histogram were computed: exact (nearest rank and the values'
 * own bins, as RunAggregator) or from the sketch (each within 1 %: summaryHistogram says how for bins).
 */
export type BoundedDistribution = Distribution & {
  quantiles: 'exact' | 'sketch';
};

class StreamSummary {
  n = 0;
  arrived = 0;
  rerouted = 0;
  readonly time = new QuantileSummary();
  readonly exposure = new QuantileSummary();
}

export class BoundedRunSummary {
  private readonly streams: StreamSummary[][];

  /** `delayMinuteExposure`: the plan's scoring.delayMinuteExposure (what a minute of delay is worth in exposure-s). */
  constructor(optionsPerMovement: readonly number[], private readonly delayMinuteExposure = 60) {
    this.streams = optionsPerMovement.map((n) => Array.from({ length: n }, () => new StreamSummary()));
  }

  add(task: SampleRange, summaries: readonly SampleSummary[]): void {
    const s = this.stream(task);
    for (const x of summaries) {
      let e = 0;
      for (let c = 0; c < EXPOSURE_COMPONENTS.length; c++) e += x.exposure[c]!;
      this.addOne(s, x.timeS, e, x.arrived, x.rerouted);
    }
  }

  addPacked(task: SampleRange, packed: Float64Array): void {
    const s = this.stream(task);
    for (let at = 0; at + SUMMARY_WIDTH <= packed.length; at += SUMMARY_WIDTH) {
      let e = 0;
      for (let c = 0; c < EXPOSURE_COMPONENTS.length; c++) e += packed[at + ROW_EXPOSURE + c]!;
      this.addOne(s, packed[at + ROW_TIME]!, e, packed[at + ROW_ARRIVED] === 1, packed[at + ROW_REROUTED] === 1);
    }
  }

  summary(): BoundedOptionSummary[][] {
    return this.streams.map((mv) =>
      mv.map((s) => ({
        samplesDone: s.n,
        arrivedShare: s.n ? round4(s.arrived / s.n) : 0,
        reroutedShare: s.n ? round4(s.rerouted / s.n) : 0,
        timeS: bounded(s.time),
        exposure: bounded(s.exposure),
        // As OptionResult.score: from the rounded means.
        score: s.time.count ? round2(sampleScore(round2(s.time.mean()), round2(s.exposure.mean()), this.delayMinuteExposure)) : 0,
      })),
    );
  }

  private addOne(s: StreamSummary, time: number, exposure: number, arrived: boolean, rerouted: boolean): void {
    s.n++;
    if (arrived) s.arrived++;
    if (rerouted) s.rerouted++;
    if (!arrived) return;
    s.time.add(time);
    s.exposure.add(exposure);
  }

  private stream(task: SampleRange): StreamSummary {
    const s = this.streams[task.movementIndex]?.[task.optionIndex];
    if (!s) throw new Error(`bounded summary: no movement ${task.movementIndex} option ${task.optionIndex}`);
    return s;
  }
}

function bounded(q: QuantileSummary): BoundedDistribution {
  const v = (p: number) => (q.count ? round2(q.quantile(p)) : 0);
  return {
    p05: v(0.05),
    p25: v(0.25),
    p50: v(0.5),
    p75: v(0.75),
    p95: v(0.95),
    mean: q.count ? round2(q.mean()) : 0,
    min: q.count ? round2(q.min) : 0,
    max: q.count ? round2(q.max) : 0,
    histogram: summaryHistogram(q, HISTOGRAM_BINS),
    quantiles: q.isExact ? 'exact' : 'sketch',
  };
}
