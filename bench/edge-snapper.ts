/**
 * bench/edge-snapper — nearest-edge snapping (EdgeSnapper) against peers measured in the same run.
 *
 *   npm run build && node dist/bench/edge-snapper.js [--quick]
 *
 * Graphs: Phnom Penh (loadGraph: the bundled data, cached) and Moscow (largest scale graph, planar units).
 * For each: index build time, then per-query latency p50/p90/p99 of
 *   - EdgeSnapper.nearest: exact nearest segment (Flatbush window search, doubling),
 *   - brute force: scan every segment (the exact reference),
 *   - Flatbush neighbors(x, y, 1): the nearest *bounding box* (the naive use of the index; inexact),
 *     with how often its road is farther than the exact answer.
 * Query points are seeded-uniform in the graph's bounding box.
 */
import os from 'node:os';
import Flatbush from 'flatbush';
import seedrandom from 'seedrandom';
import { Bench } from 'tinybench';
import { METRES_PER_DEGREE } from '../engine/geo/haversine.js';
import { segmentDistanceSquared } from '../engine/geo/segment-projection.js';
import { EdgeSnapper } from '../engine/graph/edge-snapper.js';
import type { RoadGraph } from '../engine/graph/road-graph.js';
import { loadCityGraph } from '../engine/import/city-graph.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { latencyStats } from './latency-stats.js';
import { Verdict } from './verdict.js';

const verdict = new Verdict();

const quick = process.argv.includes('--quick');
let sink = 0;

/** All geometry segments (one direction per road) as flat coordinates, for the peers. */
function segments(g: RoadGraph): { coord: Float64Array; edge: Uint32Array } {
  const coord: number[] = [];
  const edge: number[] = [];
  for (let e = 0; e < g.edgeCount; e++) {
    const t = g.twin[e]!;
    if (t >= 0 && t < e) continue;
    const pts = g.edgeGeometry(e);
    for (let i = 1; i < pts.length; i++) {
      coord.push(pts[i - 1]![0], pts[i - 1]![1], pts[i]![0], pts[i]![1]);
      edge.push(e);
    }
  }
  return { coord: Float64Array.from(coord), edge: Uint32Array.from(edge) };
}

async function run(label: string, g: RoadGraph): Promise<void> {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let v = 0; v < g.nodeCount; v++) {
    minX = Math.min(minX, g.lon(v)); maxX = Math.max(maxX, g.lon(v));
    minY = Math.min(minY, g.lat(v)); maxY = Math.max(maxY, g.lat(v));
  }
  const t0 = performance.now();
  const snapper = new EdgeSnapper(g);
  const buildMs = performance.now() - t0;
  const segs = segments(g);
  const nSeg = segs.edge.length;
  const fb = new Flatbush(nSeg);
  for (let k = 0; k < nSeg; k++) {
    const c = segs.coord;
    fb.add(Math.min(c[4 * k]!, c[4 * k + 2]!), Math.min(c[4 * k + 1]!, c[4 * k + 3]!), Math.max(c[4 * k]!, c[4 * k + 2]!), Math.max(c[4 * k + 1]!, c[4 * k + 3]!));
  }
  fb.finish();
  console.log(`\n${label}: ${g.nodeCount} nodes, ${g.edgeCount} directed edges, ${snapper.segmentCount} indexed segments; EdgeSnapper built in ${buildMs.toFixed(0)} ms`);

  const rnd = seedrandom(`snap-${label}`);
  const Q = 2000;
  const qx = new Float64Array(Q), qy = new Float64Array(Q);
  for (let i = 0; i < Q; i++) {
    qx[i] = minX + rnd() * (maxX - minX);
    qy[i] = minY + rnd() * (maxY - minY);
  }
  const kx = g.isLonLat ? METRES_PER_DEGREE * Math.cos(((minY + maxY) / 2) * (Math.PI / 180)) : 1;
  const ky = g.isLonLat ? METRES_PER_DEGREE : 1;
  const dist2 = (k: number, x: number, y: number): number =>
    segmentDistanceSquared(x * kx, y * ky, segs.coord[4 * k]! * kx, segs.coord[4 * k + 1]! * ky, segs.coord[4 * k + 2]! * kx, segs.coord[4 * k + 3]! * ky);
  const brute = (x: number, y: number): number => {
    let best = Infinity;
    for (let k = 0; k < nSeg; k++) best = Math.min(best, dist2(k, x, y));
    return Math.sqrt(best);
  };

  // Quality of the bounding-box shortcut: how often its segment is > 1 m (unit) farther than the exact one.
  let worse = 0;
  let worstExtra = 0;
  let maxBruteDiff = 0;
  const checks = quick ? 200 : 1000;
  for (let i = 0; i < checks; i++) {
    const exact = snapper.nearest(qx[i]!, qy[i]!)!.distanceM;
    // On lon/lat graphs the scan measures with one cos(latitude) for the whole city and EdgeSnapper with
    // the query's own, so their distances differ by up to the cosine's spread (< 0.5 % across a city).
    if (i < 100) maxBruteDiff = Math.max(maxBruteDiff, Math.abs(exact - brute(qx[i]!, qy[i]!)) / (g.isLonLat ? Math.max(1, exact) : 1));
    const k = fb.neighbors(qx[i]!, qy[i]!, 1)[0]!;
    const approx = Math.sqrt(dist2(k, qx[i]!, qy[i]!));
    if (approx > exact + 1) worse++;
    worstExtra = Math.max(worstExtra, approx - exact);
  }

  const bench = new Bench({ time: quick ? 300 : 1500, warmupTime: 100, retainSamples: true, throws: true });
  let i = 0, j = 0, b = 0;
  bench.add('EdgeSnapper.nearest (exact)', () => {
    const r = snapper.nearest(qx[i]!, qy[i]!);
    sink += r?.edge ?? 0;
    i = (i + 1) % Q;
  });
  bench.add('Flatbush neighbors(1) (bbox, inexact)', () => {
    sink += fb.neighbors(qx[j]!, qy[j]!, 1)[0] ?? 0;
    j = (j + 1) % Q;
  });
  bench.add('brute-force scan (exact)', () => {
    sink += brute(qx[b]!, qy[b]!);
    b = (b + 1) % Q;
  });
  await bench.run();
  const base = latencyStats(bench.tasks[0]!).p50;
  for (const task of bench.tasks) {
    const s = latencyStats(task);
    const us = (x: number): string => (x * 1000).toFixed(1).padStart(9);
    console.log(`  ${task.name.padEnd(40)} p50 ${us(s.p50)} µs  p90 ${us(s.p90)} µs  p99 ${us(s.p99)} µs  ×${(s.p50 / base).toFixed(1).padStart(7)} of EdgeSnapper p50  (n=${s.n})`);
  }
  const bruteTol = g.isLonLat ? 0.005 : 1e-6;
  verdict.agree(`${label}: EdgeSnapper distance vs brute-force scan (100 queries)`, maxBruteDiff <= bruteTol, `largest difference ${maxBruteDiff.toExponential(2)} ${g.isLonLat ? 'of the distance' : 'units'} (tolerance ${bruteTol})`);
  console.log(`  bbox shortcut picks a road >1 ${g.isLonLat ? 'm' : 'unit'} farther than the exact nearest in ${((100 * worse) / checks).toFixed(1)} % of ${checks} queries (worst +${worstExtra.toFixed(1)})`);
}

console.log(`bench/edge-snapper — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}${quick ? ', --quick' : ''}`);
const pp = await loadGraph();
await run('phnom-penh', pp.graph);
await run('moscow', loadCityGraph('moscow'));
verdict.finish();
console.log(`\n(sink ${sink > 0 ? 'ok' : 0})`);
