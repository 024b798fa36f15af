import type { AlongRouteStats } from '../model/sample-summary.js';
import { sortIndicesByKey } from './sort-indices.js';

/**
 * Length-weighted statistics of a value along the route (response or evacuation seconds per edge).
 * Quantile q: the smallest edge value v such that edges with value ≤ v cover at least q of the route
 * length. `withinShare`: length with value ≤ target over total length. Edges of zero length are ignored.
 * Unreachable edges carry Infinity (they count as outside the target and push quantiles to Infinity).
 *
 * `order` is caller-owned scratch (≥ count entries), so the per-sample path allocates nothing but the result.
 */
export function alongRouteStats(values: Float64Array, lengths: Float64Array, count: number, targetS: number, order: Uint32Array): AlongRouteStats {
  let total = 0;
  let within = 0;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    order[i] = i;
    const len = lengths[i]!;
    const v = values[i]!;
    total += len;
    if (v <= targetS) within += len;
    if (len > 0 && v > max) max = v;
  }
  if (total <= 0) return { p50S: 0, p95S: 0, maxS: 0, withinShare: 1 };
  sortIndicesByKey(order, values, count);
  let acc = 0;
  let p50 = NaN;
  let p95 = NaN;
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    acc += lengths[i]!;
    if (p50 !== p50 && acc >= 0.5 * total) p50 = values[i]!;
    if (acc >= 0.95 * total) {
      p95 = values[i]!;
      break;
    }
  }
  if (p95 !== p95) p95 = max;
  if (p50 !== p50) p50 = p95;
  return { p50S: p50, p95S: p95, maxS: max, withinShare: within / total };
}
