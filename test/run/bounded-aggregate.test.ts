import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunAggregator } from '../../engine/run/aggregate.js';
import { analyseRun, type RunAnalysis } from '../../engine/analysis/run-analysis.js';
import { prepareRunFromPlan } from '../../engine/sim/sample-chunk.js';
import { planChunks } from '../../engine/run/pool/chunk-plan.js';
import { ROW_ARRIVED, ROW_COVERAGE, ROW_EXPOSURE, ROW_REROUTED, ROW_SAMPLE, ROW_TIME, ROW_WHERE, SUMMARY_WIDTH } from '../../engine/run/summary-codec.js';
import { EXACT_BUDGET } from '../../engine/metrics/summary/quantile-summary.js';
import { pairedDifferenceOf } from '../../engine/metrics/summary/paired-difference.js';
import { distribution, quantileSorted } from '../../engine/run/distribution.js';
import { round2, round2OrNull, round4 } from '../../engine/rounding.js';
import type { PreparedRun } from '../../engine/sim/prepared-run.js';
import type { SampleRange } from '../../engine/model/sample-range.js';
import { basePlan, gridGraph, movement, place } from '../support/tiny-world.js';

// `motorcade run`'s aggregation keeps bounded summaries, not a row per sample. Fed synthetic rows (fast,
// and with every field varied: stops, holds, reroutes, unreachable coverage), it must give the exact
// numbers within the 2,048-value budget, the same bytes for any arrival order beyond it, and hold no more
// than the budget per metric however many samples come. Option 'twin' drives the same route as 'fast'.
const g = gridGraph(6, 6);
const options = [
  { id: 'fast', label: 'primary', kind: 'fastest' as const },
  { id: 'alt', label: 'alternate', kind: 'auto' as const, rank: 1 },
  { id: 'twin', label: 'contingency', kind: 'fastest' as const },
];
const plan = (samples: number) => basePlan({ samples, movements: [movement({ to: place('b', 500, 300), options })] });
const E = 6;

/** A value in [0, 1) from (option, sample, field) alone, so a sample's row never depends on its chunk. */
function u(oi: number, s: number, f: number): number {
  let h = Math.imul(oi + 1, 0x9e3779b1) ^ Math.imul(s + 1, 0x85ebca6b) ^ Math.imul(f + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32;
}

function rows(task: SampleRange, scale = 1): Float64Array {
  const oi = task.optionIndex;
  const out = new Float64Array((task.sampleEnd - task.sampleStart) * SUMMARY_WIDTH);
  for (let s = task.sampleStart, at = 0; s < task.sampleEnd; s++, at += SUMMARY_WIDTH) {
    const arrived = u(oi, s, 0) < 0.9;
    const held = arrived && u(oi, s, 1) < 0.1;
    const reroutedTo = u(oi, s, 2) < 0.2 ? (u(oi, s, 3) < 0.5 ? -1 : 1) : -2;
    out[at + ROW_SAMPLE] = s;
    out[at + ROW_TIME] = scale * (600 + 300 * u(oi, s, 4) + 40 * oi);
    out[at + ROW_ARRIVED] = arrived ? 1 : 0;
    out[at + ROW_REROUTED] = reroutedTo === -2 ? 0 : 1;
    for (let c = 0; c < E; c++) out[at + ROW_EXPOSURE + c] = 10 * u(oi, s, 5 + c);
    const where = [400 + 100 * u(oi, s, 11), reroutedTo, held ? 120 * u(oi, s, 12) : 0, arrived ? 0 : 1 + (u(oi, s, 13) < 0.5 ? 1 : 0), arrived && !held ? -1 : Math.floor(3 * u(oi, s, 14)), -1, arrived ? -1 : 36_000 + 600 * u(oi, s, 15)];
    out.set(where, at + ROW_WHERE);
    for (let k = 0; k < 6; k++) {
      const f = at + ROW_COVERAGE + 4 * k;
      out[f] = 100 + 50 * u(oi, s, 16 + k);
      out[f + 1] = u(oi, s, 22 + k) < 0.05 ? Infinity : out[f]! + 50 * u(oi, s, 28 + k);
      out[f + 2] = out[f + 1]! + 1;
      out[f + 3] = u(oi, s, 34 + k);
    }
  }
  return out;
}

function chunksOf(ctx: PreparedRun, size = 500): SampleRange[] {
  return planChunks([0, 1, 2].map((optionIndex) => ({ movementIndex: 0, optionIndex })), ctx.samples, size);
}

function aggregate(ctx: PreparedRun, chunks: readonly SampleRange[], rowsOf: (t: SampleRange) => Float64Array | null = rows): RunAggregator {
  const agg = new RunAggregator(ctx);
  for (const t of chunks) {
    const r = rowsOf(t);
    if (r) agg.addPacked(t, r);
  }
  return agg;
}

describe('RunAggregator: bounded, order-free aggregation', () => {
  let small: PreparedRun;
  let smallAnalysis: RunAnalysis;
  let large: PreparedRun;
  let largeAnalysis: RunAnalysis;
  beforeAll(() => {
    small = prepareRunFromPlan(g, plan(300));
    smallAnalysis = analyseRun(small);
    large = prepareRunFromPlan(g, plan(EXACT_BUDGET + 500));
    largeAnalysis = analyseRun(large);
  });

  it('within the budget gives the exact numbers of the rows (nearest rank, sorted values, paired columns)', () => {
    const result = aggregate(small, chunksOf(small, 64)).result(smallAnalysis);
    const mv = result.movements[0]!;
    expect(mv.options[2]!.sameRouteAs).toBe('fast');
    const all = rows({ movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 300 });
    const at = (s: number, off: number) => all[s * SUMMARY_WIDTH + off]!;
    const arrived = [...Array(300).keys()].filter((s) => at(s, ROW_ARRIVED) === 1);
    const col = (f: (s: number) => number) => Float64Array.from(arrived, f);
    const total = (s: number) => [0, 1, 2, 3, 4, 5].reduce((a, c) => a + at(s, ROW_EXPOSURE + c), 0);
    const fast = mv.options[0]!;
    expect(fast.timeS).toEqual(distribution(col((s) => at(s, ROW_TIME))));
    expect(fast.exposure.total).toEqual(distribution(col(total)));
    const c2 = distribution(col((s) => at(s, ROW_EXPOSURE + 2)));
    expect(fast.exposure.components.stopped).toEqual({ p50: c2.p50, p95: c2.p95, mean: c2.mean });
    expect(fast.arrivedShare).toBe(round4(arrived.length / 300));
    const sorted = (f: (s: number) => number) => col(f).sort();
    const k = 1;
    expect(fast.response[k]!.p95S).toBe(round2OrNull(quantileSorted(sorted((s) => at(s, ROW_COVERAGE + 4 * k + 1)), 0.5)));
    expect(fast.response[k]!.maxS).toBeNull(); // some sample's p95 is unreachable (Infinity)
    expect(fast.response[k]!.withinTargetShare).toBe(round4(col((s) => at(s, ROW_COVERAGE + 4 * k + 3)).reduce((a, x) => a + x, 0) / arrived.length));
    expect(fast.didNotArrive.samples).toBe(300 - arrived.length);
    // Stops grouped by (reason, node), the 3 largest first (ties: first sample), each with its median time.
    const groups = new Map<string, { first: number; times: number[] }>();
    for (let s = 0; s < 300; s++) {
      if (at(s, ROW_ARRIVED) === 1) continue;
      const key = `${at(s, ROW_WHERE + 3)}|${at(s, ROW_WHERE + 4)}`;
      const g = groups.get(key) ?? { first: s, times: [] };
      g.times.push(at(s, ROW_WHERE + 6));
      groups.set(key, g);
    }
    const top = [...groups.entries()].sort((x, y) => y[1].times.length - x[1].times.length || x[1].first - y[1].first).slice(0, 3);
    const median = (t: number[]) => [...t].sort((x, y) => x - y)[Math.ceil(t.length / 2) - 1]!;
    expect(fast.didNotArrive.stops.map((st) => st.samples)).toEqual(top.map(([, g]) => g.times.length));
    expect(fast.didNotArrive.stops.map((st) => (st.reason === 'closure' ? st.timeS : null))).toEqual(top.map(([k, g]) => (k.startsWith('1|') ? round2(median(g.times)) : null)));
    // The paired comparison is that of the columns, on the days both arrived.
    const c = mv.comparison!;
    const cols = (id: string) => rows({ movementIndex: 0, optionIndex: id === 'fast' ? 0 : 1, sampleStart: 0, sampleEnd: 300 });
    const [a, b] = [cols(c.option), cols(c.against)];
    const both = (s: number) => a[s * SUMMARY_WIDTH + ROW_ARRIVED] === 1 && b[s * SUMMARY_WIDTH + ROW_ARRIVED] === 1;
    const time = (r: Float64Array) => Array.from({ length: 300 }, (_x, s) => r[s * SUMMARY_WIDTH + ROW_TIME]!);
    const iv = pairedDifferenceOf(time(a), time(b), both);
    expect([c.pairs, c.timeS.mean, c.timeS.low, c.timeS.high]).toEqual([iv.pairs, round2(iv.mean), round2(iv.low), round2(iv.high)]);
  });

  it('says which quantiles are exact: within the budget exact, beyond it the sketch', () => {
    const within = aggregate(small, chunksOf(small, 64)).result(smallAnalysis).movements[0]!.options;
    expect(within.map((o) => o.quantiles)).toEqual(['exact', 'exact', 'exact']);
    const beyond = aggregate(large, chunksOf(large, 300)).result(largeAnalysis).movements[0]!.options;
    const arrivedFast = beyond[0]!.arrivedSamples;
    expect(arrivedFast).toBeGreaterThan(EXACT_BUDGET);
    expect(beyond[0]!.quantiles).toBe('sketch');
    expect(beyond[2]!.quantiles).toBe('sketch'); // the twin shares the first option's result
  });

  it('gives the same bytes for any chunk arrival order beyond the budget', () => {
    const chunks = chunksOf(large, 300);
    const reference = JSON.stringify(aggregate(large, chunks).result(largeAnalysis));
    expect(reference).toContain('"comparison":{');
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: chunks.length, maxLength: chunks.length }), (keys) => {
        const order = chunks.map((c, i) => ({ c, key: keys[i]! })).sort((x, y) => x.key - y.key).map((x) => x.c);
        expect(JSON.stringify(aggregate(large, order).result(largeAnalysis))).toBe(reference);
      }),
      { numRuns: 4, seed: 14 },
    );
  });

  it('never reads the twin option: its rows may be wrong or missing, and nothing waits for them', () => {
    const chunks = chunksOf(large, 300);
    const reference = JSON.stringify(aggregate(large, chunks).result(largeAnalysis));
    const wrong = aggregate(large, chunks, (t) => rows(t, t.optionIndex === 2 ? 7 : 1));
    expect(JSON.stringify(wrong.result(largeAnalysis))).toBe(reference);
    const skipped = aggregate(large, chunks, (t) => (t.optionIndex === 2 ? null : rows(t)));
    expect(JSON.stringify(skipped.result(largeAnalysis))).toBe(reference);
    expect(skipped.retained().pairingSlots).toBeLessThanOrEqual(1024);
  });

  it('holds at most the exact budget per metric, and a pairing window of a few chunks, however many samples', () => {
    const held = (samples: number) => {
      const ctx = prepareRunFromPlan(g, plan(samples));
      return aggregate(ctx, chunksOf(ctx)).retained();
    };
    const four = held(4 * EXACT_BUDGET);
    const eight = held(8 * EXACT_BUDGET);
    for (const r of [four, eight]) {
      expect(r.maxExactValues).toBeLessThanOrEqual(EXACT_BUDGET);
      expect(r.pairingSlots).toBeLessThanOrEqual(1024);
    }
    // Past the budget only sketch bins remain: one per 2 % of each metric's range, not per sample.
    expect(eight.maxExactValues).toBe(0);
    expect(eight.sketchBins).toBeLessThanOrEqual(four.sketchBins * 1.1);
  });
});
