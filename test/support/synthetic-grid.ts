import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { roadClassCode } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';

/**
 * A w × h street grid near Phnom Penh (about 100 m blocks) for the pool's tests and benchmarks: no data
 * files needed, deterministic, sized at will. Every 5th street is a 40 km/h primary, the rest 30 km/h
 * residential, so shortest paths are not all ties.
 */
export function syntheticGrid(w: number, h: number): RoadGraph {
  const b = new GraphBuilder();
  const step = 0.0009; // degrees, ≈ 100 m at 11.5° N
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) b.addNode(104.85 + x * step, 11.5 + y * step);
  const primary = roadClassCode('primary')!;
  const residential = roadClassCode('residential')!;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = y * w + x;
      if (x + 1 < w) {
        const major = y % 5 === 0;
        b.addSegment({ from: v, to: v + 1, lengthM: 98 + ((x * 7 + y * 3) % 5), speedKmh: major ? 40 : 30, roadClass: major ? primary : residential });
      }
      if (y + 1 < h) {
        const major = x % 5 === 0;
        b.addSegment({ from: v, to: v + w, lengthM: 99 + ((x * 3 + y * 11) % 7), speedKmh: major ? 40 : 30, roadClass: major ? primary : residential });
      }
    }
  }
  return b.build({ source: { kind: 'synthetic-grid', w, h }, report: {}, builtAt: '2026-01-01T00:00:00Z' });
}
