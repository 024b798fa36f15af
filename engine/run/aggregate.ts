import { analyseRun, type OptionAnalysis, type RunAnalysis } from '../analysis/run-analysis.js';
import { COVERAGE_KINDS } from '../metrics/coverage.js';
import { distribution, mean, quantileSorted } from './distribution.js';
import type { PreparedRun } from '../sim/prepared-run.js';
import {
  EVACUATION_KINDS,
  EXPOSURE_COMPONENTS,
  OSM_ATTRIBUTION,
  RESPONDER_TYPES,
  RUN_RESULT_FORMAT,
  type ExposureComponent,
  type MovementResult,
  type OptionResult,
  type RunResult,
} from '../model/run-result.js';
import { ROW_ARRIVED, ROW_COVERAGE, ROW_EXPOSURE, ROW_REROUTED, ROW_SAMPLE, ROW_TIME, SUMMARY_WIDTH } from './summary-codec.js';
import type { SampleSummary } from '../model/sample-summary.js';
import { recommend } from '../analysis/verdict.js';
import type { SampleRange } from '../model/sample-range.js';
import { round2, round2OrNull, round4 } from '../rounding.js';

const E = EXPOSURE_COMPONENTS.length;
const R = RESPONDER_TYPES.length;
/** Per coverage kind and sample: p50, p95, max, within (the packed row's order too). */
const COV_FIELDS = 4;
// The packed row's coverage block is response types then evacuation kinds, 4 stats each: the very layout
// of OptionSamples.coverage per sample, so addPacked copies it as one run of doubles.
if (ROW_COVERAGE + COVERAGE_KINDS * COV_FIELDS !== SUMMARY_WIDTH) throw new Error('aggregate: packed summary row layout does not match the coverage layout');

/** Per movement × option: one number per sample per metric (what quantiles need), nothing more. */
class OptionSamples {
  readonly done: Uint8Array;
  readonly timeS: Float64Array;
  readonly arrived: Uint8Array;
  readonly rerouted: Uint8Array;
  readonly exposure: Float64Array;
  readonly coverage: Float64Array;
  constructor(readonly samples: number) {
    this.done = new Uint8Array(samples);
    this.timeS = new Float64Array(samples);
    this.arrived = new Uint8Array(samples);
    this.rerouted = new Uint8Array(samples);
    this.exposure = new Float64Array(samples * E);
    this.coverage = new Float64Array(samples * COVERAGE_KINDS * COV_FIELDS);
  }
}

/**
 * Streaming aggregation of sample summaries into the RunResult. Chunks may arrive in any order (each
 * summary lands at its sample index); every sum and quantile is taken in sample order at the end, so the
 * result is byte-identical whatever the chunking or the number of workers. It only summarises: what the
 * result says beyond the distributions (routes, hotspots, chokepoints, robustness, playback) comes from
 * the run's analysis (engine/analysis/run-analysis.ts), computed once and passed to result().
 */
export class RunAggregator {
  private readonly perOption: OptionSamples[][];

  constructor(private readonly ctx: PreparedRun) {
    this.perOption = ctx.plan.movements.map((mv) => mv.options.map(() => new OptionSamples(ctx.samples)));
  }

  add(task: SampleRange, summaries: readonly SampleSummary[]): void {
    const o = this.optionSamples(task);
    for (const s of summaries) {
      const i = s.sample;
      if (i < 0 || i >= o.samples) continue;
      o.done[i] = 1;
      o.timeS[i] = s.timeS;
      o.arrived[i] = s.arrived ? 1 : 0;
      o.rerouted[i] = s.rerouted ? 1 : 0;
      for (let c = 0; c < E; c++) o.exposure[i * E + c] = s.exposure[c]!;
      // Response types first, then evacuation kinds: the COVERAGE_KINDS order of the coverage rows.
      for (let k = 0; k < COVERAGE_KINDS; k++) {
        const base = (i * COVERAGE_KINDS + k) * COV_FIELDS;
        const st = k < R ? s.response[k]! : s.evacuation[k - R]!;
        o.coverage[base] = st.p50S;
        o.coverage[base + 1] = st.p95S;
        o.coverage[base + 2] = st.maxS;
        o.coverage[base + 3] = st.withinShare;
      }
    }
  }

  /**
   * The same as add(task, unpackSummaries(packed)), read straight from the rows a worker sent
   * (engine/run/summary-codec.ts layout) into the per-sample arrays: no object per sample, which was
   * most of the main thread's share of a pooled run. The values copied are the very doubles, so the
   * result is byte-identical to add() (the determinism tests compare both paths).
   */
  addPacked(task: SampleRange, packed: Float64Array): void {
    const o = this.optionSamples(task);
    if (packed.length % SUMMARY_WIDTH !== 0) throw new Error(`packed summaries: ${packed.length} numbers is not a whole number of ${SUMMARY_WIDTH}-wide rows`);
    const covWidth = COVERAGE_KINDS * COV_FIELDS;
    for (let at = 0; at < packed.length; at += SUMMARY_WIDTH) {
      const i = packed[at + ROW_SAMPLE]!;
      if (!(i >= 0 && i < o.samples)) continue;
      o.done[i] = 1;
      o.timeS[i] = packed[at + ROW_TIME]!;
      o.arrived[i] = packed[at + ROW_ARRIVED] === 1 ? 1 : 0;
      o.rerouted[i] = packed[at + ROW_REROUTED] === 1 ? 1 : 0;
      const e0 = i * E;
      const pe = at + ROW_EXPOSURE;
      for (let c = 0; c < E; c++) o.exposure[e0 + c] = packed[pe + c]!;
      const c0 = i * covWidth;
      const pc = at + ROW_COVERAGE;
      for (let f = 0; f < covWidth; f++) o.coverage[c0 + f] = packed[pc + f]!;
    }
  }

  private optionSamples(task: SampleRange): OptionSamples {
    const o = this.perOption[task.movementIndex]?.[task.optionIndex];
    if (!o) throw new Error(`aggregate: no movement ${task.movementIndex} option ${task.optionIndex}`);
    return o;
  }

  /** Samples aggregated so far, over every movement × option. */
  get samplesDone(): number {
    let n = 0;
    for (const mv of this.perOption) for (const o of mv) for (let i = 0; i < o.samples; i++) n += o.done[i]!;
    return n;
  }

  /** The RunResult of the samples aggregated so far, with the run's analysis (analyseRun of the same PreparedRun). */
  result(analysis: RunAnalysis, opts: { partial?: boolean } = {}): RunResult {
    const ctx = this.ctx;
    const plan = ctx.plan;
    const movements: MovementResult[] = plan.movements.map((mv, mi) => {
      const options = mv.options.map((_o, oi) => this.optionResult(mi, oi, analysis.options[mi]![oi]!));
      const { recommended, verdict } = recommend(options);
      return {
        id: mv.id,
        delegation: mv.delegation,
        from: { id: mv.from.id, label: mv.from.label, lon: mv.from.lon, lat: mv.from.lat },
        to: { id: mv.to.id, label: mv.to.label, lon: mv.to.lon, lat: mv.to.lat },
        departureS: mv.departureS,
        options,
        recommended,
        verdict,
      };
    });
    return {
      format: RUN_RESULT_FORMAT,
      partial: opts.partial ?? false,
      scenario: { id: plan.id, name: plan.name },
      seed: ctx.seed,
      samples: ctx.samples,
      graph: { nodes: ctx.graph.nodeCount, edges: ctx.graph.edgeCount, source: plan.graphSource, attribution: OSM_ATTRIBUTION },
      scoring: plan.scoring,
      movements,
    };
  }

  private optionResult(mi: number, oi: number, analysis: OptionAnalysis): OptionResult {
    const ctx = this.ctx;
    const opt = ctx.plan.movements[mi]!.options[oi]!;
    const route = ctx.routes[mi]![oi]!;
    const o = this.perOption[mi]![oi]!;
    let n = 0;
    for (let i = 0; i < o.samples; i++) n += o.done[i]!;
    const idx = new Int32Array(n);
    for (let i = 0, j = 0; i < o.samples; i++) if (o.done[i]) idx[j++] = i;
    // One metric of the samples done, in sample order: a[i * stride + offset]. A plain loop with no call per
    // element: it runs per metric over every sample, on the main thread after the last chunk.
    const column = (a: Float64Array | Uint8Array, stride: number, offset: number): Float64Array => {
      const out = new Float64Array(n);
      for (let j = 0; j < n; j++) out[j] = a[idx[j]! * stride + offset]!;
      return out;
    };
    const empty = distribution(new Float64Array(0));
    const found = analysis.found;
    const base: OptionResult = {
      id: opt.id,
      label: opt.label,
      kind: opt.kind,
      found,
      route: analysis.route,
      samplesDone: n,
      arrivedShare: 0,
      reroutedShare: 0,
      timeS: empty,
      exposure: { total: empty, components: Object.fromEntries(EXPOSURE_COMPONENTS.map((c) => [c, { p50: 0, p95: 0, mean: 0 }])) as Record<ExposureComponent, { p50: number; p95: number; mean: number }> },
      hotspots: [],
      response: [],
      evacuation: [],
      chokepoints: [],
      robustness: [],
      playback: { sample: 0, trajectory: [], stops: [], events: [] },
      score: 0,
    };
    if (!route.found) base.reason = route.reason;
    if (!found) return base;

    base.arrivedShare = round4(mean(column(o.arrived, 1, 0)));
    base.reroutedShare = round4(mean(column(o.rerouted, 1, 0)));
    base.timeS = distribution(column(o.timeS, 1, 0));
    const total = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const i = idx[j]!;
      let s = 0; // summed in component order: the per-sample total as the simulation defines it
      for (let c = 0; c < E; c++) s += o.exposure[i * E + c]!;
      total[j] = s;
    }
    base.exposure.total = distribution(total);
    EXPOSURE_COMPONENTS.forEach((c, ci) => {
      const d = distribution(column(o.exposure, E, ci));
      base.exposure.components[c] = { p50: d.p50, p95: d.p95, mean: d.mean };
    });
    const cov = (k: number, f: number) => column(o.coverage, COVERAGE_KINDS * COV_FIELDS, k * COV_FIELDS + f).sort();
    const covStats = (k: number) => ({
      p50S: round2OrNull(quantileSorted(cov(k, 0), 0.5)),
      p95S: round2OrNull(quantileSorted(cov(k, 1), 0.5)),
      maxS: round2OrNull(n ? cov(k, 2)[n - 1]! : NaN),
      withinTargetShare: round4(mean(column(o.coverage, COVERAGE_KINDS * COV_FIELDS, k * COV_FIELDS + 3))),
      worst: analysis.worst[k]!,
    });
    base.response = RESPONDER_TYPES.map((type, k) => ({ type, units: ctx.coverage.unitsOfType(k, ctx.movements[mi]!.allowedResponders), targetS: ctx.plan.scoring.responseTargetS[type], ...covStats(k) }));
    base.evacuation = EVACUATION_KINDS.map((kind, j) => ({
      kind,
      destinations: (kind === 'hospital' ? ctx.plan.hospitals : ctx.plan.safeHavens).map((p) => p.id),
      targetS: ctx.plan.scoring.evacuationTargetS,
      ...covStats(RESPONDER_TYPES.length + j),
    }));
    base.hotspots = analysis.hotspots;
    base.chokepoints = analysis.chokepoints;
    base.robustness = analysis.robustness;
    base.playback = analysis.playback;
    base.score = round2(base.timeS.mean + base.exposure.total.mean);
    return base;
  }
}

/** Aggregate whole chunks at once and analyse the run (convenience over RunAggregator and analyseRun). */
export function aggregateSamples(ctx: PreparedRun, chunks: Iterable<{ task: SampleRange; summaries: readonly SampleSummary[] }>, opts: { partial?: boolean } = {}): RunResult {
  const agg = new RunAggregator(ctx);
  for (const c of chunks) agg.add(c.task, c.summaries);
  return agg.result(analyseRun(ctx), opts);
}
