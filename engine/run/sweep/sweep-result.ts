import path from 'node:path';
import { round2, round2OrNull, round4 } from '../../rounding.js';
import type { SweepSpec, Variant } from './sweep-model.js';
import { pairIndex, VariantSummary, type OutcomeSummary } from './variant-summary.js';
import type { PairedDifference, PairedInterval } from '../../metrics/summary/paired-difference.js';
import type { QuantileSummary } from '../../metrics/summary/quantile-summary.js';
import type { Distribution } from '../../model/run-result.js';
import { HISTOGRAM_BINS } from '../distribution.js';
import { summaryHistogram } from '../summary/bounded-histogram.js';

/**
 * The result of a sweep (`motorcade sweep --json`), byte-identical for the same sweep file, seed and
 * samples however the shards ran. Scores are a run's (engine/model/sample-score.ts): per sample that
 * arrived, the base scenario's scoring.delay_minute_exposure × door-to-door minutes plus total weighted
 * exposure (exposure-seconds); lower is better. Times and exposure (means, p95s, histograms, the Pareto
 * points, the p95 break) are over the samples that arrived too, as a run's, read beside the arrived
 * share: null where none arrived, never the time up to where a sample stopped. A plan (or option)
 * arriving in fewer than scoring.min_arrived_share of its samples, pooled over the variants, is never
 * ranked first while one that arrives often enough exists, and breaks in each variant where it falls
 * below that share.
 * Differences are paired (the same sample of the same variant, both arrived) with a 95 % interval;
 * `significant` when it excludes 0.
 */
export const SWEEP_RESULT_FORMAT = 'motorcade-sweep/2';

/** The base scenario's scoring rules the sweep scored and ranked with. */
export interface SweepScoring {
  /** What a minute of door-to-door time is worth in exposure-seconds (scoring.delay_minute_exposure). */
  delayMinuteExposure: number;
  /** Below this share of its samples arriving (0..1, scoring.min_arrived_share) a plan is never ranked first. */
  minArrivedShare: number;
}

export interface Difference {
  /** Mean of (this − best) over the samples where both arrived, with its 95 % interval. */
  mean: number;
  low: number;
  high: number;
  significant: boolean;
  pairs: number;
}

export interface RankedEntry {
  rank: number;
  id: string;
  /** Over the samples that arrived; null when none did (or it never had a route: then arrivedShare is null too). */
  meanScore: number | null;
  /** Time (s) and exposure over the samples that arrived, read beside arrivedShare; null when none did (or no route). */
  meanTimeS: number | null;
  meanExposure: number | null;
  p95TimeS: number | null;
  arrivedShare: number | null;
  /**
   * Whether it arrives in at least scoring.minArrivedShare of its samples (and in some): only an eligible
   * entry is ranked first, unless none is (then the first is not a recommendation).
   */
  eligible: boolean;
  /** Against the first of the ranking; null for the first itself, or when they never both arrived. */
  vsBest: Difference | null;
}

export interface SweepResult {
  format: typeof SWEEP_RESULT_FORMAT;
  sweep: { name: string; scenario: string };
  seed: string;
  samples: number;
  scoring: SweepScoring;
  /** Whether the quantiles are exact (every summary within the exact budget) or sketch estimates (±1 %). */
  quantiles: 'exact' | 'sketch';
  variants: { id: string; label: string }[];
  plans: { id: string; options: string[] }[];
  ranking: RankedEntry[];
  movements: { id: string; ranking: RankedEntry[] }[];
  /**
   * Every plan with samples, its means over the samples that arrived (null when none did); on the front only
   * among those arriving in at least scoring.minArrivedShare of them.
   */
  pareto: { plan: string; meanTimeS: number | null; meanExposure: number | null; onFront: boolean }[];
  /**
   * Per plan, door-to-door time over every variant and sample that arrived (s): Distribution's histogram,
   * from the merged summaries; null when no sample arrived.
   */
  timeHistograms: { plan: string; histogram: Distribution['histogram'] | null }[];
  breaks: { plan: string; variants: { variant: string; label: string; reason: string }[] }[];
  /** Per variant and plan: score and p95 time over the samples that arrived there (null when none did). */
  perVariant: { variant: string; plans: { plan: string; meanScore: number | null; p95TimeS: number | null; arrivedShare: number | null; noRoute: string | null }[] }[];
}

export function sweepResult(spec: SweepSpec, variants: readonly Variant[], summaries: readonly VariantSummary[], movementIds: string[], optionIds: string[][], scoring: SweepScoring): SweepResult {
  const { minArrivedShare } = scoring;
  const pooled = VariantSummary.pooled(summaries[0]!);
  for (const s of summaries) pooled.merge(s);
  let exact = true;
  const note = (o: OutcomeSummary | null): void => {
    if (o && (!o.time.isExact || !o.exposure.isExact)) exact = false;
  };
  for (const s of summaries) s.plans.forEach(note);

  const planIds = spec.plans.map((p) => p.id);
  const ranking = rank(planIds, pooled.plans, (a, b) => pairOf(pooled.planPairs, a, b, planIds.length), minArrivedShare);
  const movements = movementIds.map((id, mi) => ({
    id,
    ranking: rank(optionIds[mi]!, pooled.streams[mi]!, (a, b) => pairOf(pooled.optionPairs[mi]!, a, b, optionIds[mi]!.length), minArrivedShare),
  }));
  // Every plan with samples is a point, at its means over the samples that arrived (null without any); only
  // those arriving often enough can be on the front (as a run's dominatedBy).
  const points = spec.plans.flatMap((p, i) => {
    const o = pooled.plans[i]!;
    return o.samples ? [{ plan: p.id, meanTimeS: meanOrNull(o.time), meanExposure: meanOrNull(o.exposure), eligible: isEligible(o, minArrivedShare) }] : [];
  });
  const front = points.flatMap((p) => (p.eligible && p.meanTimeS !== null && p.meanExposure !== null ? [{ plan: p.plan, t: p.meanTimeS, e: p.meanExposure }] : []));
  const onFront = (plan: string): boolean => {
    const p = front.find((q) => q.plan === plan);
    return !!p && !front.some((q) => q.plan !== plan && q.t <= p.t && q.e <= p.e && (q.t < p.t || q.e < p.e));
  };
  const pareto = points.map(({ eligible: _e, ...p }) => ({ ...p, onFront: onFront(p.plan) }));

  const timeHistograms = spec.plans.map((p, i) => {
    const time = pooled.plans[i]!.time;
    return { plan: p.id, histogram: time.count ? summaryHistogram(time, HISTOGRAM_BINS) : null };
  });

  const breaks = spec.plans.map((p, pi) => ({
    plan: p.id,
    variants: variants.flatMap((v, vi) => {
      const why = breakReason(spec, summaries[vi]!, pi, minArrivedShare);
      return why ? [{ variant: v.id, label: v.label, reason: why }] : [];
    }),
  }));
  const perVariant = variants.map((v, vi) => ({
    variant: v.id,
    plans: spec.plans.map((p, pi) => {
      const o = summaries[vi]!.plans[pi];
      const noRoute = o ? null : p.choices.map((c) => summaries[vi]!.noRoute[c.movementIndex]![c.optionIndex]).find((r) => r) ?? 'no route';
      return { plan: p.id, meanScore: round2OrNull(o?.meanScore() ?? NaN), p95TimeS: o ? quantileOrNull(o.time, 0.95) : null, arrivedShare: o?.samples ? round4(o.arrived / o.samples) : null, noRoute };
    }),
  }));
  return {
    format: SWEEP_RESULT_FORMAT,
    sweep: { name: spec.name, scenario: path.basename(spec.scenarioFile) },
    seed: spec.seed,
    samples: spec.samples,
    scoring: { delayMinuteExposure: scoring.delayMinuteExposure, minArrivedShare },
    quantiles: exact ? 'exact' : 'sketch',
    variants: variants.map((v) => ({ id: v.id, label: v.label })),
    plans: spec.plans.map((p) => ({ id: p.id, options: p.choices.map((c) => `${c.movementId}/${c.optionId}`) })),
    ranking,
    movements,
    pareto,
    timeHistograms,
    breaks,
    perVariant,
  };
}

/**
 * Why plan `pi` breaks in this variant, or null: no route; arriving in fewer than the scenario's
 * minimum share (never recommended there, whatever its score); fewer than the sweep's target share; in
 * no sample at all (when both shares are 0); the p95 time of the samples that arrived past the sweep's
 * target. The first that applies: a plan that never arrives breaks for that, never for a p95 of the
 * times up to where its samples stopped.
 */
function breakReason(spec: SweepSpec, s: VariantSummary, pi: number, minArrivedShare: number): string | null {
  const o = s.plans[pi];
  const p = spec.plans[pi]!;
  if (!o) {
    const c = p.choices.find((c) => s.noRoute[c.movementIndex]![c.optionIndex]);
    return `no route for ${c ? `${c.movementId}/${c.optionId}` : 'an option'}: ${c ? s.noRoute[c.movementIndex]![c.optionIndex] : ''}`;
  }
  if (!o.samples) return null;
  const share = o.arrived / o.samples;
  if (share < minArrivedShare) return `arrives in ${round2(share * 100)} % of samples, below the ${round2(minArrivedShare * 100)} % minimum`;
  if (share < spec.targets.arrivedShare) return `arrives in ${round2(share * 100)} % of samples (target ${round2(spec.targets.arrivedShare * 100)} %)`;
  if (!o.arrived) return 'arrives in none of its samples';
  const p95 = o.time.quantile(0.95);
  if (spec.targets.p95TimeS !== null && p95 > spec.targets.p95TimeS) return `p95 time ${round2(p95 / 60)} min passes the target ${round2(spec.targets.p95TimeS / 60)} min`;
  return null;
}

/** The mean (rounded) of a summary over the arrived samples, or null when none arrived. */
function meanOrNull(q: QuantileSummary): number | null {
  return q.count ? round2(q.mean()) : null;
}

function quantileOrNull(q: QuantileSummary, p: number): number | null {
  return q.count ? round2(q.quantile(p)) : null;
}

/** Arriving in some samples and in at least `minArrivedShare` of them: what a run would recommend. */
function isEligible(o: OutcomeSummary | null, minArrivedShare: number): boolean {
  return !!o && o.arrived > 0 && o.arrived / o.samples >= minArrivedShare;
}

/** Difference a − b from the upper-triangle pair list (stored as min − max index). */
function pairOf(pairs: readonly PairedDifference[], a: number, b: number, n: number): PairedInterval {
  const iv = pairs[pairIndex(Math.min(a, b), Math.max(a, b), n)]!.interval();
  return a < b ? iv : { ...iv, mean: -iv.mean, low: -iv.high, high: -iv.low };
}

/**
 * Entries by mean score, lowest first, with the eligible ones (arriving in at least `minArrivedShare` of
 * their samples, and in some) ahead of the others: an option a run would never recommend is never first
 * while another can be. An entry without a score (no route, or never arrived) counts as Infinity; ties
 * by id.
 */
function rank(ids: readonly string[], outcomes: readonly (OutcomeSummary | null)[], diff: (a: number, b: number) => PairedInterval, minArrivedShare: number): RankedEntry[] {
  const eligible = outcomes.map((o) => isEligible(o, minArrivedShare));
  const score = outcomes.map((o) => o?.meanScore() ?? Infinity);
  const order = ids.map((_id, i) => i).sort((a, b) => Number(eligible[b]) - Number(eligible[a]) || score[a]! - score[b]! || (ids[a]! < ids[b]! ? -1 : 1));
  const best = order[0]!;
  return order.map((i, r) => {
    const o = outcomes[i];
    const has = !!o && o.samples > 0;
    let vsBest: Difference | null = null;
    if (r > 0 && has) {
      const iv = diff(i, best);
      // A single pair has no interval (±Infinity, which JSON cannot hold): it is said as the mean both ways, as a run does.
      const end = (x: number) => round2(Number.isFinite(x) ? x : iv.mean);
      vsBest = iv.pairs ? { mean: round2(iv.mean), low: end(iv.low), high: end(iv.high), significant: iv.significant, pairs: iv.pairs } : null;
    }
    return {
      rank: r + 1,
      id: ids[i]!,
      meanScore: round2OrNull(score[i]!),
      meanTimeS: o ? meanOrNull(o.time) : null,
      meanExposure: o ? meanOrNull(o.exposure) : null,
      p95TimeS: o ? quantileOrNull(o.time, 0.95) : null,
      arrivedShare: has ? round4(o!.arrived / o!.samples) : null,
      eligible: eligible[i]!,
      vsBest,
    };
  });
}
