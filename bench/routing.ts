/**
 * Routing bench: exact point-to-point queries (A*, bidirectional, Dijkstra, contraction hierarchy) and one-to-all searches on Phnom Penh and the scale graphs
 * (Amsterdam 68k → Moscow 412k nodes), measured in the same run against ngraph.path (A*, NBA*),
 * graphology-shortest-path (bidirectional Dijkstra) and a C++ CSR Dijkstra/A* compiled with g++ -O2 that
 * transcribes our algorithm (bench/routing-one-to-all.ts compares one-to-all with the fair C++ limit, and
 * bench/routing-peers-fair.ts the peers' best routines on 200 pairs).
 *
 *   npm run build && node dist/bench/routing.js [--quick]
 *
 * Seeded pairs (seedrandom 'routing-bench/<graph>'), tinybench with one pair per iteration (p50/p90/p99 of
 * the per-query latencies), a sink that adds every cost so no work can be optimised away, and exactness
 * checks of every peer's cost against ours. Writes bench/results/routing.md.
 */
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { Bench, type Task } from 'tinybench';
import { writeFileAtomic } from '../engine/atomic-write.js';
import type { RoadGraph } from '../engine/graph/index.js';
import { loadCityGraph, type CityGraphName } from '../engine/import/city-graph.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { compileOverlay, Router, type CompiledOverlay, type RouteAlgorithm } from '../engine/route/index.js';
import { buildPeers } from './routing-peers.js';
import { buildDir, compileNative, runNative, writeNativeGraph, writeQueries } from './routing-native.js';
import { relDiff, Verdict } from './verdict.js';

const quick = process.argv.includes('--quick');
const PAIRS = quick ? 30 : 120;
const PEER_PAIRS = quick ? 10 : 40;
const GRAPHOLOGY_PAIRS = quick ? 3 : 6;
const ALL_SOURCES = quick ? 4 : 12;
let sink = 0;
const verdict = new Verdict();

/** Percentiles in ms: p50/p90/p99 of CPU time per query (what the ratios use), wall* of wall time. */
interface Row {
  graph: string;
  nodes: number;
  edges: number;
  task: string;
  p50: number;
  p90: number;
  p99: number;
  wallP50: number;
  wallP90: number;
  wallP99: number;
  samples: number;
}
const rows: Row[] = [];

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

function record(graphName: string, g: RoadGraph, task: string, wallMs: number[], cpuMs: number[]): Row {
  const w = [...wallMs].sort((a, b) => a - b);
  const c = [...cpuMs].sort((a, b) => a - b);
  const row = {
    graph: graphName, nodes: g.nodeCount, edges: g.edgeCount, task,
    p50: quantile(c, 0.5), p90: quantile(c, 0.9), p99: quantile(c, 0.99),
    wallP50: quantile(w, 0.5), wallP90: quantile(w, 0.9), wallP99: quantile(w, 0.99), samples: w.length,
  };
  rows.push(row);
  console.log(`  ${task.padEnd(34)} cpu p50 ${fmt(row.p50)}  p90 ${fmt(row.p90)}  p99 ${fmt(row.p99)} | wall p50 ${fmt(row.wallP50)}  p99 ${fmt(row.wallP99)}  (${row.samples} queries)`);
  return row;
}

function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

function taskSamples(t: Task): number[] {
  const r = t.result as { latency?: { samples?: readonly number[] } } | undefined;
  return [...(r?.latency?.samples ?? [])];
}

/** One tinybench task per implementation, each iteration one query of the pair list (round robin). */
async function measure(graphName: string, g: RoadGraph, tasks: { name: string; count: number; fn: (i: number) => number }[]): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (const t of tasks) {
    let i = 0;
    const cpu: number[] = [];
    const warmup = Math.min(5, t.count);
    const bench = new Bench({ name: t.name, iterations: t.count, time: 0, warmupIterations: warmup, warmupTime: 0, retainSamples: true, throws: true });
    bench.add(t.name, () => {
      // CPU time of this process per query (µs resolution): unaffected by waiting for a core.
      const c0 = process.cpuUsage();
      sink += t.fn(i++ % t.count);
      const d = process.cpuUsage(c0);
      cpu.push((d.user + d.system) / 1000);
    });
    await bench.run();
    out.set(t.name, record(graphName, g, t.name, taskSamples(bench.tasks[0]!), cpu.slice(-t.count)));
  }
  return out;
}

interface GraphSummary {
  name: string;
  nodes: number;
  astarP50: number;
  chP50: number;
  chBuildMs: number;
  oursChPeerPairsP50?: number;
  bidiP50: number;
  dijkstraP50: number;
  nbaP50?: number;
  ngAStarP50?: number;
  graphologyP50?: number;
  cppAStarP50: number;
  cppDijkstraP50: number;
  allP50: number;
  cppAllP50: number;
  overlayP50: number;
  scenarioOverlayP50: number;
  overlayCompileMs: number;
  /** Ours A* on exactly the pairs the ngraph peers ran. */
  oursPeerPairsP50?: number;
  maxDiff: number;
}
const summaries: GraphSummary[] = [];

async function benchGraph(name: string, graph: RoadGraph, withPeers: boolean): Promise<void> {
  console.log(`\n${name}: ${graph.nodeCount} nodes, ${graph.edgeCount} directed edges`);
  const router = new Router(graph);
  const proj = router.proj();
  const w = graph.timeS;
  const k = router.heuristicK(w);
  const rng = seedrandom(`routing-bench/${name}`);
  const pairs: [number, number][] = [];
  while (pairs.length < PAIRS) {
    const s = Math.floor(rng() * graph.nodeCount);
    const t = Math.floor(rng() * graph.nodeCount);
    if (s !== t && router.fastest({ node: s }, { node: t }).found) pairs.push([s, t]);
  }
  const ours = (algorithm: RouteAlgorithm, overlay?: CompiledOverlay) => (i: number): number => {
    const r = router.fastest({ node: pairs[i]![0] }, { node: pairs[i]![1] }, overlay ? { algorithm, overlay } : { algorithm });
    return r.found ? r.costS : 0;
  };
  // An overlay of the kind a scenario applies: 0.1 % of edges closed, one penalty zone, speed factors.
  const closed: number[] = [];
  for (let i = 0; i < graph.edgeCount / 1000; i++) closed.push(Math.floor(rng() * graph.edgeCount));
  const c = Math.floor(rng() * graph.nodeCount);
  const t0 = performance.now();
  const overlay = compileOverlay(graph, {
    closedEdges: closed,
    penalties: [{ area: { type: 'circle', lon: graph.lon(c), lat: graph.lat(c), radiusM: graph.isLonLat ? 500 : 2000 }, factor: 1.5 }],
    speedFactorByClass: { major: 0.9, unknown: 1 },
  });
  const overlayCompileMs = performance.now() - t0;
  console.log(`  overlay compiled in ${overlayCompileMs.toFixed(1)} ms (${overlay.closedCount} closed, ${overlay.penalizedCount} penalised edges)`);

  // The no-op overlay has the base costs in arrays of its own: what the overlay mechanism itself costs.
  const noop = compileOverlay(graph, {});
  const tc = performance.now();
  const ch = router.hierarchy();
  const chBuildMs = performance.now() - tc;
  console.log(`  contraction hierarchy built in ${(chBuildMs / 1000).toFixed(1)} s (${ch.shortcutCount} shortcuts)`);
  const rowsOurs = await measure(name, graph, [
    { name: 'ours CH', count: PAIRS, fn: ours('ch') },
    { name: 'ours A*', count: PAIRS, fn: ours('astar') },
    { name: 'ours A* + no-op overlay', count: PAIRS, fn: ours('astar', noop) },
    { name: 'ours A* + scenario overlay', count: PAIRS, fn: ours('astar', overlay) },
    { name: 'ours bidirectional Dijkstra', count: PAIRS, fn: ours('bidirectional') },
    { name: 'ours Dijkstra', count: Math.min(PAIRS, 40), fn: ours('dijkstra') },
  ]);
  const out = new Float64Array(graph.nodeCount);
  const allRow = await measure(name, graph, [
    { name: 'ours one-to-all Dijkstra', count: ALL_SOURCES, fn: (i) => (router.oneToAll([{ endpoint: { node: pairs[i]![0] } }], { out }), out[pairs[i]![1]]!) },
  ]);

  // C++ reference on the same graph, weights, heuristic and pairs.
  const bin = compileNative();
  const gFile = path.join(buildDir(), `${name}.csr`);
  const qFile = path.join(buildDir(), `${name}.pairs`);
  const aFile = path.join(buildDir(), `${name}.sources`);
  writeNativeGraph(gFile, graph, w, proj.x, proj.y, k);
  writeQueries(qFile, pairs);
  writeQueries(aFile, pairs.slice(0, ALL_SOURCES));
  const cppA = runNative(bin, gFile, qFile, 'astar');
  const cppD = runNative(bin, gFile, qFile, 'dijkstra');
  const cppAll = runNative(bin, gFile, aFile, 'all');
  const ms = (a: number[]): number[] => a.map((u) => u / 1000);
  const cppAStarRow = record(name, graph, 'C++ A* (g++ -O2)', ms(cppA.micros), ms(cppA.cpuMicros));
  const cppDRow = record(name, graph, 'C++ Dijkstra (g++ -O2)', ms(cppD.micros), ms(cppD.cpuMicros));
  const cppAllRow = record(name, graph, 'C++ one-to-all, same algorithm', ms(cppAll.micros), ms(cppAll.cpuMicros));
  let maxDiff = 0;
  pairs.forEach(([s, t], i) => {
    const r = router.fastest({ node: s }, { node: t });
    const cost = r.found ? r.costS : Infinity;
    const rc = router.fastest({ node: s }, { node: t }, { algorithm: 'ch' });
    maxDiff = Math.max(maxDiff, relDiff(cost, cppA.values[i]!), relDiff(cost, cppD.values[i]!), relDiff(cost, rc.found ? rc.costS : Infinity));
  });
  for (let i = 0; i < ALL_SOURCES; i++) {
    router.oneToAll([{ endpoint: { node: pairs[i]![0] } }], { out });
    let sum = 0;
    for (let v = 0; v < out.length; v++) if (out[v]! < Infinity) sum += out[v]!;
    maxDiff = Math.max(maxDiff, relDiff(sum, cppAll.values[i]!));
  }

  const summary: GraphSummary = {
    name,
    nodes: graph.nodeCount,
    astarP50: rowsOurs.get('ours A*')!.p50,
    chP50: rowsOurs.get('ours CH')!.p50,
    chBuildMs,
    bidiP50: rowsOurs.get('ours bidirectional Dijkstra')!.p50,
    dijkstraP50: rowsOurs.get('ours Dijkstra')!.p50,
    overlayP50: rowsOurs.get('ours A* + no-op overlay')!.p50,
    scenarioOverlayP50: rowsOurs.get('ours A* + scenario overlay')!.p50,
    overlayCompileMs,
    allP50: allRow.get('ours one-to-all Dijkstra')!.p50,
    cppAStarP50: cppAStarRow.p50,
    cppDijkstraP50: cppDRow.p50,
    cppAllP50: cppAllRow.p50,
    maxDiff: 0,
  };
  if (withPeers) {
    const tb = performance.now();
    const peers = buildPeers(graph, w, proj.x, proj.y, k);
    console.log(`  peers built in ${((performance.now() - tb) / 1000).toFixed(1)} s`);
    const peerRows = await measure(name, graph, [
      { name: 'ours A* (peer pairs)', count: PEER_PAIRS, fn: ours('astar') },
      { name: 'ours CH (peer pairs)', count: PEER_PAIRS, fn: ours('ch') },
      { name: 'ngraph.path NBA*', count: PEER_PAIRS, fn: (i) => peers.ngraphNba(pairs[i]![0], pairs[i]![1]) },
      { name: 'ngraph.path A*', count: PEER_PAIRS, fn: (i) => peers.ngraphAStar(pairs[i]![0], pairs[i]![1]) },
      { name: 'graphology bidirectional Dijkstra', count: GRAPHOLOGY_PAIRS, fn: (i) => peers.graphologyDijkstra(pairs[i]![0], pairs[i]![1]) },
    ]);
    for (let i = 0; i < PEER_PAIRS; i++) {
      const r = router.fastest({ node: pairs[i]![0] }, { node: pairs[i]![1] });
      const cost = r.found ? r.costS : Infinity;
      // NBA* is exact with a consistent heuristic; plain A* in ngraph.path too. Report any difference.
      maxDiff = Math.max(maxDiff, relDiff(cost, peers.ngraphNba(pairs[i]![0], pairs[i]![1])), relDiff(cost, peers.ngraphAStar(pairs[i]![0], pairs[i]![1])));
      if (i < 3) maxDiff = Math.max(maxDiff, relDiff(cost, peers.graphologyDijkstra(pairs[i]![0], pairs[i]![1])));
    }
    summary.nbaP50 = peerRows.get('ngraph.path NBA*')!.p50;
    summary.oursPeerPairsP50 = peerRows.get('ours A* (peer pairs)')!.p50;
    summary.oursChPeerPairsP50 = peerRows.get('ours CH (peer pairs)')!.p50;
    summary.ngAStarP50 = peerRows.get('ngraph.path A*')!.p50;
    summary.graphologyP50 = peerRows.get('graphology bidirectional Dijkstra')!.p50;
  }
  summary.maxDiff = maxDiff;
  verdict.agreeWithin(`${name}: costs of C++ A*/Dijkstra/one-to-all, CH and peers vs ours`, maxDiff);
  summaries.push(summary);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`routing bench${quick ? ' (--quick)' : ''} on ${cpu}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}, node ${process.version}`);
const pp = await loadGraph();
await benchGraph('phnom-penh', pp.graph, true);
const cities: CityGraphName[] = quick ? ['amsterdam', 'moscow'] : ['amsterdam', 'seattle', 'delhi', 'rome', 'moscow'];
for (const city of cities) {
  const g = loadCityGraph(city);
  await benchGraph(city, g, city === 'amsterdam' || city === 'moscow');
}

// ---------------------------------------------------------------- report
const lines: string[] = [];
lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu} (${os.cpus().length} cores shared with other processes, load average ${os.loadavg()[0]!.toFixed(2)} at the end), node ${process.version}${quick ? ', --quick' : ''}.`);
lines.push(`Times are CPU time per query (process.cpuUsage around each tinybench iteration; CLOCK_THREAD_CPUTIME_ID in C++), because the 2 cores were shared with other engineers' processes: wall-clock p50/p99, which include waiting for a core, are in the second table. Seeded random connected node pairs; p50 per query (tinybench, one pair per iteration). Costs of every peer equal ours (largest relative difference ${Math.max(...summaries.map((s) => s.maxDiff)).toExponential(1)}). NBA* / ours compares the same ${PEER_PAIRS} pairs. Overlay overhead: A* with a no-op overlay (base costs in separate arrays) against A* on the graph's own arrays; "scenario overlay" closes 0.1 % of edges and adds a penalty zone, which changes the routes and so the work. One-to-all settles every node from one source.`);
lines.push('');
lines.push('| graph | nodes | ours A* | ours bidir. | ours Dijkstra | C++ A* | C++ Dijkstra | ngraph NBA* | ngraph A* | graphology | NBA* / ours A* (target ≥ 10×) | overlay overhead (target ≤ 15 %) | scenario overlay / none | overlay compile | one-to-all ours | one-to-all C++ (same algorithm) | ours / C++ same algorithm (target ≤ 2×; the fair limit is in routing-one-to-all.md) | ours CH | CH build | NBA* / ours CH |');
lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const s of summaries) {
  const nba = s.nbaP50 !== undefined && s.oursPeerPairsP50 !== undefined ? `${(s.nbaP50 / s.oursPeerPairsP50).toFixed(1)}×` : '–';
  lines.push(
    `| ${s.name} | ${s.nodes.toLocaleString('en')} | ${fmt(s.astarP50)} | ${fmt(s.bidiP50)} | ${fmt(s.dijkstraP50)} | ${fmt(s.cppAStarP50)} | ${fmt(s.cppDijkstraP50)} | ${s.nbaP50 !== undefined ? fmt(s.nbaP50) : '–'} | ${s.ngAStarP50 !== undefined ? fmt(s.ngAStarP50) : '–'} | ${s.graphologyP50 !== undefined ? fmt(s.graphologyP50) : '–'} | ${nba} | ${(((s.overlayP50 / s.astarP50) - 1) * 100).toFixed(0)} % | ${(s.scenarioOverlayP50 / s.astarP50).toFixed(2)}× | ${fmt(s.overlayCompileMs)} | ${fmt(s.allP50)} | ${fmt(s.cppAllP50)} | ${(s.allP50 / s.cppAllP50).toFixed(2)}× | ${fmt(s.chP50)} | ${(s.chBuildMs / 1000).toFixed(1)} s | ${s.nbaP50 !== undefined && s.oursChPeerPairsP50 !== undefined ? `${(s.nbaP50 / s.oursChPeerPairsP50).toFixed(0)}×` : '–'} |`,
  );
}
for (const s of summaries) {
  if (s.nbaP50 !== undefined && s.oursPeerPairsP50 !== undefined) verdict.target(`${s.name}: ngraph.path NBA* / ours A*`, s.nbaP50 / s.oursPeerPairsP50, 10, 'at least');
  verdict.target(`${s.name}: one-to-all ours / C++ (same algorithm)`, s.allP50 / s.cppAllP50, 2, 'at most');
}
verdict.finish();
lines.push('', '```', ...verdict.summary(), '```');
const ams = summaries.find((s) => s.name === 'amsterdam');
const mos = summaries.find((s) => s.name === 'moscow');
if (ams && mos) {
  const nRatio = mos.nodes / ams.nodes;
  lines.push('');
  lines.push(`Growth Amsterdam → Moscow (${nRatio.toFixed(1)}× the nodes): A* p50 ×${(mos.astarP50 / ams.astarP50).toFixed(1)}, bidirectional ×${(mos.bidiP50 / ams.bidiP50).toFixed(1)}, Dijkstra ×${(mos.dijkstraP50 / ams.dijkstraP50).toFixed(1)}, one-to-all ×${(mos.allP50 / ams.allP50).toFixed(1)} (C++ one-to-all ×${(mos.cppAllP50 / ams.cppAllP50).toFixed(1)}), CH query ×${(mos.chP50 / ams.chP50).toFixed(1)}, CH build ×${(mos.chBuildMs / ams.chBuildMs).toFixed(1)}.`);
}
lines.push('');
lines.push('| graph | task | CPU p50 | CPU p90 | CPU p99 | wall p50 | wall p90 | wall p99 | queries |');
lines.push('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) lines.push(`| ${r.graph} | ${r.task} | ${fmt(r.p50)} | ${fmt(r.p90)} | ${fmt(r.p99)} | ${fmt(r.wallP50)} | ${fmt(r.wallP90)} | ${fmt(r.wallP99)} | ${r.samples} |`);
const file = path.join(PACKAGE_ROOT, 'bench', 'results', quick ? 'routing-quick.md' : 'routing.md');
writeFileAtomic(file, `# Routing bench\n\n${lines.join('\n')}\n`);
console.log(`\n${lines.slice(0, 4 + summaries.length + 3).join('\n')}\n\nwritten ${path.relative(PACKAGE_ROOT, file)} (sink ${sink.toExponential(3)})`);
