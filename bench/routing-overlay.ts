/**
 * Focused bench: what an overlay adds to an exact A* query. The same seeded pairs run on the graph's own
 * cost array and under a no-op overlay (the base costs in arrays of the overlay: the mechanism alone),
 * and under a scenario overlay (0.1 % of edges closed, a penalty zone, speed factors: different routes),
 * in alternating rounds (A, B, C, A, B, C, …) so that a change of machine load hits all three alike.
 * The overhead is the median over rounds of p50(B) / p50(A) − 1 (CPU time per query).
 *
 *   npm run build && node dist/bench/routing-overlay.js [--rounds N]
 */
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { Bench } from 'tinybench';
import { writeFileAtomic } from '../engine/atomic-write.js';
import type { RoadGraph } from '../engine/graph/index.js';
import { loadCityGraph } from '../engine/import/city-graph.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { compileOverlay, Router, type CompiledOverlay } from '../engine/route/index.js';

const at = process.argv.indexOf('--rounds');
const ROUNDS = at > 0 ? Number(process.argv[at + 1]) : 5;
const PAIRS = 60;
let sink = 0;

const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)]! + s[Math.ceil(m)]!) / 2;
};

async function p50Cpu(router: Router, pairs: [number, number][], overlay: CompiledOverlay | undefined): Promise<number> {
  const cpu: number[] = [];
  let i = 0;
  const bench = new Bench({ iterations: pairs.length, time: 0, warmupIterations: 5, warmupTime: 0, retainSamples: true, throws: true });
  bench.add('q', () => {
    const [s, t] = pairs[i++ % pairs.length]!;
    const c0 = process.cpuUsage();
    const r = router.fastest({ node: s }, { node: t }, overlay ? { overlay } : {});
    const d = process.cpuUsage(c0);
    cpu.push((d.user + d.system) / 1000);
    if (r.found) sink += r.costS;
  });
  await bench.run();
  return median(cpu.slice(-pairs.length));
}

const lines: string[] = [];
lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores shared with other processes (load average ${os.loadavg()[0]!.toFixed(1)} at the start), node ${process.version}; ${PAIRS} seeded pairs, ${ROUNDS} alternating rounds, CPU time per A* query.`);
lines.push('');
lines.push('| graph | nodes | A* p50 (median of rounds) | no-op overlay | overhead (median of per-round ratios, target ≤ 15 %) | scenario overlay / none | overlay compile |');
lines.push('|---|---|---|---|---|---|---|');

async function one(name: string, graph: RoadGraph): Promise<void> {
  const router = new Router(graph);
  const rng = seedrandom(`overlay/${name}`);
  const pairs: [number, number][] = [];
  while (pairs.length < PAIRS) {
    const s = Math.floor(rng() * graph.nodeCount);
    const t = Math.floor(rng() * graph.nodeCount);
    if (s !== t && router.fastest({ node: s }, { node: t }).found) pairs.push([s, t]);
  }
  const noop = compileOverlay(graph, {});
  const c = Math.floor(rng() * graph.nodeCount);
  const t0 = performance.now();
  const scenario = compileOverlay(graph, {
    closedEdges: Array.from({ length: Math.ceil(graph.edgeCount / 1000) }, () => Math.floor(rng() * graph.edgeCount)),
    penalties: [{ area: { type: 'circle', lon: graph.lon(c), lat: graph.lat(c), radiusM: graph.isLonLat ? 500 : 2000 }, factor: 1.5 }],
    speedFactorByClass: { major: 0.9 },
  });
  const compileMs = performance.now() - t0;
  const base: number[] = [];
  const withNoop: number[] = [];
  const withScenario: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    base.push(await p50Cpu(router, pairs, undefined));
    withNoop.push(await p50Cpu(router, pairs, noop));
    withScenario.push(await p50Cpu(router, pairs, scenario));
  }
  const overhead = median(base.map((b, r) => withNoop[r]! / b)) - 1;
  const scen = median(base.map((b, r) => withScenario[r]! / b));
  const row = `| ${name} | ${graph.nodeCount.toLocaleString('en')} | ${median(base).toFixed(3)} ms | ${median(withNoop).toFixed(3)} ms | ${(overhead * 100).toFixed(1)} % | ${scen.toFixed(2)}× | ${compileMs.toFixed(0)} ms |`;
  lines.push(row);
  console.log(row);
}

console.log(lines.join('\n'));
await one('phnom-penh', (await loadGraph()).graph);
await one('amsterdam', loadCityGraph('amsterdam'));
await one('moscow', loadCityGraph('moscow'));
const file = path.join(PACKAGE_ROOT, 'bench', 'results', 'routing-overlay.md');
writeFileAtomic(file, `# Overlay overhead on A*\n\n${lines.join('\n')}\n`);
console.log(`written ${path.relative(PACKAGE_ROOT, file)} (sink ${sink.toExponential(2)})`);
