import { STOP_CLOSURE, STOP_NO_ROUTE } from '../model/sample-summary.js';
import type { StopGroup } from '../model/run-result.js';
import { round2, round7 } from '../rounding.js';
import { RankedValues } from '../metrics/summary/ranked-values.js';

/** Groups of stops listed per option (the most frequent first). */
export const STOP_GROUPS = 3;

export interface StopPlaces {
  injectId(index: number): string | null;
  lonLat(node: number): [number, number];
  describe(lon: number, lat: number): string;
  clock(s: number): string;
}

interface Group {
  reason: number;
  inject: number;
  node: number;
  first: number;
  /** Stop times (time of day) or hold durations, s: only their median is reported. */
  times: RankedValues;
}

/**
 * One option's stops as its samples stream in, grouped by (reason, closure inject, node). An option keeps
 * two: the samples that did not arrive (why and where they stopped for good) and those that arrived after
 * holding at a closure (where, for how long; reason -1). Memory is one group per distinct stop place, each a
 * bounded RankedValues of its times: it does not grow with the sample count. Counts, the first sample
 * index and the times' multiset are all order-free, so the groups are the same for any arrival order.
 */
export class StopTally {
  samples = 0;
  /** Groups by node, then a short list per node (closures × reasons at one node are few). */
  private readonly byNode = new Map<number, Group[]>();

  /** One sample's stop: `time` the stop's time of day (stopped) or the seconds held (held). */
  add(reason: number, inject: number, node: number, time: number, sample: number): void {
    this.samples++;
    let list = this.byNode.get(node);
    if (!list) this.byNode.set(node, (list = []));
    let g: Group | undefined;
    for (const x of list) if (x.reason === reason && x.inject === inject) g = x;
    if (!g) list.push((g = { reason, inject, node, first: sample, times: new RankedValues() }));
    if (sample < g.first) g.first = sample;
    g.times.add(time);
  }

  /**
   * At most STOP_GROUPS groups worded for the planner, the most frequent first (ties: the group seen
   * first in sample order). `kind` says which reason a group carries: 'held' groups hold, 'stopped'
   * ones say why they never arrived.
   */
  stops(places: StopPlaces, kind: 'stopped' | 'held'): StopGroup[] {
    const groups: Group[] = [];
    for (const list of this.byNode.values()) groups.push(...list);
    return describeStops(groups, places, kind);
  }
}

function describeStops(groups: Group[], places: StopPlaces, kind: 'stopped' | 'held'): StopGroup[] {
  const count = (g: Group): number => g.times.count;
  return groups
    .sort((a, b) => count(b) - count(a) || a.first - b.first)
    .slice(0, STOP_GROUPS)
    .map((g): StopGroup => {
      const at = g.node >= 0 ? places.lonLat(g.node) : null;
      const near = at ? places.describe(at[0], at[1]) : 'the start';
      const inject = g.inject >= 0 ? places.injectId(g.inject) : null;
      // Nearest rank ceil(n / 2), the lower median of the times.
      const median = g.times.quantile(0.5);
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
      return { reason, inject, samples: count(g), lon: at ? round7(at[0]) : null, lat: at ? round7(at[1]) : null, near, timeS, message };
    });
}
