import path from 'node:path';
import { round2, round4 } from '../../rounding.js';
import type { SweepSpec, Variant } from './sweep-model.js';
import { pairIndex, VariantSummary, type OutcomeSummary } from './variant-summary.js';
import type { PairedDifference, PairedInterval } from '../../metrics/summary/paired-difference.js';
import type { Distribution } from '../../model/run-result.js';
import { HISTOGRAM_BINS } from '../distribution.js';
import { summaryHistogram } from '../summary/bounded-histogram.js';

/**
 * The result of a sweep (`motorcade sweep --json`), byte-identical for the same sweep file, seed and
 * samples however the shards ran. Scores are the scenario's: per sample, door-to-door time (s) plus total
 * weighted exposure (exposure-seconds); lower is better. Differences are paired (the same sample of the
 * same variant) with a 95 % interval; `significant` when it excludes 0.
 */
export const SWEEP_RESULT_FORMAT = 'motorcade-sweep/1';

export interface Difference {
  /** Mean of (this − best) over paired samples, with its 95 % interval. */
  mean: number;
  low: number;
  high: number;
  significant: boolean;
  pairs: number;
}

export interface RankedEntry {
  rank: number;
  id: string;
  /** null when it never had a route. */
  meanScore: number | null;
  meanTimeS: number | null;
  meanExposure: number | null;
  p95TimeS: number | null;
  arrivedShare: number | null;
  /** Against the first of the ranking; null for the first itself. */
  vsBest: Difference | null;
}

export interface SweepResult {
  format: typeof SWEEP_RESULT_FORMAT;
  sweep: { name: string; scenario: string };
  seed: string;
  samples: number;
  /** Whether the quantiles are exact (every summary within the exact budget) or sketch estimates (±1 %). */
  quantiles: 'exact' | 'sketch';
  variants: { id: string; label: string }[];
  plans: { id: string; options: string[] }[];
  ranking: RankedEntry[];
  movements: { id: string; ranking: RankedEntry[] }[];
  pareto: { plan: string; meanTimeS: number; meanExposure: number; onFront: boolean }[];
  /** Per plan, door-to-door time over every variant and sample (s): Distribution's histogram, from the merged summaries. */
  timeHistograms: { plan: string; histogram: Distribution['histogram'] }[];
  breaks: { plan: string; variants: { variant: string; label: string; reason: string }[] }[];
  perVariant: { variant: string; plans: { plan: string; meanScore: number | null; p95TimeS: number | null; arrivedShare: number | null; noRoute: string | null }[] }[];
}

export function sweepResult(spec: SweepSpec, variants: readonly Variant[], summaries: readonly VariantSummary[], movementIds: string[], optionIds: string[][]): SweepResult {
  const pooled = VariantSummary.pooled(summaries[0]!);
  for (const s of summaries) pooled.merge(s);
  let exact = true;
  const note = (o: OutcomeSummary | null): void => {
    if (o && (!o.time.isExact || !o.exposure.isExact)) exact = false;
  };
  for (const s of summaries) s.plans.forEach(note);

  const planIds = spec.plans.map((p) => p.id);
  const ranking = rank(planIds, pooled.plans, (a, b) => pairOf(pooled.planPairs, a, b, planIds.length));
  const movements = movementIds.map((id, mi) => ({
    id,
    ranking: rank(optionIds[mi]!, pooled.streams[mi]!, (a, b) => pairOf(pooled.optionPairs[mi]!, a, b, optionIds[mi]!.length)),
  }));
  const points = spec.plans.flatMap((p, i) => {
    const o = pooled.plans[i]!;
    return o.samples ? [{ plan: p.id, meanTimeS: round2(o.time.mean()), meanExposure: round2(o.exposure.mean()) }] : [];
  });
  const pareto = points.map((p) => ({ ...p, onFront: !points.some((q) => q !== p && q.meanTimeS <= p.meanTimeS && q.meanExposure <= p.meanExposure && (q.meanTimeS < p.meanTimeS || q.meanExposure < p.meanExposure)) }));

  const timeHistograms = spec.plans.map((p, i) => ({ plan: p.id, histogram: summaryHistogram(pooled.plans[i]!.time, HISTOGRAM_BINS) }));

  const breaks = spec.plans.map((p, pi) => ({
    plan: p.id,
    variants: variants.flatMap((v, vi) => {
      const why = breakReason(spec, summaries[vi]!, pi);
      return why ? [{ variant: v.id, label: v.label, reason: why }] : [];
    }),
  }));
  const perVariant = variants.map((v, vi) => ({
    variant: v.id,
    plans: spec.plans.map((p, pi) => {
      const o = summaries[vi]!.plans[pi];
      const noRoute = o ? null : p.choices.map((c) => summaries[vi]!.noRoute[c.movementIndex]![c.optionIndex]).find((r) => r) ?? 'no route';
      return { plan: p.id, meanScore: o?.samples ? round2(o.score.mean()) : null, p95TimeS: o?.samples ? round2(o.time.quantile(0.95)) : null, arrivedShare: o?.samples ? round4(o.arrived / o.samples) : null, noRoute };
    }),
  }));
  return {
    format: SWEEP_RESULT_FORMAT,
    sweep: { name: spec.name, scenario: path.basename(spec.scenarioFile) },
    seed: spec.seed,
    samples: spec.samples,
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

function breakReason(spec: SweepSpec, s: VariantSummary, pi: number): string | null {
  const o = s.plans[pi];
  const p = spec.plans[pi]!;
  if (!o) {
    const c = p.choices.find((c) => s.noRoute[c.movementIndex]![c.optionIndex]);
    return `no route for ${c ? `${c.movementId}/${c.optionId}` : 'an option'}: ${c ? s.noRoute[c.movementIndex]![c.optionIndex] : ''}`;
  }
  if (!o.samples) return null;
  const share = o.arrived / o.samples;
  if (share < spec.targets.arrivedShare) return `arrives in ${round2(share * 100)} % of samples (target ${round2(spec.targets.arrivedShare * 100)} %)`;
  const p95 = o.time.quantile(0.95);
  if (spec.targets.p95TimeS !== null && p95 > spec.targets.p95TimeS) return `p95 time ${round2(p95 / 60)} min passes the target ${round2(spec.targets.p95TimeS / 60)} min`;
  return null;
}

/** Difference a − b from the upper-triangle pair list (stored as min − max index). */
function pairOf(pairs: readonly PairedDifference[], a: number, b: number, n: number): PairedInterval {
  const iv = pairs[pairIndex(Math.min(a, b), Math.max(a, b), n)]!.interval();
  return a < b ? iv : { ...iv, mean: -iv.mean, low: -iv.high, high: -iv.low };
}

function rank(ids: readonly string[], outcomes: readonly (OutcomeSummary | null)[], diff: (a: number, b: number) => PairedInterval): RankedEntry[] {
  const order = ids.map((_id, i) => i).sort((a, b) => {
    const sa = outcomes[a]?.samples ? outcomes[a]!.score.mean() : Infinity;
    const sb = outcomes[b]?.samples ? outcomes[b]!.score.mean() : Infinity;
    return sa - sb || (ids[a]! < ids[b]! ? -1 : 1);
  });
  const best = order[0]!;
  return order.map((i, r) => {
    const o = outcomes[i];
    const has = !!o && o.samples > 0;
    let vsBest: Difference | null = null;
    if (r > 0 && has) {
      const iv = diff(i, best);
      vsBest = iv.pairs ? { mean: round2(iv.mean), low: round2(iv.low), high: round2(iv.high), significant: iv.significant, pairs: iv.pairs } : null;
    }
    return {
      rank: r + 1,
      id: ids[i]!,
      meanScore: has ? round2(o!.score.mean()) : null,
      meanTimeS: has ? round2(o!.time.mean()) : null,
      meanExposure: has ? round2(o!.exposure.mean()) : null,
      p95TimeS: has ? round2(o!.time.quantile(0.95)) : null,
      arrivedShare: has ? round4(o!.arrived / o!.samples) : null,
      vsBest,
    };
  });
}
