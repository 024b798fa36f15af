import { sampleScore } from '../../model/sample-score.js';
import type { PreparedRun } from '../../sim/prepared-run.js';
import type { SweepPlan } from './sweep-model.js';
import { pairIndex, VariantSummary } from './variant-summary.js';

/** Samples [sampleStart, sampleEnd) of every movement × option of one variant: a unit of sweep work. */
export interface ShardRange {
  sampleStart: number;
  sampleEnd: number;
}

/** Which options of a prepared variant have no route (their reason), and which plans are whole. */
export function routeAvailability(ctx: PreparedRun, plans: readonly SweepPlan[]): { noRoute: (string | null)[][]; plansFound: boolean[] } {
  const noRoute = ctx.plan.movements.map((_mv, mi) =>
    ctx.routes[mi]!.map((r, oi) => (r.found && ctx.movements[mi]!.tracks[oi] ? null : r.found ? 'the route is empty' : (r.reason ?? 'no route'))),
  );
  const plansFound = plans.map((p) => p.choices.every((c) => noRoute[c.movementIndex]![c.optionIndex] === null));
  return { noRoute, plansFound };
}

/**
 * Simulate a shard and summarise it. Sample s of every option is drawn from the stream of
 * (seed, movement, option, s) (engine/sim/rng.ts), whoever runs the shard and however often: a retried
 * or duplicated shard gives the same summary. Per sample it keeps one score per option (a Float64Array
 * reused across samples), so the shard's memory does not grow with its sample count.
 *
 * Time, exposure and score (a run's sampleScore at the plan's scoring.delayMinuteExposure) are summarised
 * only where the sample arrived, as a run's distributions are; every sample still counts towards the
 * arrived share. A plan's sample arrives when every movement of it does, and its time, exposure and score
 * are those of its movements' sums. A paired difference takes a sample only when both sides arrived, as a
 * run's paired comparison does: a sample that stopped at a closure has no door-to-door time to compare.
 */
export function runShard(ctx: PreparedRun, variantId: string, plans: readonly SweepPlan[], range: ShardRange): VariantSummary {
  const { noRoute, plansFound } = routeAvailability(ctx, plans);
  const out = VariantSummary.empty(variantId, noRoute, plansFound);
  const mvs = ctx.plan.movements;
  const rate = ctx.plan.scoring.delayMinuteExposure;
  const offsets: number[] = [];
  let streams = 0;
  for (const mv of mvs) {
    offsets.push(streams);
    streams += mv.options.length;
  }
  const score = new Float64Array(streams);
  const time = new Float64Array(streams);
  const exposure = new Float64Array(streams);
  const arrived = new Uint8Array(streams);
  const planScore = new Float64Array(plans.length);
  const planArrived = new Uint8Array(plans.length);
  for (let s = range.sampleStart; s < range.sampleEnd; s++) {
    for (let mi = 0; mi < mvs.length; mi++) {
      const options = mvs[mi]!.options.length;
      for (let oi = 0; oi < options; oi++) {
        const sink = out.streams[mi]![oi];
        if (!sink) continue;
        const sum = ctx.runSample(mi, oi, s);
        let e = 0; // in component order, as RunAggregator sums it
        for (let c = 0; c < sum.exposure.length; c++) e += sum.exposure[c]!;
        const k = offsets[mi]! + oi;
        time[k] = sum.timeS;
        exposure[k] = e;
        score[k] = sampleScore(sum.timeS, e, rate);
        arrived[k] = sum.arrived ? 1 : 0;
        sink.add(sum.timeS, e, score[k]!, sum.arrived, sum.rerouted);
      }
      const pairs = out.optionPairs[mi]!;
      for (let a = 0; a < options; a++) {
        const ka = offsets[mi]! + a;
        if (!out.streams[mi]![a] || arrived[ka] !== 1) continue;
        for (let b = a + 1; b < options; b++) {
          const kb = offsets[mi]! + b;
          if (out.streams[mi]![b] && arrived[kb] === 1) pairs[pairIndex(a, b, options)]!.add(score[ka]!, score[kb]!);
        }
      }
    }
    plans.forEach((p, pi) => {
      const sink = out.plans[pi];
      if (!sink) return;
      let t = 0;
      let e = 0;
      let all = true;
      for (const c of p.choices) {
        const k = offsets[c.movementIndex]! + c.optionIndex;
        t += time[k]!;
        e += exposure[k]!;
        all &&= arrived[k] === 1;
      }
      planScore[pi] = sampleScore(t, e, rate);
      planArrived[pi] = all ? 1 : 0;
      sink.add(t, e, planScore[pi]!, all, false);
    });
    for (let a = 0; a < plans.length; a++) {
      if (!out.plans[a] || planArrived[a] !== 1) continue;
      for (let b = a + 1; b < plans.length; b++) {
        if (out.plans[b] && planArrived[b] === 1) out.planPairs[pairIndex(a, b, plans.length)]!.add(planScore[a]!, planScore[b]!);
      }
    }
  }
  return out;
}

/** The shards of a variant: consecutive ranges of at most `shardSamples` samples. */
export function shardRanges(samples: number, shardSamples: number): ShardRange[] {
  const out: ShardRange[] = [];
  const size = Math.max(1, Math.floor(shardSamples));
  for (let s = 0; s < samples; s += size) out.push({ sampleStart: s, sampleEnd: Math.min(samples, s + size) });
  return out;
}
