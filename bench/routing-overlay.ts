/**
 * Focused bench: what real overlays cost an exact A* query, against the same query without them. Per
 * graph, around a central node: a closed corridor (both directions of every road on the fastest route
 * between two points 2 km apart, as for a motorcade), an avoid polygon (a square of side 1 km, 4 km on
 * the scale graphs), five threat penalty circles (factor 3) and all of them with peak-hour speed factors.
 * Seeded pairs (seedrandom 'overlay/<graph>') that stay connected under every overlay, in alternating
 * rounds (none, corridor, polygon, threats, all, none, …) so a change of machine load hits all alike.
 * Ratio: median over rounds of p50(with) / p50(without), wall time per query for all. Every overlay's A*
 * cost is checked against Dijkstra under the same overlay (exits 1 on a difference).
 *
 *   npm run build && nice -n 10 node dist/bench/routing-overlay.js [--rounds N] [--quick]
 */
import os from 'node:os';
import path from 'node:path';
import type { Polygon } from 'geojson';
import seedrandom from 'seedrandom';
import { Bench } from 'tinybench';
import { writeFileAtomic } from '../engine/atomic-write.js';
import type { RoadGraph } from '../engine/graph/index.js';
import { loadCityGraph } from '../engine/import/city-graph.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { compileOverlay, Router, type CompiledOverlay, type RouteOverlay } from '../engine/route/index.js';
import { quantiles, taskSamples } from './latency-stats.js';
import { relDiff, Verdict } from './verdict.js';

const quick = process.argv.includes('--quick');
const at = process.argv.indexOf('--rounds');
const ROUNDS = at > 0 ? Number(process.argv[at + 1]) : quick ? 2 : 5;
const PAIRS = quick ? 20 : 60;
let sink = 0;
const verdict = new Verdict();
const median = (a: number[]): number => quantiles(a).p50;

async function p50(router: Router, pairs: [number, number][], overlay: CompiledOverlay | undefined): Promise<number> {
  let i = 0;
  const bench = new Bench({ iterations: pairs.length, time: 0, warmupIterations: 3, warmupTime: 0, retainSamples: true, throws: true });
  bench.add('q', () => {
    const [s, t] = pairs[i++ % pairs.length]!;
    const r = router.fastest({ node: s }, { node: t }, overlay ? { overlay } : {});
    if (r.found) sink += r.costS;
  });
  await bench.run();
  return median(taskSamples(bench.tasks[0]).slice(-pairs.length));
}

/** Metres → degrees at the graph's latitude (planar graphs: identity). */
function offsets(graph: RoadGraph, lat: number): { dx: (m: number) => number; dy: (m: number) => number } {
  if (!graph.isLonLat) return { dx: (m) => m, dy: (m) => m };
  return { dx: (m) => m / (111_320 * Math.cos((lat * Math.PI) / 180)), dy: (m) => m / 110_540 };
}

function nearestNode(graph: RoadGraph, lon: number, lat: number): number {
  let best = 0;
  let bd = Infinity;
  for (let v = 0; v < graph.nodeCount; v++) {
    const d = (graph.lon(v) - lon) ** 2 + (graph.lat(v) - lat) ** 2;
    if (d < bd) {
      bd = d;
      best = v;
    }
  }
  return best;
}

const lines: string[] = [];
lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores shared with other processes (load average ${os.loadavg()[0]!.toFixed(1)} at the start), node ${process.version}; ${PAIRS} seeded pairs, ${ROUNDS} alternating rounds, wall time per A* query.`);
lines.push('');
lines.push('Each overlay column: median over rounds of p50(A* with the overlay) / p50(A* without), and the compile time of the overlay. The overlays change the routes, so the ratio is the price of the detour as well as of the mechanism.');
lines.push('');
lines.push('| graph | nodes | A* p50 without | closed corridor | avoid polygon | 5 threat circles | all + peak speeds |');
lines.push('|---|---|---|---|---|---|---|');

async function one(name: string, graph: RoadGraph): Promise<void> {
  const router = new Router(graph);
  const rng = seedrandom(`overlay/${name}`);
  // The centre: the node nearest the mean coordinate.
  let mx = 0;
  let my = 0;
  for (let v = 0; v < graph.nodeCount; v++) {
    mx += graph.lon(v);
    my += graph.lat(v);
  }
  mx /= graph.nodeCount;
  my /= graph.nodeCount;
  const { dx, dy } = offsets(graph, my);
  const scale = name === 'phnom-penh' ? 1 : 4;
  const a = nearestNode(graph, mx - dx(1000), my);
  const b = nearestNode(graph, mx + dx(1000), my);
  const corridorRoute = router.fastest({ node: a }, { node: b });
  const corridor: number[] = [];
  if (corridorRoute.found) for (const e of corridorRoute.edges) corridor.push(e, ...(graph.twin[e]! >= 0 ? [graph.twin[e]!] : []));
  const h = 500 * scale;
  const square: Polygon = { type: 'Polygon', coordinates: [[[mx - dx(h), my - dy(h)], [mx + dx(h), my - dy(h)], [mx + dx(h), my + dy(h)], [mx - dx(h), my + dy(h)], [mx - dx(h), my - dy(h)]]] };
  const threats = Array.from({ length: 5 }, () => ({
    area: { type: 'circle' as const, lon: mx + dx((rng() - 0.5) * 3000 * scale), lat: my + dy((rng() - 0.5) * 3000 * scale), radiusM: graph.isLonLat ? 400 * scale : 400 * scale },
    factor: 3,
  }));
  const specs: [string, RouteOverlay][] = [
    ['closed corridor', { closedEdges: corridor }],
    ['avoid polygon', { avoidPolygons: [square] }],
    ['5 threat circles', { penalties: threats }],
    ['all + peak speeds', { closedEdges: corridor, avoidPolygons: [square], penalties: threats, speedFactorByClass: { primary: 0.6, secondary: 0.7, major: 0.6 } }],
  ];
  const overlays = specs.map(([label, spec]) => {
    const t0 = performance.now();
    const ov = compileOverlay(graph, spec);
    return { label, ov, compileMs: performance.now() - t0 };
  });
  const pairs: [number, number][] = [];
  const last = overlays[overlays.length - 1]!.ov;
  while (pairs.length < PAIRS) {
    const s = Math.floor(rng() * graph.nodeCount);
    const t = Math.floor(rng() * graph.nodeCount);
    if (s !== t && router.fastest({ node: s }, { node: t }, { overlay: last }).found && router.fastest({ node: s }, { node: t }).found) pairs.push([s, t]);
  }
  let maxDiff = 0;
  for (const { ov } of overlays) {
    for (const [s, t] of pairs.slice(0, quick ? 5 : 15)) {
      const x = router.fastest({ node: s }, { node: t }, { overlay: ov });
      const y = router.fastest({ node: s }, { node: t }, { overlay: ov, algorithm: 'dijkstra' });
      maxDiff = Math.max(maxDiff, relDiff(x.found ? x.costS : Infinity, y.found ? y.costS : Infinity));
    }
  }
  verdict.agreeWithin(`${name}: A* under each overlay vs Dijkstra under it`, maxDiff);
  const base: number[] = [];
  const withOv = overlays.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) {
    base.push(await p50(router, pairs, undefined));
    for (let k = 0; k < overlays.length; k++) withOv[k]!.push(await p50(router, pairs, overlays[k]!.ov));
  }
  const cells = overlays.map((o, k) => {
    const ratios = base.map((b0, r) => withOv[k]![r]! / b0).sort((x, y) => x - y);
    return `${median(ratios).toFixed(2)}× (${ratios[0]!.toFixed(2)}–${ratios[ratios.length - 1]!.toFixed(2)}), compile ${o.compileMs.toFixed(0)} ms${k === 0 ? `, ${corridor.length} edges` : ''}`;
  });
  const row = `| ${name} | ${graph.nodeCount.toLocaleString('en')} | ${median(base).toFixed(3)} ms | ${cells.join(' | ')} |`;
  lines.push(row);
  console.log(row);
}

console.log(lines.join('\n'));
await one('phnom-penh', (await loadGraph()).graph);
if (!quick) {
  await one('amsterdam', loadCityGraph('amsterdam'));
  await one('moscow', loadCityGraph('moscow'));
}
verdict.finish();
lines.push('', '```', ...verdict.summary(), '```');
const file = path.join(PACKAGE_ROOT, 'bench', 'results', quick ? 'routing-overlay-quick.md' : 'routing-overlay.md');
writeFileAtomic(file, `# Real overlays on A*: closures, avoid polygons, threat penalties\n\n${lines.join('\n')}\n`);
console.log(`written ${path.relative(PACKAGE_ROOT, file)} (sink ${sink.toExponential(2)})`);
