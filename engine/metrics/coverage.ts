import type { RoadGraph } from '../graph/road-graph.js';
import type { PlanResponder } from '../model/run-plan.js';
import { EVACUATION_KINDS, RESPONDER_TYPES, type ResponderType } from '../model/run-result.js';
import type { TrafficFactors } from './traffic-factors.js';

/** A source or target of a multi-source search: a node, or a point part-way along an edge. */
export type SearchEndpoint = { node: number } | { edge: number; fraction: number };

/**
 * Multi-source one-to-all travel times in seconds per node (Infinity when unreached), at the speeds of one
 * traffic band. `forward`: from the sources to every node (responders driving out); `reverse`: from every
 * node to the nearest source (evacuation toward hospitals). Offsets are added at the sources (turnout).
 * `responder`: the type of the units searched from, whose lights and sirens avoid part of the congestion
 * (engine/route/policy.ts RESPONDER_CONGESTION_AVOIDED); absent for evacuation.
 */
export type NodeTimesFn = (sources: { endpoint: SearchEndpoint; offsetS: number }[], direction: 'forward' | 'reverse', band: number, responder?: ResponderType) => Float64Array;

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
  /** Time boundaries (sorted) where availability windows or traffic bands change, then Infinity. */
  readonly boundaries: Float64Array;
  searches = 0;
  /** Per responder type: the (band, availability) states met so far and their tables (few: bands × outages). */
  private readonly seenStates: { band: number; avail: Uint8Array; table: Float64Array | null }[][];
  /** Per responder type: scratch availability of its responders, in byType order. */
  private readonly availScratch: Uint8Array[];
  /** Per evacuation kind: table by band index + 1 (band −1 = free flow). */
  private readonly evacByBand: (Float64Array | null)[][];

  constructor(
    private readonly graph: RoadGraph,
    private readonly responders: readonly PlanResponder[],
    private readonly responderEndpoints: readonly (SearchEndpoint | undefined)[],
    private readonly evacEndpoints: readonly (readonly SearchEndpoint[])[],
    private readonly traffic: TrafficFactors,
    private readonly nodeTimes: NodeTimesFn,
  ) {
    this.byType = RESPONDER_TYPES.map((type) => responders.flatMap((r, i) => (r.type === type ? [i] : [])));
    this.seenStates = RESPONDER_TYPES.map(() => []);
    this.availScratch = this.byType.map((ids) => new Uint8Array(ids.length));
    this.evacByBand = EVACUATION_KINDS.map(() => []);
    const b = new Set<number>(traffic.boundaries());
    for (const r of responders) {
      b.add(r.fromS);
      b.add(r.toS);
    }
    this.boundaries = Float64Array.from([...[...b].filter(Number.isFinite).sort((x, y) => x - y), Infinity]);
  }

  /** First boundary strictly after t (Infinity when none: `boundaries` ends with an Infinity sentinel). */
  nextBoundary(t: number): number {
    const last = this.boundaries.length - 1;
    let i = 0;
    while (i < last && !(this.boundaries[i]! > t)) i++;
    return this.boundaries[i]!;
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
   *
   * Called at every coverage change of every sample, so the lookup allocates nothing: per kind, the states
   * seen so far (band + which of that type's responders are available) are compared against the current one
   * in a scratch array. Only a state not seen before builds the string key of the shared cache.
   */
  tablesAt(t: number, unitCount: Int32Array, out: (Float64Array | null)[], allowed: Uint8Array): void {
    const band = this.traffic.bandAt(t);
    for (let k = 0; k < RESPONDER_TYPES.length; k++) {
      const ofType = this.byType[k]!;
      const avail = this.availScratch[k]!;
      for (let j = 0; j < ofType.length; j++) {
        const i = ofType[j]!;
        const r = this.responders[i]!;
        avail[j] = allowed[i] && unitCount[i]! > 0 && t >= r.fromS && t < r.toS && this.responderEndpoints[i] ? 1 : 0;
      }
      out[k] = this.responderTable(k, band, avail);
    }
    for (let j = 0; j < EVACUATION_KINDS.length; j++) {
      const table = this.evacByBand[j]![band + 1];
      out[RESPONDER_TYPES.length + j] = table === undefined ? this.evacuationTableMiss(j, band) : table;
    }
  }

  // The lookups above create no closure: a closure anywhere in a function makes V8 allocate a context
  // object on every call, and tablesAt runs at every coverage refresh of every sample. Misses go here.
  private evacuationTableMiss(j: number, band: number): Float64Array | null {
    const ends = this.evacEndpoints[j] ?? [];
    const table = this.table(`e${j}|${band}`, () => (ends.length === 0 ? null : this.nodeTimes(ends.map((endpoint) => ({ endpoint, offsetS: 0 })), 'reverse', band)));
    this.evacByBand[j]![band + 1] = table;
    return table;
  }

  /** The table of responder type k for a band and availability (per responder of the type, 1 = in service). */
  private responderTable(k: number, band: number, avail: Uint8Array): Float64Array | null {
    const seen = this.seenStates[k]!;
    for (let s = 0; s < seen.length; s++) {
      const st = seen[s]!;
      if (st.band === band && sameBytes(st.avail, avail)) return st.table;
    }
    return this.responderTableMiss(k, band, avail);
  }

  private responderTableMiss(k: number, band: number, avail: Uint8Array): Float64Array | null {
    const seen = this.seenStates[k]!;
    const ofType = this.byType[k]!;
    const units: number[] = [];
    let key = `r${k}|${band}|`;
    for (let j = 0; j < ofType.length; j++) {
      if (!avail[j]) continue;
      units.push(ofType[j]!);
      key += ofType[j]! + ',';
    }
    const table = this.table(key, () => (units.length === 0 ? null : this.nodeTimes(units.map((i) => ({ endpoint: this.responderEndpoints[i]!, offsetS: this.responders[i]!.turnoutS })), 'forward', band, RESPONDER_TYPES[k])));
    seen.push({ band, avail: avail.slice(), table });
    return table;
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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
