import { ExactSum } from '../../metrics/summary/exact-sum.js';
import { QuantileSummary } from '../../metrics/summary/quantile-summary.js';
import { RankedValues } from '../../metrics/summary/ranked-values.js';
import { COVERAGE_KINDS } from '../../metrics/coverage.js';
import { StopTally } from '../../analysis/stops.js';
import { EXPOSURE_COMPONENTS } from '../../model/run-result.js';
import { ROW_ARRIVED, ROW_COVERAGE, ROW_EXPOSURE, ROW_REROUTED, ROW_SAMPLE, ROW_TIME, ROW_WHERE, SUMMARY_WIDTH, WHERE_FIELDS } from '../summary-codec.js';

const E = EXPOSURE_COMPONENTS.length;
/** Per coverage kind in a packed row: p50S, p95S, maxS, withinShare. */
const COV_FIELDS = 4;
const W_DRIVEN = WHERE_FIELDS.indexOf('drivenM');
const W_REROUTED_TO = WHERE_FIELDS.indexOf('reroutedTo');
const W_HELD = WHERE_FIELDS.indexOf('heldS');
const W_STOP_REASON = WHERE_FIELDS.indexOf('stopReason');
const W_STOP_NODE = WHERE_FIELDS.indexOf('stopNode');
const W_STOP_INJECT = WHERE_FIELDS.indexOf('stopInject');
const W_STOP_TIME = WHERE_FIELDS.indexOf('stopTimeS');
// The coverage block runs to the end of the row: response types then evacuation kinds, 4 stats each.
if (ROW_COVERAGE + COVERAGE_KINDS * COV_FIELDS !== SUMMARY_WIDTH) throw new Error('option summary: packed row layout does not match the coverage layout');
/** A hold reported in the held tally (it has no stop reason of its own). */
const HELD = -1;

/**
 * One movement × option of a run, summarised as its samples arrive: counts, and per metric a bounded,
 * mergeable summary (QuantileSummary: exact up to EXACT_BUDGET values, then DDSketch at 1 %; ExactSum for
 * means), never a row per sample. Every piece is a function of the multiset of samples, so the summary
 * and every number read from it are the same for any arrival order: 1 thread or N workers, any chunking.
 *
 * Memory per option: at most EXACT_BUDGET doubles per metric (21 metrics: time, driven, total exposure,
 * 6 components, and per coverage kind the samples' along-route p50 and p95), each with its sketch bins,
 * plus one group per distinct stop place and one count per reroute target.
 */
export class OptionSummary {
  /** Samples aggregated; those that arrived; those that rerouted (arrived or not). */
  done = 0;
  arrived = 0;
  rerouted = 0;
  /** Rerouted samples by the option they switched to last (REROUTED_FRESH: a fresh search). */
  readonly reroutedTo = new Map<number, number>();
  /** Samples that never arrived: why and where they stopped. */
  readonly stopped = new StopTally();
  /** Samples that arrived after holding at a closure. */
  readonly held = new StopTally();
  // Distributions over the samples that arrived.
  readonly timeS = new QuantileSummary();
  readonly drivenM = new QuantileSummary();
  /** Total exposure per sample, summed in component order (the simulation's own total). */
  readonly exposure = new QuantileSummary();
  readonly components: QuantileSummary[] = Array.from({ length: E }, () => new QuantileSummary());
  /** Per coverage kind (response types, then evacuation kinds): the samples' along-route p50 and p95 (Infinity where unreachable). */
  readonly coverP50: RankedValues[] = Array.from({ length: COVERAGE_KINDS }, () => new RankedValues());
  readonly coverP95: RankedValues[] = Array.from({ length: COVERAGE_KINDS }, () => new RankedValues());
  /** Per coverage kind: the largest along-route max (NaN once any is NaN, as the last of sorted values). */
  readonly coverMax = new Float64Array(COVERAGE_KINDS).fill(-Infinity);
  /** Per coverage kind: the share of route within target, summed exactly; non-finite shares counted apart. */
  readonly within: ExactSum[] = Array.from({ length: COVERAGE_KINDS }, () => new ExactSum());
  readonly withinNonFinite = new Uint32Array(COVERAGE_KINDS);

  /**
   * One sample from its packed row (engine/run/summary-codec.ts) at `at`. Returns its total exposure
   * (0 when it did not arrive), which the movement's paired differences take next.
   */
  addRow(rows: Float64Array, at: number): number {
    const sample = rows[at + ROW_SAMPLE]!;
    const arrived = rows[at + ROW_ARRIVED] === 1;
    const w = at + ROW_WHERE;
    this.done++;
    if (rows[at + ROW_REROUTED] === 1) {
      this.rerouted++;
      const to = rows[w + W_REROUTED_TO]!;
      this.reroutedTo.set(to, (this.reroutedTo.get(to) ?? 0) + 1);
    }
    if (!arrived) {
      this.stopped.add(rows[w + W_STOP_REASON]!, rows[w + W_STOP_INJECT]!, rows[w + W_STOP_NODE]!, rows[w + W_STOP_TIME]!, sample);
      return 0;
    }
    const heldS = rows[w + W_HELD]!;
    if (heldS > 0) this.held.add(HELD, rows[w + W_STOP_INJECT]!, rows[w + W_STOP_NODE]!, heldS, sample);
    this.arrived++;
    this.timeS.add(rows[at + ROW_TIME]!);
    this.drivenM.add(rows[w + W_DRIVEN]!);
    let total = 0;
    for (let c = 0; c < E; c++) {
      const x = rows[at + ROW_EXPOSURE + c]!;
      total += x;
      this.components[c]!.add(x);
    }
    this.exposure.add(total);
    for (let k = 0; k < COVERAGE_KINDS; k++) {
      const f = at + ROW_COVERAGE + k * COV_FIELDS;
      this.coverP50[k]!.add(rows[f]!);
      this.coverP95[k]!.add(rows[f + 1]!);
      const max = rows[f + 2]!;
      const m = this.coverMax[k]!;
      if (m === m && (max !== max || max > m)) this.coverMax[k] = max;
      const share = rows[f + 3]!;
      if (Number.isFinite(share)) this.within[k]!.add(share);
      else this.withinNonFinite[k]!++;
    }
    return total;
  }

  /** Mean share within target of coverage kind k over the samples that arrived (NaN when a share was not finite). */
  withinMean(k: number): number {
    return this.withinNonFinite[k]! > 0 ? NaN : this.within[k]!.mean();
  }

  /** True while every quantile this summary gives is exact (each metric within EXACT_BUDGET values). */
  quantilesExact(): boolean {
    return this.quantileSummaries().every((q) => q.isExact);
  }

  private quantileSummaries(): QuantileSummary[] {
    return [this.timeS, this.drivenM, this.exposure, ...this.components, ...this.coverP50.map((r) => r.finite), ...this.coverP95.map((r) => r.finite)];
  }

  /**
   * What the summary holds, for tests and the memory bench: the most values any one metric keeps
   * exactly (at most EXACT_BUDGET) and the sketch bins over all metrics (a function of the values'
   * range, not their count).
   */
  retained(): { maxExactValues: number; sketchBins: number } {
    const qs = this.quantileSummaries();
    let maxExactValues = 0;
    let sketchBins = 0;
    for (const q of qs) {
      maxExactValues = Math.max(maxExactValues, q.isExact ? q.count : 0);
      sketchBins += q.sketchBins().length;
    }
    return { maxExactValues, sketchBins };
  }
}
