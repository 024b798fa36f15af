import { STOP_CLOSURE, STOP_NO_ROUTE } from '../model/sample-summary.js';
import type { StopGroup } from '../model/run-result.js';
import { round2, round7 } from '../rounding.js';

/** Groups of stops listed per option (the most frequent first). */
export const STOP_GROUPS = 3;

/** Per-sample facts of one option, in sample order, for the samples done. */
export interface StopColumns {
  arrived: ArrayLike<number>;
  heldS: ArrayLike<number>;
  stopReason: ArrayLike<number>;
  stopNode: ArrayLike<number>;
  stopInject: ArrayLike<number>;
  stopTimeS: ArrayLike<number>;
}

export interface StopPlaces {
  injectId(index: number): string | null;
  lonLat(node: number): [number, number];
  describe(lon: number, lat: number): string;
  clock(s: number): string;
}

/**
 * Samples grouped by (reason, closure, node), the most frequent first, at most STOP_GROUPS groups:
 * `kind` 'stopped' takes the samples that did not arrive (why and where they stopped for good), 'held'
 * the samples that arrived after holding at a closure (where, for how long).
 */
export function stopGroups(cols: StopColumns, places: StopPlaces, kind: 'stopped' | 'held'): { samples: number; stops: StopGroup[] } {
  const groups = new Map<string, { reason: number; inject: number; node: number; times: number[]; first: number }>();
  let samples = 0;
  for (let i = 0; i < cols.arrived.length; i++) {
    const pick = kind === 'stopped' ? !cols.arrived[i] : cols.arrived[i] && cols.heldS[i]! > 0;
    if (!pick) continue;
    samples++;
    const reason = kind === 'held' ? -1 : cols.stopReason[i]!;
    const key = `${reason}|${cols.stopInject[i]}|${cols.stopNode[i]}`;
    const time = kind === 'held' ? cols.heldS[i]! : cols.stopTimeS[i]!;
    const g = groups.get(key);
    if (g) g.times.push(time);
    else groups.set(key, { reason, inject: cols.stopInject[i]!, node: cols.stopNode[i]!, times: [time], first: i });
  }
  const stops = [...groups.values()]
    .sort((a, b) => b.times.length - a.times.length || a.first - b.first)
    .slice(0, STOP_GROUPS)
    .map((g): StopGroup => {
      const at = g.node >= 0 ? places.lonLat(g.node) : null;
      const near = at ? places.describe(at[0], at[1]) : 'the start';
      const inject = g.inject >= 0 ? places.injectId(g.inject) : null;
      const sorted = g.times.sort((a, b) => a - b);
      const median = sorted[Math.ceil(sorted.length / 2) - 1]!;
      const timeS = g.reason === STOP_NO_ROUTE || !(median >= 0) ? null : round2(median);
      const closure = inject ? `closure ${inject}` : 'a closure';
      let reason: StopGroup['reason'];
      let message: string;
      if (kind === 'held') {
        reason = 'hold';
        message = `held ${((timeS ?? 0) / 60).toFixed(1)} min (median) at ${near} until ${closure} lifted`;
      } else if (g.reason === STOP_CLOSURE) {
        reason = 'closure';
        message = `stopped at ${near}${timeS !== null ? ` at ${places.clock(timeS)}` : ''}: ${closure} never lifts and there is no way round it`;
      } else {
        reason = 'no_route';
        message = 'no route to the destination';
      }
      return { reason, inject, samples: g.times.length, lon: at ? round7(at[0]) : null, lat: at ? round7(at[1]) : null, near, timeS, message };
    });
  return { samples, stops };
}
