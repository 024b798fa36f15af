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
import { ROW_ARRIVED, ROW_COVERAGE, ROW_EXPOSURE, ROW_REROUTED, ROW_SAMPLE, ROW_TIME, ROW_WHERE, SUMMARY_WIDTH } from './summary-codec.js';
import { REROUTED_FRESH, type SampleSummary } from '../model/sample-summary.js';
import { recommend } from '../analysis/verdict.js';
import { pairedComparison, type SampleColumns } from '../analysis/paired-comparison.js';
import { dominators } from '../analysis/pareto.js';
import { stopGroups } from '../analysis/stops.js';
import { clock } from '../metrics/clock.js';
import type { SampleRange } from '../model/sample-range.js';
import { sampleScore } from '../model/sample-score.js';
import { round2, round2OrNull, round4 } from '../rounding.js';

const E = EXPOSURE_COMPONENTS.length;
const R = RESPONDER_TYPES.length;
/** Per coverage kind and sample: p50, p95, max, within (the packed row's order too). */
const COV_FIELDS = 4;
/** Fields of OptionSamples.where per sample, in the packed row's order. */
const WHERE = 7;
const W_DRIVEN = 0;
const W_REROUTED_TO = 1;
const W_HELD = 2;
const W_STOP_REASON = 3;
const W_STOP_NODE = 4;
const W_STOP_INJECT = 5;
const W_STOP_TIME = 6;
if (ROW_WHERE + WHERE !== ROW_COVERAGE) throw new Error('aggregate: packed summary row layout does not match the where layout');
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
  /** drivenM, reroutedTo, heldS, stopReason, stopNode, stopInject, stopTimeS per sample (the packed row's WHERE block). */
  readonly where: Float64Array;
  constructor(readonly samples: number) {
    this.done = new Uint8Array(samples);
    this.timeS = new Float64Array(samples);
    this.arrived = new Uint8Array(samples);
    this.rerouted = new Uint8Array(samples);
    this.exposure = new Float64Array(samples * E);
    this.where = new Float64Array(samples * WHERE);
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
      const w = i * WHERE;
      o.where[w + W_DRIVEN] = s.drivenM;
      o.where[w + W_REROUTED_TO] = s.reroutedTo;
      o.where[w + W_HELD] = s.heldS;
      o.where[w + W_STOP_REASON] = s.stopReason;
      o.where[w + W_STOP_NODE] = s.stopNode;
      o.where[w + W_STOP_INJECT] = s.stopInject;
      o.where[w + W_STOP_TIME] = s.stopTimeS;
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
      const w0 = i * WHERE;
      const pw = at + ROW_WHERE;
      for (let f = 0; f < WHERE; f++) o.where[w0 + f] = packed[pw + f]!;
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
    const rules = { minArrivedShare: plan.scoring.minArrivedShare, delayMinuteExposure: plan.scoring.delayMinuteExposure };
    const movements: MovementResult[] = plan.movements.map((mv, mi) => {
      const twinOf = ctx.sameRouteAs(mi);
      const options: OptionResult[] = [];
      mv.options.forEach((o, oi) => {
        const j = twinOf[oi]!;
        // The same route is one result: the numbers of the first option with it, under this option's name.
        options.push(j >= 0 ? { ...options[j]!, id: o.id, label: o.label, kind: o.kind, sameRouteAs: options[j]!.id, playback: analysis.options[mi]![oi]!.playback } : this.optionResult(mi, oi, analysis.options[mi]![oi]!));
      });
      markPareto(options, rules.minArrivedShare);
      const columns = mv.options.map((_o, oi) => this.sampleColumns(mi, twinOf[oi]! >= 0 ? twinOf[oi]! : oi));
      const { recommended, verdict, comparison } = recommend(options, {
        ...rules,
        paired: (a, b) => pairedComparison({ option: a.id, against: b.id }, columns[options.indexOf(a)]!, columns[options.indexOf(b)]!, rules.delayMinuteExposure),
      });
      return {
        id: mv.id,
        delegation: mv.delegation,
        from: { id: mv.from.id, label: mv.from.label, lon: mv.from.lon, lat: mv.from.lat },
        to: { id: mv.to.id, label: mv.to.label, lon: mv.to.lon, lat: mv.to.lat },
        departureS: mv.departureS,
        options,
        recommended,
        verdict,
        comparison,
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

  /** Per sample index: arrived (and done), time, total exposure (summed in component order). */
  private sampleColumns(mi: number, oi: number): SampleColumns {
    const o = this.perOption[mi]![oi]!;
    const arrived = new Uint8Array(o.samples);
    const exposure = new Float64Array(o.samples);
    for (let i = 0; i < o.samples; i++) {
      arrived[i] = o.done[i]! & o.arrived[i]!;
      let s = 0;
      for (let c = 0; c < E; c++) s += o.exposure[i * E + c]!;
      exposure[i] = s;
    }
    return { arrived, timeS: o.timeS, exposure };
  }

  private optionResult(mi: number, oi: number, analysis: OptionAnalysis): OptionResult {
    const ctx = this.ctx;
    const opt = ctx.plan.movements[mi]!.options[oi]!;
    const route = ctx.routes[mi]![oi]!;
    const o = this.perOption[mi]![oi]!;
    let done = 0;
    let n = 0;
    for (let i = 0; i < o.samples; i++) {
      done += o.done[i]!;
      n += o.done[i]! & o.arrived[i]!;
    }
    // Every distribution is over the samples that arrived (idx); the shares are over the samples done.
    const idx = new Int32Array(n);
    for (let i = 0, j = 0; i < o.samples; i++) if (o.done[i] && o.arrived[i]) idx[j++] = i;
    const doneIdx = new Int32Array(done);
    for (let i = 0, j = 0; i < o.samples; i++) if (o.done[i]) doneIdx[j++] = i;
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
      samplesDone: done,
      arrivedShare: 0,
      arrivedSamples: n,
      reroutedShare: 0,
      reroutes: [],
      detourVia: analysis.detourVia,
      drivenM: { p50: 0, p95: 0, mean: 0 },
      didNotArrive: { samples: 0, stops: [] },
      held: { share: 0, stops: [] },
      sameRouteAs: null,
      dominatedBy: null,
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
    base.hotspots = analysis.hotspots;
    base.chokepoints = analysis.chokepoints;
    base.robustness = analysis.robustness;
    base.playback = analysis.playback;

    const ofDone = (a: Float64Array | Uint8Array, stride: number, offset: number): Float64Array => Float64Array.from(doneIdx, (i) => a[i * stride + offset]!);
    base.arrivedShare = round4(mean(ofDone(o.arrived, 1, 0)));
    base.reroutedShare = round4(mean(ofDone(o.rerouted, 1, 0)));
    base.reroutes = rerouteTargets(ofDone(o.rerouted, 1, 0), ofDone(o.where, WHERE, W_REROUTED_TO), ctx.plan.movements[mi]!.options.map((x) => x.id));
    const stopCols = {
      arrived: ofDone(o.arrived, 1, 0),
      heldS: ofDone(o.where, WHERE, W_HELD),
      stopReason: ofDone(o.where, WHERE, W_STOP_REASON),
      stopNode: ofDone(o.where, WHERE, W_STOP_NODE),
      stopInject: ofDone(o.where, WHERE, W_STOP_INJECT),
      stopTimeS: ofDone(o.where, WHERE, W_STOP_TIME),
    };
    const places = {
      injectId: (k: number) => ctx.injects[k]?.plan.id ?? null,
      lonLat: (node: number) => ctx.lonLatOfNode(node),
      describe: (lon: number, lat: number) => ctx.describe(lon, lat),
      clock,
    };
    base.didNotArrive = stopGroups(stopCols, places, 'stopped');
    const held = stopGroups(stopCols, places, 'held');
    base.held = { share: done ? round4(held.samples / done) : 0, stops: held.stops };
    if (n === 0) return base;
    const driven = distribution(column(o.where, WHERE, W_DRIVEN));
    base.drivenM = { p50: driven.p50, p95: driven.p95, mean: driven.mean };
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
    base.score = round2(sampleScore(base.timeS.mean, base.exposure.total.mean, ctx.plan.scoring.delayMinuteExposure));
    return base;
  }
}

/** Where the rerouted samples went: the option switched to (or null, a fresh search), largest share first. */
function rerouteTargets(rerouted: Float64Array, reroutedTo: Float64Array, optionIds: readonly string[]): OptionResult['reroutes'] {
  const n = rerouted.length;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) if (rerouted[i]) counts.set(reroutedTo[i]!, (counts.get(reroutedTo[i]!) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([to, c]) => ({ option: to === REROUTED_FRESH || to < 0 ? null : (optionIds[to] ?? null), share: round4(c / n) }));
}

/**
 * dominatedBy for the options that arrive often enough to be recommended: another such option no slower
 * (mean time) and no more exposed (mean exposure), strictly better in one. An option with the same route
 * as an earlier one is that one (never dominated by it).
 */
function markPareto(options: OptionResult[], minArrivedShare: number): void {
  const eligible = options.filter((o) => o.found && o.arrivedSamples > 0 && o.arrivedShare >= minArrivedShare);
  const distinct = eligible.filter((o) => !o.sameRouteAs);
  const by = dominators(distinct.map((o) => ({ id: o.id, timeS: o.timeS.mean, exposure: o.exposure.total.mean })));
  const of = new Map(distinct.map((o, i) => [o.id, by[i]!]));
  for (const o of eligible) o.dominatedBy = of.get(o.sameRouteAs ?? o.id) ?? null;
}

/** Aggregate whole chunks at once and analyse the run (convenience over RunAggregator and analyseRun). */
export function aggregateSamples(ctx: PreparedRun, chunks: Iterable<{ task: SampleRange; summaries: readonly SampleSummary[] }>, opts: { partial?: boolean } = {}): RunResult {
  const agg = new RunAggregator(ctx);
  for (const c of chunks) agg.add(c.task, c.summaries);
  return agg.result(analyseRun(ctx), opts);
}
