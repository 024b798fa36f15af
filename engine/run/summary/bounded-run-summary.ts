import type { QuantileSummary } from '../../metrics/summary/quantile-summary.js';
import type { SampleRange } from '../../model/sample-range.js';
import type { SampleSummary } from '../../model/sample-summary.js';
import { sampleScore } from '../../model/sample-score.js';
import { packSummaries, SUMMARY_WIDTH } from '../summary-codec.js';
import type { Distribution, QuantileMethod } from '../../model/run-result.js';
import { round2, round4 } from '../../rounding.js';
import { summaryDistribution } from './summary-distribution.js';
import { OptionSummary } from './option-summary.js';

/**
 * A compact view of a run's bounded aggregation: the same `add` and `addPacked` sinks as RunAggregator
 * (engine/run/aggregate.ts) over the same per-option summaries (OptionSummary), read out as each
 * option's time and total exposure Distributions over the samples that arrived (with how their quantiles
 * were computed), its arrived and rerouted shares and its score, without the RunResult's analysis
 * (routes, hotspots, coverage, playback).
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
 * own bins, as within the exact budget) or from the sketch (each within 1 %: summaryHistogram says how for bins).
 */
export type BoundedDistribution = Distribution & {
  quantiles: QuantileMethod;
};

export class BoundedRunSummary {
  private readonly streams: OptionSummary[][];
  private scratch = new Float64Array(0);

  /** `delayMinuteExposure`: the plan's scoring.delayMinuteExposure (what a minute of delay is worth in exposure-s). */
  constructor(optionsPerMovement: readonly number[], private readonly delayMinuteExposure = 60) {
    this.streams = optionsPerMovement.map((n) => Array.from({ length: n }, () => new OptionSummary()));
  }

  add(task: SampleRange, summaries: readonly SampleSummary[]): void {
    const n = summaries.length * SUMMARY_WIDTH;
    if (this.scratch.length < n) this.scratch = new Float64Array(n);
    this.addPacked(task, packSummaries(summaries, this.scratch));
  }

  addPacked(task: SampleRange, packed: Float64Array): void {
    const s = this.stream(task);
    for (let at = 0; at + SUMMARY_WIDTH <= packed.length; at += SUMMARY_WIDTH) s.addRow(packed, at);
  }

  summary(): BoundedOptionSummary[][] {
    return this.streams.map((mv) =>
      mv.map((s) => ({
        samplesDone: s.done,
        arrivedShare: s.done ? round4(s.arrived / s.done) : 0,
        reroutedShare: s.done ? round4(s.rerouted / s.done) : 0,
        timeS: bounded(s.timeS),
        exposure: bounded(s.exposure),
        // As OptionResult.score: from the rounded means.
        score: s.timeS.count ? round2(sampleScore(round2(s.timeS.mean()), round2(s.exposure.mean()), this.delayMinuteExposure)) : 0,
      })),
    );
  }

  private stream(task: SampleRange): OptionSummary {
    const s = this.streams[task.movementIndex]?.[task.optionIndex];
    if (!s) throw new Error(`bounded summary: no movement ${task.movementIndex} option ${task.optionIndex}`);
    return s;
  }
}

function bounded(q: QuantileSummary): BoundedDistribution {
  return { ...summaryDistribution(q), quantiles: q.isExact ? 'exact' : 'sketch' };
}
