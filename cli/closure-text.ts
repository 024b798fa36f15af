import { worstClosure } from '../engine/analysis/robustness.js';
import type { CriticalEdge, MovementResult } from '../engine/model/run-result.js';

/** "+30.6 min" or "cannot arrive if closed": what a closure costs, never a silent 0 or blank. */
export function closureCost(c: CriticalEdge): string {
  if (c.outcome === 'cannot_arrive') return 'cannot arrive if closed';
  if (c.outcome === 'starts_on_it') return 'the route starts on it';
  if (c.outcome === 'ends_on_it') return 'the destination is on it';
  return `+${((c.extraTimeS ?? 0) / 60).toFixed(1)} min`;
}

/** One line per option with a route: its worst closure (docs/metrics.md#robustness). */
export function closureLines(mv: MovementResult): string[] {
  const out: string[] = [];
  for (const o of mv.options) {
    if (!o.found) continue;
    const w = worstClosure(o.robustness);
    out.push(w ? `  ${o.id}: ${closureCost(w)} — ${w.reason.split(':')[0]} at ${w.near}` : `  ${o.id}: no closure to weigh (no chokepoint between the start and the destination's own road)`);
  }
  return out.length ? ['worst closure (when the motorcade reaches it):', ...out] : [];
}
