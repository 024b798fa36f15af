/**
 * bench/parallel — the worker pool of `motorcade run`, measured side by side (issue 6).
 *
 *   npm run build && node dist/bench/parallel.js [--quick] [--only 1,1b,1c,2,3]
 *
 * 1. Samples per second with 1 and 2 workers (and in-process), and the scaling ratio: synthetic samples
 *    (one Dijkstra each on amsterdam); the real `motorcade run` of the bundled scenario, (1b) cold end to
 *    end and (1c) steady state with warm workers (bench/parallel-real.ts).
 * 2. Per-task overhead of piscina against worker-threads-pool (the package first considered), same run.
 * 3. Time to start the pool and hand the graph over (SharedArrayBuffer) against each worker re-importing
 *    the graph (from the cached graph file, from the source data).
 * Graphs: Amsterdam scale graph (../shared/data/city-graphs, largest component) and the bundled Phnom Penh.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { Bench, type Task } from 'tinybench';
import { RoadGraph } from '../engine/graph/road-graph.js';
import { benchRealRun } from './parallel-real.js';
import { loadCityGraph } from '../engine/import/city-graph.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { runWorkload } from '../engine/run/pool/run-workload.js';
import { SamplePool } from '../engine/run/pool/sample-pool.js';
import { sampleWorkload, type SyntheticPayload, type SyntheticSummary } from '../test/support/synthetic-workload.js';
import { metered, type CpuUse } from './cpu-meter.js';
import { latencyStats } from './latency-stats.js';
import { Verdict } from './verdict.js';

const quick = process.argv.includes('--quick');
/** --only 1,1b,2,3: run some sections only. */
const onlyArg = process.argv[process.argv.indexOf('--only') + 1];
const only = process.argv.includes('--only') && onlyArg ? onlyArg.split(',') : undefined;
const want = (section: string): boolean => !only || only.includes(section);
const here = path.dirname(fileURLToPath(import.meta.url));
const workerUrl = (name: string): string => pathToFileURL(path.join(here, name)).href;

/** Keeps results alive so that no work is optimised away. */
let sink = 0;
const verdict = new Verdict();

function line(name: string, task: Task, extra = ''): void {
  const st = latencyStats(task);
  const f = (x: number): string => (x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));
  console.log(`  ${name.padEnd(44)} p50 ${f(st.p50).padStart(8)} ms  p90 ${f(st.p90).padStart(8)} ms  p99 ${f(st.p99).padStart(8)} ms  (n=${st.n})${extra}`);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`bench/parallel — ${cpu}, ${os.availableParallelism()} cores available, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}${quick ? ', --quick' : ''}`);

const tLoad = performance.now();
const graph = loadCityGraph('amsterdam', undefined, { largestComponent: true });
console.log(`graph: amsterdam, ${graph.nodeCount} nodes, ${graph.edgeCount} directed edges, ${(graph.buffer.byteLength / 1e6).toFixed(1)} MB, loaded in ${(performance.now() - tLoad).toFixed(0)} ms`);
const shared = graph.toShared();

// ---------------------------------------------------------------- 1. samples per second
if (want('1')) {
  const samples = quick ? 24 : 96;
  const payload: SyntheticPayload = { seed: 'bench', searchesPerSample: 1 };
  const pools = new Map<number, SamplePool>();
  for (const w of [1, 2]) {
    const p = new SamplePool(shared, w);
    await p.ready();
    pools.set(w, p);
  }
  /** CPU time of the whole process (main + worker threads) against wall time, per task: cores actually obtained. */
  const cpu = new Map<number, CpuUse>();
  const runWith = (workers: number): (() => Promise<void>) =>
    metered(cpu, workers, async () => {
      await runWorkload<SyntheticPayload, SyntheticSummary>({
        graph: shared, workloadModule: 'test/support/synthetic-workload', localWorkload: sampleWorkload, payload,
        streams: [{ movementIndex: 0, optionIndex: 0 }], samples, workers, pool: pools.get(workers),
        sink: (_c, s) => { for (const x of s) sink += x.reached; },
      });
    });
  const bench = new Bench({ name: 'throughput', iterations: quick ? 3 : 8, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
  bench.add('in-process (workers 0)', runWith(0));
  bench.add('pool, 1 worker', runWith(1));
  bench.add('pool, 2 workers', runWith(2));
  await bench.run();
  console.log(`\n1. samples per second (${samples} samples per run, one Dijkstra each on amsterdam)`);
  const rate = new Map<string, number>();
  bench.tasks.forEach((t, i) => {
    const st = latencyStats(t);
    const u = cpu.get(i)!;
    rate.set(t.name, samples / (st.p50 / 1000));
    line(t.name, t, `  → ${(samples / (st.p50 / 1000)).toFixed(1)} samples/s, ${(u.cpuMs / u.wallMs).toFixed(2)} cores busy, ${((samples * u.runs) / (u.cpuMs / 1000)).toFixed(1)} samples/CPU-s`);
  });
  const r1 = rate.get('pool, 1 worker')!;
  const r2 = rate.get('pool, 2 workers')!;
  verdict.target('scaling 2 workers / 1 worker (target set for 2 idle cores)', r2 / r1, 1.8, 'at least');
  const cores = (w: number): number => cpu.get(w)!.cpuMs / cpu.get(w)!.wallMs;
  const perCpu = (w: number): number => (samples * cpu.get(w)!.runs) / (cpu.get(w)!.cpuMs / 1000);
  console.log(`  cores obtained: 1 worker ${cores(1).toFixed(2)}, 2 workers ${cores(2).toFixed(2)} (load average now ${os.loadavg()[0]!.toFixed(2)}: other processes share the 2 cores)`);
  console.log(`  parallel efficiency (samples per CPU-second, 2 workers / 1 worker): ${(perCpu(2) / perCpu(1)).toFixed(2)} → expected scaling on 2 idle cores ≈ ${((2 * perCpu(2)) / perCpu(1)).toFixed(2)}×`);
  for (const p of pools.values()) await p.destroy();
}

// ---------------------------------------------------------------- 1b/1c. the real run: motorcade run of the bundled scenario
if (want('1b') || want('1c')) {
  await benchRealRun({ quick, stats: latencyStats, line, keep: (x) => { sink += x; }, cold: want('1b'), steady: want('1c') });
}

// ---------------------------------------------------------------- 2. per-task overhead
if (want('2')) {
  const piscina = new Piscina({ filename: workerUrl('parallel-echo-worker.js'), minThreads: 2, maxThreads: 2 });
  await Promise.all([piscina.run(0), piscina.run(0)]);
  type WtpWorker = { once(ev: 'message', fn: (x: number) => void): void };
  type WtpPool = { acquire(file: string, opts: { workerData: number }, cb: (err: Error | null, w: WtpWorker) => void): void; destroy(cb?: () => void): void };
  const WtpCtor = createRequire(import.meta.url)('worker-threads-pool') as new (o: { max: number; maxWaiting?: number }) => WtpPool;
  const wtp = new WtpCtor({ max: 2, maxWaiting: 1e6 });
  const wtpFile = fileURLToPath(workerUrl('parallel-wtp-worker.js'));
  const wtpTask = (x: number): Promise<number> =>
    new Promise((resolve, reject) => wtp.acquire(wtpFile, { workerData: x }, (err, w) => (err ? reject(err) : w.once('message', resolve))));
  const batch = quick ? 20 : 40;
  const bench = new Bench({ name: 'overhead', time: quick ? 300 : 1000, iterations: 10, warmupIterations: 3, retainSamples: true, throws: true });
  bench.add('piscina: one trivial task (round trip)', async () => { sink += await piscina.run(1); });
  bench.add('worker-threads-pool: one trivial task', async () => { sink += await wtpTask(1); });
  bench.add(`piscina: ${batch} trivial tasks in flight`, async () => { for (const x of await Promise.all(Array.from({ length: batch }, (_, i) => piscina.run(i)))) sink += x; });
  bench.add(`worker-threads-pool: ${batch} trivial tasks`, async () => { for (const x of await Promise.all(Array.from({ length: batch }, (_, i) => wtpTask(i)))) sink += x; });
  await bench.run();
  console.log('\n2. per-task overhead, trivial task, 2 threads');
  for (const t of bench.tasks) line(t.name, t);
  const [p1, w1, pb, wb] = bench.tasks.map((t) => latencyStats(t).p50);
  console.log(`  per task: piscina ${((pb! / batch) * 1000).toFixed(1)} µs amortised (${(p1! * 1000).toFixed(0)} µs alone), worker-threads-pool ${((wb! / batch) * 1000).toFixed(0)} µs amortised (${(w1! * 1000).toFixed(0)} µs alone): ${(wb! / pb!).toFixed(0)}× more`);
  await piscina.destroy();
  await new Promise<void>((r) => wtp.destroy(() => r()));
}

// ---------------------------------------------------------------- 3. pool start and graph hand-over
if (want('3')) {
  const workers = 2;
  const cacheFile = path.join(os.tmpdir(), `motorcade-bench-parallel-${process.pid}.mcg`);
  fs.writeFileSync(cacheFile, new Uint8Array(graph.buffer));
  const pp = (await loadGraph()).graph; // makes sure the Phnom Penh cache exists
  const barrierProbe = async (p: Piscina): Promise<void> => {
    const barrier = new SharedArrayBuffer(4);
    for (const x of await Promise.all(Array.from({ length: workers }, () => p.run({ barrier, parties: workers }) as Promise<number>))) sink += x;
  };
  let live: { destroy(): Promise<void> } | undefined;
  const teardown = { afterEach: async () => { await live?.destroy(); live = undefined; } };
  const viaSab = (g: RoadGraph) => async (): Promise<void> => {
    const pool = new SamplePool(RoadGraph.from(g.buffer).toShared(), workers); // includes the one copy into the SAB
    live = pool;
    await pool.ready();
  };
  const viaReimport = (workerData: Record<string, unknown>) => async (): Promise<void> => {
    const p = new Piscina({ filename: workerUrl('parallel-reimport-worker.js'), workerData, minThreads: workers, maxThreads: workers });
    live = p;
    await barrierProbe(p);
  };
  const bench = new Bench({ name: 'handover', iterations: quick ? 2 : 5, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
  bench.add('amsterdam: SharedArrayBuffer hand-over', viaSab(graph), teardown);
  bench.add('amsterdam: each worker reads the cache file', viaReimport({ mode: 'cache', file: cacheFile }), teardown);
  bench.add('amsterdam: each worker imports the .bin source', viaReimport({ mode: 'source', city: 'amsterdam' }), teardown);
  bench.add('phnom-penh: SharedArrayBuffer hand-over', viaSab(pp), teardown);
  bench.add('phnom-penh: each worker loadGraph() from cache', viaReimport({ mode: 'pp-cache' }), teardown);
  bench.add('phnom-penh: each worker loadGraph() from source', viaReimport({ mode: 'pp-source' }), teardown);
  await bench.run();
  fs.rmSync(cacheFile, { force: true });
  console.log(`\n3. start a ${workers}-worker pool until every worker holds the graph (amsterdam ${(graph.buffer.byteLength / 1e6).toFixed(1)} MB, phnom-penh ${(pp.buffer.byteLength / 1e6).toFixed(1)} MB)`);
  for (const t of bench.tasks) line(t.name, t);
  const p50 = bench.tasks.map((t) => latencyStats(t).p50);
  console.log(`  amsterdam: re-import costs ${(p50[1]! / p50[0]!).toFixed(1)}× (cache) and ${(p50[2]! / p50[0]!).toFixed(1)}× (source) the SAB hand-over`);
  console.log(`  phnom-penh: re-import costs ${(p50[4]! / p50[3]!).toFixed(1)}× (cache) and ${(p50[5]! / p50[3]!).toFixed(1)}× (source) the SAB hand-over`);
  console.log(`  memory: the SAB is one copy of the graph for the whole process; re-import holds ${workers + 1} copies`);
}

verdict.finish();
console.log(`\n(sink ${sink})`);
