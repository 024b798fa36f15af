import seedrandom from 'seedrandom';
import { CoordKind, GraphBuilder, roadClassCode, type RoadGraph } from '../../engine/graph/index.js';
import { haversineM } from '../../engine/geo/haversine.js';

export interface RandomGraphOptions {
  cols: number;
  rows: number;
  seed: string;
  /** Share of roads that are one-way (default 0.2). */
  onewayShare?: number;
  /** Share of grid links left out (default 0.15). */
  dropShare?: number;
  /** Planar coordinates instead of lon/lat near Phnom Penh. */
  planar?: boolean;
}

const CLASSES = ['primary', 'secondary', 'tertiary', 'residential', 'major', 'minor', 'trunk'];

/**
 * A seeded random planar-ish road network: a jittered grid around Phnom Penh (lon 104.9, lat 11.55,
 * ~150 m spacing) with some links dropped, some diagonals, one-way roads, random speeds and classes, and
 * bent geometry on some roads (so lengths exceed the chord, as on real roads).
 */
export function randomGraph(opts: RandomGraphOptions): RoadGraph {
  const rng = seedrandom(opts.seed);
  const { cols, rows } = opts;
  const planar = opts.planar ?? false;
  const b = new GraphBuilder(planar ? CoordKind.PLANAR : CoordKind.LONLAT);
  const step = planar ? 150 : 0.00137;
  const x0 = planar ? 0 : 104.88;
  const y0 = planar ? 0 : 11.53;
  const pts: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = x0 + (c + (rng() - 0.5) * 0.6) * step;
      const y = y0 + (r + (rng() - 0.5) * 0.6) * step;
      pts.push([x, y]);
      b.addNode(x, y);
    }
  }
  const dist = (a: [number, number], c: [number, number]): number => (planar ? Math.hypot(a[0] - c[0], a[1] - c[1]) : haversineM(a[0], a[1], c[0], c[1]));
  const link = (u: number, v: number): void => {
    if (rng() < (opts.dropShare ?? 0.15)) return;
    const a = pts[u]!;
    const c = pts[v]!;
    const interior: [number, number][] = [];
    let len = dist(a, c);
    // Planar graphs store interior points as 1e-7 fixed point too (format.ts), so only lon/lat ones get bends.
    if (!planar && rng() < 0.3) {
      const mid: [number, number] = [(a[0] + c[0]) / 2 + (rng() - 0.5) * step * 0.4, (a[1] + c[1]) / 2 + (rng() - 0.5) * step * 0.4];
      interior.push(mid);
      len = dist(a, mid) + dist(mid, c);
    } else if (planar && rng() < 0.3) {
      len *= 1 + rng() * 0.3;
    }
    const cls = CLASSES[Math.floor(rng() * CLASSES.length)]!;
    const oneway = rng() < (opts.onewayShare ?? 0.2);
    const reversed = oneway && rng() < 0.5;
    b.addSegment({
      from: reversed ? v : u,
      to: reversed ? u : v,
      lengthM: len,
      speedKmh: 15 + Math.floor(rng() * 60),
      roadClass: roadClassCode(cls)!,
      name: `Street ${Math.floor(rng() * 40)}`,
      interior: reversed ? [...interior].reverse() : interior,
      oneway,
      flags: rng() < 0.03 ? 2 : 0,
    });
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = r * cols + c;
      if (c + 1 < cols) link(v, v + 1);
      if (r + 1 < rows) link(v, v + cols);
      if (c + 1 < cols && r + 1 < rows && rng() < 0.1) link(v, v + cols + 1);
    }
  }
  return b.build({ source: { kind: 'random', ...opts }, report: {}, builtAt: 'test' });
}
