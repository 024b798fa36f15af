import type { WaterMask } from './water-mask.js';

/** Sampling step along a road when looking for water under it, metres. */
const STEP_M = 5;

/**
 * Stretches of a polyline (plane metres, x, y interleaved) that run over water: [startM, endM] along the
 * line. Wet samples closer than `gapM` are merged (a pier or a sandbank under a bridge does not cut it in
 * two), and only stretches longer than `minRunM` count: a road brushing a river bank for a few metres, or
 * a culvert under a ditch, is not a bridge.
 */
export function waterRuns(xy: readonly number[], water: WaterMask, minRunM: number, gapM: number): [number, number][] {
  const runs: [number, number][] = [];
  let at = 0;
  let runStart = -1;
  let lastWet = -Infinity;
  for (let k = 2; k < xy.length; k += 2) {
    const ax = xy[k - 2]!;
    const ay = xy[k - 1]!;
    const bx = xy[k]!;
    const by = xy[k + 1]!;
    const len = Math.hypot(bx - ax, by - ay);
    const steps = Math.max(1, Math.ceil(len / STEP_M));
    for (let i = 0; i < steps; i++) {
      const t = (i + 0.5) / steps;
      const d = at + t * len;
      if (!water.isWater(ax + t * (bx - ax), ay + t * (by - ay))) continue;
      if (runStart < 0 || d - lastWet > gapM) {
        if (runStart >= 0) runs.push([runStart, lastWet]);
        runStart = d;
      }
      lastWet = d;
    }
    at += len;
  }
  if (runStart >= 0) runs.push([runStart, lastWet]);
  // Widen each run by half a sample on both sides (samples sit at step midpoints) and keep the long ones.
  const half = STEP_M / 2;
  return runs.map(([a, b]): [number, number] => [Math.max(0, a - half), Math.min(at, b + half)]).filter(([a, b]) => b - a > minRunM);
}
