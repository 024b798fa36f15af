import type { RoadGraph } from '../engine/graph/road-graph.js';
import { withinTarget } from '../engine/analysis/within-target.js';
import { EXPOSURE_COMPONENTS, type Distribution, type OptionResult, type Playback as RunPlayback } from '../engine/model/run-result.js';
import { worstClosure } from '../engine/analysis/robustness.js';
import { encodeLine, quantise } from './geometry-codec.js';
import type { BoxStats, Playback, Quantiles, ReportOption } from './report-data.js';

/**
 * One route option of a run, reshaped for the report: the route cut into stretches coloured by exposure,
 * the table's numbers copied as they are (the report never recomputes a metric, so its table equals
 * `motorcade run --json`), box-plot statistics, and the sampled run for playback.
 */
/**
 * Exposure edge by edge along an option's nominal run (the engine's "typical day", the same run its
 * hotspots come from): driven edge ids, their lengths (m) and weighted exposure (all components summed).
 */
export interface ExposureProfile {
  edges: readonly number[];
  lengthM: readonly number[];
  exposure: readonly number[];
}

/** Route stretches shorter than this are merged with the next before exposure per km is computed. */
export const MIN_STRETCH_M = 200;

export function optionView(graph: RoadGraph | undefined, opt: OptionResult, recommendedId: string | null, profile?: ExposureProfile | null): ReportOption {
  const worst = worstClosure(opt.robustness);
  const view: ReportOption = {
    id: opt.id,
    label: opt.label,
    kind: opt.kind,
    recommended: opt.id === recommendedId,
    score: opt.score,
    found: opt.found,
    lengthM: opt.route.lengthM,
    freeFlowS: opt.route.freeFlowTimeS,
    pieces: !opt.found ? [] : profile && graph && profile.edges.length > 0 ? profilePieces(graph, profile) : routePieces(graph, opt),
    timeS: quantilesOf(opt.timeS),
    exposure: {
      total: quantilesOf(opt.exposure.total),
      components: EXPOSURE_COMPONENTS.map((name) => ({ name, p50: opt.exposure.components[name].p50, p95: opt.exposure.components[name].p95 })),
    },
    response: opt.response.map((r) => ({ type: r.type, units: r.units, p50S: r.p50S, p95S: r.p95S, maxS: r.maxS, shareWithinTarget: r.withinTargetShare, targetS: r.targetS })),
    coverage: withinTarget(opt),
    evacuation: opt.evacuation.map((v) => ({ to: v.kind, p50S: v.p50S, p95S: v.p95S, maxS: v.maxS, shareWithinTarget: v.withinTargetShare, targetS: v.targetS })),
    robustness: {
      worstExtraS: worst?.outcome === 'detour' ? worst.extraTimeS : null,
      worstCannotArrive: worst?.outcome === 'cannot_arrive',
      noDetour: opt.robustness.filter((c) => c.outcome === 'cannot_arrive').length,
      criticalEdges: opt.robustness.length,
      items: opt.robustness.map((c) => ({ lon: c.lon, lat: c.lat, extraS: c.extraTimeS, cannotArrive: c.outcome === 'cannot_arrive', label: `${c.near}: ${c.reason}` })),
    },
    arrivedShare: opt.arrivedShare,
    didNotArrive: opt.found && opt.arrivedSamples === 0 ? (opt.didNotArrive.stops[0]?.message ?? 'no sample arrived') : null,
    reroutedShare: opt.reroutedShare,
    hotspots: opt.hotspots.map((h) => ({ lon: h.lon, lat: h.lat, exposure: h.exposure, label: `${h.near} (${h.mainComponent}, ${Math.round(h.share * 100)}% of the option's exposure)` })),
    gaps: [
      ...opt.response.flatMap((r) => r.worst.map((w) => ({ lon: w.lon, lat: w.lat, what: `${r.type} response`, valueS: w.valueS, targetS: r.targetS, near: w.near }))),
      ...opt.evacuation.flatMap((v) => v.worst.map((w) => ({ lon: w.lon, lat: w.lat, what: `evacuation to ${v.kind.replace('_', ' ')}`, valueS: w.valueS, targetS: v.targetS, near: w.near }))),
    ].filter((g) => g.valueS === null || g.valueS > g.targetS),
    chokepoints: opt.chokepoints.map((c) => ({ lon: c.lon, lat: c.lat, kind: c.kind, reason: c.reason, near: c.near })),
    distributions: { timeS: boxOf(opt.timeS, opt.samplesDone), exposure: boxOf(opt.exposure.total, opt.samplesDone) },
  };
  if (opt.reason !== undefined) view.reason = opt.reason;
  if (opt.found && opt.playback.trajectory.length > 0) view.playback = playbackView(graph, opt.playback);
  return view;
}

/** The table's numbers of a distribution (the histogram goes to the charts only, once). */
function quantilesOf(d: Distribution): Quantiles {
  const { histogram: _histogram, ...q } = d;
  return q;
}

/** Chart numbers from a run distribution, copied as they are (quantiles and histogram). */
export function boxOf(d: Distribution, samples: number): BoxStats {
  return {
    min: d.min, p05: d.p05, p25: d.p25, p50: d.p50, p75: d.p75, p95: d.p95, max: d.max, mean: d.mean,
    histogram: { start: d.histogram.start, width: d.histogram.width, counts: [...d.histogram.counts] },
    samples,
  };
}

/** Coordinates of a route edge: from the graph when we have it, else nothing (the caller falls back). */
function edgeCoords(graph: RoadGraph | undefined, edge: number): [number, number][] | undefined {
  if (!graph || edge < 0 || edge >= graph.edgeCount) return undefined;
  return graph.edgeGeometry(edge);
}

/**
 * Exposure per km along the route. Hotspot stretches carry their own exposure; the rest of the nominal
 * total (total = hotspot exposure / its share) is spread evenly over the remaining length.
 */
function perEdgeExposurePerKm(graph: RoadGraph | undefined, opt: OptionResult): number[] {
  const edges = opt.route.edges;
  const lengths = edges.map((e) => (graph && e >= 0 && e < graph.edgeCount ? graph.lengthM[e]! : opt.route.lengthM / Math.max(1, edges.length)));
  const values = new Array<number>(edges.length).fill(NaN);
  let hotExposure = 0;
  let hotShare = 0;
  let hotLength = 0;
  for (const h of opt.hotspots) {
    let len = 0;
    for (let i = h.fromIndex; i <= h.toIndex && i < edges.length; i++) len += lengths[i] ?? 0;
    if (len <= 0) continue;
    const perKm = h.exposure / (len / 1000);
    for (let i = Math.max(0, h.fromIndex); i <= h.toIndex && i < edges.length; i++) if (Number.isNaN(values[i]!)) values[i] = perKm;
    hotExposure += h.exposure;
    hotShare += h.share;
    hotLength += len;
  }
  const nominalTotal = hotShare > 0 ? hotExposure / hotShare : opt.exposure.total.p50;
  const restLength = Math.max(0, opt.route.lengthM - hotLength);
  const restPerKm = restLength > 0 ? Math.max(0, nominalTotal - hotExposure) / (restLength / 1000) : 0;
  return values.map((v) => (Number.isNaN(v) ? restPerKm : v));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function routePieces(graph: RoadGraph | undefined, opt: OptionResult): ReportOption['pieces'] {
  const edges = opt.route.edges;
  const canUseEdges = graph !== undefined && edges.length > 0 && edges.every((e) => e >= 0 && e < graph.edgeCount);
  if (!canUseEdges) {
    const line = encodeLine(opt.route.coordinates);
    return line ? [{ line, exposurePerKm: opt.route.lengthM > 0 ? round3(opt.exposure.total.p50 / (opt.route.lengthM / 1000)) : 0 }] : [];
  }
  const perKm = perEdgeExposurePerKm(graph, opt).map(round3);
  const pieces: ReportOption['pieces'] = [];
  let coords: [number, number][] = [];
  let current = perKm[0] ?? 0;
  const flush = (): void => {
    const line = encodeLine(coords);
    if (line) pieces.push({ line, exposurePerKm: current });
  };
  for (let i = 0; i < edges.length; i++) {
    const v = perKm[i] ?? 0;
    const g = edgeCoords(graph, edges[i]!)!;
    if (i > 0 && v !== current) {
      flush();
      // Start the next piece where the last one ended, so the line has no gap.
      coords = coords.length > 0 ? [coords[coords.length - 1]!] : [];
      current = v;
    }
    for (const p of coords.length > 0 ? g.slice(1) : g) coords.push(p);
  }
  flush();
  return pieces;
}

/**
 * Pieces from the engine's per-edge exposure: consecutive edges grouped into stretches of at least
 * MIN_STRETCH_M (a junction wait on a 5 m edge would otherwise read as an absurd rate), each stretch
 * drawn with its exposure per km.
 */
export function profilePieces(graph: RoadGraph, profile: ExposureProfile): ReportOption['pieces'] {
  const pieces: ReportOption['pieces'] = [];
  let coords: [number, number][] = [];
  let len = 0;
  let exp = 0;
  const flush = (): void => {
    const line = encodeLine(coords);
    if (line) pieces.push({ line, exposurePerKm: len > 0 ? round3(exp / (len / 1000)) : 0 });
    coords = coords.length > 0 ? [coords[coords.length - 1]!] : [];
    len = 0;
    exp = 0;
  };
  for (let i = 0; i < profile.edges.length; i++) {
    const e = profile.edges[i]!;
    if (e < 0 || e >= graph.edgeCount) continue;
    const g = graph.edgeGeometry(e);
    for (const p of coords.length > 0 ? g.slice(1) : g) coords.push(p);
    len += profile.lengthM[i] ?? graph.lengthM[e]!;
    exp += profile.exposure[i] ?? 0;
    if (len >= MIN_STRETCH_M) flush();
  }
  if (coords.length > 1 && len > 0) flush();
  return pieces;
}

/** The sampled run as a timed track: every vertex of every traversed edge gets a time (by length). */
export function playbackView(graph: RoadGraph | undefined, pb: RunPlayback): Playback {
  const track: number[] = [];
  const push = (lon: number, lat: number, t: number): void => {
    const x = quantise(lon);
    const y = quantise(lat);
    const k = track.length;
    if (k >= 3 && track[k - 3] === x && track[k - 2] === y) {
      track[k - 1] = Math.round(t * 10) / 10; // same place: keep the later time (waiting there)
      return;
    }
    track.push(x, y, Math.round(t * 10) / 10);
  };
  for (const step of pb.trajectory) {
    const g = edgeCoords(graph, step.edge);
    if (!g || g.length < 2) continue;
    const cum = [0];
    for (let i = 1; i < g.length; i++) {
      const [ax, ay] = g[i - 1]!;
      const [bx, by] = g[i]!;
      const k = Math.cos((ay * Math.PI) / 180);
      cum.push(cum[i - 1]! + Math.hypot((bx - ax) * k, by - ay));
    }
    const total = cum[cum.length - 1]! || 1;
    for (let i = 0; i < g.length; i++) {
      push(g[i]![0], g[i]![1], step.entryS + ((step.exitS - step.entryS) * cum[i]!) / total);
    }
  }
  return {
    sampleIndex: pb.sample,
    track,
    stops: pb.stops.map((s) => ({ fromS: s.atS, toS: s.atS + s.durationS, lon: s.lon, lat: s.lat, reason: s.reason })),
    events: pb.events.map((e) => ({ tS: e.timeS, kind: e.kind, message: e.message, lon: e.lon, lat: e.lat })),
  };
}
