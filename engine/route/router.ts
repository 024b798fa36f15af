import { InputError } from '../errors.js';
import type { RoadGraph } from '../graph/index.js';
import { findAlternatives, type AlternativesOptions } from './alternatives.js';
import { searchBidirectional } from './bidirectional.js';
import { arrivalSeeds, checkEndpoint, departureSeeds, directDrive, partial } from './endpoints.js';
import { LazyMinHeap } from './lazy-heap.js';
import { searchAll, type SourceSeed } from './one-to-all.js';
import type { CompiledOverlay } from './overlay.js';
import { assembleRoute, finishRoute, routeFromEdges } from './path-assembly.js';
import { buildContractionHierarchy, type ContractionHierarchy } from './contraction.js';
import { searchHierarchy, unpackHierarchyPath } from './ch-query.js';
import { buildCchTopology, customizeCch, type CchMetric, type CchTopology } from './cch.js';
import { searchCch, unpackCchPath } from './cch-query.js';
import { nestedDissectionOrder } from './nd-order.js';
import { heuristicFactor, projectNodes, type NodeProjection } from './projection.js';
import { pointAlong } from './route-geometry.js';
import { findSafest, type SafestOptions, type SafestRoute } from './safest.js';
import { SearchState } from './search-state.js';
import { isNodeEndpoint, type EdgePosition, type RouteAlgorithm, type RouteEndpoint, type RouteResult } from './types.js';
import { searchToTarget } from './unidirectional.js';
import { cchSides, chSides, type HierarchySides } from './hierarchy-metrics.js';
import { hierarchyTable, TableScratch, type TravelTable } from './table.js';

export interface FastestOptions {
  overlay?: CompiledOverlay;
  /** Default 'astar'. All three return the same cost; they differ in work done. */
  algorithm?: RouteAlgorithm;
}

export interface OneToAllOptions {
  /** forward: time from the sources to every node; reverse: time from every node to the nearest source. */
  direction?: 'forward' | 'reverse';
  /** Stop once every node within this many seconds is settled; farther nodes stay Infinity. */
  cutoffS?: number;
  overlay?: CompiledOverlay;
  /** Reuse this array for the result (length nodeCount) instead of allocating one. */
  out?: Float64Array;
  /** If given (length nodeCount), receives the index of the source nearest each node, -1 when unreached. */
  sourceOut?: Int32Array;
}

export interface TableOptions {
  overlay?: CompiledOverlay;
  /**
   * 'ch' (default without an overlay): the contraction hierarchy of the cost array, built on first use
   * (seconds on 400k nodes; call router.hierarchy() ahead). 'cch' (default with an overlay): the
   * customizable hierarchy, customized per overlay in tens of ms.
   */
  algorithm?: 'ch' | 'cch';
}

/** Most entries a table may have (sources × targets): three Float64Arrays of this many entries. */
export const MAX_TABLE_ENTRIES = 25_000_000;

/**
 * Routing over one RoadGraph. Owns the search state (two label sets of n entries, allocated once), so a
 * Router is cheap to query many times but is not re-entrant: use one Router per worker thread. Overlays
 * are compiled separately (compileOverlay) and passed per query; the graph is never modified.
 */
export class Router {
  private readonly fwd: SearchState;
  private readonly bwd: SearchState;
  private projection: NodeProjection | undefined;
  private readonly kCache = new WeakMap<Float64Array, number>();
  private scratchWeight: Float64Array | undefined;
  private readonly hierarchies = new WeakMap<Float64Array, ContractionHierarchy>();
  private cchTopology: CchTopology | undefined;
  private readonly cchMetrics = new WeakMap<Float64Array, CchMetric>();
  private readonly tableSides = new WeakMap<ContractionHierarchy | CchMetric, HierarchySides>();
  private tableScratch: TableScratch | undefined;
  private allHeap: LazyMinHeap | undefined;

  constructor(readonly graph: RoadGraph) {
    this.fwd = new SearchState(graph.nodeCount);
    this.bwd = new SearchState(graph.nodeCount);
  }

  /** Fastest (least-cost) route. Exact: the three algorithms return the same cost. */
  fastest(from: RouteEndpoint, to: RouteEndpoint, opts: FastestOptions = {}): RouteResult {
    const ov = this.checkOverlay(opts.overlay);
    checkEndpoint(this.graph, from, 'from');
    checkEndpoint(this.graph, to, 'to');
    const weight = ov?.costS ?? this.graph.timeS;
    const time = ov?.timeS ?? this.graph.timeS;
    const algorithm = opts.algorithm ?? 'astar';
    // An overlay's A* factor derives from the base one (overlay.ts minCostFactor): no O(m) pass per overlay.
    const k = ov && algorithm === 'astar' ? this.heuristicK(this.graph.timeS) * ov.minCostFactor : undefined;
    return this.routeWithWeights(from, to, weight, time, algorithm, k);
  }

  /** Up to k different reasonable routes, fastest first (alternatives.ts). */
  alternatives(from: RouteEndpoint, to: RouteEndpoint, opts: AlternativesOptions = {}): RouteResult[] {
    this.checkOverlay(opts.overlay);
    return findAlternatives(this, from, to, opts);
  }

  /** Least exposure within a delay budget over the fastest route (safest.ts). */
  safest(from: RouteEndpoint, to: RouteEndpoint, opts: SafestOptions): SafestRoute {
    this.checkOverlay(opts.overlay);
    checkEndpoint(this.graph, from, 'from');
    checkEndpoint(this.graph, to, 'to');
    return findSafest(this, from, to, opts);
  }

  /**
   * Least-cost route for arbitrary per-edge costs `weight` (seconds-like, ≥ 0, Infinity = closed) and the
   * per-edge times `time` used to report timeS. `kOverride` gives A* a potential factor valid for `weight`
   * (e.g. that of a smaller weight array) and skips computing one (an O(m) pass, cached per array).
   * The A* factor and the contraction hierarchy are cached per array object: if you change an array's
   * contents after a query, pass kOverride (A*) and do not use 'ch' with it.
   */
  routeWithWeights(from: RouteEndpoint, to: RouteEndpoint, weight: Float64Array, time: Float64Array, algorithm: RouteAlgorithm, kOverride?: number): RouteResult {
    const g = this.graph;
    const departures = departureSeeds(g, weight, from);
    const arrivals = arrivalSeeds(g, weight, to);
    const direct = directDrive(g, weight, from, to);
    const bound = direct?.cost ?? Infinity;
    let meet: number;
    let cost: number;
    let arrivalCode = -1;
    let bidir = false;
    let settled: number;
    if (algorithm === 'cch') {
      const metric = this.customized(weight);
      const m = searchCch(metric, this.fwd, this.bwd, departures, arrivals, bound);
      if (m.meet >= 0) return routeFromEdges(g, unpackCchPath(metric, this.fwd, this.bwd, m.meet), from, to, m.cost, time, m.settled);
      if (direct) return finishRoute(g, [direct.edge], [], direct.fromFraction, direct.toFraction, direct.cost, time, m.settled);
      return { found: false, reason: this.noRouteReason(from, to, weight) };
    }
    if (algorithm === 'ch') {
      const ch = this.hierarchy(weight);
      const m = searchHierarchy(ch, this.fwd, this.bwd, departures, arrivals, bound);
      if (m.meet >= 0) return routeFromEdges(g, unpackHierarchyPath(g, ch, this.fwd, this.bwd, m.meet), from, to, m.cost, time, m.settled);
      if (direct) return finishRoute(g, [direct.edge], [], direct.fromFraction, direct.toFraction, direct.cost, time, m.settled);
      return { found: false, reason: this.noRouteReason(from, to, weight) };
    }
    if (algorithm === 'bidirectional') {
      const m = searchBidirectional(g, weight, this.fwd, this.bwd, departures, arrivals, bound);
      meet = m.meet;
      cost = m.cost;
      settled = m.settled;
      bidir = true;
    } else {
      const k = algorithm === 'astar' ? (kOverride ?? this.heuristicK(weight)) : 0;
      const proj = this.proj();
      const [tx, ty] = this.targetPoint(to);
      const hit = searchToTarget(g, weight, this.fwd, departures, arrivals, k, proj.x, proj.y, tx, ty, bound);
      meet = hit.meet;
      cost = hit.cost;
      settled = this.fwd.settledCount;
      if (meet >= 0) arrivalCode = arrivals[hit.arrival]!.parentCode;
    }
    if (meet >= 0) return assembleRoute(g, this.fwd, meet, bidir ? this.bwd : null, arrivalCode, from, to, cost, time, settled);
    if (direct) return finishRoute(g, [direct.edge], [], direct.fromFraction, direct.toFraction, direct.cost, time, settled);
    return { found: false, reason: this.noRouteReason(from, to, weight) };
  }

  /**
   * Time (cost) from sources to every node, or from every node to the nearest source (reverse). Each
   * source may start later (offsetS, e.g. a turnout delay). Unreached nodes, and nodes beyond cutoffS,
   * are Infinity. Use timeToPosition() (with the same sources) for points part-way along an edge.
   */
  oneToAll(sources: readonly OneToAllSource[], opts: OneToAllOptions = {}): Float64Array {
    const g = this.graph;
    const ov = this.checkOverlay(opts.overlay);
    const weight = ov?.costS ?? g.timeS;
    const reverse = (opts.direction ?? 'forward') === 'reverse';
    if (opts.direction !== undefined && opts.direction !== 'forward' && opts.direction !== 'reverse') {
      throw new InputError(`oneToAll: direction '${String(opts.direction)}' must be 'forward' or 'reverse'`);
    }
    const cutoff = opts.cutoffS ?? Infinity;
    if (!(cutoff >= 0)) throw new InputError(`oneToAll: cutoffS ${cutoff} must be ≥ 0`);
    const seeds: SourceSeed[] = [];
    sources.forEach((s, i) => {
      checkEndpoint(g, s.endpoint, `sources[${i}]`);
      const offset = s.offsetS ?? 0;
      if (!Number.isFinite(offset) || offset < 0) throw new InputError(`sources[${i}].offsetS ${offset} must be a finite number ≥ 0`);
      const base = reverse ? arrivalSeeds(g, weight, s.endpoint) : departureSeeds(g, weight, s.endpoint);
      for (const b of base) seeds.push({ ...b, cost: b.cost + offset, source: i });
    });
    const out = opts.out ?? new Float64Array(g.nodeCount);
    if (out.length !== g.nodeCount) throw new InputError(`oneToAll: out has length ${out.length}, expected ${g.nodeCount}`);
    if (opts.sourceOut && opts.sourceOut.length !== g.nodeCount) throw new InputError(`oneToAll: sourceOut has length ${opts.sourceOut.length}, expected ${g.nodeCount}`);
    out.fill(Infinity);
    opts.sourceOut?.fill(-1);
    this.allHeap ??= new LazyMinHeap(g.nodeCount);
    searchAll(g, weight, this.allHeap, seeds, reverse, cutoff, out, opts.sourceOut);
    return out;
  }

  /**
   * Travel matrix from every source to every target (table.ts: bucket-based many-to-many on a hierarchy):
   * costs, durations (s) and distances (m), row-major, Infinity for "no route". Endpoints are nodes or
   * positions part-way along edges, as for fastest(); each entry equals fastest(sources[i], targets[j]).
   */
  table(sources: readonly RouteEndpoint[], targets: readonly RouteEndpoint[], opts: TableOptions = {}): TravelTable {
    const g = this.graph;
    const ov = this.checkOverlay(opts.overlay);
    const algorithm = opts.algorithm ?? (ov ? 'cch' : 'ch');
    if (algorithm !== 'ch' && algorithm !== 'cch') throw new InputError(`table: algorithm '${String(algorithm)}' must be 'ch' or 'cch'`);
    if (!Array.isArray(sources) || !Array.isArray(targets)) throw new InputError('table: sources and targets must be arrays of endpoints');
    if (sources.length * targets.length > MAX_TABLE_ENTRIES) {
      throw new InputError(`table: ${sources.length} sources × ${targets.length} targets exceed ${MAX_TABLE_ENTRIES} entries`);
    }
    sources.forEach((s, i) => checkEndpoint(g, s, `sources[${i}]`));
    targets.forEach((t, i) => checkEndpoint(g, t, `targets[${i}]`));
    const cost = ov?.costS ?? g.timeS;
    const time = ov?.timeS ?? g.timeS;
    const h = algorithm === 'ch' ? this.hierarchy(cost) : this.customized(cost);
    let sides = this.tableSides.get(h);
    if (!sides) {
      sides = algorithm === 'ch' ? chSides(g, h as ContractionHierarchy, time) : cchSides(h as CchMetric, time);
      this.tableSides.set(h, sides);
    }
    this.tableScratch ??= new TableScratch(g.nodeCount);
    return hierarchyTable(g, sides, cost, time, this.fwd, this.tableScratch, sources, targets);
  }

  /**
   * The contraction hierarchy for a cost array (the base times when omitted, or overlay.costS), built once
   * and kept while the array lives. Call ahead of time to keep the build out of the first query.
   */
  hierarchy(weight: Float64Array = this.graph.timeS): ContractionHierarchy {
    let ch = this.hierarchies.get(weight);
    if (!ch) {
      ch = buildContractionHierarchy(this.graph, weight);
      this.hierarchies.set(weight, ch);
    }
    return ch;
  }

  /**
   * The customizable hierarchy's topology (once per graph, in nested-dissection order) customized for a
   * cost array (once per array, a linear pass over the triangles).
   */
  customized(weight: Float64Array = this.graph.timeS): CchMetric {
    let metric = this.cchMetrics.get(weight);
    if (!metric) {
      this.cchTopology ??= buildCchTopology(this.graph, nestedDissectionOrder(this.graph, this.proj()));
      metric = customizeCch(this.cchTopology, weight);
      this.cchMetrics.set(weight, metric);
    }
    return metric;
  }

  /** Per-node projected coordinates used by A* (computed once, on first use). */
  proj(): NodeProjection {
    this.projection ??= projectNodes(this.graph);
    return this.projection;
  }

  /** A* potential factor for a cost array (cached per array: the base times and each compiled overlay). */
  heuristicK(weight: Float64Array): number {
    let k = this.kCache.get(weight);
    if (k === undefined) {
      k = heuristicFactor(this.graph, this.proj(), weight);
      this.kCache.set(weight, k);
    }
    return k;
  }

  /** A Float64Array of m entries owned by this Router, for derived cost arrays (alternatives, safest). */
  scratch(): Float64Array {
    this.scratchWeight ??= new Float64Array(this.graph.edgeCount);
    return this.scratchWeight;
  }

  private targetPoint(to: RouteEndpoint): [number, number] {
    const proj = this.proj();
    if (isNodeEndpoint(to)) return [proj.x[to.node]!, proj.y[to.node]!];
    const [lon, lat] = pointAlong(this.graph, to.edge, to.fraction);
    return proj.project(lon, lat);
  }

  private checkOverlay(ov: CompiledOverlay | undefined): CompiledOverlay | undefined {
    if (ov && ov.graph !== this.graph) throw new InputError('the overlay was compiled for another graph than this router');
    return ov;
  }

  private noRouteReason(from: RouteEndpoint, to: RouteEndpoint, weight: Float64Array): string {
    const blocked = (ep: EdgePosition): boolean => {
      const t = this.graph.twin[ep.edge]!;
      return weight[ep.edge] === Infinity && (t < 0 || weight[t] === Infinity);
    };
    if (!isNodeEndpoint(from) && blocked(from)) return `the start lies on a closed road (edge ${from.edge})`;
    if (!isNodeEndpoint(to) && blocked(to)) return `the destination lies on a closed road (edge ${to.edge})`;
    return 'the destination cannot be reached from the start (disconnected, one-way or closed roads)';
  }
}

/** A source of Router.oneToAll: where it starts and how much later (seconds). */
export interface OneToAllSource {
  endpoint: RouteEndpoint;
  offsetS?: number;
}

/**
 * Time to reach a point part-way along an edge, given one-to-all `times` from Router.oneToAll with the
 * same overlay (`weight` = overlay.costS, or graph.timeS). Forward: from the sources to the point;
 * reverse: from the point to the nearest source.
 *
 * `times` only hold node labels, so a source lying on the same road as the position (reached by driving
 * along that road without passing a node) is seen only when the `sources` given to oneToAll are passed
 * too; without them the result can be too large for such positions.
 */
export function timeToPosition(
  graph: RoadGraph,
  times: Float64Array,
  position: EdgePosition,
  opts: { direction?: 'forward' | 'reverse'; overlay?: CompiledOverlay; sources?: readonly OneToAllSource[] } = {},
): number {
  const w = opts.overlay?.costS ?? graph.timeS;
  const { edge, fraction } = position;
  const t = graph.twin[edge]!;
  const tail = graph.tail[edge]!;
  const head = graph.head[edge]!;
  const forward = (opts.direction ?? 'forward') === 'forward';
  let best: number;
  if (forward) {
    const viaTail = times[tail]! + partial(fraction, w[edge]!);
    const viaHead = t >= 0 ? times[head]! + partial(1 - fraction, w[t]!) : Infinity;
    best = Math.min(viaTail, viaHead);
  } else {
    const toHead = partial(1 - fraction, w[edge]!) + times[head]!;
    const toTail = t >= 0 ? partial(fraction, w[t]!) + times[tail]! : Infinity;
    best = Math.min(toHead, toTail);
  }
  for (const s of opts.sources ?? []) {
    if (isNodeEndpoint(s.endpoint)) continue;
    const direct = forward ? directDrive(graph, w, s.endpoint, position) : directDrive(graph, w, position, s.endpoint);
    if (direct) best = Math.min(best, direct.cost + (s.offsetS ?? 0));
  }
  return best;
}
