/**
 * Matrix bench: Router.table for 100 × 100 Moscow nodes (bucket-based CH many-to-many) against the same
 * 10,000 pairs as point-to-point CH queries, and against ngraph.path NBA* pair by pair (on fewer pairs,
 * extrapolated to 10,000: NBA* takes ~0.1 s a pair here).
 *
 *   npm run build && nice -n 10 node dist/bench/routing-table.js [--quick] [--rounds N]
 *
 * Interleaved rounds in one process (5 tables, their median, then the 10,000 CH queries, then this round's NBA* pairs),
 * all timed by the same wall clock (performance.now; Node 20 has no per-thread CPU clock). Seeded nodes
 * (seedrandom 'routing-table/<graph>') that reach and are reached from a central node. The sink adds
 * every cost. Every table entry is checked against its CH query and, on the NBA* pairs, against NBA*:
 * a cost difference exits 1 (verdict.ts). Writes bench/results/routing-table.md.
 */
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { Bench } from 'tinybench';
import { writeFileAtomic } from '../engine/atomic-write.js';
import { loadCityGraph, type CityGraphName } from '../engine/import/city-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { compileOverlay, Router, type RouteEndpoint } from '../engine/route/index.js';
import { quantiles, taskSamples } from './latency-stats.js';
import { buildPeers } from './routing-peers.js';
import { relDiff, Verdict } from './verdict.js';

const quick = process.argv.includes('--quick');
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;
const CITY: CityGraphName = quick ? 'amsterdam' : 'moscow';
const SIDE = 100;
/** Tables per round; the round's table time is their median. */
const TABLE_RUNS = 5;
const NBA_PAIRS_PER_ROUND = quick ? 20 : 40;
let sink = 0;
const verdict = new Verdict();

/** Median and range over rounds, for the report. */
function spread(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const med = s[Math.floor((s.length - 1) / 2)]!;
  return s.length > 1 ? `${fmtX(med)} (${fmtX(s[0]!)}–${fmtX(s[s.length - 1]!)})` : fmtX(med);
}
const fmtX = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const fmtMs = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** Run `fn(i)` for i = 0 .. count-1 once each under tinybench; per-call wall samples (ms). */
async function timed(name: string, count: number, fn: (i: number) => number): Promise<number[]> {
  let i = 0;
  const bench = new Bench({ name, iterations: count, time: 0, warmupIterations: 0, warmupTime: 0, retainSamples: true, throws: true });
  bench.add(name, () => {
    sink += fn(i++ % count);
  });
  await bench.run();
  return taskSamples(bench.tasks[0]);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`matrix bench${quick ? ' (--quick)' : ''} on ${cpu}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}, node ${process.version}`);
const graph = loadCityGraph(CITY);
const router = new Router(graph);
console.log(`${CITY}: ${graph.nodeCount} nodes, ${graph.edgeCount} edges`);

// Nodes in the central node's strongly connected part, so most pairs have a route (a few may not).
const rng = seedrandom(`routing-table/${CITY}`);
const centre = Math.floor(rng() * graph.nodeCount);
const reachFrom = router.oneToAll([{ endpoint: { node: centre } }]);
const reachTo = router.oneToAll([{ endpoint: { node: centre } }], { direction: 'reverse' });
const pick = (): RouteEndpoint => {
  for (;;) {
    const v = Math.floor(rng() * graph.nodeCount);
    if (reachFrom[v]! < Infinity && reachTo[v]! < Infinity) return { node: v };
  }
};
const sources = Array.from({ length: SIDE }, pick);
const targets = Array.from({ length: SIDE }, pick);
const nodeOf = (e: RouteEndpoint): number => (e as { node: number }).node;

const t0 = performance.now();
const ch = router.hierarchy();
const chBuildMs = performance.now() - t0;
console.log(`contraction hierarchy built in ${fmtMs(chBuildMs)} (${ch.shortcutCount} shortcuts)`);
const t1 = performance.now();
router.table(sources.slice(0, 1), targets.slice(0, 1));
console.log(`first table call (per-shortcut time and length sums): ${fmtMs(performance.now() - t1)}`);

const tb = performance.now();
const proj = router.proj();
const peers = buildPeers(graph, graph.timeS, proj.x, proj.y, router.heuristicK(graph.timeS));
console.log(`ngraph.path graph built in ${fmtMs(performance.now() - tb)}`);

const chQuery = (i: number): number => {
  const r = router.fastest(sources[Math.floor(i / SIDE)]!, targets[i % SIDE]!, { algorithm: 'ch' });
  return r.found ? r.costS : 0;
};

interface Round {
  tableMs: number;
  chSumMs: number;
  chP50: number;
  chP99: number;
  nbaMeanMs: number;
  nbaPairs: number;
}
const rounds: Round[] = [];
let table = router.table(sources, targets);
const nbaCost = new Map<number, number>();
for (let r = 0; r < ROUNDS; r++) {
  const tableSamples = await timed('ours table', TABLE_RUNS, () => {
    table = router.table(sources, targets);
    return table.costsS[SIDE + 1]!;
  });
  const tableMs = quantiles(tableSamples).p50;
  const chSamples = await timed('ours CH point-to-point', SIDE * SIDE, chQuery);
  const chSumMs = chSamples.reduce((a, b) => a + b, 0);
  // NBA* on this round's own slice of the pairs (seeded, spread over the whole matrix).
  const pairIdx = Array.from({ length: NBA_PAIRS_PER_ROUND }, (_, k) => ((r * NBA_PAIRS_PER_ROUND + k) * 7919) % (SIDE * SIDE));
  const nbaSamples = await timed('ngraph.path NBA*', pairIdx.length, (k) => {
    const idx = pairIdx[k]!;
    const c = peers.ngraphNba(nodeOf(sources[Math.floor(idx / SIDE)]!), nodeOf(targets[idx % SIDE]!));
    nbaCost.set(idx, c);
    return c === Infinity ? 0 : c;
  });
  const q = quantiles(chSamples);
  const nbaMeanMs = nbaSamples.reduce((a, b) => a + b, 0) / nbaSamples.length;
  rounds.push({ tableMs, chSumMs, chP50: q.p50, chP99: q.p99, nbaMeanMs, nbaPairs: nbaSamples.length });
  console.log(`round ${r + 1}: table ${fmtMs(tableMs)} | 10,000 CH queries ${fmtMs(chSumMs)} (p50 ${fmtMs(q.p50)}, p99 ${fmtMs(q.p99)}) → ${(chSumMs / tableMs).toFixed(1)}× | NBA* ${fmtMs(nbaMeanMs)} a pair × 10,000 → ${((nbaMeanMs * SIDE * SIDE) / tableMs).toFixed(0)}×`);
}

// Exactness: every table entry against its CH query, the NBA* pairs against NBA*.
let maxCh = 0;
let lengthDiffs = 0;
let unreachable = 0;
for (let i = 0; i < SIDE * SIDE; i++) {
  const r = router.fastest(sources[Math.floor(i / SIDE)]!, targets[i % SIDE]!, { algorithm: 'ch' });
  const c = r.found ? r.costS : Infinity;
  if (!r.found) unreachable++;
  maxCh = Math.max(maxCh, relDiff(table.costsS[i]!, c));
  // Equal-cost routes may differ in length; counted, not an error.
  if (r.found && relDiff(table.distancesM[i]!, r.lengthM) > 1e-9) lengthDiffs++;
}
let maxNba = 0;
for (const [idx, c] of nbaCost) maxNba = Math.max(maxNba, relDiff(table.costsS[idx]!, c));
verdict.agreeWithin(`table costs vs ${SIDE * SIDE} CH point-to-point queries`, maxCh);
verdict.agreeWithin(`table costs vs ngraph.path NBA* on ${nbaCost.size} pairs`, maxNba);
console.log(`${unreachable} unreachable pairs (Infinity in both); ${lengthDiffs} pairs whose equal-cost route differs in length`);

// With an overlay: the customizable hierarchy, customized once, then the table.
const oc = Math.floor(rng() * graph.nodeCount);
const closed = Array.from({ length: Math.floor(graph.edgeCount / 1000) }, () => Math.floor(rng() * graph.edgeCount));
const overlay = compileOverlay(graph, { closedEdges: closed, penalties: [{ area: { type: 'circle', lon: graph.lon(oc), lat: graph.lat(oc), radiusM: 2000 }, factor: 2 }] });
const tc = performance.now();
router.customized();
const cchTopologyMs = performance.now() - tc;
const tcu = performance.now();
router.customized(overlay.costS);
const customizeMs = performance.now() - tcu;
router.table(sources.slice(0, 1), targets.slice(0, 1), { overlay });
const tov = performance.now();
const tableOv = router.table(sources, targets, { overlay });
const tableOvMs = performance.now() - tov;
let maxOv = 0;
for (let k = 0; k < 200; k++) {
  const idx = (k * 4099) % (SIDE * SIDE);
  const r = router.fastest(sources[Math.floor(idx / SIDE)]!, targets[idx % SIDE]!, { overlay, algorithm: 'cch' });
  maxOv = Math.max(maxOv, relDiff(tableOv.costsS[idx]!, r.found ? r.costS : Infinity));
}
verdict.agreeWithin('overlay table costs vs 200 CCH point-to-point queries', maxOv);
console.log(`overlay: CCH topology ${fmtMs(cchTopologyMs)} (once per graph), customization ${fmtMs(customizeMs)}, table ${fmtMs(tableOvMs)}`);

const chX = rounds.map((r) => r.chSumMs / r.tableMs);
const nbaX = rounds.map((r) => (r.nbaMeanMs * SIDE * SIDE) / r.tableMs);
const medianChX = [...chX].sort((a, b) => a - b)[Math.floor((chX.length - 1) / 2)]!;
verdict.target(`${SIDE}×${SIDE} table vs ${SIDE * SIDE} CH queries (median of ${ROUNDS} rounds)`, medianChX, 10, 'at least');
verdict.finish();

const lines: string[] = [];
lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu} (${os.cpus().length} cores shared with other processes, load average ${os.loadavg()[0]!.toFixed(2)} at the end), node ${process.version}, ${CITY} (${graph.nodeCount.toLocaleString('en')} nodes)${quick ? ', --quick' : ''}.`);
lines.push('');
lines.push(`${SIDE} × ${SIDE} seeded nodes. ${ROUNDS} interleaved rounds (the table's time is the median of ${TABLE_RUNS} tables per round), wall clock for everyone. Ratios: the other method's time for the same ${(SIDE * SIDE).toLocaleString('en')} pairs divided by the table's time, median (range) over the rounds. NBA* is measured on ${NBA_PAIRS_PER_ROUND} pairs per round (${nbaCost.size} in all) and extrapolated to ${(SIDE * SIDE).toLocaleString('en')} pairs by its mean.`);
lines.push('');
lines.push('| method | time for 10,000 pairs | table speed-up |');
lines.push('|---|---|---|');
lines.push(`| Router.table (bucket CH many-to-many) | ${rounds.map((r) => fmtMs(r.tableMs)).join(' / ')} | 1× |`);
lines.push(`| 10,000 × Router.fastest 'ch' | ${rounds.map((r) => fmtMs(r.chSumMs)).join(' / ')} (p50 ${fmtMs(rounds[0]!.chP50)} a query) | ${spread(chX)}× |`);
lines.push(`| ngraph.path NBA* pair by pair (extrapolated) | ${rounds.map((r) => fmtMs(r.nbaMeanMs * SIDE * SIDE)).join(' / ')} (${fmtMs(rounds[0]!.nbaMeanMs)} a pair) | ${spread(nbaX)}× |`);
lines.push('');
lines.push(`One-off costs: contraction hierarchy ${fmtMs(chBuildMs)}; with an overlay (${overlay.closedCount} closed edges, a 2 km penalty circle): CCH topology ${fmtMs(cchTopologyMs)} once per graph, customization ${fmtMs(customizeMs)} per overlay, then the ${SIDE} × ${SIDE} table in ${fmtMs(tableOvMs)}.`);
lines.push(`Unreachable pairs: ${unreachable} (Infinity in the table and in the CH queries). Equal-cost pairs whose route length differs from the CH query's route: ${lengthDiffs}.`);
lines.push('');
lines.push('```');
lines.push(...verdict.summary());
lines.push('```');
const file = path.join(PACKAGE_ROOT, 'bench', 'results', quick ? 'routing-table-quick.md' : 'routing-table.md');
writeFileAtomic(file, `# Matrix bench\n\n${lines.join('\n')}\n`);
console.log(`written ${path.relative(PACKAGE_ROOT, file)} (sink ${sink.toExponential(3)})`);
