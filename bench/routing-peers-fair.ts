/**
 * Fair peer bench: point-to-point queries, ours against every npm peer's best exact routine on the same
 * 200 seeded pairs (seedrandom 'fair-peers/<graph>', pairs our A* connects), in interleaved rounds: the
 * pairs are cut into chunks and every implementation runs each chunk in turn, so a change of machine load
 * hits all alike. One clock for everyone: wall time per query (performance.now inside a tinybench
 * iteration; Node 20 has no per-thread CPU clock and process CPU time would charge GC helper threads to
 * the allocating peers). A sink adds every cost.
 *
 *   npm run build && nice -n 10 node dist/bench/routing-peers-fair.js [--quick] [--moscow]
 *
 * Peers (routing-peers.ts): ngraph.path NBA* and A*, graphology-shortest-path A* (5–8× its bidirectional
 * Dijkstra), node-dijkstra and geojson-path-finder (Phnom Penh only: a full Dijkstra per query or a slow
 * build). Exact peers must return our cost (relative 1e-9) or the bench exits 1; geojson-path-finder is
 * inexact by design and its differences are reported. Writes bench/results/routing-peers-fair.md.
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
import { Router } from '../engine/route/index.js';
import { quantiles, taskSamples } from './latency-stats.js';
import { buildPeers, type Peers } from './routing-peers.js';
import { relDiff, Verdict } from './verdict.js';

const quick = process.argv.includes('--quick');
const PAIRS = quick ? 40 : 200;
const CHUNKS = 4;
let sink = 0;
const verdict = new Verdict();
const lines: string[] = [];
const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

type Impl = { name: string; exact: boolean; fn: (s: number, t: number) => number };

async function graphBench(name: string, graph: RoadGraph, peerNames: (keyof Peers)[]): Promise<void> {
  console.log(`\n${name}: ${graph.nodeCount} nodes, ${graph.edgeCount} edges`);
  const router = new Router(graph);
  const proj = router.proj();
  const rng = seedrandom(`fair-peers/${name}`);
  const pairs: [number, number][] = [];
  while (pairs.length < PAIRS) {
    const s = Math.floor(rng() * graph.nodeCount);
    const t = Math.floor(rng() * graph.nodeCount);
    if (s !== t && router.fastest({ node: s }, { node: t }).found) pairs.push([s, t]);
  }
  const tc = performance.now();
  router.hierarchy();
  console.log(`  contraction hierarchy ${((performance.now() - tc) / 1000).toFixed(1)} s`);
  const tb = performance.now();
  const peers = buildPeers(graph, graph.timeS, proj.x, proj.y, router.heuristicK(graph.timeS));
  if (peerNames.includes('nodeDijkstra')) peers.nodeDijkstra(pairs[0]![0], pairs[0]![1]);
  if (peerNames.includes('geojsonPathFinder')) peers.geojsonPathFinder(pairs[0]![0], pairs[0]![1]);
  console.log(`  peer graphs built in ${((performance.now() - tb) / 1000).toFixed(1)} s`);
  const label: Record<string, string> = {
    ngraphNba: 'ngraph.path NBA*', ngraphAStar: 'ngraph.path A*', graphologyAStar: 'graphology A*', nodeDijkstra: 'node-dijkstra', geojsonPathFinder: 'geojson-path-finder',
  };
  const oursCost = pairs.map(([s, t]) => {
    const r = router.fastest({ node: s }, { node: t });
    return r.found ? r.costS : Infinity;
  });
  const impls: Impl[] = [
    { name: 'ours A*', exact: true, fn: (s, t) => { const r = router.fastest({ node: s }, { node: t }); return r.found ? r.costS : Infinity; } },
    { name: 'ours CH', exact: true, fn: (s, t) => { const r = router.fastest({ node: s }, { node: t }, { algorithm: 'ch' }); return r.found ? r.costS : Infinity; } },
    ...peerNames.map((p) => ({ name: label[p]!, exact: p !== 'geojsonPathFinder', fn: peers[p] })),
  ];
  const samples = new Map<string, number[][]>(impls.map((i) => [i.name, []]));
  const costs = new Map<string, number[]>(impls.map((i) => [i.name, new Array<number>(PAIRS)]));
  const per = Math.ceil(PAIRS / CHUNKS);
  for (let c = 0; c < CHUNKS; c++) {
    const chunk = pairs.slice(c * per, (c + 1) * per).map((p, j) => [c * per + j, p] as const);
    // Rotate the order per chunk so no implementation always runs first.
    for (let k = 0; k < impls.length; k++) {
      const impl = impls[(k + c) % impls.length]!;
      let j = 0;
      const bench = new Bench({ name: impl.name, iterations: chunk.length, time: 0, warmupIterations: c === 0 ? 3 : 0, warmupTime: 0, retainSamples: true, throws: true });
      bench.add(impl.name, () => {
        const [idx, [s, t]] = chunk[j++ % chunk.length]!;
        const v = impl.fn(s, t);
        costs.get(impl.name)![idx] = v;
        if (v < Infinity) sink += v;
      });
      await bench.run();
      samples.get(impl.name)!.push(taskSamples(bench.tasks[0]).slice(-chunk.length));
    }
  }
  const oursChunks = samples.get('ours A*')!.map((s) => quantiles(s).p50);
  const oursChChunks = samples.get('ours CH')!.map((s) => quantiles(s).p50);
  lines.push(`## ${name} (${graph.nodeCount.toLocaleString('en')} nodes), ${PAIRS} pairs in ${CHUNKS} interleaved chunks, wall time per query`);
  lines.push('');
  lines.push('| implementation | p50 | p90 | p99 | p50 / ours A* (median, range over chunks) | p50 / ours CH | cost vs ours |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const impl of impls) {
    const all = samples.get(impl.name)!.flat();
    const q = quantiles(all);
    const chunks = samples.get(impl.name)!.map((s) => quantiles(s).p50);
    const vsA = chunks.map((x, i) => x / oursChunks[i]!).sort((a, b) => a - b);
    const vsCh = chunks.map((x, i) => x / oursChChunks[i]!).sort((a, b) => a - b);
    const mid = (a: number[]): number => quantiles(a).p50;
    let maxDiff = 0;
    let differ = 0;
    let worse = 0;
    costs.get(impl.name)!.forEach((v, i) => {
      const d = relDiff(v, oursCost[i]!);
      maxDiff = Math.max(maxDiff, d);
      if (d > 1e-9) {
        differ++;
        if (v > oursCost[i]!) worse++;
      }
    });
    let costNote: string;
    if (impl.exact) {
      verdict.agreeWithin(`${name}: ${impl.name} costs vs ours on ${PAIRS} pairs`, maxDiff);
      costNote = `equal (max rel. diff ${maxDiff.toExponential(1)})`;
    } else {
      costNote = `differs on ${differ} of ${PAIRS} pairs (${worse} longer, ${differ - worse} shorter; max rel. diff ${maxDiff.toExponential(1)}): not exact`;
      console.log(`  ${impl.name}: ${costNote}`);
    }
    const row = `| ${impl.name} | ${fmt(q.p50)} | ${fmt(q.p90)} | ${fmt(q.p99)} | ${mid(vsA).toFixed(1)}× (${vsA[0]!.toFixed(1)}–${vsA[vsA.length - 1]!.toFixed(1)}) | ${mid(vsCh).toFixed(0)}× (${vsCh[0]!.toFixed(0)}–${vsCh[vsCh.length - 1]!.toFixed(0)}) | ${costNote} |`;
    lines.push(row);
    console.log(`  ${row}`);
    if (impl.name === 'ngraph.path NBA*') verdict.target(`${name}: ngraph.path NBA* / ours A* (p50, median of chunks)`, mid(vsA), 10, 'at least');
  }
  lines.push('');
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`fair peer bench${quick ? ' (--quick)' : ''} on ${cpu}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}, node ${process.version}`);
lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu} (${os.cpus().length} cores shared with other processes, load average ${os.loadavg()[0]!.toFixed(2)} at the start), node ${process.version}${quick ? ', --quick' : ''}. Wall clock for everyone; ratios are per-chunk p50 ratios on the same pairs.`);
lines.push('');
await graphBench('phnom-penh', (await loadGraph()).graph, ['ngraphNba', 'ngraphAStar', 'graphologyAStar', 'nodeDijkstra', 'geojsonPathFinder']);
await graphBench('amsterdam', loadCityGraph('amsterdam'), ['ngraphNba', 'ngraphAStar', 'graphologyAStar']);
if (process.argv.includes('--moscow')) await graphBench('moscow', loadCityGraph('moscow'), ['ngraphNba', 'graphologyAStar']);
verdict.finish();
lines.push('```', ...verdict.summary(), '```');
const file = path.join(PACKAGE_ROOT, 'bench', 'results', quick ? 'routing-peers-fair-quick.md' : 'routing-peers-fair.md');
writeFileAtomic(file, `# Point-to-point routing against npm peers\n\n${lines.join('\n')}\n`);
console.log(`written ${path.relative(PACKAGE_ROOT, file)} (sink ${sink.toExponential(3)})`);
