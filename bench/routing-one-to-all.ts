/**
 * Focused bench: one-to-all Dijkstra, ours against the C++ reference (g++ -O2, same heap and stamps), on
 * Phnom Penh and the five scale graphs, from the same seeded sources. Lighter than bench/routing.ts (no
 * peers, no hierarchy), so it can be repeated to check the "within 2× of C++" target on a busy machine.
 *
 *   npm run build && node dist/bench/routing-one-to-all.js [--sources N]
 *
 * Reports CPU time per search (process.cpuUsage / CLOCK_THREAD_CPUTIME_ID) and wall time, p50/p90/p99,
 * with a sink and a checksum comparison (sum of finite labels) against C++. Appends nothing: prints a
 * markdown table and writes bench/results/routing-one-to-all.md.
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
import { buildDir, compileNative, runNative, writeNativeGraph, writeQueries } from './routing-native.js';
import { Verdict } from './verdict.js';

const at = process.argv.indexOf('--sources');
const SOURCES = at > 0 ? Number(process.argv[at + 1]) : 20;
let sink = 0;
const verdict = new Verdict();

function q(sorted: readonly number[], p: number): number {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}
const stats = (a: number[]): [number, number, number] => {
  const s = [...a].sort((x, y) => x - y);
  return [q(s, 0.5), q(s, 0.9), q(s, 0.99)];
};
const ms = (x: number): string => `${x.toFixed(2)} ms`;

const lines: string[] = [];
const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpuModel}, ${os.cpus().length} cores shared with other processes (load average ${os.loadavg()[0]!.toFixed(1)} at the start), node ${process.version}; ${SOURCES} seeded sources per graph, every node settled.`);
lines.push('');
lines.push('| graph | nodes | ours CPU p50 / p90 / p99 | C++ CPU p50 / p90 / p99 | ours / C++ (CPU p50, target ≤ 2×) | ours wall p50 | C++ wall p50 | checksum max rel. diff |');
lines.push('|---|---|---|---|---|---|---|---|');

async function one(name: string, graph: RoadGraph): Promise<void> {
  const router = new Router(graph);
  const rng = seedrandom(`one-to-all/${name}`);
  const sources = Array.from({ length: SOURCES }, () => Math.floor(rng() * graph.nodeCount));
  const out = new Float64Array(graph.nodeCount);
  const cpu: number[] = [];
  let i = 0;
  const bench = new Bench({ iterations: SOURCES, time: 0, warmupIterations: 3, warmupTime: 0, retainSamples: true, throws: true });
  bench.add('ours', () => {
    const c0 = process.cpuUsage();
    router.oneToAll([{ endpoint: { node: sources[i++ % SOURCES]! } }], { out });
    const d = process.cpuUsage(c0);
    cpu.push((d.user + d.system) / 1000);
    sink += out[0]!;
  });
  await bench.run();
  const wall = [...((bench.tasks[0]!.result as { latency?: { samples?: readonly number[] } }).latency?.samples ?? [])];
  const bin = compileNative();
  const proj = router.proj();
  const gFile = path.join(buildDir(), `${name}.csr`);
  const sFile = path.join(buildDir(), `${name}.ota-sources`);
  writeNativeGraph(gFile, graph, graph.timeS, proj.x, proj.y, router.heuristicK(graph.timeS));
  writeQueries(sFile, sources.map((s) => [s, s] as [number, number]));
  const cpp = runNative(bin, gFile, sFile, 'all');
  let maxDiff = 0;
  sources.forEach((s, k) => {
    router.oneToAll([{ endpoint: { node: s } }], { out });
    let sum = 0;
    for (let v = 0; v < out.length; v++) if (out[v]! < Infinity) sum += out[v]!;
    maxDiff = Math.max(maxDiff, Math.abs(sum - cpp.values[k]!) / Math.max(1, Math.abs(sum)));
  });
  const o = stats(cpu.slice(-SOURCES));
  const c = stats(cpp.cpuMicros.map((u) => u / 1000));
  const ow = stats(wall)[0];
  const cw = stats(cpp.micros.map((u) => u / 1000))[0];
  const row = `| ${name} | ${graph.nodeCount.toLocaleString('en')} | ${o.map(ms).join(' / ')} | ${c.map(ms).join(' / ')} | ${(o[0] / c[0]).toFixed(2)}× | ${ms(ow)} | ${ms(cw)} | ${maxDiff.toExponential(1)} |`;
  lines.push(row);
  console.log(row);
  verdict.agreeWithin(`${name}: label checksums ours vs C++`, maxDiff);
  verdict.target(`${name}: one-to-all ours / C++ (CPU p50)`, o[0] / c[0], 2, 'at most');
}

console.log(lines.join('\n'));
await one('phnom-penh', (await loadGraph()).graph);
for (const city of ['amsterdam', 'seattle', 'delhi', 'rome', 'moscow'] as CityGraphName[]) await one(city, loadCityGraph(city));
verdict.finish();
lines.push('', '```', ...verdict.summary(), '```');
const file = path.join(PACKAGE_ROOT, 'bench', 'results', 'routing-one-to-all.md');
writeFileAtomic(file, `# One-to-all Dijkstra: ours vs C++\n\n${lines.join('\n')}\n`);
console.log(`written ${path.relative(PACKAGE_ROOT, file)} (sink ${sink.toExponential(2)})`);
