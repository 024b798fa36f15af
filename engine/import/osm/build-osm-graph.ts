import { haversineM } from '../../geo/haversine.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { DEFAULT_SPEED_KMH, EdgeFlag, roadClassName } from '../../graph/road-class.js';
import type { GraphMeta, RoadGraph } from '../../graph/road-graph.js';
import { parseMaxspeed } from './maxspeed.js';
import type { OsmCollector, OsmWay } from './osm-data.js';
import { Direction, flagsOf, lanesPerDirection, motorAccessDenied, nameOf, onewayOf, roadClassOf } from './road-tags.js';

export interface OsmBuildOptions {
  /** Prefer `name:<language>` over `name` (e.g. "en"). */
  nameLanguage?: string;
}

/** What the OSM import did, stored in meta.report (components are added by keepLargestComponent). */
export interface OsmImportReport {
  nodesRead: number;
  waysRead: number;
  highwayWays: number;
  /** Motor-traffic ways kept, by highway class. */
  keptByClass: Record<string, number>;
  excluded: { notMotorTraffic: Record<string, number>; access: number; area: number };
  oneway: { tagged: number; reverse: number; implied: number; explicitNo: number; unrecognised: number; twoWay: number };
  maxspeed: { parsed: number; none: number; defaulted: number; unparsable: number; unparsableValues: string[] };
  missingNodes: { refs: number; ways: number };
  /** Way pieces that ended up with a single node (e.g. a way whose other nodes are all missing). */
  degenerateDropped: number;
  junctions: number;
  roadSegments: number;
}

/**
 * The maxspeed value that applies: `maxspeed`, else the directional tag of a one-way road's direction,
 * else on a two-way road the lower of maxspeed:forward / maxspeed:backward (the graph keeps one speed
 * per road; the lower one is the cautious choice for travel times).
 */
function maxspeedTag(tags: Record<string, string>, direction: Direction): string | undefined {
  const plain = tags['maxspeed'];
  if (plain !== undefined) return plain;
  const fwd = tags['maxspeed:forward'];
  const bwd = tags['maxspeed:backward'];
  if (direction === Direction.FORWARD) return fwd;
  if (direction === Direction.BACKWARD) return bwd;
  if (fwd === undefined || bwd === undefined) return fwd ?? bwd;
  const f = parseMaxspeed(fwd);
  const b = parseMaxspeed(bwd);
  if (f.kind !== 'speed') return bwd;
  if (b.kind !== 'speed') return fwd;
  return f.kmh <= b.kmh ? fwd : bwd;
}

interface RoadAttributes {
  roadClass: number;
  direction: Direction;
  speedKmh: number;
  flags: number;
  lanes: number;
  name: string;
}

/**
 * Ways become edges between junction nodes. A node is a junction when kept ways use it twice or more
 * (two ways meet, or one way passes it twice) or when it ends a way (or a piece of a way cut by missing
 * nodes). Other nodes fold into the edge's interior geometry; lengths are haversine along the geometry.
 * A stretch that loops back to the junction it started from is split at its middle vertex.
 */
export function buildOsmGraph(data: OsmCollector, meta: Omit<GraphMeta, 'report'>, opts: OsmBuildOptions = {}): RoadGraph {
  const report: OsmImportReport = {
    nodesRead: data.nodesRead,
    waysRead: data.waysRead,
    highwayWays: data.ways.length,
    keptByClass: {},
    excluded: { notMotorTraffic: {}, access: 0, area: 0 },
    oneway: { tagged: 0, reverse: 0, implied: 0, explicitNo: 0, unrecognised: 0, twoWay: 0 },
    maxspeed: { parsed: 0, none: 0, defaulted: 0, unparsable: 0, unparsableValues: [] },
    missingNodes: { refs: 0, ways: 0 },
    degenerateDropped: 0,
    junctions: 0,
    roadSegments: 0,
  };

  // 1. Which ways are roads, and their attributes.
  const kept: { way: OsmWay; attrs: RoadAttributes }[] = [];
  for (const way of data.ways) {
    const tags = way.tags;
    const roadClass = roadClassOf(tags);
    if (roadClass === undefined) {
      const h = tags['highway']!;
      report.excluded.notMotorTraffic[h] = (report.excluded.notMotorTraffic[h] ?? 0) + 1;
      continue;
    }
    if (tags['area'] === 'yes') {
      report.excluded.area++;
      continue;
    }
    if (motorAccessDenied(tags)) {
      report.excluded.access++;
      continue;
    }
    const cls = roadClassName(roadClass);
    report.keptByClass[cls] = (report.keptByClass[cls] ?? 0) + 1;
    const oneway = onewayOf(tags);
    const counts = report.oneway;
    if (oneway.source === 'tagged') counts.tagged++;
    else if (oneway.source === 'reverse') counts.reverse++;
    else if (oneway.source === 'implied') counts.implied++;
    else if (oneway.source === 'explicit-no') counts.explicitNo++;
    else if (oneway.source === 'unrecognised') counts.unrecognised++;
    if (oneway.direction === Direction.BOTH) counts.twoWay++;

    let speedKmh = DEFAULT_SPEED_KMH[cls];
    let flags = flagsOf(tags);
    const raw = maxspeedTag(tags, oneway.direction);
    if (raw === undefined) report.maxspeed.defaulted++;
    else {
      const parsed = parseMaxspeed(raw);
      if (parsed.kind === 'speed') {
        speedKmh = parsed.kmh;
        flags |= EdgeFlag.MAXSPEED_TAGGED;
        report.maxspeed.parsed++;
      } else if (parsed.kind === 'none') report.maxspeed.none++;
      else {
        report.maxspeed.unparsable++;
        if (report.maxspeed.unparsableValues.length < 20 && !report.maxspeed.unparsableValues.includes(raw)) report.maxspeed.unparsableValues.push(raw);
      }
    }
    kept.push({
      way,
      attrs: { roadClass, direction: oneway.direction, speedKmh, flags, lanes: lanesPerDirection(tags, oneway.direction), name: nameOf(tags, opts.nameLanguage) },
    });
  }

  // 2. Resolve every reference to its coordinate index once (-1 = missing from the extract); from here on
  //    nodes are counted and numbered in typed arrays by that index, with no more id lookups.
  const resolved: Int32Array[] = kept.map(({ way }) => {
    const idx = new Int32Array(way.refs.length);
    for (let k = 0; k < idx.length; k++) idx[k] = data.indexOf(way.refs[k]!);
    return idx;
  });
  // Junctions: nodes used twice or more by kept ways, and way (piece) ends.
  const uses = new Uint32Array(data.nodeCount);
  for (const idx of resolved) for (const i of idx) if (i >= 0) uses[i]!++;

  // 3. Cut each way into pieces of present nodes, then into segments between junctions.
  const builder = new GraphBuilder();
  const graphNode = new Int32Array(data.nodeCount).fill(-1);
  const nodeFor = (i: number): number => {
    let v = graphNode[i]!;
    if (v < 0) graphNode[i] = v = builder.addNode(data.lon(i), data.lat(i));
    return v;
  };
  const piece: number[] = []; // coordinate indices of the current piece, reused across ways
  kept.forEach(({ attrs }, w) => {
    const idx = resolved[w]!;
    let missing = 0;
    piece.length = 0;
    for (const i of idx) {
      if (i < 0) {
        missing++;
        addPiece(attrs);
        piece.length = 0;
        continue;
      }
      // A node repeated back to back adds nothing (zero-length step).
      if (piece[piece.length - 1] !== i) piece.push(i);
    }
    addPiece(attrs);
    if (missing > 0) {
      report.missingNodes.refs += missing;
      report.missingNodes.ways++;
    }
  });

  function addPiece(attrs: RoadAttributes): void {
    if (piece.length === 0) return;
    if (piece.length < 2) {
      report.degenerateDropped++;
      return;
    }
    const last = piece.length - 1;
    let start = 0;
    for (let k = 1; k <= last; k++) {
      if (k !== last && uses[piece[k]!]! < 2) continue;
      emit(start, k, attrs);
      start = k;
    }
  }

  function emit(from: number, to: number, attrs: RoadAttributes): void {
    const a = piece[from]!;
    const b = piece[to]!;
    if (a === b) {
      // A loop back to its own junction (a cul-de-sac loop, a roundabout joined at one point): split it at
      // its middle vertex so that it is two edges, keeps its geometry for snapping and has no self-loop.
      // An out-and-back spike (a, b, a) is the road a-b drawn twice: one road when two-way, the two
      // directions when one-way.
      const mid = (from + to) >> 1;
      emit(from, mid, attrs);
      if (to - from >= 3 || attrs.direction !== Direction.BOTH) emit(mid, to, attrs);
      return;
    }
    let lengthM = 0;
    const interior: [number, number][] = [];
    for (let k = from; k < to; k++) {
      const i = piece[k]!;
      const j = piece[k + 1]!;
      lengthM += haversineM(data.lon(i), data.lat(i), data.lon(j), data.lat(j));
      if (k > from) interior.push([data.lon(i), data.lat(i)]);
    }
    const backward = attrs.direction === Direction.BACKWARD;
    if (backward) interior.reverse();
    builder.addSegment({
      from: nodeFor(backward ? b : a),
      to: nodeFor(backward ? a : b),
      lengthM,
      speedKmh: attrs.speedKmh,
      roadClass: attrs.roadClass,
      flags: attrs.flags,
      lanes: attrs.lanes,
      name: attrs.name,
      interior,
      oneway: attrs.direction !== Direction.BOTH,
    });
    report.roadSegments++;
  }

  report.junctions = builder.nodeCount;
  return builder.build({ ...meta, report: { osm: report } });
}
