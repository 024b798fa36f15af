import { analyseRun, type OptionAnalysis, type RunAnalysis } from '../analysis/run-analysis.js';
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
  type PairedComparison,
  type RunResult,
} from '../model/run-result.js';
import { ROW_ARRIVED, ROW_SAMPLE, ROW_TIME, SUMMARY_WIDTH, packSummaries } from './summary-codec.js';
import { REROUTED_FRESH, type SampleSummary } from '../model/sample-summary.js';
import { recommend } from '../analysis/verdict.js';
import { pairedComparison } from '../analysis/paired-comparison.js';
import { pairedInterval } from '../metrics/summary/paired-difference.js';
import type { QuantileSummary } from '../metrics/summary/quantile-summary.js';
import { dominators } from '../analysis/pareto.js';
import { clock } from '../metrics/clock.js';
import type { SampleRange } from '../model/sample-range.js';
import { sampleScore } from '../model/sample-score.js';
import { round2, round2OrNull, round4 } from '../rounding.js';
import { OptionSummary } from './summary/option-summary.js';
import { PairedWindow } from './summary/paired-window.js';
import { summaryDistribution } from './summary/summary-distribution.js';
import { distribution } from './distribution.js';

/**
 * Streaming aggregation of sample summaries into the RunResult, in memory that does not grow with the
 * sample count: per movement × option an OptionSummary (bounded, mergeable summaries per metric, exact
 * while a metric holds at most EXACT_BUDGET = 2,048 values, so runs of up to 2,048 samples per option get
 * the exact nearest-rank quantiles and histograms), and per movement a PairedWindow that pairs sample i
 * of every option as it arrives (common random numbers) into exact paired differences.
 *
 * Chunks may arrive in any order: every summary is a function of the multiset of samples (integer sums,
 * sorted exact values, sketch bin counts), so the result is byte-identical whatever the chunking or the
 * number of workers. Each sample of a stream is expected once (the schedulers deliver a chunk's rows
 * once; a retried chunk only after its failed attempt delivered nothing). It only summarises: what the
 * result says beyond the distributions (routes, hotspots, chokepoints, robustness, playback) comes from
 * the run's analysis (engine/analysis/run-analysis.ts), computed once and passed to result().
 *
 * Nothing in `motorcade run` needs the per-sample rows afterwards: exports, the report and the exercise
 * console read the RunResult and the analysis (its playback re-simulates the one sample it shows).
 */
export class RunAggregator {
  private readonly perOption: OptionSummary[][];
  private readonly pairs: PairedWindow[];
  /**
   * Per movement and option: the earlier option with the very same route (-1: none; PreparedRun.sameRouteAs).
   * Such an option is that option's result under its own name, and its own summaries are never read: the
   * sample loop does not simulate it (its rows are placeholders).
   */
  private readonly twinOf: (readonly number[])[];
  private done = 0;
  /** Rows of add()'s summary objects, reused across chunks. */
  private scratch = new Float64Array(0);

  constructor(private readonly ctx: PreparedRun) {
    const mvs = ctx.plan.movements;
    this.twinOf = mvs.map((_mv, mi) => ctx.sameRouteAs(mi));
    this.perOption = mvs.map((mv) => mv.options.map(() => new OptionSummary()));
    this.pairs = mvs.map((mv, mi) => {
      const members = mv.options.map((_o, oi) => oi).filter((oi) => this.twinOf[mi]![oi] === -1 && hasRoute(ctx, mi, oi));
      return new PairedWindow(members, mv.options.length, ctx.samples, ctx.plan.scoring.delayMinuteExposure);
    });
  }

  add(task: SampleRange, summaries: readonly SampleSummary[]): void {
    const n = summaries.length * SUMMARY_WIDTH;
    if (this.scratch.length < n) this.scratch = new Float64Array(n);
    this.addPacked(task, packSummaries(summaries, this.scratch));
  }

  /**
   * The same as add(task, unpackSummaries(packed)), read straight from the rows a worker sent
   * (engine/run/summary-codec.ts layout): no object per sample on the main thread. add() packs its
   * objects into the same rows, so both paths give byte-identical results.
   */
  addPacked(task: SampleRange, packed: Float64Array): void {
    const o = this.optionSummary(task);
    if (packed.length % SUMMARY_WIDTH !== 0) throw new Error(`packed summaries: ${packed.length} numbers is not a whole number of ${SUMMARY_WIDTH}-wide rows`);
    const window = this.pairs[task.movementIndex]!;
    for (let at = 0; at < packed.length; at += SUMMARY_WIDTH) {
      const i = packed[at + ROW_SAMPLE]!;
      if (!(i >= 0 && i < this.ctx.samples)) continue;
      const exposure = o.addRow(packed, at);
      this.done++;
      window.add(task.optionIndex, i, packed[at + ROW_ARRIVED] === 1, packed[at + ROW_TIME]!, exposure);
    }
  }

  private optionSummary(task: SampleRange): OptionSummary {
    const o = this.perOption[task.movementIndex]?.[task.optionIndex];
    if (!o) throw new Error(`aggregate: no movement ${task.movementIndex} option ${task.optionIndex}`);
    return o;
  }

  /** Samples aggregated so far, over every movement × option. */
  get samplesDone(): number {
    return this.done;
  }

  /**
   * What the aggregation holds, for tests and the memory bench: the most values one metric of one option
   * keeps exactly (at most EXACT_BUDGET), the sketch bins over all metrics, and the pairing windows' slots.
   * None of them grows with the sample count past the budget.
   */
  retained(): { maxExactValues: number; sketchBins: number; pairingSlots: number } {
    let maxExactValues = 0;
    let sketchBins = 0;
    for (const mv of this.perOption) {
      for (const o of mv) {
        const r = o.retained();
        maxExactValues = Math.max(maxExactValues, r.maxExactValues);
        sketchBins += r.sketchBins;
      }
    }
    return { maxExactValues, sketchBins, pairingSlots: this.pairs.reduce((a, w) => a + w.slots, 0) };
  }

  /** The RunResult of the samples aggregated so far, with the run's analysis (analyseRun of the same PreparedRun). */
  result(analysis: RunAnalysis, opts: { partial?: boolean } = {}): RunResult {
    const ctx = this.ctx;
    const plan = ctx.plan;
    const rules = { minArrivedShare: plan.scoring.minArrivedShare, delayMinuteExposure: plan.scoring.delayMinuteExposure };
    const movements: MovementResult[] = plan.movements.map((mv, mi) => {
      const twinOf = this.twinOf[mi]!;
      const options: OptionResult[] = [];
      mv.options.forEach((o, oi) => {
        const j = twinOf[oi]!;
        // The same route is one result: the numbers of the first option with it, under this option's name.
        options.push(j >= 0 ? { ...options[j]!, id: o.id, label: o.label, kind: o.kind, sameRouteAs: options[j]!.id, playback: analysis.options[mi]![oi]!.playback } : this.optionResult(mi, oi, analysis.options[mi]![oi]!));
      });
      markPareto(options, rules.minArrivedShare);
      const original = (r: OptionResult): number => {
        const i = options.indexOf(r);
        return twinOf[i]! >= 0 ? twinOf[i]! : i;
      };
      const { recommended, verdict, comparison } = recommend(options, {
        ...rules,
        paired: (a, b) => this.paired(mi, { option: a.id, against: b.id }, original(a), original(b)),
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

  /** Options a and b (their own routes, twins resolved) on the days both arrived; one route against itself differs by 0 every day. */
  private paired(mi: number, ids: { option: string; against: string }, a: number, b: number): PairedComparison | null {
    if (a === b) {
      const n = this.perOption[mi]![a]!.arrived;
      const zero = pairedInterval(n, 0, n > 1 ? 0 : NaN);
      return pairedComparison(ids, { timeS: zero, exposure: zero, score: zero });
    }
    const d = this.pairs[mi]!.intervals(a, b);
    return d ? pairedComparison(ids, d) : null;
  }

  private optionResult(mi: number, oi: number, analysis: OptionAnalysis): OptionResult {
    const ctx = this.ctx;
    const opt = ctx.plan.movements[mi]!.options[oi]!;
    const route = ctx.routes[mi]![oi]!;
    const s = this.perOption[mi]![oi]!;
    const done = s.done;
    const n = s.arrived;
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
      quantiles: s.quantilesExact() ? 'exact' : 'sketch',
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

    // The shares are over the samples done; every distribution over the samples that arrived.
    base.arrivedShare = round4(done ? n / done : 0);
    base.reroutedShare = round4(done ? s.rerouted / done : 0);
    base.reroutes = rerouteTargets(s.reroutedTo, done, ctx.plan.movements[mi]!.options.map((x) => x.id));
    const places = {
      injectId: (k: number) => ctx.injects[k]?.plan.id ?? null,
      lonLat: (node: number) => ctx.lonLatOfNode(node),
      describe: (lon: number, lat: number) => ctx.describe(lon, lat),
      clock,
    };
    base.didNotArrive = { samples: s.stopped.samples, stops: s.stopped.stops(places, 'stopped') };
    base.held = { share: done ? round4(s.held.samples / done) : 0, stops: s.held.stops(places, 'held') };
    if (n === 0) return base;
    base.drivenM = centre(s.drivenM);
    base.timeS = summaryDistribution(s.timeS);
    base.exposure.total = summaryDistribution(s.exposure);
    EXPOSURE_COMPONENTS.forEach((c, ci) => (base.exposure.components[c] = centre(s.components[ci]!)));
    const covStats = (k: number) => ({
      p50S: round2OrNull(s.coverP50[k]!.quantile(0.5)),
      p95S: round2OrNull(s.coverP95[k]!.quantile(0.5)),
      maxS: round2OrNull(s.coverMax[k]!),
      withinTargetShare: round4(s.withinMean(k)),
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

/** Where the rerouted samples went: the option switched to (or null, a fresh search), largest share of the samples done first. */
function rerouteTargets(counts: ReadonlyMap<number, number>, done: number, optionIds: readonly string[]): OptionResult['reroutes'] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([to, c]) => ({ option: to === REROUTED_FRESH || to < 0 ? null : (optionIds[to] ?? null), share: round4(c / done) }));
}

/** p50, p95 and mean of a metric, rounded as a Distribution's. */
function centre(q: QuantileSummary): { p50: number; p95: number; mean: number } {
  return { p50: round2(q.quantile(0.5)), p95: round2(q.quantile(0.95)), mean: round2(q.mean()) };
}

/** Whether the option has a route to drive (as the analysis counts it found): only such samples can arrive. */
function hasRoute(ctx: PreparedRun, mi: number, oi: number): boolean {
  return ctx.routes[mi]![oi]!.found && ctx.movements[mi]!.tracks[oi] !== null;
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
