import type { RoadGraph } from '../graph/road-graph.js';
import type { PlanResponder } from '../run/run-plan.js';
import { EVACUATION_KINDS, RESPONDER_TYPES } from '../run/run-result.js';
import type { TrafficFactors } from '../sim/traffic-factors.js';

/** A source or target of a multi-source search: a node, or a point part-way along an edge. */
export type SearchEndpoint = { node: number } | { edge: number; fraction: number };

/**
 * Multi-source one-to-all travel times in seconds per node (Infinity when unreached), at the speeds of one
 * traffic band. `forward`: from the sources to every node (responders driving out); `reverse`: from every
 * node to the nearest source (evacuation toward hospitals). Offsets are added at the sources (turnout).
 */
export type NodeTimesFn = (sources: { endpoint: SearchEndpoint; offsetS: number }[], direction: 'forward' | 'reverse', band: number) => Float64Array;

/** Number of coverage kinds: the responder types, then the evacuation kinds. */
export const COVERAGE_KINDS = RESPONDER_TYPES.length + EVACUATION_KINDS.length;

/**
 * Response and evacuation times per node, for every state the run can be in: one table per (kind, traffic
 * band, set of available units). How searches are reused across samples: a table depends only on that key,
 * never on the sample, so it is computed the first time any sample needs it and then shared by every later
 * sample, option and movement of the run (and recomputed identically in each worker). A typical run needs
 * (4 responder types + 2 evacuation kinds) × (bands the movements cross) tables, whatever the sample count.
 */
export class CoverageTables {
  private readonly cache = new Map<string, Float64Array | null>();
  /** Responder indices per type, in scenario order. */
  private readonly byType: number[][];
  /** Time boundaries (sorted) where availability windows or traffic bands change. */
  readonly boundaries: Float64Array;
  searches = 0;

  constructor(
    private readonly graph: RoadGraph,
    private readonly responders: readonly PlanResponder[],
    private readonly responderEndpoints: readonly (SearchEndpoint | undefined)[],
    private readonly evacEndpoints: readonly (readonly SearchEndpoint[])[],
    private readonly traffic: TrafficFactors,
    private readonly nodeTimes: NodeTimesFn,
  ) {
    this.byType = RESPONDER_TYPES.map((type) => responders.flatMap((r, i) => (r.type === type ? [i] : [])));
    const b = new Set<number>(traffic.boundaries());
    for (const r of responders) {
      b.add(r.fromS);
      b.add(r.toS);
    }
    this.boundaries = Float64Array.from([...b].filter(Number.isFinite).sort((x, y) => x - y));
  }

  /** First boundary strictly after t (Infinity when none). */
  nextBoundary(t: number): number {
    for (let i = 0; i < this.boundaries.length; i++) if (this.boundaries[i]! > t) return this.boundaries[i]!;
    return Infinity;
  }

  /** Units of responder type k covering a movement (allowed: per responder, 1 = covers it). */
  unitsOfType(k: number, allowed?: Uint8Array): number {
    let c = 0;
    for (const i of this.byType[k] ?? []) if (!allowed || allowed[i]) c += this.responders[i]!.count;
    return c;
  }

  /**
   * Fill `out[k]` for every coverage kind with the table valid at time t, given the units still in
   * service (unitCount per responder, after responder_out injects). null = no unit/destination at all.
   */
  tablesAt(t: number, unitCount: Int32Array, out: (Float64Array | null)[], allowed: Uint8Array): void {
    const band = this.traffic.bandAt(t);
    for (let k = 0; k < RESPONDER_TYPES.length; k++) {
      let key = `r${k}|${band}|`;
      const avail: number[] = [];
      for (const i of this.byType[k]!) {
        const r = this.responders[i]!;
        if (allowed[i] && unitCount[i]! > 0 && t >= r.fromS && t < r.toS && this.responderEndpoints[i]) {
          avail.push(i);
          key += i + ',';
        }
      }
      out[k] = this.table(key, () => (avail.length === 0 ? null : this.nodeTimes(avail.map((i) => ({ endpoint: this.responderEndpoints[i]!, offsetS: this.responders[i]!.turnoutS })), 'forward', band)));
    }
    for (let j = 0; j < EVACUATION_KINDS.length; j++) {
      const ends = this.evacEndpoints[j] ?? [];
      out[RESPONDER_TYPES.length + j] = this.table(`e${j}|${band}`, () => (ends.length === 0 ? null : this.nodeTimes(ends.map((endpoint) => ({ endpoint, offsetS: 0 })), 'reverse', band)));
    }
  }

  /** The tables computed so far, by key (to hand them to another thread's CoverageTables of the same run). */
  entries(): [string, Float64Array | null][] {
    return [...this.cache];
  }

  /**
   * Adopt tables another CoverageTables of the SAME graph, plan and traffic computed (entries()): a table is a
   * pure function of its key, so adopting it gives the numbers this instance would compute, without the
   * search. Existing entries are kept; adopted ones do not count as searches.
   */
  adopt(entries: readonly (readonly [string, Float64Array | null])[]): void {
    const n = this.graph.nodeCount;
    for (const [key, table] of entries) {
      if (table !== null && table.length !== n) throw new Error(`coverage table ${key}: ${table.length} values for a graph of ${n} nodes`);
      if (!this.cache.has(key)) this.cache.set(key, table);
    }
  }

  private table(key: string, compute: () => Float64Array | null): Float64Array | null {
    let t = this.cache.get(key);
    if (t === undefined) {
      t = compute();
      if (t) this.searches++;
      this.cache.set(key, t);
    }
    return t;
  }

  get nodeCount(): number {
    return this.graph.nodeCount;
  }
}
