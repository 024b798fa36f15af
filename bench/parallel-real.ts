/**
 * bench/parallel sections 1b and 1c: the REAL Monte Carlo of `motorcade run` (bundled scenario
 * asean-2022-arrivals on phnom-penh) with 1 and 2 workers, cold and steady-state. Called by bench/parallel.ts.
 *
 * 1b cold: what one `motorcade run` costs end to end — a fresh pool started for the run, every worker
 *    building its PreparedRun and filling its coverage tables, the main thread's own PreparedRun, the
 *    aggregation (nominal runs, chokepoints, robustness searches, playback) — per worker count.
 * 1c steady state: the sampling throughput of warm workers (pool started and the plan prepared in the
 *    warm-up iteration; workers keep their context by payload digest), i.e. what sweeps, the exercise
 *    console and long runs see. Only chunks are timed: runSampleJob over every movement × option stream,
 *    each summary fed to a RunAggregator as runMonteCarlo does (packed rows → addPacked), and again through
 *    the object path (unpack → add) for comparison.
 * Both report process CPU time against wall time ("cores obtained"): on a shared 2-core machine the
 * 2-worker rate is bounded by the cores the other processes leave.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Bench, type Task } from 'tinybench';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { runSampleJob } from '../engine/run/parallel-job.js';
import { runMonteCarlo } from '../engine/run/parallel-runner.js';
import { RUN_JOB_MODULE, sampleJob, type RunJobPayload } from '../engine/run/pool/run-job.js';
import type { StreamKey } from '../engine/run/pool/sample-job.js';
import { SamplePool } from '../engine/run/pool/sample-pool.js';
import { PreparedRun } from '../engine/run/prepared-run.js';
import type { SampleSummary } from '../engine/run/sample-summary.js';
import { RunAggregator } from '../engine/run/aggregate.js';
import { ROW_EXPOSURE, ROW_SAMPLE, ROW_TIME, SUMMARY_WIDTH } from '../engine/run/pool/summary-codec.js';
import { planFromScenario } from '../engine/run/scenario-adapter.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';

type Line = (name: string, task: Task, extra?: string) => void;
type Stats = (task: Task) => { p50: number; p90: number; p99: number; mean: number; n: number };
interface Cpu { cpuMs: number; wallMs: number; runs: number }

/** Wraps a run: accumulates process CPU (all threads) and wall time per key. */
function metered(acc: Map<string, Cpu>, key: string, fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await fn();
    const c = process.cpuUsage(c0);
    const a = acc.get(key) ?? { cpuMs: 0, wallMs: 0, runs: 0 };
    a.runs++;
    a.cpuMs += (c.user + c.system) / 1000;
    a.wallMs += performance.now() - w0;
    acc.set(key, a);
  };
}

export interface RealRunRates {
  /** samples/s (p50) by task name. */
  cold: Map<string, number>;
  steady: Map<string, number>;
}

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
    console.log(`  CLI default started workers in ${poolUsed.filter(Boolean).length} of ${poolUsed.length} runs; results of every run byte-identical: ${hashes.size === 1 ? 'yes' : `NO (${hashes.size} distinct)`}`);
  }

  if (opts.steady) {
    const samples = quick ? 200 : 1000;
    const total = samples * streams.length;
    const payload: RunJobPayload = { kind: 'plan', plan, opts: { samples, seed: String(plan.seed) } };
    const local = new PreparedRun(g, plan, payload.opts);
    const pools = new Map<number, SamplePool>();
    for (const w of [1, 2]) {
      const p = new SamplePool(g, w);
      await p.ready();
      pools.set(w, p);
    }
    const cpu = new Map<string, Cpu>();
    const digests = new Map<string, string>();
    const prepares = new Map<number, number>();
    // Each run feeds a RunAggregator (the main thread's real per-sample work in `motorcade run`, without the
    // final result()), either straight from the workers' packed rows (addPacked, what runMonteCarlo does) or
    // after unpacking them into SampleSummary objects (add, the path before): both measured in the same run.
    // Plus a cheap order-sensitive checksum per stream (summaries arrive in sample order within a stream),
    // so that the 0/1/2-worker results can be compared.
    const once = (workers: number, packed: boolean) => async (): Promise<void> => {
      const sums = new Float64Array(streams.length);
      const agg = new RunAggregator(local);
      const streamOf = (c: { movementIndex: number; optionIndex: number }): number => streams.findIndex((x) => x.movementIndex === c.movementIndex && x.optionIndex === c.optionIndex);
      const outcome = await runSampleJob<RunJobPayload, SampleSummary>({
        graph: g, jobModule: RUN_JOB_MODULE, localJob: sampleJob, localContext: local, payload, streams, samples, workers, pool: pools.get(workers),
        sink: (c, s) => {
          agg.add(c, s);
          const k = streamOf(c);
          for (const x of s) sums[k] = (sums[k]! * 0.5 + x.timeS + x.exposure[0]! + x.sample) % 1e9;
        },
        packedSink: packed
          ? (c, rows) => {
              agg.addPacked(c, rows);
              const k = streamOf(c);
              for (let at = 0; at < rows.length; at += SUMMARY_WIDTH) sums[k] = (sums[k]! * 0.5 + rows[at + ROW_TIME]! + rows[at + ROW_EXPOSURE]! + rows[at + ROW_SAMPLE]!) % 1e9;
            }
          : undefined,
      });
      if (agg.samplesDone !== total) throw new Error(`steady run aggregated ${agg.samplesDone} of ${total} samples`);
      prepares.set(workers, outcome.prepareMs.length); // the last call is a timed one
      keep(sums[0]!);
      digests.set(`${workers}${packed ? 'p' : 'o'}`, Array.from(sums).join(','));
    };
    const bench = new Bench({ name: 'steady', iterations: quick ? 2 : 5, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
    const add = (name: string, fn: () => Promise<void>): void => void bench.add(name, metered(cpu, name, fn));
    add('steady: in-process (workers 0)', once(0, false));
    add('steady: warm pool, 1 worker', once(1, true));
    add('steady: warm pool, 2 workers', once(2, true));
    add('steady: 1 worker, unpacked to objects', once(1, false));
    add('steady: 2 workers, unpacked to objects', once(2, false));
    // Warm both pools before anything is metered: otherwise the first task on each pool carries the workers'
    // preparation in its CPU time (its warm-up call is metered too), and samples per CPU-second mislead.
    await once(1, true)();
    await once(2, true)();
    await bench.run();
    report(`\n1c. steady state, warm workers (plan prepared in the warm-up; only the chunks are timed): ${samples} samples × ${streams.length} movement-options = ${total} samples per run`, bench, cpu, total, rates.steady);
    const r = (n: string): number => rates.steady.get(n)!;
    const cores = (n: string): number => cpu.get(n)!.cpuMs / cpu.get(n)!.wallMs;
    const perCpu = (n: string): number => (total * cpu.get(n)!.runs) / (cpu.get(n)!.cpuMs / 1000);
    const [one, two] = ['steady: warm pool, 1 worker', 'steady: warm pool, 2 workers'];
    console.log(`  steady scaling 2 workers / 1 worker: ${(r(two) / r(one)).toFixed(2)}× (target ≥ 1.8×); cores obtained ${cores(one).toFixed(2)} / ${cores(two).toFixed(2)}, load average now ${os.loadavg()[0]!.toFixed(2)}`);
    console.log(`  parallel efficiency (samples per CPU-second, 2 workers / 1 worker): ${(perCpu(two) / perCpu(one)).toFixed(2)} → expected scaling on 2 idle cores ≈ ${((2 * perCpu(two)) / perCpu(one)).toFixed(2)}×`);
    const [oneObj, twoObj] = ['steady: 1 worker, unpacked to objects', 'steady: 2 workers, unpacked to objects'];
    console.log(`  main thread unpacking to objects instead (the path before addPacked): scaling ${(r(twoObj) / r(oneObj)).toFixed(2)}×, cores obtained ${cores(oneObj).toFixed(2)} / ${cores(twoObj).toFixed(2)}, efficiency ${(perCpu(twoObj) / perCpu(oneObj)).toFixed(2)}; packed / objects, 2 workers: ${(r(two) / r(twoObj)).toFixed(2)}× samples/s, ${(perCpu(two) / perCpu(twoObj)).toFixed(2)}× samples/CPU-s`);
    console.log(`  worker preparations in the last timed run (warm pools re-prepare nothing): ${[...prepares].map(([w, n]) => `${w} worker(s): ${n}`).join(', ')}; per-sample results identical across 0/1/2 workers: ${new Set(digests.values()).size === 1 ? 'yes' : 'NO'}`);
    for (const p of pools.values()) await p.destroy();
  }
  return rates;
}
