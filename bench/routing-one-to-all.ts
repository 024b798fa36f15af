/**
 * Focused bench: one-to-all Dijkstra (every node settled from one source), ours against two C++
 * baselines compiled with g++ -O2 at bench time (routing-native.ts), from the same seeded sources:
 *  - "C++ same algorithm" (csr_search.cpp): an indexed binary heap with decrease-key and epoch stamps;
 *  - "C++ lazy 4-ary" (one_to_all_lazy4.cpp): a minimal C++ Dijkstra, the fair limit (target: ours
 *    within 1.3× of it).
 *
 *   npm run build && nice -n 10 node dist/bench/routing-one-to-all.js [--sources N] [--rounds N] [--all]
 *
 * Interleaved rounds (ours, C++ same algorithm, C++ lazy 4-ary, repeated), so a change of machine load hits
 * all three alike; the ratio is the median over rounds of p50(ours) / p50(C++). Time per search: CPU time
 * (process.cpuUsage for ours, an upper bound of its thread's CPU time since nothing allocates in the
 * loop; CLOCK_THREAD_CPUTIME_ID in C++) and wall time for all. Checksums (sum of finite labels) must agree
 * with both C++ programs or the bench exits 1. Graphs: Phnom Penh, Amsterdam, Moscow (--all: the five
 * scale graphs). Writes bench/results/routing-one-to-all.md.
 */
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { Bench } from 'tinybench';
import { writeFileAtomic } from '../engine/atomic-write.js';
import type { RoadGraph } from '../engine/graph/index.js';
import { loadCityGraph, type CityGraphName } from '../engine/import/city-graph.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { Router } from '../engine/route/index.js';
import { quantiles, taskSamples } from './latency-stats.js';
import { buildDir, compileNative, runNative, writeNativeGraph, writeQueries, type NativeProgram } from './routing-native.js';
import { relDiff, Verdict } from './verdict.js';

const arg = (name: string, dflt: number): number => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : dflt;
};
const SOURCES = arg('--sources', 12);
const ROUNDS = arg('--rounds', 3);
const FAIR_TARGET = 1.3;
let sink = 0;
const verdict = new Verdict();
const median = (a: number[]): number => quantiles(a).p50;
const ms = (x: number): string => `${x.toFixed(2)} ms`;
const range = (a: number[]): string => {
  const s = [...a].sort((x, y) => x - y);
  return `${median(a).toFixed(2)}× (${s[0]!.toFixed(2)}–${s[s.length - 1]!.toFixed(2)})`;
};

const lines: string[] = [];
const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpuModel}, ${os.cpus().length} cores shared with other processes (load average ${os.loadavg()[0]!.toFixed(1)} at the start), node ${process.version}; ${SOURCES} seeded sources per graph, ${ROUNDS} interleaved rounds, every node settled.`);
lines.push('');
lines.push('Ratios are the median (range) over rounds of p50(ours) / p50(C++) for the same sources; CPU: process CPU time for ours, thread CPU time for C++.');
lines.push('');
lines.push(`| graph | nodes | ours CPU p50 | C++ same algorithm | C++ lazy 4-ary (fair limit) | ours / same algorithm (CPU) | ours / lazy 4-ary (CPU, target ≤ ${FAIR_TARGET}×) | ours / lazy 4-ary (wall) |`);
lines.push('|---|---|---|---|---|---|---|---|');

async function ours(router: Router, sources: number[], out: Float64Array): Promise<{ cpu: number[]; wall: number[] }> {
  const cpu: number[] = [];
  let i = 0;
  const bench = new Bench({ iterations: sources.length, time: 0, warmupIterations: 2, warmupTime: 0, retainSamples: true, throws: true });
  bench.add('ours', () => {
    const c0 = process.cpuUsage();
    router.oneToAll([{ endpoint: { node: sources[i++ % sources.length]! } }], { out });
    const d = process.cpuUsage(c0);
    cpu.push((d.user + d.system) / 1000);
    sink += out[0]!;
  });
  await bench.run();
  return { cpu: cpu.slice(-sources.length), wall: taskSamples(bench.tasks[0]) };
}

async function one(name: string, graph: RoadGraph): Promise<void> {
  const router = new Router(graph);
  const rng = seedrandom(`one-to-all/${name}`);
  const sources = Array.from({ length: SOURCES }, () => Math.floor(rng() * graph.nodeCount));
  const out = new Float64Array(graph.nodeCount);
  const proj = router.proj();
  const gFile = path.join(buildDir(), `${name}.csr`);
  const sFile = path.join(buildDir(), `${name}.ota-sources`);
  writeNativeGraph(gFile, graph, graph.timeS, proj.x, proj.y, router.heuristicK(graph.timeS));
  writeQueries(sFile, sources.map((s) => [s, s] as [number, number]));
  const programs: NativeProgram[] = ['csr_search', 'one_to_all_lazy4'];
  const bins = programs.map((p) => compileNative(p));
  const r = { ours: [] as number[], oursWall: [] as number[], same: [] as number[], lazy: [] as number[], lazyWall: [] as number[] };
  const checksums: number[][] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    const o = await ours(router, sources, out);
    r.ours.push(median(o.cpu));
    r.oursWall.push(median(o.wall));
    bins.forEach((bin, k) => {
      const res = runNative(bin, gFile, sFile, 'all');
      const cpu = median(res.cpuMicros.map((u) => u / 1000));
      if (k === 0) r.same.push(cpu);
      else {
        r.lazy.push(cpu);
        r.lazyWall.push(median(res.micros.map((u) => u / 1000)));
      }
      checksums[k] = res.values;
    });
  }
  let maxDiff = 0;
  sources.forEach((s, k) => {
    router.oneToAll([{ endpoint: { node: s } }], { out });
    let sum = 0;
    for (let v = 0; v < out.length; v++) if (out[v]! < Infinity) sum += out[v]!;
    for (const c of checksums) maxDiff = Math.max(maxDiff, relDiff(sum, c[k]!));
  });
  verdict.agreeWithin(`${name}: label checksums ours vs both C++ programs`, maxDiff);
  const vsSame = r.ours.map((x, i) => x / r.same[i]!);
  const vsLazy = r.ours.map((x, i) => x / r.lazy[i]!);
  const vsLazyWall = r.oursWall.map((x, i) => x / r.lazyWall[i]!);
  verdict.target(`${name}: one-to-all ours / C++ lazy 4-ary (CPU, median of ${ROUNDS} rounds)`, median(vsLazy), FAIR_TARGET, 'at most');
  const row = `| ${name} | ${graph.nodeCount.toLocaleString('en')} | ${ms(median(r.ours))} | ${ms(median(r.same))} | ${ms(median(r.lazy))} | ${range(vsSame)} | ${range(vsLazy)} | ${range(vsLazyWall)} |`;
  lines.push(row);
  console.log(row);
}

console.log(lines.join('\n'));
await one('phnom-penh', (await loadGraph()).graph);
const cities: CityGraphName[] = process.argv.includes('--all') ? ['amsterdam', 'seattle', 'delhi', 'rome', 'moscow'] : ['amsterdam', 'moscow'];
for (const city of cities) await one(city, loadCityGraph(city));
verdict.finish();
lines.push('', '```', ...verdict.summary(), '```');
const file = path.join(PACKAGE_ROOT, 'bench', 'results', 'routing-one-to-all.md');
writeFileAtomic(file, `# One-to-all Dijkstra: ours vs C++\n\n${lines.join('\n')}\n`);
console.log(`written ${path.relative(PACKAGE_ROOT, file)} (sink ${sink.toExponential(2)})`);
