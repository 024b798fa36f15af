/**
 * bench/parallel sections 1b and 1c: the REAL Monte Carlo of `motorcade run` (bundled scenario
 * asean-2022-arrivals on phnom-penh) with 1 and 2 workers, cold and steady-state. Called by bench/parallel.ts.
 *
 * 1b cold: what one `motorcade run` costs end to end — a fresh pool started for the run, every worker
 *    building its PreparedRun and filling its coverage tables, the main thread's own PreparedRun, the
 *    aggregation (nominal runs, chokepoints, robustness searches, playback) — per worker count.
 * 1c steady state: the sampling throughput of warm workers (pool started and the plan prepared in the
 *    warm-up iteration; workers keep their context by payload digest), i.e. what sweeps, the exercise
 *    console and long runs see. Only chunks are timed: runWorkload over every movement × option stream,
 *    each summary fed to a RunAggregator as runMonteCarlo does (packed rows → addPacked). 1 and 2 workers
 *    are timed in paired rounds; the scaling is the median of the per-round ratios.
 * Both report process CPU time against wall time ("cores obtained"): on a shared 2-core machine the
 * 2-worker rate is bounded by the cores the other processes leave.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Bench, type Task } from 'tinybench';
import { metered, type CpuUse as Cpu } from './cpu-meter.js';
import { quantiles, taskSamples } from './latency-stats.js';
import { Verdict } from './verdict.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { runWorkload } from '../engine/run/pool/run-workload.js';
import { runMonteCarlo } from '../engine/run/run.js';
import { MONTE_CARLO_WORKLOAD_MODULE, sampleWorkload, type MonteCarloPayload } from '../engine/run/monte-carlo-workload.js';
import { distModuleUrl } from '../engine/run/pool/dist-module.js';
import { SamplePool } from '../engine/run/pool/sample-pool.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import type { SampleSummary } from '../engine/model/sample-summary.js';
import { RunAggregator } from '../engine/run/aggregate.js';
import { ROW_EXPOSURE, ROW_SAMPLE, ROW_TIME, SUMMARY_WIDTH } from '../engine/run/summary-codec.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import type { StreamKey } from '../engine/model/sample-range.js';

type Line = (name: string, task: Task, extra?: string) => void;
type Stats = (task: Task) => { p50: number; p90: number; p99: number; mean: number; n: number };

export interface RealRunRates {
  /** samples/s (p50) by task name. */
  cold: Map<string, number>;
  steady: Map<string, number>;
}

const verdict = new Verdict();

export async function benchRealRun(opts: { quick: boolean; stats: Stats; line: Line; keep: (x: number) => void; cold: boolean; steady: boolean }): Promise<RealRunRates> {
  const { quick, stats, line, keep } = opts;
  const { graph } = await loadGraph();
  const g = graph.toShared();
  const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', 'asean-2022-arrivals.yaml'));
  const plan = planFromScenario(scenario, g);
  const streams: StreamKey[] = [];
  plan.movements.forEach((mv, movementIndex) => mv.options.forEach((_o, optionIndex) => streams.push({ movementIndex, optionIndex })));
  const rates: RealRunRates = { cold: new Map(), steady: new Map() };
  const report = (title: string, bench: Bench, cpu: Map<string, Cpu>, total: number, into: Map<string, number>): void => {
    console.log(title);
    for (const t of bench.tasks) {
      const st = stats(t);
      const u = cpu.get(t.name)!;
      const rate = total / (st.p50 / 1000);
      into.set(t.name, rate);
      line(t.name, t, `  → ${rate.toFixed(0)} samples/s, ${(u.cpuMs / u.wallMs).toFixed(2)} cores obtained, ${((total * u.runs) / (u.cpuMs / 1000)).toFixed(0)} samples/CPU-s`);
    }
  };

  if (opts.cold) {
    const samples = quick ? 200 : 2000;
    const total = samples * streams.length;
    const cpu = new Map<string, Cpu>();
    const hashes = new Set<string>();
    const poolUsed: boolean[] = [];
    const once = (workers: number, mode: 'pool' | 'auto') => async (): Promise<void> => {
      // 'pool': a fresh pool per run, every chunk on the workers; 'auto': what `motorcade run --workers N` does.
      const pool = mode === 'pool' && workers > 0 ? new SamplePool(g, workers) : undefined;
      try {
        const run = await runMonteCarlo(g, plan, mode === 'pool' ? { samples, workers, pool, mainThreadHelps: false, poolWhenWorkMs: 0 } : { samples, workers });
        hashes.add(createHash('sha256').update(JSON.stringify(run.result)).digest('hex'));
        if (mode === 'auto') poolUsed.push(run.outcome.poolUsed);
      } finally {
        await pool?.destroy();
      }
    };
    const bench = new Bench({ name: 'cold', iterations: quick ? 1 : 3, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
    const add = (name: string, fn: () => Promise<void>): void => void bench.add(name, metered(cpu, name, fn));
    add('cold: in-process (workers 0)', once(0, 'pool'));
    add('cold: fresh pool, 1 worker', once(1, 'pool'));
    add('cold: fresh pool, 2 workers', once(2, 'pool'));
    add('cold: CLI default (--workers 2, auto)', once(2, 'auto'));
    await bench.run();
    report(`\n1b. cold runs, end to end (pool start + preparation + sampling + aggregation): ${samples} samples × ${streams.length} movement-options = ${total} samples per run`, bench, cpu, total, rates.cold);
    const r = (n: string): number => rates.cold.get(n)!;
    console.log(`  cold scaling 2 workers / 1 worker: ${(r('cold: fresh pool, 2 workers') / r('cold: fresh pool, 1 worker')).toFixed(2)}×; CLI default / in-process: ${(r('cold: CLI default (--workers 2, auto)') / r('cold: in-process (workers 0)')).toFixed(2)}×`);
    console.log(`  CLI default started workers in ${poolUsed.filter(Boolean).length} of ${poolUsed.length} runs`);
    verdict.agree('cold runs: results of every run byte-identical', hashes.size === 1, `${hashes.size} distinct result digest(s)`);
  }

  if (opts.steady) {
    // 2,000 samples per movement-option (~0.3 s per 2-worker run) and 21 rounds: long enough runs and enough
    // rounds that the median ratio moves by a few hundredths between invocations on this shared machine.
    const samples = quick ? 200 : 2000;
    const rounds = quick ? 4 : 21;
    const total = samples * streams.length;
    const payload: MonteCarloPayload = { kind: 'plan', plan, opts: { samples, seed: String(plan.seed) } };
    const local = new PreparedRun(g, plan, payload.opts);
    const pools = new Map<number, SamplePool>();
    for (const w of [1, 2]) {
      const p = new SamplePool(g, w);
      await p.ready();
      pools.set(w, p);
    }
    const cpu = new Map<string, Cpu>();
    const digests = new Map<number, string>();
    const prepares = new Map<number, number>();
    // Each run feeds a RunAggregator as runMonteCarlo does (the workers' packed rows straight into addPacked;
    // in-process summaries into add), without the final result(), plus a cheap checksum per stream so that
    // the 0/1/2-worker results can be compared. Chunks arrive in completion order, so the checksum sums
    // integers (exact in any order): time and threat exposure in milli-units, and the sample index.
    const checksum = (timeS: number, threat: number, sample: number): number => Math.round(timeS * 1000) + Math.round(threat * 1000) * 3 + sample;
    // The aggregator of a run (~250 bytes per sample, 7.5 MB here, zero-filled) is made before the timed part
    // (tinybench beforeEach): it is the same for every pool size, and inside the timing its page faults left
    // the workers idle for a few ms per run, which lowered every ratio.
    const fresh = (): { sums: Float64Array; agg: RunAggregator } => ({ sums: new Float64Array(streams.length), agg: new RunAggregator(local) });
    let state = fresh();
    const once = (workers: number) => async (): Promise<void> => {
      const { sums, agg } = state;
      const streamOf = (c: { movementIndex: number; optionIndex: number }): number => streams.findIndex((x) => x.movementIndex === c.movementIndex && x.optionIndex === c.optionIndex);
      const outcome = await runWorkload<MonteCarloPayload, SampleSummary>({
        graph: g, workloadModule: MONTE_CARLO_WORKLOAD_MODULE, localWorkload: sampleWorkload, localContext: local, payload, streams, samples, workers, pool: pools.get(workers),
        sink: (c, s) => {
          agg.add(c, s);
          const k = streamOf(c);
          for (const x of s) sums[k] = sums[k]! + checksum(x.timeS, x.exposure[0]!, x.sample);
        },
        packedSink: (c, rows) => {
          agg.addPacked(c, rows);
          const k = streamOf(c);
          for (let at = 0; at < rows.length; at += SUMMARY_WIDTH) sums[k] = sums[k]! + checksum(rows[at + ROW_TIME]!, rows[at + ROW_EXPOSURE]!, rows[at + ROW_SAMPLE]!);
        },
      });
      if (agg.samplesDone !== total) throw new Error(`steady run aggregated ${agg.samplesDone} of ${total} samples`);
      prepares.set(workers, outcome.prepareMs.length); // the last call is a timed one
      keep(sums[0]!);
      digests.set(workers, Array.from(sums).join(','));
    };
    const names = new Map([[0, 'steady: in-process (workers 0)'], [1, 'steady: warm pool, 1 worker'], [2, 'steady: warm pool, 2 workers']]);
    // The machine's own 2-thread ceiling for this very work, with no pool logistics (no chunking, ordering,
    // aggregation or main-thread work): one whole-stream chunk (2,000 samples) on the 1-worker pool against two identical
    // chunks at once on the 2-worker pool, one per worker. When both cores are busy each runs slower (shared
    // host, boost clocks): 2 × t1 / t2 is the most any scheduling could get in that round.
    const ceilingRun = new Map([1, 2].map((w) => [w, pools.get(w)!.beginRun(distModuleUrl(MONTE_CARLO_WORKLOAD_MODULE), payload, true)] as const));
    const ceilingMs = async (workers: number, r: number): Promise<number> => {
      const chunk = { ...streams[r % streams.length]!, sampleStart: 0, sampleEnd: samples };
      const t0 = performance.now();
      for (const reply of await Promise.all(Array.from({ length: workers }, (_, i) => pools.get(workers)!.runChunk<SampleSummary>(ceilingRun.get(workers)!, chunk, i, 0)))) keep(reply.rows ?? 0);
      return performance.now() - t0;
    };
    // Warm both pools (and the main thread's JIT) before anything is metered: otherwise the first task on
    // each pool carries the workers' preparation in its CPU time.
    for (const w of [0, 1, 2]) {
      state = fresh();
      await once(w)();
    }
    for (let r = 0; r < streams.length; r++) for (const w of [1, 2]) await ceilingMs(w, r);
    // Paired rounds: each round times 1 and 2 workers back to back (in alternating order) with tinybench,
    // and the scaling is the median over rounds of the ratio within a round. The load other processes put on
    // the 2 cores drifts over seconds; within a round both configurations see about the same, whereas timing
    // all of one configuration and then all of the other turned that drift into 1.5-2.1x swings.
    const times = new Map<number, number[]>([[0, []], [1, []], [2, []]]);
    const ratios: number[] = [];
    const ceilings: number[] = [];
    const ofCeiling: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [1, 2, 0] : [2, 1, 0];
      const bench = new Bench({ name: `steady round ${r}`, iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0, retainSamples: true, throws: true });
      for (const w of order) bench.add(names.get(w)!, metered(cpu, names.get(w)!, once(w)), { beforeEach: () => void (state = fresh()) });
      await bench.run();
      const ms = (w: number): number => taskSamples(bench.getTask(names.get(w)!))[0]!;
      for (const w of [0, 1, 2]) times.get(w)!.push(ms(w));
      ratios.push(ms(1) / ms(2));
      const [c1, c2] = r % 2 === 0 ? [await ceilingMs(1, r), await ceilingMs(2, r)] : [await ceilingMs(2, r), await ceilingMs(1, r)].reverse();
      ceilings.push((2 * c1!) / c2!);
      ofCeiling.push(ratios[r]! / ceilings[r]!);
    }
    console.log(`\n1c. steady state, warm workers (plan prepared in the warm-up; only the chunks are timed): ${samples} samples × ${streams.length} movement-options = ${total} samples per run, ${rounds} paired rounds`);
    for (const w of [0, 1, 2]) {
      const name = names.get(w)!;
      const st = quantiles(times.get(w)!);
      const u = cpu.get(name)!;
      const rate = total / (st.p50 / 1000);
      rates.steady.set(name, rate);
      const f = (x: number): string => x.toFixed(0).padStart(8);
      console.log(`  ${name.padEnd(44)} p50 ${f(st.p50)} ms  p90 ${f(st.p90)} ms  p99 ${f(st.p99)} ms  (n=${st.n})  → ${rate.toFixed(0)} samples/s, ${(u.cpuMs / u.wallMs).toFixed(2)} cores obtained, ${((total * u.runs) / (u.cpuMs / 1000)).toFixed(0)} samples/CPU-s`);
    }
    const rq = quantiles(ratios);
    const sorted = [...ratios].sort((a, b) => a - b);
    const cores = (n: string): number => cpu.get(n)!.cpuMs / cpu.get(n)!.wallMs;
    const perCpu = (n: string): number => (total * cpu.get(n)!.runs) / (cpu.get(n)!.cpuMs / 1000);
    const [one, two] = [names.get(1)!, names.get(2)!];
    console.log(`  steady scaling 2 workers / 1 worker: ${rq.p50.toFixed(2)}× median of ${rounds} paired rounds (range ${sorted[0]!.toFixed(2)}–${sorted[sorted.length - 1]!.toFixed(2)}, p10 ${rq.p10.toFixed(2)}; target ≥ 1.8×); cores obtained ${cores(one).toFixed(2)} / ${cores(two).toFixed(2)}, load average now ${os.loadavg()[0]!.toFixed(2)}`);
    // Interference from other tenants only ever adds time, so the fastest rounds are the least disturbed:
    // the ratio of the two configurations' p10 times estimates the scaling on 2 idle cores.
    const p10 = (w: number): number => quantiles(times.get(w)!).p10;
    console.log(`  least-disturbed estimate: p10 time 1 worker / p10 time 2 workers = ${(p10(1) / p10(2)).toFixed(2)}× (${p10(1).toFixed(0)} / ${p10(2).toFixed(0)} ms)`);
    const cq = quantiles(ceilings);
    const cs = [...ceilings].sort((a, b) => a - b);
    console.log(`  machine ceiling for the same work (2 identical chunks at once, no pool logistics): ${cq.p50.toFixed(2)}× median (range ${cs[0]!.toFixed(2)}–${cs[cs.length - 1]!.toFixed(2)}); pool scaling / ceiling, per round: median ${quantiles(ofCeiling).p50.toFixed(2)}`);
    console.log(`  parallel efficiency (samples per CPU-second, 2 workers / 1 worker): ${(perCpu(two) / perCpu(one)).toFixed(2)}`);
    console.log(`  worker preparations in the last timed run (warm pools re-prepare nothing): ${[...prepares].map(([w, n]) => `${w} worker(s): ${n}`).join(', ')}`);
    verdict.agree('steady runs: per-sample results identical across 0/1/2 workers', new Set(digests.values()).size === 1, `${new Set(digests.values()).size} distinct digest(s)`);
    verdict.target('steady scaling 2 workers / 1 worker (median of paired rounds)', rq.p50, 1.8, 'at least');
    for (const p of pools.values()) await p.destroy();
  }
  verdict.finish();
  return rates;
}
